/**
 * `tsdig ... +compare` end to end: the real bin against the loopback fleet (test/support/fleetHierarchy.ts),
 * each fault built on purpose, with the exact text (ports and times made fixed), the JSON document
 * (schema-valid) and the exit status: 0 when all agree, 6 when they disagree, 9 when none answered.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertSchemaValid } from '../support/schemaValid.js';
import { assertGolden } from '../render/goldenFile.js';
import { FLEET, FLEET_ROOT_HINTS, type Fleet, startFleet } from '../support/fleetHierarchy.js';
import { runBin } from '../support/runCli.js';

let fleet: Fleet;
const hints = join(mkdtempSync(join(tmpdir(), 'tsdig-compare-')), 'root.hints');
before(async () => {
  fleet = await startFleet();
  writeFileSync(hints, FLEET_ROOT_HINTS);
});
after(async () => {
  await fleet?.close();
});

/** Ports and times vary from run to run: the text with both made fixed. */
function steady(text: string): string {
  return text.replaceAll(`#${fleet.port}`, '#PORT').replace(/\d+ ms\b/g, 'N ms');
}

const run = (args: string[]) =>
  runBin(['-p', String(fleet.port), `--root-hints=${hints}`, '+timeout=1', '+nocmd', ...args]);

/** [golden stem, arguments, exit status, headline]. */
const CASES: Array<[string, string[], number, string]> = [
  ['agree', ['agree.test', 'SOA', '+allns'], 0, 'all 3 servers agree'],
  ['skew', ['skew.test', 'SOA', '+allns'], 6, '1 of 3 servers disagrees: serial skew'],
  ['wrap', ['wrap.test', 'SOA', '+allns'], 6, '1 of 2 servers disagrees: serial skew'],
  ['ttl', ['www.ttl.test', '+allns'], 0, 'both servers agree, but for TTLs'],
  ['faults', ['www.faults.test', '+allns'], 6, '3 of 4 servers disagree: 1 timed out, 1 refused, 1 lame'],
  [
    'resolver',
    [`@${FLEET.agree1}`, `@${FLEET.agree2}`, `@${FLEET.resolver}`, 'www.agree.test', '+compare'],
    6,
    '1 of 3 servers disagrees: 2 different answers',
  ],
  [
    'none',
    [`@${FLEET.faultsDead}`, `@${FLEET.lame1}`, `@${FLEET.faultsRefused}`, 'www.faults.test', '+compare'],
    9,
    'none of 3 servers answered: 1 timed out, 1 refused, 1 lame',
  ],
];

for (const [stem, args, code, headline] of CASES) {
  test(`e2e compare ${stem}: exit ${code}, "${headline}"`, async () => {
    const text = await run(args);
    assert.equal(text.code, code, text.stderr);
    assert.equal(text.stderr, '');
    assert.equal(text.stdout.split('\n')[1], `;; ${headline}`);
    assertGolden(`e2e/compare-${stem}.txt`, steady(text.stdout));

    const json = await run([...args, '--json']);
    assert.equal(json.code, code, json.stderr);
    const document = JSON.parse(json.stdout);
    assertSchemaValid(document);
    assert.equal(document.kind, 'compare');
    assert.equal(document.headline, headline);
  });
}

test('e2e compare +allns: every IPv4 and IPv6 address of every name server, found from the root hints only', async () => {
  const before = fleet.counts();
  const out = await run(['agree.test', 'SOA', '+allns', '--json']);
  const document = JSON.parse(out.stdout);
  assert.equal(document.zone.name, 'agree.test.');
  assert.deepEqual(
    document.zone.nameservers.map(
      (ns: { name: string; addresses: string[] }) => `${ns.name} ${ns.addresses.join(' ')}`,
    ),
    [`ns1.agree.test. ${FLEET.agree1} ${FLEET.agree6}`, `ns2.agree.test. ${FLEET.agree2}`],
  );
  assert.deepEqual(
    document.servers.map((s: { server: { address: string } }) => s.server.address),
    [FLEET.agree1, FLEET.agree6, FLEET.agree2],
  );
  // The resolver was never asked: the walk starts at the root hints.
  assert.equal(fleet.counts()[FLEET.resolver], before[FLEET.resolver]);
});

test('e2e compare +allns @server: the walk starts from the root NS set that server gives, as +trace and +check start', async () => {
  const before = fleet.counts();
  const out = await runBin([
    '-p',
    String(fleet.port),
    `@${FLEET.root}`,
    '+timeout=1',
    'agree.test',
    'SOA',
    '+allns',
    '--json',
  ]);
  assert.equal(out.code, 0, out.stdout);
  const document = JSON.parse(out.stdout);
  assert.equal(document.zone.name, 'agree.test.');
  assert.deepEqual(
    document.servers.map((s: { server: { address: string } }) => s.server.address),
    [FLEET.agree1, FLEET.agree6, FLEET.agree2],
  );
  assert.ok(fleet.counts()[FLEET.root] > before[FLEET.root]);
});

test('e2e compare +allns: when no root server answers, no zone is named and none of the root servers is compared', async () => {
  // The built-in hints name the real root servers, which TSDIG_LOOPBACK_ONLY refuses unsent: no root answers.
  const out = await runBin(['+timeout=1', '+nocmd', 'www.agree.test', '+allns']);
  assert.equal(out.code, 9, out.stdout);
  assert.match(out.stdout, /^;; COMPARE www\.agree\.test\. IN A: 0 servers$/m);
  assert.match(out.stdout, /^;; no server to compare: all servers of \. failed: /m);
  assert.doesNotMatch(out.stdout, /every server of|^;; SERVERS:/m);
});

test('e2e compare +allns: a zone also served by the server of its parent is found by its SOA, not by the hop that answered', async () => {
  const out = await run(['both.test', 'SOA', '+allns', '--json']);
  assert.equal(out.code, 0, out.stdout);
  const document = JSON.parse(out.stdout);
  assert.equal(document.zone.name, 'both.test.');
  assert.deepEqual(
    document.servers.map((s: { server: { address: string; name: string } }) => `${s.server.name} ${s.server.address}`),
    [`ns1.both.test. ${FLEET.tld}`, `ns2.both.test. ${FLEET.both2}`],
  );
});

test('e2e compare +allns: a wrapped serial is newer (RFC 1982), in the JSON document too', async () => {
  const out = await run(['wrap.test', 'SOA', '+allns', '--json']);
  const document = JSON.parse(out.stdout);
  assert.equal(document.serialSkew.newest, 5);
  assert.deepEqual(
    document.serialSkew.serials.map((s: { serial: number }) => s.serial),
    [5, 4294967295],
  );
  assert.equal(document.serialOnly, true);
});

test('e2e compare: the resolver serves its cached answer for the TTL left, against the authoritative TTL', async () => {
  const out = await run([`@${FLEET.agree1}`, `@${FLEET.resolver}`, 'www.agree.test', '+compare', '--json']);
  const document = JSON.parse(out.stdout);
  assert.deepEqual(document.resolvers, [{ server: 1, ttl: 1200, authoritativeTtl: 3600, current: false }]);
});

test('e2e compare --table: the headline, one row per server (name over address), then each answer', async () => {
  const out = await run(['www.faults.test', '+allns', '--table']);
  assert.equal(out.code, 6, out.stderr);
  const lines = steady(out.stdout).split('\n');
  assert.equal(lines[0], '3 of 4 servers disagree: 1 timed out, 1 refused, 1 lame');
  const cells = (line: string) => line.split('│').map((cell) => cell.trim());
  const rows = lines.filter((line) => line.startsWith('│')).map(cells);
  assert.deepEqual(
    rows.map((row) => [row[1], row[2], row[3]]),
    [
      ['Server', 'Answer', 'Status'],
      ['ns1.faults.test.', '1', 'NOERROR aa'],
      [`${FLEET.faultsOk}#PORT`, '', ''],
      ['ns2.faults.test.', '-', 'timed out'],
      [`${FLEET.faultsDead}#PORT`, '', ''],
      ['ns3.faults.test.', '-', 'refused'],
      [`${FLEET.faultsRefused}#PORT`, '', ''],
      ['ns4.faults.test.', '-', 'lame'],
      [`${FLEET.faultsLame}#PORT`, '', ''],
    ],
  );
  assert.deepEqual(lines.slice(-3), ['Answer 1:', `  www.faults.test.\t300\tIN\tA\t${'192.0.2.80'}`, '']);
});

test('e2e compare: a server with terminal escapes in its NSID, EDE and records: nothing raw reaches the terminal, the JSON stays valid', async () => {
  const args = [`@${FLEET.agree1}`, `@${FLEET.hostile}`, 'www.agree.test', '+compare'];
  const text = await run(args);
  assert.equal(text.code, 6, text.stderr);
  assert.doesNotMatch(text.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  assert.match(text.stdout, /NSID "\\027\[31mred\\007\\"\\\\\\000\\255"/);
  const table = await run([...args, '--table']);
  assert.doesNotMatch(table.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  const json = await run([...args, '--json']);
  assert.doesNotMatch(json.stdout, /[^\x20-\x7e\n]/, 'the document is ASCII');
  const document = JSON.parse(json.stdout);
  assertSchemaValid(document);
  assert.equal(document.servers[1].nsid, '\\027[31mred\\007\\"\\\\\\000\\255');
});

test('e2e compare --graph=dot: the picture instead of the text, servers grouped by answer; --json carries it as graph', async () => {
  const dot = await run(['skew.test', 'SOA', '+allns', '--graph=dot']);
  assert.equal(dot.code, 6, dot.stderr);
  assert.match(dot.stdout, /^digraph "tsdig" \{\n/);
  assert.match(dot.stdout, /label="tsdig \+compare: skew\.test\. SOA"/);
  assert.match(dot.stdout, /class="zone agree", label="answer 1: NOERROR, 2 servers"/);
  assert.match(dot.stdout, /class="zone disagree", label="answer 2: NOERROR, 1 server"/);
  const json = await run(['skew.test', 'SOA', '+allns', '--graph=dot', '--json']);
  const document = JSON.parse(json.stdout);
  assertSchemaValid(document);
  assert.equal(document.graph.mode, 'compare');
  assert.equal(document.graph.verdict.text, '1 of 3 servers disagrees: serial skew');
});

test('e2e compare --report: the text as without it, and the page with the headline, the picture and a row per server', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tsdig-compare-report-')), 'skew.html');
  const plain = await run(['skew.test', 'SOA', '+allns']);
  const out = await run(['skew.test', 'SOA', '+allns', `--report=${file}`]);
  assert.equal(out.code, 6, out.stderr);
  assert.equal(steady(out.stdout), steady(plain.stdout));
  const page = readFileSync(file, 'utf8');
  assert.match(page, /^<!DOCTYPE html>/);
  assert.match(page, /<p id="verdict" class="verdict disagree">1 of 3 servers disagrees: serial skew<\/p>/);
  assert.match(page, /<figure id="graph"><svg /);
  assert.equal(page.match(/<tr><td>\d+<\/td>/g)?.length, 3);
  assert.match(page, /<td>ns3\.skew\.test\.<\/td>/);
});

test('e2e compare: +compare with +short is refused before any packet (exit 1)', async () => {
  const before = fleet.counts();
  const out = await run([`@${FLEET.agree1}`, `@${FLEET.agree2}`, 'agree.test', '+compare', '+short']);
  assert.equal(out.code, 1);
  assert.match(out.stderr, /^tsdig: \+compare prints its comparison as text, --table or --json/);
  assert.deepEqual(fleet.counts(), before);
});

test('e2e compare: the command header is decided when the first name is read, as for a lookup: +nocmd before it holds', async () => {
  const base = ['-p', String(fleet.port), `--root-hints=${hints}`, '+timeout=1'];
  const shown = await runBin([...base, `@${FLEET.agree1}`, `@${FLEET.agree2}`, 'agree.test', 'SOA', '+compare']);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(
    shown.stdout,
    /^\n; <<>> tsdig \S+ <<>> .* \+compare\n;; global options: \+cmd\n;; COMPARE agree\.test\. IN SOA: 2 servers\n;; both servers agree\n/,
  );
  // dig's +cmd is global: once +nocmd stood before the first name, a +cmd after it brings no header back.
  const quiet = await runBin([
    ...base,
    '+nocmd',
    `@${FLEET.agree1}`,
    `@${FLEET.agree2}`,
    'agree.test',
    'SOA',
    '+compare',
    '+cmd',
  ]);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.doesNotMatch(quiet.stdout, /<<>>|global options/);
  assert.equal(quiet.stdout.split('\n')[1], ';; both servers agree');
});
