import { test } from 'node:test';
import { walkExchange, walkSettings } from '../support/traceSettings.js';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryFn } from '../../src/resolve/types.js';
import type { Message, ResourceRecord } from '../../src/wire/types.js';
import { traceServerFetch, validateTrace, validatorWalk } from '../../src/app/traceValidation.js';
import { validatorSettings } from '../../src/app/validation.js';
import { readRrsig } from '../../src/dnssec/rrsig.js';
import { parseTrustAnchors } from '../../src/dnssec/trustAnchor.js';
import { parseRootHints } from '../../src/resolve/rootHints.js';
import { iterator, trace } from '../../src/resolve/trace.js';
import { DEFAULT_TRACE_LIMITS, type TraceSettings } from '../../src/resolve/traceTypes.js';
import type { ExchangeSettings } from '../../src/resolve/types.js';
import { reply, rr } from '../resolve/fakeMessages.js';
import { runMain } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { fixtureText } from '../dnssec/signedZone.js';
import { FIXTURE_ROOT_HINTS, signedAuthorities, ZONE_ADDRESSES } from '../dnssec/signedAuthorities.js';
import { withRdataWire } from '../support/records.js';
import { answer, dnameZone, fixtureZones, signedNetwork } from '../dnssec/signedNetwork.js';
import { classifyReply } from '../../src/resolve/classify.js';
import type { Hop, TraceResult } from '../../src/resolve/traceTypes.js';
import { validateReply } from '../../src/dnssec/validate.js';
import { DEFAULT_VALIDATION_LIMITS } from '../../src/dnssec/types.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;
const dir = mkdtempSync(join(tmpdir(), 'tsdig-trace-validate-'));
const anchorFile = join(dir, 'root.ds');
const hintsFile = join(dir, 'root.hints');
writeFileSync(anchorFile, fixtureText('root.ds'));
writeFileSync(hintsFile, FIXTURE_ROOT_HINTS);

const DS = 43;
const DNSKEY = 48;
/** 2027-01-01: inside every fixture signature's validity window. */
const NOW = Date.UTC(2027, 0, 1) / 1000;
const BASE_SETTINGS: ExchangeSettings = walkExchange(1000);
const run = (args: string[], query: QueryFn, anchor = true) =>
  runMain(
    ['+trace', '+validate', `--root-hints=${hintsFile}`, ...(anchor ? [`--trust-anchor=${anchorFile}`] : []), ...args],
    { io: { queryFn: query } },
  );

const dnssecLines = (text: string): string[] =>
  text.split('\n').filter((line) => line.startsWith(';; DNSSEC: ') && line.includes('delegation'));
const verdict = (text: string): string => text.slice(text.indexOf(';; VALIDATION:'));

/** The fixture's DS record for `zone` in its parent (key tag, algorithm, digest type). */
function fixtureDs(parentFile: string, zone: string): string {
  const line = fixtureText(parentFile)
    .split('\n')
    .find((l) => l.startsWith(zone) && /\sIN DS\s/.test(l))!;
  return line.split(/\s+/).slice(4, 7).join(' ');
}

/** Flips the last octet of every record of `type` at `name` (a broken digest, key or address). */
function flip(message: Message, name: string, type: number): Message {
  const change = (r: ResourceRecord): ResourceRecord => {
    if (r.type !== type || r.name.toLowerCase() !== name) return r;
    const rdata = Uint8Array.from(r.rdataWire);
    rdata[rdata.length - 1] ^= 0xff;
    return withRdataWire(r, rdata);
  };
  return { ...message, answer: message.answer.map(change), authority: message.authority.map(change) };
}

test('a validator question below a trace goes to the deepest zone it found above the name, the parent for DS', async () => {
  const net = signedAuthorities();
  const servers = (zone: string) => [{ name: `ns.${zone}`, addresses: [ZONE_ADDRESSES[zone]] }];
  const known = new Map(['.', 'sec.', 'ed.sec.'].map((zone) => [zone, servers(zone)]));
  const walk = validatorWalk(
    walkSettings({ port: 53, startServers: [], timeoutMs: 1000, hedgeDelayMs: 400, rootHintsSource: 'file' }),
  );
  const ask = iterator(walk, { query: net.query, now: () => 0, rootHints: [] }, known);
  const askedFor = async (name: string, type: number): Promise<string[]> => {
    const before = net.sent.length;
    await ask({ name, type, class: 1 });
    return net.sent.slice(before).map((s) => s.server);
  };
  assert.deepEqual(await askedFor('ed.sec.', DNSKEY), [ZONE_ADDRESSES['ed.sec.']]);
  assert.deepEqual(await askedFor('ed.sec.', DS), [ZONE_ADDRESSES['sec.']]);
  assert.deepEqual(await askedFor('sec.', DS), [ZONE_ADDRESSES['.']]);
  assert.deepEqual(await askedFor('.', DS), [ZONE_ADDRESSES['.']]);
  // A zone the trace did not visit is reached by the referral from the one above it, then asked directly.
  assert.deepEqual(await askedFor('ins.sec.', DNSKEY), [ZONE_ADDRESSES['sec.'], ZONE_ADDRESSES['ins.sec.']]);
  assert.deepEqual(await askedFor('www.ins.sec.', 1), [ZONE_ADDRESSES['ins.sec.']]);
  // No server known above the name: nothing is sent, and the error says why.
  const below = iterator(walk, { query: net.query, now: () => 0, rootHints: [] }, new Map([['sec.', servers('sec.')]]));
  const sent = net.sent.length;
  await assert.rejects(
    below({ name: 'ec.', type: DNSKEY, class: 1 }),
    /^TsdigError: no name server is known above ec\.$/,
  );
  assert.equal(net.sent.length, sent);
});

test('each question of an iterator has its own query budget: one that hit the limit leaves the next its own', async () => {
  const net = signedAuthorities();
  const servers = (zone: string) => [{ name: `ns.${zone}`, addresses: [ZONE_ADDRESSES[zone]] }];
  const known = new Map(['.', 'sec.', 'ed.sec.'].map((zone) => [zone, servers(zone)]));
  const walk = validatorWalk(
    walkSettings({ port: 53, startServers: [], timeoutMs: 1000, hedgeDelayMs: 400, rootHintsSource: 'file' }),
  );
  // One query a question: ins.sec. takes two (the referral from sec., then ins.sec. itself).
  const ask = iterator(
    { ...walk, limits: { ...walk.limits, maxQueries: 1 } },
    { query: net.query, now: () => 0, rootHints: [] },
    known,
  );
  await assert.rejects(
    ask({ name: 'ins.sec.', type: DNSKEY, class: 1 }),
    /^TsdigError: query limit reached: 1 queries for one question$/,
  );
  const before = net.sent.length;
  const reply = await ask({ name: 'ed.sec.', type: DNSKEY, class: 1 });
  assert.ok(reply.answer.some((r) => r.type === DNSKEY));
  assert.deepEqual(
    net.sent.slice(before).map((s) => s.server),
    [ZONE_ADDRESSES['ed.sec.']],
  );
});

test('+trace +validate: a DNSSEC line per signed delegation and a secure verdict, asked of the traced servers only', async () => {
  const net = signedAuthorities();
  const out = await run(['www.ed.sec.', 'A'], net.query);
  assert.equal(out.code, 0, out.stderr);
  const [secTag, secAlg, secDigest] = fixtureDs('root.signed', 'sec.').split(' ');
  const [edTag, edAlg, edDigest] = fixtureDs('sec.signed', 'ed.sec.').split(' ');
  const rootSig = /sec\.\s+3600\s+IN\s+RRSIG\s+DS \d+ \d+ \d+ \d+ \d+ (\d+) \./.exec(fixtureText('root.signed'))![1];
  const secSig = /ed\.sec\.\s+3600\s+IN\s+RRSIG\s+DS \d+ \d+ \d+ \d+ \d+ (\d+) sec\./.exec(
    fixtureText('sec.signed'),
  )![1];
  assert.deepEqual(dnssecLines(out.stdout), [
    `;; DNSSEC: signed delegation to sec. (DS ${secTag} alg ${secAlg} digest ${secDigest} matches DNSKEY ${secTag}, RRSIG by . ${rootSig} valid)`,
    `;; DNSSEC: signed delegation to ed.sec. (DS ${edTag} alg ${edAlg} digest ${edDigest} matches DNSKEY ${edTag}, RRSIG by sec. ${secSig} valid)`,
  ]);
  // Each line follows its referral's zone line.
  assert.match(out.stdout, /outcome: referral to sec\. [^\n]*\n;; DNSSEC: signed delegation to sec\./);
  const block = verdict(out.stdout);
  assert.match(block, /^;; DNSSEC: secure \(validated from the trust anchor for \., key \d+\)$/m);
  assert.match(block, /^;; proof: www\.ed\.sec\. A signed by ed\.sec\. key \d+$/m);
  assert.match(block, new RegExp(`^;;   ed\\.sec\\.\\s+key ${edTag}  \\(DS ${edTag}/SHA-256\\)$`, 'm'));
  // The validator's questions go to the zones' own servers, without recursion: DS to the parent, DNSKEY to the zone.
  const validatorQueries = net.sent.filter((s) => s.settings.cd);
  assert.ok(validatorQueries.length > 0);
  assert.ok(validatorQueries.every((s) => !s.settings.rd && s.settings.dnssec));
  const asked = (name: string, type: number) =>
    validatorQueries.filter((s) => s.question.name === name && s.question.type === type).map((s) => s.server);
  assert.deepEqual(asked('sec.', DS), [ZONE_ADDRESSES['.']]);
  assert.deepEqual(asked('ed.sec.', DS), [ZONE_ADDRESSES['sec.']]);
  assert.deepEqual(asked('ed.sec.', DNSKEY), [ZONE_ADDRESSES['ed.sec.']]);
  assert.deepEqual(asked('.', DNSKEY), [ZONE_ADDRESSES['.']]);
  assert.ok(
    net.sent.every((s) => Object.values(ZONE_ADDRESSES).includes(s.server)),
    'no resolver is asked',
  );
});

test('+trace +validate under an NSEC3 opt-out: the unsigned delegation is proved and the answer is insecure', async () => {
  const out = await run(['www.ins.sec.', 'A'], signedAuthorities().query);
  assert.equal(out.code, 0, out.stderr);
  const lines = dnssecLines(out.stdout);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^;; DNSSEC: signed delegation to sec\. /);
  assert.equal(lines[1], ';; DNSSEC: unsigned delegation to ins.sec. (no DS, proved by an NSEC3 opt-out span)');
  const block = verdict(out.stdout);
  assert.match(block, /^;; DNSSEC: insecure$/m);
  assert.match(block, /^;; {3}ins\.sec\.\s+unsigned delegation \(no DS\)$/m);
});

test('+trace +validate of a name that does not exist: the NSEC proof makes the NXDOMAIN secure', async () => {
  const out = await run(['nope.ec.', 'A'], signedAuthorities().query);
  assert.equal(out.code, 0, out.stderr);
  assert.match(dnssecLines(out.stdout)[0], /^;; DNSSEC: signed delegation to ec\. /);
  assert.match(verdict(out.stdout), /^;; proof: NXDOMAIN for nope\.ec\. A proved by NSEC$/m);
});

test('+trace +validate: a broken DS digest, a DS RRSIG that fails and a tampered answer are bogus, each said where it happens', async () => {
  // The child's key no longer matches the DS its parent signed.
  const badKey = await run(
    ['www.ed.sec.', 'A'],
    signedAuthorities((server, _question, m) => (server === ZONE_ADDRESSES['ed.sec.'] ? flip(m, 'ed.sec.', DNSKEY) : m))
      .query,
  );
  const keyLines = dnssecLines(badKey.stdout);
  assert.match(keyLines[0], /^;; DNSSEC: signed delegation to sec\. /);
  assert.match(
    keyLines[1],
    /^;; DNSSEC: bogus delegation to ed\.sec\.: DNSKEY of ed\.sec\.: no DNSKEY of ed\.sec\. matches its DS \(key \d+ digest 2\)$/,
  );
  assert.match(verdict(badKey.stdout), /^;; DNSSEC: bogus$/m);

  // The root's DS for sec. is changed: its RRSIG no longer verifies.
  const badDs = await run(
    ['www.ed.sec.', 'A'],
    signedAuthorities((server, _question, m) => (server === ZONE_ADDRESSES['.'] ? flip(m, 'sec.', DS) : m)).query,
  );
  const dsLines = dnssecLines(badDs.stdout);
  assert.match(
    dsLines[0],
    /^;; DNSSEC: bogus delegation to sec\.: DS of sec\.: RRSIG sec\. DS \(key \d+, algorithm 13\): signature does not verify$/,
  );
  assert.match(verdict(badDs.stdout), /^;; DNSSEC: bogus$/m);

  // Every delegation is signed, but the address in the answer was changed.
  const badAnswer = await run(
    ['www.ed.sec.', 'A'],
    signedAuthorities((server, q, m) =>
      server === ZONE_ADDRESSES['ed.sec.'] && q.type === 1 ? flip(m, 'www.ed.sec.', 1) : m,
    ).query,
  );
  assert.ok(dnssecLines(badAnswer.stdout).every((line) => line.includes(': signed delegation')));
  assert.match(
    verdict(badAnswer.stdout),
    /^;; reason: RRSIG www\.ed\.sec\. A \(key \d+, algorithm 15\): signature does not verify$/m,
  );
  // A bogus answer is still an answer: the exit status is the lookup's.
  assert.equal(badAnswer.code, 0);
});

test('+trace +validate with the built-in root keys and a test root: the root does not match, every verdict is bogus', async () => {
  const out = await run(['www.ec.', 'A'], signedAuthorities().query, false);
  assert.equal(out.code, 0, out.stderr);
  assert.match(
    dnssecLines(out.stdout)[0],
    /^;; DNSSEC: bogus delegation to ec\.: .*no DNSKEY of \. matches the trust anchor$/,
  );
  assert.match(verdict(out.stdout), /^;; reason: no DNSKEY of \. matches the trust anchor$/m);
});

test('+trace +validate that ends without an answer: the verdict is indeterminate', async () => {
  const net = signedAuthorities((server, _question, m) =>
    server === ZONE_ADDRESSES['ed.sec.'] ? { ...m, rcode: 5, answer: [], authority: [] } : m,
  );
  const out = await run(['www.ed.sec.', 'A'], net.query);
  assert.match(
    verdict(out.stdout),
    /^;; DNSSEC: indeterminate\n;; reason: the trace ended without an authoritative reply to validate$/m,
  );
});

test('+trace +validate --json: each referral hop has its dnssec member, the document its validation, and it fits the schema', async () => {
  const out = await run(['www.ins.sec.', 'A', '--json'], signedAuthorities().query);
  assert.equal(out.code, 0, out.stderr);
  const doc = JSON.parse(out.stdout);
  assert.deepEqual(validateJson(doc, schema), []);
  const cuts = doc.hops.map(
    (hop: { dnssec?: { zone: string; status: string } }) => hop.dnssec && `${hop.dnssec.zone} ${hop.dnssec.status}`,
  );
  assert.deepEqual(cuts, [undefined, 'sec. signed', 'ins.sec. unsigned', undefined]);
  const [tag, alg, digest] = fixtureDs('root.signed', 'sec.').split(' ').map(Number);
  assert.deepEqual(doc.hops[1].dnssec.ds, { keyTag: tag, algorithm: alg, digestType: digest });
  assert.equal(doc.hops[1].dnssec.dsSignature.signer, '.');
  assert.equal(doc.hops[2].dnssec.ds, undefined);
  assert.equal(doc.validation.status, 'insecure');
  assert.equal(doc.validation.chain.at(-1).unsigned, true);
  // Without +validate the trace document has neither member.
  const plain = JSON.parse(
    (
      await runMain(['+trace', `--root-hints=${hintsFile}`, 'www.ins.sec.', 'A', '--json'], {
        io: { queryFn: signedAuthorities().query },
      })
    ).stdout,
  );
  assert.equal(plain.validation, undefined);
  assert.ok(plain.hops.every((hop: { dnssec?: unknown }) => hop.dnssec === undefined));
});

test('+trace +validate through a CNAME into another zone: the records of that zone the first server sent are ignored, the target is traced and validated from the root', async () => {
  const net = signedAuthorities();
  // The fixture's ec. server sends www.ed.sec.'s records with its CNAME: not ec.'s to give (RFC 2181 5.4.1).
  const out = await run(['alias.ec.', 'A', '+follow'], net.query);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^;; ignored out-of-zone record: www\.ed\.sec\. A 192\.0\.2\.10 \(not ec\.'s to give\)$/m);
  assert.match(out.stdout, /^;; zone: ed\.sec\. {2}question: www\.ed\.sec\. A {2}outcome: authoritative answer$/m);
  assert.match(verdict(out.stdout), /^;; DNSSEC: secure /m);
  const validatorQueries = net.sent.filter((s) => s.settings.cd);
  const asked = (name: string, type: number) =>
    validatorQueries.filter((s) => s.question.name === name && s.question.type === type).map((s) => s.server);
  // The trace visited sec. and ed.sec. itself: their keys and DS come from the servers it found.
  assert.deepEqual(asked('ed.sec.', DS), [ZONE_ADDRESSES['sec.']]);
  assert.deepEqual(asked('ed.sec.', DNSKEY), [ZONE_ADDRESSES['ed.sec.']]);
});

test('+trace +validate ending at a CNAME out of the zone (no +follow): the verdict is on the CNAME, and says so', async () => {
  // A real authoritative server of ec. gives only its own CNAME, not the target in another zone.
  const cnameOnly = (server: string, q: { type: number }, m: Message): Message =>
    server === ZONE_ADDRESSES['ec.'] && q.type === 1
      ? { ...m, answer: m.answer.filter((r) => r.name === 'alias.ec.') }
      : m;
  const out = await run(['alias.ec.', 'A'], signedAuthorities(cnameOnly).query);
  assert.equal(out.code, 0, out.stderr);
  const block = verdict(out.stdout);
  assert.match(block, /^;; DNSSEC: secure /m);
  assert.match(block, /^;; proof: alias\.ec\. CNAME signed by ec\. key \d+$/m);
  assert.match(
    block,
    /^;; note: the trace's reply ends at the CNAME to www\.ed\.sec\.: this verdict is on that CNAME$/m,
  );
  // With +follow the target is traced from the root too, and its answer validated.
  const followed = await run(['alias.ec.', 'A', '+follow'], signedAuthorities(cnameOnly).query);
  assert.equal(dnssecLines(followed.stdout).length, 3);
  assert.match(verdict(followed.stdout), /^;; proof: www\.ed\.sec\. A signed by ed\.sec\. key \d+$/m);
});

test('+trace +validate below an unsigned delegation: the hop says it is unsigned because its ancestor is', async () => {
  const net = signedAuthorities((server, q, m) => {
    if (!q.name.endsWith('sub.ins.sec.')) return m;
    if (server === ZONE_ADDRESSES['ins.sec.'])
      return reply({
        authority: [rr('sub.ins.sec.', 'NS', 'ns.sub.ins.sec.')],
        additional: [rr('ns.sub.ins.sec.', 'A', '127.0.0.6')],
      });
    if (server === '127.0.0.6') return reply({ aa: true, answer: [rr('www.sub.ins.sec.', 'A', '192.0.2.66')] });
    return m;
  });
  const out = await run(['www.sub.ins.sec.', 'A'], net.query);
  assert.equal(out.code, 0, out.stderr);
  assert.deepEqual(dnssecLines(out.stdout).slice(1), [
    ';; DNSSEC: unsigned delegation to ins.sec. (no DS, proved by an NSEC3 opt-out span)',
    ';; DNSSEC: unsigned delegation to sub.ins.sec. (below the unsigned delegation to ins.sec.)',
  ]);
  assert.match(verdict(out.stdout), /^;; DNSSEC: insecure\n;; reason: ins\.sec\. is an unsigned delegation /m);
  const doc = JSON.parse((await run(['www.sub.ins.sec.', 'A', '--json'], net.query)).stdout);
  assert.deepEqual(validateJson(doc, schema), []);
  assert.equal(doc.hops[3].dnssec.unsignedAt, 'ins.sec.');
  assert.equal(doc.hops[2].dnssec.unsignedAt, undefined);
});

test('+trace +validate: a stripped RRSIG is a missing signature, on the DS and on the proof of its absence', async () => {
  const strip =
    (covered: number[]) =>
    (m: Message): Message => ({
      ...m,
      authority: m.authority.filter((r) => r.type !== 46 || !covered.includes(readRrsig(r)!.typeCovered)),
    });
  const noDsSig = await run(
    ['www.ed.sec.', 'A'],
    signedAuthorities((server, q, m) => (server === ZONE_ADDRESSES['.'] && q.type === 1 ? strip([DS])(m) : m)).query,
  );
  assert.equal(
    dnssecLines(noDsSig.stdout)[0],
    ';; DNSSEC: bogus delegation to sec.: DS of sec.: missing signature: no RRSIG for sec. DS',
  );
  const noProofSig = await run(
    ['www.ins.sec.', 'A'],
    signedAuthorities((server, q, m) => (server === ZONE_ADDRESSES['sec.'] && q.type === 1 ? strip([50])(m) : m)).query,
  );
  assert.match(
    dnssecLines(noProofSig.stdout)[1],
    /^;; DNSSEC: bogus delegation to ins\.sec\.: DS of ins\.sec\.: missing signature: no RRSIG for [0-9A-V]{32}\.sec\. NSEC3$/,
  );
});

test('+trace +validate that stops on the CNAME limit is indeterminate, never the verdict on the CNAME it stopped at', async () => {
  // ec.'s server answers with its own CNAME only, so the trace must follow it, and the limit stops it there.
  const net = signedAuthorities((server, q, m) =>
    server === ZONE_ADDRESSES['ec.'] && q.type === 1
      ? { ...m, answer: m.answer.filter((r) => r.name === 'alias.ec.') }
      : m,
  );
  const hints = parseRootHints(FIXTURE_ROOT_HINTS, 'hints');
  const walk: TraceSettings = {
    exchange: { ...validatorSettings(BASE_SETTINGS, false), cd: false },
    port: 53,
    family: null,
    follow: true,
    startServers: [],
    rootHintsSource: 'file',
    hedgeDelayMs: 400,
    limits: { ...DEFAULT_TRACE_LIMITS, maxCnameChain: 0 },
  };
  const result = await trace({ name: 'alias.ec.', type: 1, class: 1 }, walk, {
    query: net.query,
    now: () => 0,
    rootHints: hints,
  });
  assert.equal(result.error?.code, 'trace.limit.cname');
  const anchors = parseTrustAnchors(fixtureText('root.ds'));
  const fetch = traceServerFetch(result, validatorWalk(walk), { query: net.query, now: () => 0 });
  const { validation } = await validateTrace(result, fetch, anchors, NOW);
  assert.equal(validation.status, 'indeterminate');
  assert.equal(
    validation.reason,
    'the trace stopped before the answer (CNAME chain limit reached: 0): nothing it reached answers the question',
  );
});

test('+trace +validate in a batch: cached cuts and shared DS/DNSKEY replies give every trace the verdicts it has alone, with fewer queries', async () => {
  const names = [
    ['www.ed.sec.', 'A'],
    ['www.ins.sec.', 'A'],
    ['nope.ec.', 'A'],
    ['www.ed.sec.', 'AAAA'],
    ['www.ed.sec.', 'A'],
  ];
  const judged = (text: string): string[] =>
    text.split('\n').filter((line) => /^;; (DNSSEC|proof|reason): /.test(line) || /^;; {3}\S/.test(line));
  const alone = { lines: [] as string[], queries: 0 };
  for (const name of names) {
    const net = signedAuthorities();
    const out = await run(name, net.query);
    assert.equal(out.code, 0, out.stderr);
    alone.lines.push(...judged(out.stdout).filter((line) => !line.startsWith(';;   ')));
    alone.queries += net.sent.length;
  }
  const net = signedAuthorities();
  const batch = await run(names.flat(), net.query);
  assert.equal(batch.code, 0, batch.stderr);
  assert.deepEqual(
    judged(batch.stdout).filter((line) => !line.startsWith(';;   ')),
    alone.lines,
  );
  assert.match(batch.stdout, /^;; \(cached\) referral to ed\.sec\. from /m);
  assert.ok(net.sent.length < alone.queries, `${net.sent.length} queries in a batch, ${alone.queries} alone`);
  // The DNSKEY of the root and of sec. were asked once for the whole batch.
  const asked = (name: string): number =>
    net.sent.filter((s) => s.question.name === name && s.question.type === DNSKEY).length;
  assert.equal(asked('.'), 1);
  assert.equal(asked('sec.'), 1);
});

test("+trace +validate of a YXDOMAIN: the verdict is the validator's on the same reply, the signed DNAME its proof", async () => {
  const zones = [...fixtureZones(), dnameZone()];
  const { fetch } = signedNetwork(zones);
  const anchors = parseTrustAnchors(`${fixtureText('root.ds')}${fixtureText('dname/dn.test.ds')}`);
  // self.dn.test. DNAME target.dn.test. (2 octets longer): a 255-octet name below the owner cannot be rewritten.
  const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(48)}.self.dn.test.`;
  const question = { name, type: 1, class: 1 };
  const endedOn = async (response: Message) => {
    const outcome = classifyReply(question, 'dn.test.', response);
    const server = { address: '127.0.0.9', port: 53, name: 'ns.dn.test.' };
    const hop: Hop = {
      zone: 'dn.test.',
      question,
      servers: [{ ...server, outcome: 'accepted', rttMs: 1, hedged: false }],
      exchange: {
        server,
        protocol: 'udp',
        question,
        query: new Uint8Array(12),
        raw: new Uint8Array(12),
        response,
        rttMs: 1,
        receivedAt: new Date(0),
      },
      outcome,
      glueLookups: [],
      ignoredGlue: [],
      notes: [],
    };
    const result: TraceResult = {
      request: question,
      hops: [hop],
      final: outcome,
      totalMs: 1,
      queries: 1,
      queriesByServer: {},
    };
    return { outcome, validation: (await validateTrace(result, fetch, anchors, NOW)).validation };
  };
  const yxdomain = { ...answer(zones, 'self.dn.test.', 39), rcode: 6, aa: true };
  const honest = await endedOn(yxdomain);
  assert.equal(honest.outcome.kind, 'yxdomain');
  assert.equal(honest.validation.status, 'secure', honest.validation.reason);
  const direct = await validateReply(name, 1, yxdomain, fetch, anchors, NOW, DEFAULT_VALIDATION_LIMITS);
  assert.deepEqual([honest.validation.status, honest.validation.reason], [direct.status, direct.reason]);
  assert.match(direct.reason, /^self\.dn\.test\. DNAME signed by dn\.test\. key \d+$/);
  // The DNAME alone under NOERROR: the trace takes no final answer from it, the validator calls it bogus.
  const noerror = { ...yxdomain, rcode: 0 };
  const misbehaving = await endedOn(noerror);
  assert.equal(misbehaving.outcome.kind, 'misbehaving');
  assert.equal(misbehaving.validation.status, 'indeterminate');
  const alone = await validateReply(name, 1, noerror, fetch, anchors, NOW, DEFAULT_VALIDATION_LIMITS);
  assert.equal(alone.status, 'bogus');
});
