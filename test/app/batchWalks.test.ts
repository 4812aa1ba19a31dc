/**
 * The walks of a batch of +allns lines (-f) share what they learn of the cuts above their zones, as a
 * batch of +trace lines does: counted per server over the in-process hierarchy, the servers above the
 * zones are asked less than by the same lines run one at a time, the zones' own servers exactly as
 * often, and every line ends as it does alone. A batch of +check lines shares nothing: a check's
 * findings speak for the servers it asked, so each line asks every server it asks alone, and a
 * referral a lying parent gave an earlier line never steers a later one.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeReply, fakeNetwork, type FakeNetwork, type RespondHook, zone } from '../support/fakeServer.js';
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

/** The servers a run asks (a fresh network per run) and the root hints file that leads to them. */
interface World {
  network(): FakeNetwork;
  hints: string;
}

const hierarchy: World = { network: hierarchyNetwork, hints };

interface Runs {
  documents: unknown[];
  counts: Record<string, number>;
}

/** Each line run alone (one network each), its documents and the queries per server summed over the runs. */
async function alone(lines: string[], mode: string[], world = hierarchy): Promise<Runs> {
  const documents: unknown[] = [];
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const net = world.network();
    const out = await runMain([...common, `--root-hints=${world.hints}`, ...mode, ...line.split(' ')], {
      io: { queryFn: net.query },
    });
    assert.equal(out.stderr, '', line);
    documents.push(JSON.parse(out.stdout));
    for (const [address, n] of Object.entries(perServer(net.counts))) counts[address] = (counts[address] ?? 0) + n;
  }
  return { documents, counts };
}

/** The lines as one batch file, in one run. */
async function batch(lines: string[], mode: string[], world = hierarchy): Promise<Runs> {
  const file = join(dir, `${mode.join('')}.txt`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const net = world.network();
  const out = await runMain([...common, `--root-hints=${world.hints}`, ...mode, '-f', file], {
    io: { queryFn: net.query },
  });
  assert.equal(out.stderr, '');
  const documents = out.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  return { documents, counts: perServer(net.counts) };
}

const common = ['-p', '53', '+timeout=1', '+tries=1', '--json'];
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

test('-f +check: every line asks each server exactly as often as it does alone, the dead root server included', async () => {
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
  assert.deepEqual(all.counts, one.counts);
});

/** Addresses of the liar hierarchy: test. has an honest server and a lying one, listed first. */
const LIAR = {
  root: '127.0.7.1',
  honest: '127.0.7.2',
  liar: '127.0.7.3',
  aTest: '127.0.7.4',
  /** Where the liar's glue points: it claims a.test. for itself. */
  evil: '127.6.6.6',
} as const;

/**
 * The liar's referral for names under bait.a.test.: a.test. is served by ns.evil.a.test. at the evil
 * address, in bailiwick, for a day's worth of TTL and more, so a cache would keep it for every later line.
 */
const baitReferral: RespondHook = (query) => {
  if (query.malformed || !/(^|\.)bait\.a\.test\.?$/i.test(query.name)) return undefined;
  const ttl = 2_000_000_000;
  return encodeReply(query, {
    rcode: 'NOERROR',
    authorities: [{ name: 'a.test.', type: 'NS', ttl, class: 'IN', data: 'ns.evil.a.test.' }],
    additionals: [{ name: 'ns.evil.a.test.', type: 'A', ttl, class: 'IN', data: LIAR.evil }],
  });
};

/**
 * root, test. (the liar first, the honest server second), a.test. and the evil server, in process. The
 * evil server claims www.a.test. is a zone of its own, so a check led there checks another zone.
 */
function liarNetwork(): FakeNetwork {
  const testZone = zone('test.', [
    '@ NS y',
    '@ NS x',
    `y A ${LIAR.liar}`,
    `x A ${LIAR.honest}`,
    'a NS ns.a',
    `ns.a A ${LIAR.aTest}`,
  ]);
  return fakeNetwork({
    [LIAR.root]: {
      zones: [
        zone('.', [
          '@ NS a.root-servers.test.',
          `a.root-servers.test. A ${LIAR.root}`,
          'test. NS y.test.',
          'test. NS x.test.',
          `y.test. A ${LIAR.liar}`,
          `x.test. A ${LIAR.honest}`,
        ]),
      ],
    },
    [LIAR.honest]: { zones: [testZone] },
    [LIAR.liar]: { zones: [testZone], respond: baitReferral },
    [LIAR.aTest]: {
      zones: [zone('a.test.', ['@ NS ns', `ns A ${LIAR.aTest}`, 'www A 192.0.2.1', 'bait A 192.0.2.2'])],
    },
    [LIAR.evil]: {
      zones: [
        zone('a.test.', ['@ NS ns.evil', `ns.evil A ${LIAR.evil}`, 'www NS ns.evil']),
        zone('www.a.test.', ['@ NS ns.evil.a.test.']),
      ],
    },
  });
}

test('-f +check: a referral a lying parent gave line 1 never steers line 2, whose findings are those of a lone run', async () => {
  const liarHints = join(dir, 'liar.hints');
  writeFileSync(liarHints, `.  3600000  NS  a.root-servers.test.\na.root-servers.test.  3600000  A  ${LIAR.root}\n`);
  const liars: World = { network: liarNetwork, hints: liarHints };
  const bait = await alone(['bait.a.test'], ['+check'], liars);
  // Alone, line 1 is led to the evil server: the lie is there to be cached.
  assert.ok((bait.counts[LIAR.evil] ?? 0) > 0, JSON.stringify(bait.counts));
  const one = await alone(['www.a.test'], ['+check'], liars);
  assert.equal(one.counts[LIAR.evil], undefined, JSON.stringify(one.counts));
  const all = await batch(['bait.a.test', 'www.a.test'], ['+check'], liars);
  assert.deepEqual(conclusions(all.documents[0]), conclusions(bait.documents[0]));
  assert.deepEqual(conclusions(all.documents[1]), conclusions(one.documents[0]));
  // The batch asks what the two lines ask alone, server by server.
  const sum: Record<string, number> = { ...bait.counts };
  for (const [address, n] of Object.entries(one.counts)) sum[address] = (sum[address] ?? 0) + n;
  assert.deepEqual(all.counts, sum);
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
