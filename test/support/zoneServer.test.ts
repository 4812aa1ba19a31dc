import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startZoneServer, type ZoneServer } from './zoneServer.js';
import { choosePort } from './ports.js';
import { buildQuery, decode, tcpExchange, udpQuery, udpExchange, type Target } from './dnsClient.js';
import type { ZoneData } from './zoneAnswer.js';

const soa = {
  mname: 'ns1.example.',
  rname: 'hostmaster.example.',
  serial: 1,
  refresh: 3600,
  retry: 600,
  expire: 86400,
  minimum: 300,
};

const exampleZone: ZoneData = {
  origin: 'example.',
  records: [
    { name: 'example.', type: 'SOA', ttl: 3600, data: soa },
    { name: 'example.', type: 'NS', data: 'ns1.example.' },
    { name: 'ns1.example.', type: 'A', data: '127.0.0.1' },
    { name: 'example.', type: 'A', ttl: 60, data: '192.0.2.1' },
    { name: 'example.', type: 'MX', data: { preference: 10, exchange: 'mail.example.' } },
    {
      name: 'example.',
      type: 'RRSIG',
      data: {
        typeCovered: 'A',
        algorithm: 13,
        labels: 1,
        originalTTL: 60,
        expiration: 2000000000,
        inception: 1700000000,
        keyTag: 1,
        signersName: 'example.',
        signature: Buffer.from('c2ln', 'base64'),
      },
    },
    { name: 'mail.example.', type: 'A', data: '192.0.2.25' },
    { name: 'www.example.', type: 'CNAME', data: 'alias.example.' },
    { name: 'alias.example.', type: 'CNAME', data: 'example.' },
    { name: 'out.example.', type: 'CNAME', data: 'elsewhere.invalid.' },
    { name: 'gone.example.', type: 'CNAME', data: 'missing.example.' },
    { name: 'deep.ent.example.', type: 'TXT', data: 'below an empty non-terminal' },
    { name: '*.wild.example.', type: 'A', data: '192.0.2.99' },
    { name: 'child.example.', type: 'NS', data: 'ns.child.example.' },
    { name: 'child.example.', type: 'NS', data: 'ns.other.invalid.' },
    { name: 'ns.child.example.', type: 'A', data: '127.0.0.9' },
    { name: 'ns.child.example.', type: 'AAAA', data: '::1' },
    { name: 'big.example.', type: 'TXT', data: Array.from({ length: 8 }, (_, i) => `${i}`.padEnd(100, 'x')) },
  ],
};

describe('zone server (normal behaviour)', () => {
  let server: ZoneServer;
  let target: Target;
  before(async () => {
    server = await startZoneServer({ address: '127.0.0.1', zones: [exampleZone] });
    target = { address: server.address, port: server.port };
  });
  after(() => server.close());

  const ask = async (name: string, type: string, extra: Partial<Parameters<typeof buildQuery>[0]> = {}) => {
    const reply = await udpQuery(target, buildQuery({ name, type, ...extra }));
    assert.ok(reply, `no reply for ${name} ${type}`);
    return decode(reply);
  };

  test("answers authoritatively, echoing id, rd and the question in the client's case", async () => {
    const reply = await ask('ExAmple.', 'A', { id: 4242, rd: true });
    assert.equal(reply.id, 4242);
    assert.equal(reply.flag_aa, true);
    assert.equal(reply.flag_rd, true);
    assert.equal(reply.flag_ra, false);
    assert.equal(reply.rcode, 'NOERROR');
    assert.deepEqual(reply.questions, [{ name: 'ExAmple', type: 'A', class: 'IN' }]);
    assert.deepEqual(
      reply.answers?.map((a) => [a.type, a.data, a.ttl]),
      [['A', '192.0.2.1', 60]],
    );
  });

  test('adds addresses of MX targets to the additional section', async () => {
    const reply = await ask('example.', 'MX');
    assert.deepEqual(
      reply.additionals?.map((a) => [a.name, a.data]),
      [['mail.example', '192.0.2.25']],
    );
  });

  test('follows a CNAME chain inside its zones', async () => {
    const reply = await ask('www.example.', 'A');
    assert.deepEqual(
      reply.answers?.map((a) => [a.name, a.type, a.data]),
      [
        ['www.example', 'CNAME', 'alias.example'],
        ['alias.example', 'CNAME', 'example'],
        ['example', 'A', '192.0.2.1'],
      ],
    );
    assert.equal(reply.flag_aa, true);
  });

  test('returns only the CNAME when the target is outside its zones', async () => {
    const reply = await ask('out.example.', 'A');
    assert.equal(reply.rcode, 'NOERROR');
    assert.deepEqual(
      reply.answers?.map((a) => a.type),
      ['CNAME'],
    );
  });

  test('a CNAME to a missing name gives NXDOMAIN with the CNAME in the answer', async () => {
    const reply = await ask('gone.example.', 'A');
    assert.equal(reply.rcode, 'NXDOMAIN');
    assert.deepEqual(
      reply.answers?.map((a) => a.type),
      ['CNAME'],
    );
  });

  test('NXDOMAIN carries the SOA with TTL = min(SOA TTL, minimum)', async () => {
    const reply = await ask('nope.example.', 'A');
    assert.equal(reply.rcode, 'NXDOMAIN');
    assert.equal(reply.flag_aa, true);
    assert.equal(reply.answers?.length, 0);
    assert.deepEqual(
      reply.authorities?.map((a) => [a.type, a.ttl]),
      [['SOA', 300]],
    );
  });

  test('NODATA: NOERROR, no answer, SOA in authority (also for an empty non-terminal)', async () => {
    for (const name of ['mail.example.', 'ent.example.']) {
      const reply = await ask(name, 'AAAA');
      assert.equal(reply.rcode, 'NOERROR', name);
      assert.equal(reply.answers?.length, 0, name);
      assert.deepEqual(
        reply.authorities?.map((a) => a.type),
        ['SOA'],
        name,
      );
    }
  });

  test('refers to a child zone at a cut: no aa, NS in authority, only in-zone glue', async () => {
    const reply = await ask('www.child.example.', 'A');
    assert.equal(reply.rcode, 'NOERROR');
    assert.equal(reply.flag_aa, false);
    assert.equal(reply.answers?.length, 0);
    assert.deepEqual(
      reply.authorities?.map((a) => [a.name, a.type, a.data]),
      [
        ['child.example', 'NS', 'ns.child.example'],
        ['child.example', 'NS', 'ns.other.invalid'],
      ],
    );
    assert.deepEqual(
      reply.additionals?.map((a) => [a.name, a.type, a.data]),
      [
        ['ns.child.example', 'A', '127.0.0.9'],
        ['ns.child.example', 'AAAA', '::1'],
      ],
    );
  });

  test('refuses names outside its zones', async () => {
    const reply = await ask('example.org.', 'A');
    assert.equal(reply.rcode, 'REFUSED');
    assert.equal(reply.flag_aa, false);
  });

  test('synthesizes from a wildcard, with the queried owner name', async () => {
    const reply = await ask('a.b.wild.example.', 'A');
    assert.deepEqual(
      reply.answers?.map((a) => [a.name, a.data]),
      [['a.b.wild.example', '192.0.2.99']],
    );
  });

  test('ANY returns every type at the name', async () => {
    const reply = await ask('example.', 'ANY');
    assert.deepEqual(new Set(reply.answers?.map((a) => a.type)), new Set(['SOA', 'NS', 'A', 'MX']));
  });

  test('EDNS: OPT echoed with 1232 and DO; RRSIG included only with DO', async () => {
    const withDo = await ask('example.', 'A', { edns: { udpSize: 4096, do: true } });
    const opt = withDo.additionals?.find((a) => a.type === 'OPT');
    assert.ok(opt, 'the reply has an OPT record');
    assert.equal(opt.udpPayloadSize, 1232);
    assert.equal(opt.flag_do, true);
    assert.deepEqual(
      withDo.answers?.map((a) => a.type),
      ['A', 'RRSIG'],
    );
    const withoutDo = await ask('example.', 'A', { edns: { udpSize: 4096 } });
    assert.deepEqual(
      withoutDo.answers?.map((a) => a.type),
      ['A'],
    );
    const noEdns = await ask('example.', 'A');
    assert.equal(
      noEdns.additionals?.some((a) => a.type === 'OPT'),
      false,
    );
  });

  test('EDNS version 1 gets BADVERS', async () => {
    const reply = await ask('example.', 'A', { edns: { version: 1 } });
    const opt = reply.additionals?.find((a) => a.type === 'OPT');
    assert.ok(opt, 'the reply has an OPT record');
    assert.equal(opt.extendedRcode, 1);
    assert.equal(reply.answers?.length, 0);
  });

  test('truncates over UDP past 512 without EDNS, keeping the question; EDNS size is honoured', async () => {
    const truncated = await ask('big.example.', 'TXT');
    assert.equal(truncated.flag_tc, true);
    assert.equal(truncated.questions?.length, 1);
    assert.equal(truncated.answers?.length, 0);
    const fits = await ask('big.example.', 'TXT', { edns: { udpSize: 1232 } });
    assert.equal(fits.flag_tc, false);
    assert.equal(fits.answers?.length, 1);
  });

  test('TCP: several queries on one connection, length-prefixed, never truncated', async () => {
    const outcome = await tcpExchange(target, [
      buildQuery({ name: 'big.example.', type: 'TXT', id: 1 }),
      buildQuery({ name: 'example.', type: 'A', id: 2 }),
    ]);
    assert.equal(outcome.frames.length, 2);
    const [first, second] = outcome.frames.map(decode);
    assert.equal(first!.id, 1);
    assert.equal(first!.flag_tc, false);
    assert.equal(first!.answers?.length, 1);
    assert.equal(second!.id, 2);
  });

  test('logs every query with name, type, protocol and rd', async () => {
    const before = server.count();
    await ask('Log.Example.', 'MX', { rd: true });
    assert.equal(server.count(), before + 1);
    assert.deepEqual((({ name, type, protocol, rd }) => ({ name, type, protocol, rd }))(server.queries.at(-1)!), {
      name: 'Log.Example',
      type: 'MX',
      protocol: 'udp',
      rd: true,
    });
  });

  test('a non-QUERY opcode gets NOTIMP with the opcode echoed', async () => {
    const reply = await ask('example.', 'A', { opcode: 2 });
    assert.equal(reply.rcode, 'NOTIMP');
    assert.equal(reply.opcode, 'STATUS');
  });
});

describe('zone server behaviours', () => {
  const servers: ZoneServer[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));
  const start = async (options: Omit<Parameters<typeof startZoneServer>[0], 'address' | 'zones'>) => {
    const server = await startZoneServer({ address: '127.0.0.1', zones: [exampleZone], ...options });
    servers.push(server);
    return { server, target: { address: server.address, port: server.port } };
  };
  const query = buildQuery({ name: 'example.', type: 'A' });

  test('silent never answers but counts the query', async () => {
    const { server, target } = await start({ behaviour: 'silent' });
    assert.equal(await udpQuery(target, query, 300), null);
    assert.equal(server.count(), 1);
  });

  test('refused and servfail answer that rcode to everything', async () => {
    for (const [behaviour, rcode] of [
      ['refused', 'REFUSED'],
      ['servfail', 'SERVFAIL'],
    ] as const) {
      const { target } = await start({ behaviour });
      const reply = await udpQuery(target, query);
      assert.equal(decode(reply!).rcode, rcode);
    }
  });

  test('lame answers NOERROR with no aa, no answer and no referral', async () => {
    const { target } = await start({ behaviour: 'lame' });
    const reply = decode((await udpQuery(target, query))!);
    assert.equal(reply.rcode, 'NOERROR');
    assert.equal(reply.flag_aa, false);
    assert.equal((reply.answers?.length ?? 0) + (reply.authorities?.length ?? 0), 0);
  });

  test('tc-always truncates every UDP reply but answers over TCP', async () => {
    const { target } = await start({ behaviour: 'tc-always' });
    assert.equal(decode((await udpQuery(target, query))!).flag_tc, true);
    const outcome = await tcpExchange(target, [query]);
    const overTcp = decode(outcome.frames[0]!);
    assert.equal(overTcp.flag_tc, false);
    assert.equal(overTcp.answers?.length, 1);
  });

  test('drop-first-udp ignores only the first UDP query', async () => {
    const { server, target } = await start({ behaviour: 'drop-first-udp' });
    assert.equal(await udpQuery(target, query, 300), null);
    assert.ok(await udpQuery(target, query));
    assert.equal(server.count(), 2);
  });

  test('a delay holds the reply back but still sends it', async () => {
    const { target } = await start({ delayMs: 150 });
    const replies = await udpExchange(target, query, 50);
    assert.equal(replies.length, 0);
    assert.ok(await udpQuery(target, query, 2000));
  });

  test('the respond hook overrides: bytes, null for silence, undefined for normal', async () => {
    const { target } = await start({
      respond: (q) =>
        q.name === 'silent.example'
          ? null
          : q.name === 'custom.example'
            ? Buffer.from([q.raw[0]!, q.raw[1]!, 0x81, 0x85, 0, 0, 0, 0, 0, 0, 0, 0])
            : undefined,
    });
    assert.equal(await udpQuery(target, buildQuery({ name: 'silent.example.', type: 'A' }), 300), null);
    const custom = await udpQuery(target, buildQuery({ name: 'custom.example.', type: 'A', id: 77 }));
    assert.equal(decode(custom!).id, 77);
    assert.equal(decode(custom!).rcode, 'REFUSED');
    assert.equal(decode((await udpQuery(target, query))!).answers?.length, 1);
  });

  test('choosePort finds one port several loopback servers (and ::1) can share', async () => {
    const addresses = ['127.0.0.2', '127.0.0.3', '::1'];
    const port = await choosePort(addresses);
    const shared = await Promise.all(
      addresses.map((address) => startZoneServer({ address, port, zones: [exampleZone] })),
    );
    servers.push(...shared);
    for (const s of shared) {
      assert.equal(s.port, port);
      const reply = await udpQuery({ address: s.address, port }, query);
      assert.equal(decode(reply!).answers?.[0]?.data, '192.0.2.1');
    }
  });
});
