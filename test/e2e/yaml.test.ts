/**
 * +yaml end to end: the real bin against the loopback hierarchy (lookups, +trace), a transfer server
 * and a hostile server; every output must parse as YAML and hold dig's items.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TWO_MESSAGE_AXFR } from '../fixtures/packets/transfer.js';
import { runAgainst, assertPrintable } from '../hostile/cli.js';
import { hostileReply } from '../render/yamlFixtures.js';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { TRACE_CASES } from '../support/hierarchyCases.js';
import { ADDR } from '../support/hierarchyZones.js';
import { runBin, type CliRun } from '../support/runCli.js';
import { member, parseYamlItems, type YamlItem } from '../support/yamlDocument.js';
import { startZoneServer } from '../support/zoneServer.js';

let hierarchy: Hierarchy;
before(async () => {
  hierarchy = await startHierarchy();
});
after(async () => {
  await hierarchy?.close();
});

function at(address: string, args: string[]): Promise<CliRun> {
  return runBin([`@${address}`, '-p', String(hierarchy.port), '+timeout=1', '+tries=1', ...args]);
}

/** The items of a run's stdout, which must be valid YAML and printable. */
function items(run: CliRun): YamlItem[] {
  assertPrintable(run.stdout, 'stdout');
  return parseYamlItems(run.stdout);
}

const data = (item: YamlItem | undefined, kind = 'response'): unknown =>
  member(item, ['message', `${kind}_message_data`]);

test('+yaml lookup: one MESSAGE item with the wire facts, header, OPT pseudosection and sections; exit 0', async () => {
  const run = await at(ADDR.example, ['example.test', 'A', '+yaml']);
  assert.equal(run.code, 0, run.stderr);
  const [item, ...rest] = items(run);
  assert.equal(rest.length, 0);
  assert.equal(item.type, 'MESSAGE');
  const message = item.message as Record<string, unknown>;
  assert.equal(message.type, 'AUTH_RESPONSE');
  assert.ok(message.query_time instanceof Date && message.response_time instanceof Date);
  assert.deepEqual(
    [message.socket_family, message.socket_protocol, message.response_address, message.response_port],
    ['INET', 'UDP', ADDR.example, hierarchy.port],
  );
  assert.deepEqual([message.query_address, message.query_port], ['0.0.0.0', 0]);
  const reply = data(item) as Record<string, unknown>;
  assert.deepEqual(
    [reply.opcode, reply.status, reply.flags, reply.QUESTION, reply.ANSWER],
    ['QUERY', 'NOERROR', 'qr aa rd', 1, 1],
  );
  assert.deepEqual(reply.QUESTION_SECTION, ['example.test. IN A']);
  assert.deepEqual(reply.ANSWER_SECTION, ['example.test. 3600 IN A 192.0.2.1']);
  assert.equal(member(reply, ['OPT_PSEUDOSECTION', 'EDNS', 'udp']), 1232);
  assert.doesNotMatch(run.stdout, /<<>>|;;/);
});

test('+yaml +qr: the query first (RECURSIVE_QUERY, no response_time), then the reply; +noyaml goes back to text', async () => {
  const run = await at(ADDR.example, ['example.test', '+yaml', '+qr']);
  const [query, reply] = items(run);
  assert.equal(member(query, ['message', 'type']), 'RECURSIVE_QUERY');
  assert.equal(member(query, ['message', 'response_time']), undefined);
  assert.equal(member(data(query, 'query'), ['flags']), 'rd ad');
  assert.equal(member(reply, ['message', 'type']), 'AUTH_RESPONSE');
  assert.equal(member(data(query, 'query'), ['id']), member(data(reply), ['id']));
  const text = await at(ADDR.example, ['example.test', '+yaml', '+noyaml']);
  assert.match(text.stdout, /^;; ->>HEADER<<-/m);
});

test('+yaml: the last view asked for wins; +short before +yaml keeps its sections', async () => {
  const short = await at(ADDR.example, ['example.test', '+yaml', '+short']);
  assert.equal(short.stdout, '192.0.2.1\n');
  const run = await at(ADDR.example, ['example.test', '+short', '+yaml']);
  const reply = data(items(run)[0]) as Record<string, unknown>;
  assert.deepEqual(
    Object.keys(reply).filter((key) => key.endsWith('SECTION')),
    ['ANSWER_SECTION'],
  );
});

test('+yaml with several queries: one flat list, in command-line order', async () => {
  const run = await at(ADDR.example, ['example.test', 'nope.example.test', '+yaml']);
  const statuses = items(run).map((item) => member(data(item), ['status']));
  assert.deepEqual(statuses, ['NOERROR', 'NXDOMAIN']);
});

test('+yaml and no reply: a DIG_ERROR item, no banner, exit 9', async () => {
  const run = await at(ADDR.silent, ['example.test', '+yaml', '+cmd']);
  assert.equal(run.code, 9);
  assert.deepEqual(items(run), [{ type: 'DIG_ERROR', message: 'no servers could be reached\n' }]);
});

test('+trace +yaml: each hop a MESSAGE item as dig prints them (no OPT, answer and authority), exit 0', async () => {
  const run = await at(ADDR.root, [TRACE_CASES.plain.name, '+trace', '+yaml']);
  assert.equal(run.code, 0, run.stderr);
  const hops = items(run);
  const addresses = hops.map((item) => member(item, ['message', 'response_address']));
  assert.deepEqual([addresses[0], addresses[1], addresses[3]], [ADDR.root, ADDR.root, ADDR.example]);
  assert.equal(hops.length, 4);
  assert.deepEqual(member(data(hops[0]), ['ANSWER_SECTION']), ['. 518400 IN NS a.root-servers.test.']);
  assert.equal(member(data(hops[0]), ['flags']), 'qr aa rd');
  assert.equal(member(data(hops[3]), ['OPT_PSEUDOSECTION']), undefined);
  assert.deepEqual(member(data(hops[3]), ['ANSWER_SECTION']), ['example.test. 3600 IN A 192.0.2.1']);
  assert.doesNotMatch(run.stdout, /;;/);
});

test('+trace +yaml that cannot finish: the hops, then a DIG_ERROR item, exit 9', async () => {
  const run = await at(ADDR.root, [TRACE_CASES.loop.name, '+trace', '+yaml']);
  assert.equal(run.code, 9);
  const list = items(run);
  assert.equal(list.at(-1)?.type, 'DIG_ERROR');
  assert.ok(list.length > 2);
});

test('+validate with +yaml is bad input: one line, exit 1, nothing sent', async () => {
  const run = await at(ADDR.example, ['example.test', '+validate', '+yaml']);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^tsdig: \+validate prints its verdict in the dig layout or JSON, not \+yaml/);
});

test('AXFR +yaml: one MESSAGE item per message as it arrives (TCP), +onesoa keeps the counts', async () => {
  const zone = { replies: TWO_MESSAGE_AXFR.map((bytes) => ({ bytes })) };
  const run = await runAgainst([zone], ['example.test', 'AXFR', '+yaml', '+timeout=2', '+tries=1']);
  assert.equal(run.code, 0, run.stderr);
  const messages = items(run);
  assert.equal(messages.length, 2);
  assert.equal(member(messages[0], ['message', 'socket_protocol']), 'TCP');
  assert.equal(member(data(messages[0]), ['QUESTION_SECTION']), undefined);
  const answers = messages.flatMap((item) => member(data(item), ['ANSWER_SECTION']) as string[]);
  assert.equal(answers.length, 4);
  assert.match(answers[0], /^example\.test\. 3600 IN SOA /);
  const one = await runAgainst([zone], ['example.test', 'AXFR', '+yaml', '+onesoa', '+timeout=2', '+tries=1']);
  const last = items(one)[1];
  assert.equal(member(data(last), ['ANSWER']), (member(data(messages[1]), ['ANSWER_SECTION']) as string[]).length);
  assert.ok(!(member(data(last), ['ANSWER_SECTION']) as string[]).some((rr) => / SOA /.test(rr)));
});

test('a refused AXFR +yaml: the reply, then a DIG_ERROR item instead of dig\'s "; Transfer failed." (exit 0, as dig)', async () => {
  const server = await startZoneServer({ address: '127.0.0.72', zones: [], behaviour: 'refused' });
  try {
    const run = await runBin(['@127.0.0.72', '-p', String(server.port), 'example.test', 'AXFR', '+yaml', '+tries=1']);
    assert.equal(run.code, 0, run.stderr);
    const list = items(run);
    assert.equal(member(data(list[0]), ['status']), 'REFUSED');
    assert.deepEqual(list[1], { type: 'DIG_ERROR', message: 'Transfer failed.\n' });
  } finally {
    await server.close();
  }
});

test('+nssearch +yaml: each name server SOA reply as a bare header, as dig prints it', async () => {
  const origin = 'yaml.test.';
  const soa = { mname: `ns1.${origin}`, rname: `h.${origin}`, serial: 7, refresh: 1, retry: 2, expire: 3, minimum: 4 };
  const server = await startZoneServer({
    address: '127.0.0.73',
    zones: [
      {
        origin,
        records: [
          { name: origin, type: 'SOA', data: soa },
          { name: origin, type: 'NS', data: `ns1.${origin}` },
          { name: `ns1.${origin}`, type: 'A', data: '127.0.0.73' },
        ],
      },
    ],
  });
  try {
    const run = await runBin(['@127.0.0.73', '-p', String(server.port), 'yaml.test', '+nssearch', '+yaml']);
    assert.equal(run.code, 0, run.stderr);
    const [item, ...rest] = items(run);
    assert.equal(rest.length, 0);
    const reply = data(item) as Record<string, unknown>;
    assert.deepEqual([reply.status, reply.flags, reply.ANSWER], ['NOERROR', 'qr aa', 1]);
    assert.deepEqual(
      Object.keys(reply).filter((key) => key.endsWith('SECTION')),
      [],
    );
  } finally {
    await server.close();
  }
});

test('a hostile reply through the real bin: valid YAML, nothing raw on the terminal, quotes doubled', async () => {
  const run = await runAgainst([{ replies: [{ bytes: hostileReply }] }], ['example.test', 'TXT', '+yaml', '+tries=1']);
  assert.equal(run.code, 0, run.stderr);
  const reply = data(items(run)[0]);
  assert.ok((member(reply, ['ANSWER_SECTION']) as string[]).includes("a'b.x. 60 IN A 192.0.2.1"));
  assert.match(run.stdout, /EXTRA-TEXT: "bad 'text' \\"q\\" \\\\ \.\[31m \\u202e"/);
});
