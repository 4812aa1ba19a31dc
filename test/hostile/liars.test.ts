/**
 * The judgments of +check, +explain and a batch of traces when servers lie (liarHierarchy.ts), each
 * written out exactly: glue outside the parent's bailiwick is never used (the poison server is never
 * asked) and is named in a warning, sibling glue is not, a child whose servers disagree on its NS set and serve serials across the wrap gets those
 * findings, a server that sets aa for a zone it does not serve is lame (and does not move the check
 * to the zone whose SOA it sent), and in a batch an out-of-bailiwick referral or poisoned glue from
 * one trace is used by none (where every later query went says so).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertSchemaValid } from '../support/schemaValid.js';
import { runBin, type CliRun } from '../support/runCli.js';
import { assertPrintable } from './cli.js';
import { LIAR_ADDR, LIAR_ROOT_HINTS, POISONED, startLiarHierarchy, type LiarHierarchy } from './liarHierarchy.js';

let liars: LiarHierarchy;
const dir = mkdtempSync(join(tmpdir(), 'tsdig-liars-'));
const hints = join(dir, 'root.hints');
before(async () => {
  liars = await startLiarHierarchy();
  writeFileSync(hints, LIAR_ROOT_HINTS);
});
after(() => liars?.close());

const run = (args: string[]): Promise<CliRun> =>
  runBin(['-p', String(liars.port), `--root-hints=${hints}`, '+timeout=1', '+tries=1', '+nocmd', ...args]);

interface CheckDoc {
  zone: string;
  findings: Array<{
    id: string;
    severity: string;
    zone: string;
    message: string;
    servers: string[];
    evidence: Record<string, unknown>;
  }>;
  cuts: Array<{ zone: string; nameservers: Array<{ name: string; glue: string[]; addresses: string[] }> }>;
}

async function checkDoc(zone: string, code: number): Promise<CheckDoc> {
  const result = await run([zone, '+check', '--json']);
  assert.equal(result.timedOut, false);
  assert.equal(result.stderr, '');
  assert.equal(result.code, code, result.stdout.slice(0, 400));
  const doc = JSON.parse(result.stdout) as CheckDoc;
  assertSchemaValid(doc);
  return doc;
}

/** The findings that are not ok, as `severity id: message`. */
const notOk = (doc: CheckDoc): string[] =>
  doc.findings.filter((f) => f.severity !== 'ok').map((f) => `${f.severity} ${f.zone} ${f.id}: ${f.message}`);

// The tests share the servers' query logs: they run one after another, and "the poison server was never
// asked" is checked after each.

test('+check liar.tld: out-of-bailiwick glue unused; NS sets that differ and a wrapped serial are warnings', async () => {
  const doc = await checkDoc('liar.tld', 2);
  assert.equal(doc.zone, 'liar.tld.');
  assert.deepEqual(notOk(doc), [
    'warning liar.tld. ns.child-consistent: the servers of liar.tld. disagree on its NS set: {ns.victim., ns1.liar.tld., ns9.liar.tld.} from ns.victim. (127.0.9.3); {ns.victim., ns1.liar.tld.} from ns1.liar.tld., ns9.liar.tld. (127.0.9.4)',
    'warning liar.tld. delegation.ns-match: the NS sets of tld. and liar.tld. differ: only in liar.tld. itself: ns9.liar.tld.',
    `warning liar.tld. delegation.glue-out-of-zone: tld. gives address records outside its zone with the referral to liar.tld. (ignored): ns.victim. A ${LIAR_ADDR.poison} from ns.tld. (${LIAR_ADDR.tld})`,
    'warning liar.tld. soa.serial: serials differ: 5 (newest, after wrapping) on ns1.liar.tld., ns9.liar.tld. (127.0.9.4); 4294967295 on ns.victim. (127.0.9.3)',
    'warning tld. ns.count: tld. has only one name server (ns.tld.)',
    'notice liar.tld. servers.ipv6: no name server of liar.tld. has an IPv6 address',
    'notice liar.tld. soa.mname: SOA MNAME ns.liar.tld. is not one of the NS names (a hidden primary?)',
    'notice liar.tld. dnssec.status: liar.tld. is not signed (no DS in tld., no DNSKEY)',
  ]);
  const outside = doc.findings.find((f) => f.id === 'delegation.glue-out-of-zone');
  assert.deepEqual(outside?.servers, [`ns.tld. (${LIAR_ADDR.tld})`]);
  assert.deepEqual(outside?.evidence, {
    records: [{ name: 'ns.victim.', type: 'A', address: LIAR_ADDR.poison, servers: [`ns.tld. (${LIAR_ADDR.tld})`] }],
  });
  // tld.'s glue for ns.victim. (outside tld.) is not glue: the address is the one found from the root.
  const victim = doc.cuts[0]?.nameservers.find((ns) => ns.name === 'ns.victim.');
  assert.deepEqual(victim, {
    name: 'ns.victim.',
    inParent: true,
    inChild: true,
    glue: [],
    addresses: [LIAR_ADDR.victim],
  });
  assert.deepEqual(liars.queriesAt(LIAR_ADDR.poison), []);
});

test("+check claims.tld: the server that sets aa with victim.'s SOA is lame for claims.tld.; the zone stays claims.tld.", async () => {
  const doc = await checkDoc('claims.tld', 3);
  assert.equal(doc.zone, 'claims.tld.');
  assert.deepEqual(
    doc.findings.filter((f) => f.severity === 'error').map((f) => `${f.zone} ${f.id}: ${f.message}`),
    ['claims.tld. server.lame: ns.claims.tld. (127.0.9.5) is lame for claims.tld.: no SOA for claims.tld.'],
  );
  assert.ok(!doc.findings.some((f) => f.zone === 'victim.'), 'nothing is judged about victim.');
  // tld.'s glue for ns1.liar.tld. in the referral to claims.tld. is sibling glue (RFC 9471 2.2), inside tld.
  const liarNs = doc.cuts[0]?.nameservers.find((ns) => ns.name === 'ns1.liar.tld.');
  assert.deepEqual(liarNs?.glue, [LIAR_ADDR.liar]);
  assert.ok(!doc.findings.some((f) => f.id === 'delegation.glue-out-of-zone'), 'sibling glue is not out of zone');
  assert.deepEqual(liars.queriesAt(LIAR_ADDR.poison), []);
});

test('+explain: a resolver SERVFAILs; the server that claims aa for a zone it does not serve is the culprit, lame', async () => {
  const result = await run([`@${LIAR_ADDR.resolver}`, 'www.claims.tld', '+explain']);
  assert.equal(result.code, 0);
  assertPrintable(result.stdout, 'stdout');
  const block = result.stdout.slice(result.stdout.indexOf(';; EXPLAIN:')).split('\n').slice(0, 4);
  assert.deepEqual(block, [
    ';; EXPLAIN: ns.claims.tld. (127.0.9.5) is lame for claims.tld.',
    ';; 127.0.9.53 said: SERVFAIL, no EDE',
    ';;   ns.claims.tld. (127.0.9.5) for claims.tld.: lame (aa with the SOA of victim., not of claims.tld.)',
    ';;   ns1.liar.tld. (127.0.9.4) for claims.tld.: answered',
  ]);
});

test('a batch of traces: the referral to victim. and the poisoned addresses one trace was given reach no other', async () => {
  const before = {
    tld: liars.queriesAt(LIAR_ADDR.tld).length,
    victim: liars.queriesAt(LIAR_ADDR.victim).length,
  };
  const batch = join(dir, 'names');
  writeFileSync(batch, 'www.poison.tld A\nwww.liar.tld A\nwww.claims.tld A\nwww.victim A\nns.tld A\n');
  const result = await run(['-f', batch, '+trace', '+nostats']);
  assert.equal(result.timedOut, false);
  assertPrintable(result.stdout, 'stdout');
  // One trace failed (exit 9), the others answered.
  assert.equal(result.code, 9, result.stdout);
  assert.match(
    result.stdout,
    /^;; Trace failed: all servers of tld\. failed: ns\.tld\. \(127\.0\.9\.2\) lame \(referral to victim\., outside tld\.\)$/m,
  );
  for (const line of [
    'www.liar.tld.\t\t3600\tIN\tA\t192.0.2.4',
    'www.claims.tld.\t\t3600\tIN\tA\t192.0.2.7',
    'www.victim.\t\t3600\tIN\tA\t192.0.2.9',
    `ns.tld.\t\t\t3600\tIN\tA\t${LIAR_ADDR.tld}`,
    ';; ignored out-of-bailiwick glue: ns.tld. A 127.0.9.66',
    `;; ignored out-of-bailiwick glue: www.victim. A ${POISONED}`,
  ])
    assert.ok(result.stdout.split('\n').includes(line), line);
  assert.doesNotMatch(result.stdout, new RegExp(`^[^;].*\\t${POISONED.replaceAll('.', '\\.')}$`, 'm'));
  // Where the queries went: never to the poison server; www.victim. to its own server, ns.tld.'s zone to ns.tld.
  assert.deepEqual(liars.queriesAt(LIAR_ADDR.poison), []);
  assert.ok(liars.queriesAt(LIAR_ADDR.victim).slice(before.victim).includes('www.victim A'));
  const toTld = liars.queriesAt(LIAR_ADDR.tld).slice(before.tld);
  for (const question of ['www.claims.tld A', 'ns.tld A']) assert.ok(toTld.includes(question), question);
});
