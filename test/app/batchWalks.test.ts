/**
 * The walks of a batch of +check and +allns lines (-f) share what they learn of the cuts above their
 * zones, as a batch of +trace lines does: counted per server over the in-process hierarchy, the
 * servers above the zones are asked less than by the same lines run one at a time, the zones' own
 * servers exactly as often, and every line ends as it does alone. +check asks the root's servers
 * itself on every line: a root server that fails during the walk is a finding of each check.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fakeNetwork } from '../support/fakeServer.js';
import { HIERARCHY_SERVERS } from '../support/hierarchy.js';
import { ADDR } from '../support/hierarchyZones.js';
import { runMain } from '../support/runCli.js';

/** A root server that nothing answers at, listed first: every walk from the hints tries it, and it fails. */
const DEAD_ROOT = '127.0.0.98';
const dir = mkdtempSync(join(tmpdir(), 'tsdig-batch-walks-'));
const hints = join(dir, 'root.hints');
writeFileSync(
  hints,
  `.  3600000  NS  b.root-servers.test.\n.  3600000  NS  a.root-servers.test.\nb.root-servers.test.  3600000  A  ${DEAD_ROOT}\na.root-servers.test.  3600000  A  ${ADDR.root}\n`,
);

/** The loopback hierarchy's servers, in process: each run gets its own, so its counts are its own. */
function hierarchyNetwork() {
  return fakeNetwork(
    Object.fromEntries(
      HIERARCHY_SERVERS.map((spec) => [
        spec.address,
        {
          zones: spec.zones,
          ...(spec.behaviour && { behaviour: spec.behaviour }),
          ...(spec.respond && { respond: spec.respond }),
        },
      ]),
    ),
  );
}

/** Queries per server address (the port is the same for all). */
function perServer(counts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [where, n] of Object.entries(counts)) {
    const address = where.slice(0, where.lastIndexOf('#'));
    out[address] = (out[address] ?? 0) + n;
  }
  return out;
}

interface Runs {
  documents: unknown[];
  counts: Record<string, number>;
}

/** Each line run alone (one network each), its documents and the queries per server summed over the runs. */
async function alone(lines: string[], mode: string[]): Promise<Runs> {
  const documents: unknown[] = [];
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const net = hierarchyNetwork();
    const out = await runMain([...common, ...mode, ...line.split(' ')], { io: { queryFn: net.query } });
    assert.equal(out.stderr, '', line);
    documents.push(JSON.parse(out.stdout));
    for (const [address, n] of Object.entries(perServer(net.counts))) counts[address] = (counts[address] ?? 0) + n;
  }
  return { documents, counts };
}

/** The lines as one batch file, in one run. */
async function batch(lines: string[], mode: string[]): Promise<Runs> {
  const file = join(dir, `${mode.join('')}.txt`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const net = hierarchyNetwork();
  const out = await runMain([...common, ...mode, '-f', file], { io: { queryFn: net.query } });
  assert.equal(out.stderr, '');
  const documents = out.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  return { documents, counts: perServer(net.counts) };
}

const common = ['-p', '53', `--root-hints=${hints}`, '+timeout=1', '+tries=1', '--json'];
const tld = (counts: Record<string, number>): number => (counts[ADDR.testA] ?? 0) + (counts[ADDR.testB] ?? 0);

interface CheckDocument {
  zone?: string;
  findings: Array<{ id: string; severity: string; zone: string; message: string; servers: string[] }>;
}

/** What a check concluded, without its timings and query counts (a batch may ask fewer). */
function conclusions(document: unknown): string[] {
  const doc = document as CheckDocument;
  return [
    `zone ${doc.zone}`,
    ...doc.findings.map((f) => `${f.severity} ${f.zone} ${f.id}: ${f.message} [${f.servers.join(', ')}]`),
  ];
}

test('-f +check: the cuts below the root are walked once for the batch; the root, every parent and every zone server are asked as alone', async () => {
  const lines = [
    'example.test',
    'www.example.test',
    'c.deep.test',
    'b.c.deep.test',
    'a.b.c.deep.test',
    'glueless.test',
    'www.glueless.test',
  ];
  const one = await alone(lines, ['+check']);
  const all = await batch(lines, ['+check']);
  assert.deepEqual(all.documents.map(conclusions), one.documents.map(conclusions));
  // Every check names the dead root server: each asked the root itself.
  for (const document of all.documents)
    assert.ok(
      conclusions(document).some((line) =>
        line.startsWith(`notice . walk.server: b.root-servers.test. (${DEAD_ROOT})`),
      ),
      conclusions(document).join('\n'),
    );
  assert.equal(all.counts[ADDR.root], one.counts[ADDR.root]);
  assert.equal(all.counts[DEAD_ROOT], one.counts[DEAD_ROOT]);
  // test. and deep.test. were asked for the way down once for the batch, and probed by every check as alone.
  assert.ok(tld(all.counts) < tld(one.counts), `test. asked ${tld(all.counts)} times, ${tld(one.counts)} alone`);
  assert.ok(
    all.counts[ADDR.deep] < one.counts[ADDR.deep],
    `deep.test. ${all.counts[ADDR.deep]} vs ${one.counts[ADDR.deep]}`,
  );
  for (const zone of [ADDR.example, ADDR.deepB, ADDR.glueless])
    assert.equal(all.counts[zone], one.counts[zone], `queries to ${zone}`);
});

interface CompareDocument {
  headline: string;
  zone?: { name: string; nameservers: unknown[] };
  answers: Array<{ records: unknown[]; servers: number[] }>;
  servers: Array<{ server: unknown; status: string }>;
}

/** What a comparison found: the zone, its name servers, the servers compared and what each said (no timings). */
function comparison(document: unknown): unknown {
  const doc = document as CompareDocument;
  return {
    headline: doc.headline,
    zone: doc.zone?.name,
    nameservers: doc.zone?.nameservers,
    answers: doc.answers.map((a) => [a.records, a.servers]),
    servers: doc.servers.map((s) => [s.server, s.status]),
  };
}

test('-f +allns: the walks to the zones and to their name servers share the cuts; the zones are compared as alone', async () => {
  const lines = [
    'example.test SOA',
    'www.example.test A',
    'www.glueless.test A',
    'a.b.c.deep.test A',
    'host.other.demo A',
  ];
  const one = await alone(lines, ['+allns']);
  const all = await batch(lines, ['+allns']);
  assert.deepEqual(all.documents.map(comparison), one.documents.map(comparison));
  // The root is asked the way down once per TLD (test., demo.) for the whole batch; test. and deep.test. less too.
  assert.deepEqual([all.counts[DEAD_ROOT], all.counts[ADDR.root]], [2, 2]);
  for (const [what, count] of [
    ['the root', (c: Record<string, number>) => c[ADDR.root]],
    ['test.', tld],
    ['deep.test.', (c: Record<string, number>) => c[ADDR.deep]],
  ] as const)
    assert.ok(
      count(all.counts) < count(one.counts),
      `${what}: ${count(all.counts)} queries, ${count(one.counts)} alone`,
    );
  // The zones' own servers answer the questions compared and the address lookups that end there, as alone.
  for (const zone of [ADDR.example, ADDR.glueless, ADDR.deepB, ADDR.other])
    assert.equal(all.counts[zone], one.counts[zone], `queries to ${zone}`);
});
