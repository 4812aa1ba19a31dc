/**
 * `tsdig -f NAMES +trace` end to end: the traces of a batch share referrals, the root NS set and
 * name-server addresses, so the root and the TLDs are asked less; every trace still shows its hops
 * (the cached ones marked) and ends exactly as the same trace run alone.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { ADDR } from '../support/hierarchyZones.js';
import { runBin, type CliRun } from '../support/runCli.js';
import { type Schema, validateJson } from '../support/jsonSchema.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;

/** Names over several zones below two TLDs (test., demo.) and arpa., with a glueless delegation and a lame server. */
const NAMES = [
  'example.test. A',
  'www.example.test. A',
  'mail.example.test. MX',
  'host.other.demo. A',
  'www.glueless.test. A',
  'nonexistent.example.test. A',
  'www.lame.test. A',
  '1.2.0.192.in-addr.arpa. PTR',
  'www.glueless.test. AAAA',
  'host.other.demo. AAAA',
  'example.test. NS',
  'www.lame.test. A',
];

let hierarchy: Hierarchy;
let namesFile: string;
before(async () => {
  hierarchy = await startHierarchy();
  namesFile = join(mkdtempSync(join(tmpdir(), 'tsdig-trace-batch-')), 'names.txt');
  writeFileSync(namesFile, `${NAMES.join('\n')}\n`);
});
after(async () => {
  await hierarchy?.close();
});

/** Runs tsdig +trace from the hierarchy's root; returns the run and the queries each server received meanwhile. */
async function traceRun(args: string[]): Promise<{ run: CliRun; counts: Record<string, number> }> {
  const before = hierarchy.counts();
  const run = await runBin([...args, '+trace', `@${ADDR.root}`, '-p', String(hierarchy.port), '+timeout=2']);
  const after = hierarchy.counts();
  const counts = Object.fromEntries(Object.entries(after).map(([address, n]) => [address, n - (before[address] ?? 0)]));
  return { run, counts };
}

/** The same names traced one run each. */
async function tracedAlone(extra: string[]): Promise<{ runs: CliRun[]; counts: Record<string, number> }> {
  const runs: CliRun[] = [];
  const counts: Record<string, number> = {};
  for (const line of NAMES) {
    const one = await traceRun([...line.split(' '), ...extra]);
    runs.push(one.run);
    for (const [address, n] of Object.entries(one.counts)) counts[address] = (counts[address] ?? 0) + n;
  }
  return { runs, counts };
}

const tld = (counts: Record<string, number>): number =>
  (counts[ADDR.testA] ?? 0) + (counts[ADDR.testB] ?? 0) + (counts[ADDR.demo] ?? 0) + (counts[ADDR.arpa] ?? 0);

test('e2e trace batch: +short answers identical to the traces run alone, with fewer queries to the root and TLDs', async () => {
  const alone = await tracedAlone(['+short']);
  const batch = await traceRun(['-f', namesFile, '+short']);
  assert.equal(batch.run.code, 0, batch.run.stderr);
  // Each line names the server that gave it; round trips differ from run to run, and a cached hop took none.
  const records = (text: string): string => text.replace(/ in \d+ ms\.$| \(cached\)\.$/gm, '.');
  assert.equal(records(batch.run.stdout), records(alone.runs.map((run) => run.stdout).join('')));
  assert.match(batch.run.stdout, /^NS a\.root-servers\.test\. from server 127\.0\.0\.2 \(cached\)\.$/m);
  // Alone, every trace primes at the root and asks it again; in a batch the root is asked once per TLD and once to prime.
  assert.ok(alone.counts[ADDR.root] >= 2 * NAMES.length, `root asked ${alone.counts[ADDR.root]} times alone`);
  assert.ok(batch.counts[ADDR.root] <= 5, `root asked ${batch.counts[ADDR.root]} times`);
  assert.ok(tld(batch.counts) < tld(alone.counts), `TLDs asked ${tld(batch.counts)} vs ${tld(alone.counts)}`);
  // The zones' own servers are asked for every name, as alone.
  assert.equal(batch.counts[ADDR.example], alone.counts[ADDR.example]);
});

test('e2e trace batch: JSON documents end as the traces alone, cached hops marked and valid against the schema', async () => {
  const alone = await tracedAlone(['--json']);
  const batch = await traceRun(['-f', namesFile, '--json']);
  assert.equal(batch.run.code, 0, batch.run.stderr);
  const docs = batch.run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(docs.length, NAMES.length);
  docs.forEach((doc, i) => {
    const single = JSON.parse(alone.runs[i].stdout);
    assert.deepEqual(validateJson(doc, schema), [], NAMES[i]);
    assert.equal(doc.status, single.status, NAMES[i]);
    assert.deepEqual(doc.final, single.final, NAMES[i]);
    assert.deepEqual(
      doc.hops.map((hop: { zone: string }) => hop.zone),
      single.hops.map((hop: { zone: string }) => hop.zone),
      NAMES[i],
    );
  });
  const cached = docs[1].hops.filter((hop: { cached?: boolean }) => hop.cached);
  assert.deepEqual(
    cached.map((hop: { zone: string; servers: unknown[]; rttMs?: number }) => [hop.zone, hop.servers, hop.rttMs]),
    [
      ['.', [], undefined],
      ['.', [], undefined],
      ['test.', [], undefined],
    ],
  );
  assert.equal(docs[0].hops.filter((hop: { cached?: boolean }) => hop.cached).length, 0);
});

test("e2e trace batch: a cached hop reads as dig's, with a (cached) line naming where it was learned", async () => {
  const batch = await traceRun(['-f', namesFile]);
  assert.equal(batch.run.code, 0, batch.run.stderr);
  const at = (address: string, name: string): string =>
    `${address.replaceAll('.', '\\.')}#${hierarchy.port}\\(${name}\\)`;
  assert.match(batch.run.stdout, new RegExp(`^;; \\(cached\\) root NS set from ${at(ADDR.root, ADDR.root)}$`, 'm'));
  assert.match(
    batch.run.stdout,
    new RegExp(`^;; \\(cached\\) referral to test\\. from ${at(ADDR.root, 'a\\.root-servers\\.test')}$`, 'm'),
  );
  assert.match(
    batch.run.stdout,
    /^;; zone: test\. {2}question: www\.example\.test\. A {2}outcome: referral to example\.test\. \(1 server, glue for 1\)$/m,
  );
  // The first trace of the batch learned everything itself.
  const first = batch.run.stdout.split(';; Trace summary for')[0];
  assert.doesNotMatch(first, /\(cached\)/);
});

test('e2e trace batch: traces asking with other settings (here without DO) share nothing with the others, only among themselves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdig-trace-batch-'));
  const file = join(dir, 'names.txt');
  writeFileSync(file, 'example.test. A\nwww.example.test. A +nodnssec\nmail.example.test. MX +nodnssec\n');
  const batch = await traceRun(['-f', file]);
  assert.equal(batch.run.code, 0, batch.run.stderr);
  const traces = batch.run.stdout.split(/^;; Total: .*$/m);
  assert.doesNotMatch(traces[0], /\(cached\)/);
  assert.doesNotMatch(traces[1], /\(cached\)/);
  assert.match(traces[2], /^;; \(cached\) referral to example\.test\. from /m);
  // The root primed twice (once for each set of settings), and was asked once for test. by each.
  assert.equal(batch.counts[ADDR.root], 4);
});
