/** +nssearch and +showsearch through the CLI, against in-process servers on loopback sharing one port (as -p applies to all). */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { choosePort } from '../support/ports.js';
import { runMain, writeResolvConf } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { startZoneServer, type ZoneData, type ZoneRecord, type ZoneServer } from '../support/zoneServer.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;

const RESOLVER = '127.0.0.60';
const rr = (name: string, type: string, data: unknown): ZoneRecord => ({ name, type, data, ttl: 3600 });
const soa = (origin: string, serial: number): ZoneRecord =>
  rr(origin, 'SOA', {
    mname: `ns1.${origin}`,
    rname: `hostmaster.${origin}`,
    serial,
    refresh: 7200,
    retry: 3600,
    expire: 1209600,
    minimum: 300,
  });

/** multi.nss.test. as each server has it: ns1 (IPv4 and IPv6, two serials), ns2 refusing, ns3 silent, ns4 closed, ns5 with no address. */
function multi(serial: number): ZoneData {
  const origin = 'multi.nss.test.';
  return {
    origin,
    records: [
      soa(origin, serial),
      ...['ns1', 'ns2', 'ns3', 'ns4'].map((ns) => rr(origin, 'NS', `${ns}.${origin}`)),
      rr(origin, 'NS', 'ns5.nowhere.nss.test.'),
      rr(`ns1.${origin}`, 'A', '127.0.0.61'),
      rr(`ns1.${origin}`, 'AAAA', '::1'),
      rr(`ns2.${origin}`, 'A', '127.0.0.62'),
      rr(`ns3.${origin}`, 'A', '127.0.0.63'),
      rr(`ns4.${origin}`, 'A', '127.0.0.64'),
      rr(`www.${origin}`, 'A', '192.0.2.1'),
    ],
  };
}
const dead: ZoneData = {
  origin: 'dead.nss.test.',
  records: [
    soa('dead.nss.test.', 1),
    rr('dead.nss.test.', 'NS', 'ns3.multi.nss.test.'),
    rr('dead.nss.test.', 'NS', 'ns4.multi.nss.test.'),
  ],
};
const searchZones: ZoneData[] = [
  { origin: 'nx1.nss.test.', records: [soa('nx1.nss.test.', 1), rr('nx1.nss.test.', 'NS', 'ns1.multi.nss.test.')] },
  {
    origin: 'found.nss.test.',
    records: [
      soa('found.nss.test.', 1),
      rr('found.nss.test.', 'NS', 'ns1.multi.nss.test.'),
      rr('host.found.nss.test.', 'A', '192.0.2.9'),
    ],
  },
];

let port: number;
let servers: ZoneServer[] = [];
let resolvConf: string;

before(async () => {
  // 127.0.0.64 is chosen free too: nothing listens there (connection refused).
  port = await choosePort([RESOLVER, '127.0.0.61', '127.0.0.62', '127.0.0.63', '127.0.0.64', '::1']);
  servers = await Promise.all([
    startZoneServer({ address: RESOLVER, port, zones: [multi(1), dead, ...searchZones] }),
    startZoneServer({ address: '127.0.0.61', port, zones: [multi(1)] }),
    startZoneServer({ address: '::1', port, zones: [multi(2)] }),
    startZoneServer({ address: '127.0.0.62', port, zones: [], behaviour: 'refused' }),
    startZoneServer({ address: '127.0.0.63', port, zones: [], behaviour: 'silent' }),
  ]);
  resolvConf = writeResolvConf([`nameserver ${RESOLVER}`, 'search nx1.nss.test found.nss.test']);
});
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const tsdig = (args: string[]) => runMain(['-p', String(port), ...args], { env: { TSDIG_RESOLV_CONF: resolvConf } });
const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

test('+nssearch: one line per name server address as the replies come, the silent one last, exit 0', async () => {
  const r = await tsdig(['+nssearch', '+timeout=1', 'multi.nss.test']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const out = lines(r.stdout);
  assert.equal(out[0], "couldn't get address for 'ns5.nowhere.nss.test': failure");
  assert.equal(out.at(-1), `;; communications error to 127.0.0.63#${port}: timed out`);
  const soaLine = (serial: number, address: string) =>
    new RegExp(
      `^SOA ns1\\.multi\\.nss\\.test\\. hostmaster\\.multi\\.nss\\.test\\. ${serial} 7200 3600 1209600 300 from server ${address.replace(/\./g, '\\.')} in \\d+ ms\\.$`,
    );
  const middle = out.slice(1, -1);
  assert.equal(middle.length, 4);
  for (const expected of [
    soaLine(1, '127.0.0.61'),
    soaLine(2, '::1'),
    /^;; REFUSED from server 127\.0\.0\.62 in \d+ ms\.$/,
    new RegExp(`^;; communications error to 127\\.0\\.0\\.64#${port}: connection refused$`),
  ]) {
    assert.equal(middle.filter((line) => expected.test(line)).length, 1, `${expected} in\n${r.stdout}`);
  }
  // The resolver was asked for the NS set and the addresses (with recursion); the name servers only for the SOA, without.
  const [resolver, ns1] = servers;
  assert.ok(resolver.queries.some((q) => q.name === 'ns1.multi.nss.test' && q.type === 'AAAA' && q.rd));
  assert.deepEqual(
    ns1.queries.slice(-1).map((q) => [q.name, q.type, q.rd]),
    [['multi.nss.test', 'SOA', false]],
  );
});

test('+nssearch -4, +tcp: IPv4 name servers only, asked over TCP', async () => {
  const r = await tsdig(['+nssearch', '-4', '+tcp', '+timeout=1', 'multi.nss.test']);
  assert.equal(r.code, 0);
  assert.ok(!r.stdout.includes('::1'), r.stdout);
  assert.match(r.stdout, /^SOA .* 1 7200 3600 1209600 300 from server 127\.0\.0\.61 in \d+ ms\.$/m);
  assert.equal(servers[1].queries.at(-1)?.protocol, 'tcp');
});

test('+nssearch: no name server answering is "NS servers could not be reached", exit 9; a name below the apex prints nothing, exit 0', async () => {
  const r = await tsdig(['+nssearch', '+timeout=1', 'dead.nss.test']);
  assert.equal(r.code, 9);
  assert.equal(lines(r.stdout).at(-1), ';; NS servers could not be reached');
  const below = await tsdig(['+nssearch', 'www.multi.nss.test']);
  assert.deepEqual([below.code, below.stdout], [0, '']);
});

test("+nssearch --json: a valid nssearch document with every server's SOA fields, RCODE or error", async () => {
  const r = await tsdig(['+nssearch', '+timeout=1', '--json', 'multi.nss.test']);
  assert.equal(r.code, 0);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(validateJson(doc, schema), []);
  assert.equal(doc.kind, 'nssearch');
  assert.equal(doc.zone, 'multi.nss.test.');
  const byAddress = Object.fromEntries(
    doc.servers.map((server: { server: { address: string } }) => [server.server.address, server]),
  );
  assert.equal(byAddress['127.0.0.61'].soa.serial, 1);
  assert.equal(byAddress['::1'].soa.serial, 2);
  assert.equal(byAddress['127.0.0.62'].status, 'REFUSED');
  assert.equal(byAddress['127.0.0.63'].error.code, 'transport.timeout');
  assert.deepEqual(doc.nameservers.at(-1), { name: 'ns5.nowhere.nss.test.', addresses: [], failure: 'failure' });
});

test('+nssearch for two zones: each block whole, in command-line order', async () => {
  const r = await tsdig(['+nssearch', '+timeout=1', 'dead.nss.test', 'multi.nss.test']);
  assert.equal(r.code, 9);
  const out = lines(r.stdout);
  assert.equal(out[2], ';; NS servers could not be reached');
  assert.equal(out[3], "couldn't get address for 'ns5.nowhere.nss.test': failure");
});

test('+showsearch: the NXDOMAIN reply of each search-list name, then the answer, each with the command header (dig 9.18)', async () => {
  const r = await tsdig(['+showsearch', '+nostats', 'host']);
  assert.equal(r.code, 0);
  const blocks = r.stdout.split(/\n; <<>> tsdig [^\n]* <<>> [^\n]*\n;; global options: \+cmd\n/);
  assert.equal(blocks.length, 3, r.stdout);
  assert.match(blocks[1], /status: NXDOMAIN[\s\S]*;host\.nx1\.nss\.test\.\t/);
  assert.match(blocks[2], /status: NOERROR[\s\S]*host\.found\.nss\.test\.\t3600\tIN\tA\t192\.0\.2\.9\n/);
  // Without +showsearch only the last reply is printed.
  const plain = await tsdig(['+search', '+nostats', 'host']);
  assert.equal(plain.stdout.match(/Got answer/g)?.length, 1);
});

test("+showsearch --json: the earlier replies are the lookup document's `searched` member", async () => {
  const r = await tsdig(['+showsearch', '--json', 'host']);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(validateJson(doc, schema), []);
  assert.equal(doc.query.name, 'host.found.nss.test.');
  assert.deepEqual(
    doc.searched.map((tried: { query: { name: string }; status: string }) => [tried.query.name, tried.status]),
    [['host.nx1.nss.test.', 'NXDOMAIN']],
  );
});
