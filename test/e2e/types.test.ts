/** +types and +types=common through the real bin: several types of one name at once, one report, NODATA and NXDOMAIN marked. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runBin, runMain } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { smallZone } from '../support/exampleZones.js';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;

const origin = 'types.test.';
let server: ZoneServer;

before(async () => {
  server = await startZoneServer({
    address: '127.0.0.1',
    zones: [
      smallZone(origin, 7, [
        [`www.${origin}`, 'A', '192.0.2.1'],
        [`www.${origin}`, 'A', '192.0.2.2'],
        [`www.${origin}`, 'MX', { preference: 10, exchange: `mail.${origin}` }],
      ]),
    ],
  });
});
after(async () => {
  await server.close();
});

const at = (): string[] => [`@${server.address}`, '-p', String(server.port)];
const asked = (name: string): string[] => server.queries.filter((q) => q.name === name).map((q) => q.type);

test('+types=A,AAAA,MX: each reply in dig text in the order given, then one TYPES line marking NODATA; exit 0', async () => {
  const before = server.queries.length;
  const r = await runBin([...at(), 'www.types.test', '+types=A,AAAA,MX']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const questions = [...r.stdout.matchAll(/^;www\.types\.test\.\s+IN\s+(\w+)$/gm)].map((m) => m[1]);
  assert.deepEqual(questions, ['A', 'AAAA', 'MX']);
  assert.equal(r.stdout.match(/<<>> tsdig/g)?.length, 1, 'one command header');
  assert.match(r.stdout, /^;; TYPES www\.types\.test\.: A 2, AAAA NODATA, MX 1\n$/m);
  assert.ok(r.stdout.endsWith(';; TYPES www.types.test.: A 2, AAAA NODATA, MX 1\n'));
  assert.deepEqual(
    server.queries
      .slice(before)
      .map((q) => q.type)
      .sort(),
    ['A', 'AAAA', 'MX'],
  );
});

test('+types=common: the ten types, NXDOMAIN marked for each; +short prints only the records', async () => {
  const r = await runBin([...at(), 'nowhere.types.test', '+types=common']);
  assert.equal(r.code, 0, r.stderr);
  const line = r.stdout.split('\n').find((l) => l.startsWith(';; TYPES'));
  assert.equal(
    line,
    ';; TYPES nowhere.types.test.: A NXDOMAIN, AAAA NXDOMAIN, CNAME NXDOMAIN, MX NXDOMAIN, NS NXDOMAIN, SOA NXDOMAIN, TXT NXDOMAIN, CAA NXDOMAIN, HTTPS NXDOMAIN, DS NXDOMAIN',
  );
  // The test server's decoder calls HTTPS by its number.
  assert.deepEqual(asked('nowhere.types.test').sort(), [
    'A',
    'AAAA',
    'CAA',
    'CNAME',
    'DS',
    'MX',
    'NS',
    'SOA',
    'TXT',
    'UNKNOWN_65',
  ]);
  const short = await runBin([...at(), 'www.types.test', '+types=MX,AAAA,A', '+short']);
  assert.equal(short.stdout, '10 mail.types.test.\n192.0.2.1\n192.0.2.2\n');
});

test('+types --json: one array of lookup documents in the order given, each with its outcome, valid against the schema', async () => {
  const r = await runBin([...at(), '--json', 'www.types.test', '+types=A,AAAA', 'nowhere.types.test', '+types=TXT']);
  assert.equal(r.code, 0, r.stderr);
  const docs = JSON.parse(r.stdout);
  assert.deepEqual(validateJson(docs, schema), []);
  assert.deepEqual(
    docs.map((d: { query: { type: string }; status: string; outcome: string }) => [d.query.type, d.status, d.outcome]),
    [
      ['A', 'NOERROR', 'answer'],
      ['AAAA', 'NOERROR', 'nodata'],
      ['TXT', 'NXDOMAIN', 'nxdomain'],
    ],
  );
  const ndjson = await runBin([...at(), '--ndjson', 'www.types.test', '+types=A,MX']);
  assert.deepEqual(
    ndjson.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).outcome),
    ['answer', 'answer'],
  );
});

test('+types --table: one table, a row per record and one per type without records', async () => {
  const r = await runMain([...at(), '--table', 'www.types.test', '+types=A,AAAA']);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('│') || l.startsWith('|'))
    .map((l) =>
      l
        .split(/[│|]/)
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  assert.deepEqual(rows, [
    ['Type', 'Status', 'Name', 'TTL', 'Data'],
    ['A', 'NOERROR', 'www.types.test.', '300 (5m)', '192.0.2.1'],
    ['A', 'NOERROR', 'www.types.test.', '300 (5m)', '192.0.2.2'],
    ['AAAA', 'NODATA', 'www.types.test.', '', ''],
  ]);
});

test('+types: a silent server is "no reply" for each type and exit 9', async () => {
  const r = await runMain(['@127.0.0.1', '-p', '9', '+timeout=1', '+tries=1', 'www.types.test', '+types=A,MX']);
  assert.equal(r.code, 9);
  assert.match(r.stdout, /^;; TYPES www\.types\.test\.: A no reply, MX no reply$/m);
});

test('+types: bad input is one line, exit 1, nothing sent', async () => {
  const before = server.queries.length;
  for (const [args, message] of [
    [['+types=A,BOGUS'], "invalid +types value 'A,BOGUS': 'BOGUS' is not a record type"],
    [['+types=A,AXFR'], "invalid +types value 'A,AXFR': AXFR cannot be one of several types"],
    [['+types=A,', 'x'], "invalid +types value 'A,': '' is not a record type"],
    [
      ['+types=common', '+trace'],
      '+types asks for several types in one lookup, not with +trace: leave out one of the two',
    ],
  ] as const) {
    const r = await runMain([...at(), 'www.types.test', ...args]);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, `tsdig: ${message}\n`);
    assert.equal(r.stdout, '');
  }
  assert.equal(server.queries.length, before);
});
