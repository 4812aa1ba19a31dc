/**
 * The library through its public import ('tsdig', as a consumer's code names it): every call runs the
 * CLI's own pipeline against in-process loopback servers, and resolves to the document `--json`
 * prints for the same words, valid against the schema.
 */
import { steppingClock } from '../support/watchClock.js';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tsdig from 'tsdig';
import {
  AssertionFailedError,
  check,
  compare,
  explain,
  InputError,
  nssearch,
  query,
  trace,
  transfer,
  TsdigError,
  types,
  validate,
  watch,
} from 'tsdig';
import type { LookupDocument, TraceDocument, WatchEvent } from 'tsdig';
import * as fromSource from '../../src/api/index.js';
import { TWO_MESSAGE_AXFR } from '../fixtures/packets/transfer.js';
import { exampleZone } from '../support/exampleZones.js';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { ADDR } from '../support/hierarchyZones.js';
import { startHostileServer, type HostileServer } from '../support/hostileServer.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { repoRoot, runMain } from '../support/runCli.js';
import { runNode } from './runNode.js';
import { choosePort } from '../support/ports.js';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';

const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;

let zone: ZoneServer;
let axfr: HostileServer;
let hierarchy: Hierarchy;
let hintsFile: string;

before(async () => {
  zone = await startZoneServer({ zones: [exampleZone()] });
  axfr = await startHostileServer({
    address: '127.0.0.1',
    script: [{ replies: TWO_MESSAGE_AXFR.map((bytes) => ({ bytes })) }],
  });
  hierarchy = await startHierarchy();
  hintsFile = join(mkdtempSync(join(tmpdir(), 'tsdig-api-')), 'root.hints');
  writeFileSync(hintsFile, hierarchy.rootHintsText);
});
after(async () => {
  await zone?.close();
  await axfr?.close();
  await hierarchy?.close();
});

/** The zone server's address words, with one try and no cookie (so the CLI's and the library's queries are alike). */
const at = (server: { address: string; port: number } = zone): string =>
  `@${server.address} -p ${server.port} +tries=1 +timeout=2 +nocookie`;

/** A document without what differs from one run to the next: message IDs, times and round trips. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value === null || typeof value !== 'object') return value;
  const kept = Object.entries(value).filter(([key]) => !['ID', 'timing', 'time', 'rttMs', 'receivedAt'].includes(key));
  return Object.fromEntries(kept.map(([key, member]) => [key, stable(member)]));
}

/** What `tsdig WORDS --json` prints, parsed. */
async function cliJson(words: string): Promise<unknown> {
  const run = await runMain([...words.split(' '), '--json']);
  return JSON.parse(run.stdout);
}

/** Every document is valid against the schema. */
function assertValid(documents: unknown[]): void {
  for (const document of documents) assert.deepEqual(validateJson(document, schema), []);
}

test("the public import is the library's entry, and each mode has its call", () => {
  assert.equal(tsdig.query, fromSource.query);
  // The calls are the lower-case exports besides the error predicates (isTimeout, ...).
  const calls = Object.keys(tsdig).filter((name) => /^[a-z]/.test(name) && !/^is[A-Z]/.test(name));
  assert.deepEqual(calls.sort(), [
    'check',
    'compare',
    'explain',
    'nssearch',
    'query',
    'trace',
    'transfer',
    'types',
    'validate',
    'watch',
  ]);
});

test('query: the document --json prints for the same words, valid against the schema', async () => {
  const words = `mail.example.test MX ${at()}`;
  const doc: LookupDocument = await query(words);
  assertValid([doc]);
  assert.equal(doc.status, 'NOERROR');
  assert.equal(doc.message?.answerRRs[0]?.TYPEname, 'MX');
  assert.deepEqual(stable(doc), stable(await cliJson(words)));
});

test('query: an options object is the same query as its words, and the options override the words', async () => {
  const byWords = await query(`www.example.test AAAA +dnssec ${at()}`);
  const byObject = await query({
    name: 'www.example.test',
    type: 'AAAA',
    dnssec: true,
    server: zone.address,
    port: zone.port,
    tries: 1,
    timeout: 2,
    cookie: false,
  });
  assert.deepEqual(stable(byObject), stable(byWords));
  const mixed = await query(`www.example.test ${at()}`, { type: 'AAAA', dnssec: true });
  assert.deepEqual(stable(mixed), stable(byWords));
  assert.equal(byWords.message?.EDNS?.DO, true);
});

test('transfer: the zone whole, as one document (AXFR unless asked otherwise)', async () => {
  const words = `example.test ${at(axfr)}`;
  const doc = await transfer(words);
  assertValid([doc]);
  assert.deepEqual([doc.kind, doc.outcome, doc.records.length, doc.size.messages], ['transfer', 'complete', 4, 2]);
  assert.deepEqual(stable(doc), stable(await cliJson(`${words} AXFR`)));
});

test('types: one document per type, each with its outcome', async () => {
  const docs = await types(`www.example.test ${at()}`, { types: ['A', 'AAAA', 'MX'] });
  assertValid(docs);
  assert.deepEqual(
    docs.map((doc) => [doc.query.type, doc.outcome]),
    [
      ['A', 'answer'],
      ['AAAA', 'answer'],
      ['MX', 'nodata'],
    ],
  );
  assert.deepEqual(stable(docs), stable(await cliJson(`www.example.test ${at()} +types=A,AAAA,MX`)));
});

test('nssearch: each name server of the zone and its SOA', async () => {
  const words = `example.test ${at(hierarchy.byAddress.get(ADDR.example))}`;
  const doc = await nssearch(words);
  assertValid([doc]);
  assert.equal(doc.kind, 'nssearch');
  assert.deepEqual(stable(doc), stable(await cliJson(`${words} +nssearch`)));
});

test('trace: every hop from the root, through the same runner as +trace --json', async () => {
  const words = `example.test @${ADDR.root} -p ${hierarchy.port} +tries=1 +timeout=2`;
  const doc: TraceDocument = await trace(words);
  assertValid([doc]);
  assert.equal(doc.hops.at(-1)?.zone, 'example.test.');
  assert.deepEqual(stable(doc), stable(await cliJson(`${words} +trace`)));
});

test('validate: the DNSSEC verdict in the document (bogus: the unsigned root has no DNSKEY for the trust anchor)', async () => {
  const server = hierarchy.byAddress.get(ADDR.example);
  const doc = await validate(`example.test ${at(server)} --root-hints=${hintsFile}`);
  assertValid([doc]);
  assert.equal(doc.validation.status, 'bogus');
  assert.match(doc.validation.reason, /trust anchor/);
});

test('compare: two servers of one zone agree, as +compare --json says', async () => {
  const addresses = ['127.0.0.12', '127.0.0.13'];
  const port = await choosePort(addresses);
  const twins = await Promise.all(
    addresses.map((address) => startZoneServer({ address, port, zones: [exampleZone()] })),
  );
  try {
    const words = `www.example.test @${addresses[0]} @${addresses[1]} -p ${port} +tries=1 +timeout=2`;
    const doc = await compare(words);
    assertValid([doc]);
    assert.deepEqual([doc.kind, doc.verdict, doc.servers.length], ['compare', 'agree', 2]);
    assert.deepEqual(stable(doc), stable(await cliJson(`${words} +compare`)));
  } finally {
    await Promise.all(twins.map((twin) => twin.close()));
  }
});

test('explain: a lookup that did not fail has nothing to explain', async () => {
  const words = `www.example.test ${at()}`;
  const doc = await explain(words);
  assertValid([doc]);
  assert.equal(doc.status, 'NOERROR');
  assert.deepEqual(stable(doc), stable(await cliJson(`${words} +explain`)));
});

test('check: the delegation of example.test. from the root hints, as +check --json says', async () => {
  const words = `example.test --root-hints=${hintsFile} -p ${hierarchy.port} +tries=1 +timeout=2`;
  const doc = await check(words);
  assertValid([doc]);
  assert.equal(doc.kind, 'check');
  assert.ok(doc.findings.length > 0);
  assert.deepEqual(stable(doc), stable(await cliJson(`${words} +check`)));
});

test('watch: the events --ndjson prints, as an async iterator that ends with the end event', async () => {
  const clock = steppingClock();
  const events: WatchEvent[] = [];
  for await (const event of watch(`www.example.test ${at()} +until=192.0.2.10`, { clock })) events.push(event);
  assertValid(events);
  assert.deepEqual(
    events.map((event) => event.event),
    ['rcode', 'added', 'end'],
  );
  // The command line's watch on a clock from the same start.
  const run = await runMain([...`www.example.test ${at()} +watch +until=192.0.2.10 --ndjson`.split(' ')], {
    io: { clock: steppingClock() },
  });
  const printed = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(stable(events), stable(printed));
});

test('watch: leaving the loop ends the watch (its wait and its sockets too)', async () => {
  const sent = zone.count();
  const held = openResources();
  // The system clock and a minute between queries: only leaving the loop can end this watch.
  for await (const event of watch(`www.example.test ${at()} +watch=60`)) {
    assert.equal(event.event, 'rcode');
    break;
  }
  assert.equal(zone.count() - sent, 1);
  assert.deepEqual(openResources(), held);
});

test('+expect and +fail-on: a query that holds resolves; one that does not rejects with AssertionFailedError and its document', async () => {
  const [address] = await query(`www.example.test ${at()}`).then((doc) =>
    (doc.message?.answerRRs ?? []).map((rr) => String(rr.rdataA)),
  );
  assert.ok(address);
  const held = await query(`www.example.test ${at()} +expect=${address}`);
  assert.equal(held.status, 'NOERROR');
  await assert.rejects(query(`www.example.test ${at()} +expect=192.0.2.254`), (error: unknown) => {
    assert.ok(error instanceof AssertionFailedError);
    assert.equal(error.code, 'assertion.failed');
    assert.match(error.message, /^\+expect: www\.example\.test\. A is .*missing 192\.0\.2\.254/);
    assert.equal((error.document as LookupDocument).status, 'NOERROR');
    return true;
  });
  await assert.rejects(query(`nowhere.example.test ${at()}`, { failOn: 'nxdomain' }), AssertionFailedError);
});

test('bad input rejects with InputError before any packet; a call refuses a query of another mode', async () => {
  const sent = zone.count();
  await assert.rejects(query(`www.example.test +bogus ${at()}`), (error: unknown) => {
    assert.ok(error instanceof InputError && error instanceof TsdigError);
    assert.equal(error.code, 'input.invalid');
    assert.match(error.message, /unknown query option '\+bogus'/);
    return true;
  });
  await assert.rejects(query(`www.example.test +trace ${at()}`), /query\(\) runs one lookup query/);
  await assert.rejects(query(`one.example.test two.example.test ${at()}`), /query\(\) runs one lookup query/);
  await assert.rejects(query({ name: 'www.example.test', nosuch: true } as never), /unknown option: nosuch/);
  await assert.rejects(query(`www.example.test --nagios ${at()}`), /--nagios is a command-line output/);
  assert.equal(zone.count(), sent);
});

test('TSDIG_LOOPBACK_ONLY holds for the library: another address is not sent to', async () => {
  assert.ok(process.env.TSDIG_LOOPBACK_ONLY, 'the tests run with TSDIG_LOOPBACK_ONLY=1');
  const doc = await query('www.example.test @192.0.2.1 +tries=1 +timeout=1');
  assert.equal(doc.status, 'ERROR');
  assert.match(doc.events[0]?.text ?? '', /not sent: TSDIG_LOOPBACK_ONLY allows loopback addresses only/);
});

test('the library prints nothing and never ends the process, whatever the outcome', async () => {
  // A process of its own, so that nothing else writes to its stdout and stderr.
  const script = [
    "import { query } from 'tsdig';",
    "process.exit = () => { throw new Error('process.exit called'); };",
    `await query('www.example.test ${at()}');`,
    "await query('www.example.test @127.0.0.1 -p 1 +tries=1 +timeout=1');",
    "await query('extra.example.test A AAAA @127.0.0.1 -p 1 +tries=1 +timeout=1');",
    `await query('www.example.test -p 0 ${at()}').then(() => { throw new Error('accepted'); }, () => {});`,
  ].join('\n');
  const run = await runNode(['--input-type=module', '-e', script]);
  assert.deepEqual(run, { code: 0, stdout: '', stderr: '' });
});

/** How many sockets and timers the process holds, by kind. */
export function openResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo())
    if (['Timeout', 'UDPWRAP', 'TCPWRAP', 'TCPSocketWrap'].includes(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
