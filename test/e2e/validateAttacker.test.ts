/**
 * `tsdig +validate` end to end, the real bin against the signed fixture hierarchy served on
 * loopback: a resolver's view on one address, the zones' authoritative servers on five others,
 * and an attacker on the path that alters one thing in the replies it chooses.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange, QueryFn } from '../../src/resolve/types.js';
import { namesEqual } from '../../src/wire/name.js';
import type { Message } from '../../src/wire/types.js';
import { allZones, covered, junkRrsig, negativeWith, proofsOf, record, soaOf } from '../dnssec/attacks.js';
import { FIXTURE_ROOT_HINTS, signedAuthorities, ZONE_ADDRESSES } from '../dnssec/signedAuthorities.js';
import { answer } from '../dnssec/signedNetwork.js';
import { type Alter, type SignedServers, startSignedServers } from '../dnssec/signedWire.js';
import { fixtureText } from '../dnssec/signedZone.js';
import { runBin } from '../support/runCli.js';

const RESOLVER = '127.0.0.53';
const dir = mkdtempSync(join(tmpdir(), 'tsdig-validate-e2e-'));
const anchorFile = join(dir, 'anchors.ds');
const hintsFile = join(dir, 'root.hints');
writeFileSync(anchorFile, `${fixtureText('root.ds')}${fixtureText('dname/dn.test.ds')}`);
writeFileSync(hintsFile, FIXTURE_ROOT_HINTS);

/** A validating resolver's view of the fixtures (RA set), answering with RRSIGs and proofs. */
const resolverView: QueryFn = async (server, question) => {
  const response = { ...answer(allZones(), question.name, question.type), ra: true };
  return { server, protocol: 'udp', question, response } as unknown as Exchange;
};

/** What the attacker currently does; each test sets it and the servers read it. */
let attack: Alter | undefined;
let resolver: SignedServers;
let authorities: SignedServers;

before(async () => {
  const alter: Alter = (address, question, reply, protocol) =>
    attack ? attack(address, question, reply, protocol) : reply;
  resolver = await startSignedServers([RESOLVER], resolverView, alter);
  authorities = await startSignedServers(Object.values(ZONE_ADDRESSES), signedAuthorities().query, alter);
});
after(async () => {
  await resolver?.close();
  await authorities?.close();
});

/** Runs tsdig against the resolver with `alter` in place. */
async function viaResolver(args: string[], alter?: Alter) {
  attack = alter;
  try {
    return await runBin(
      [`@${RESOLVER}`, '-p', String(resolver.port), `--trust-anchor=${anchorFile}`, '+timeout=2', '+tries=1', ...args],
      {
        env: { TSDIG_LOOPBACK_ONLY: '1' },
      },
    );
  } finally {
    attack = undefined;
  }
}

/** The alteration of the replies about `name` (of `type`, when given). */
const about =
  (name: string, type: number | undefined, change: (m: Message, protocol: 'udp' | 'tcp') => Message | null): Alter =>
  (_address, question, reply, protocol) =>
    namesEqual(question.name, name) && (type === undefined || question.type === type) ? change(reply, protocol) : reply;

const verdictLine = (stdout: string): string => stdout.split('\n').find((l) => l.startsWith(';; DNSSEC: ')) ?? '';
const reasonLine = (stdout: string): string => stdout.split('\n').find((l) => /^;; (reason|proof): /.test(l)) ?? '';

test('e2e +validate over the wire: honest answers, a CNAME chain, a DNAME, ANY and NXDOMAIN are secure', async () => {
  for (const [name, type] of [
    ['www.ed.sec.', 'A'],
    ['alias.ec.', 'A'],
    ['www.d.dn.test.', 'A'],
    ['www.ec.', 'ANY'],
    ['nope.sec.', 'A'],
  ]) {
    const out = await viaResolver([name, type, '+validate']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(verdictLine(out.stdout), /^;; DNSSEC: secure /, `${name} ${type}\n${out.stdout}`);
  }
});

test('e2e attacker: NXDOMAIN replayed from the root, a junk RRSIG naming an unsigned zone, one RRSIG of two stripped: bogus', async () => {
  const replay = await viaResolver(
    ['www.ec.', '+validate'],
    about('www.ec.', undefined, () => negativeWith(3, [...soaOf('ec.'), ...proofsOf('.')])),
  );
  assert.equal(replay.code, 0, replay.stderr);
  assert.match(replay.stdout, /status: NXDOMAIN/);
  assert.equal(verdictLine(replay.stdout), ';; DNSSEC: bogus');
  assert.match(reasonLine(replay.stdout), /not signed by ec\., the zone that holds www\.ec\.$/);

  const swapped = await viaResolver(
    ['www.ec.', '+validate'],
    about('www.ec.', 1, (m) => ({
      ...m,
      answer: [record('www.ec. 3600 IN A 192.0.2.66'), junkRrsig('www.ec.', 'A', 'ins.sec.')],
    })),
  );
  assert.equal(verdictLine(swapped.stdout), ';; DNSSEC: bogus');
  assert.equal(
    reasonLine(swapped.stdout),
    ';; reason: RRSIG www.ec. A names the signer ins.sec., but www.ec. is in ec.',
  );

  const stripped = await viaResolver(
    ['alias.ec.', '+validate', '+short'],
    about('alias.ec.', 1, (m) => ({ ...m, answer: m.answer.filter((r) => covered(r) !== 1) })),
  );
  assert.equal(
    stripped.stdout.split('\n').at(-2),
    '; validation failed: missing signature: no RRSIG for www.ed.sec. A',
  );
});

test('e2e: +validate +nodnssec still asks with DO, as +nodnssec +validate does', async () => {
  for (const order of [
    ['+validate', '+nodnssec'],
    ['+nodnssec', '+validate'],
  ]) {
    const before = resolver.queries.length;
    const out = await viaResolver(['www.ec.', ...order, '+short']);
    assert.equal(out.stdout.split('\n').at(-2), '; fully validated', order.join(' '));
    assert.ok(resolver.queries.length > before);
  }
});

test('e2e: a truncated UDP reply kept with +ignore is judged on the full reply asked again over TCP; truncated there too, indeterminate', async () => {
  const truncatedOnUdp = about('www.ec.', 1, (m, protocol) =>
    protocol === 'udp' ? { ...m, tc: true, answer: m.answer.slice(0, 1) } : m,
  );
  const kept = await viaResolver(['www.ec.', '+ignore', '+validate'], truncatedOnUdp);
  assert.equal(kept.code, 0, kept.stderr);
  assert.match(kept.stdout, /flags: qr tc rd ra/);
  assert.match(verdictLine(kept.stdout), /^;; DNSSEC: secure /);
  assert.match(
    kept.stdout,
    /^;; note: the reply was truncated \(TC\); this verdict is on the full reply, asked again over TCP$/m,
  );
  const everywhere = await viaResolver(
    ['www.ec.', '+ignore', '+validate'],
    about('www.ec.', 1, (m) => ({ ...m, tc: true, answer: m.answer.slice(0, 1) })),
  );
  assert.equal(verdictLine(everywhere.stdout), ';; DNSSEC: indeterminate');
  assert.equal(
    reasonLine(everywhere.stdout),
    ';; reason: the reply was truncated (TC): its records are incomplete and cannot be judged',
  );
});

test('e2e: against an authoritative server the chain is fetched by iteration from the root hints; an attacker there is caught too', async () => {
  const args = (name: string) => [
    `@${ZONE_ADDRESSES['ec.']}`,
    '-p',
    String(authorities.port),
    `--trust-anchor=${anchorFile}`,
    `--root-hints=${hintsFile}`,
    '+timeout=2',
    '+tries=1',
    name,
    '+validate',
  ];
  const before = authorities.queries.length;
  const honest = await runBin(args('www.ec.'), { env: { TSDIG_LOOPBACK_ONLY: '1' } });
  assert.equal(honest.code, 0, honest.stderr);
  assert.match(verdictLine(honest.stdout), /^;; DNSSEC: secure /);
  assert.match(
    honest.stdout,
    /^;; chain: DS and DNSKEY fetched by iteration from the root hints: the server does not offer recursion \(RA clear\)$/m,
  );
  const asked = authorities.queries.slice(before);
  assert.ok(
    asked.some((q) => q.startsWith(`${ZONE_ADDRESSES['.']} udp . 48`)),
    asked.join('\n'),
  );
  assert.ok(
    asked.some((q) => q.startsWith(`${ZONE_ADDRESSES['.']} udp ec. 43`)),
    asked.join('\n'),
  );
  // The root's server lies about ec.'s DS: the chain fetched by iteration is judged as any other.
  attack = about('ec.', 43, (m) => ({ ...m, answer: m.answer.filter((r) => covered(r) !== 43) }));
  try {
    const lied = await runBin(args('www.ec.'), { env: { TSDIG_LOOPBACK_ONLY: '1' } });
    assert.equal(verdictLine(lied.stdout), ';; DNSSEC: bogus');
    assert.equal(reasonLine(lied.stdout), ';; reason: missing signature: no RRSIG for ec. DS');
  } finally {
    attack = undefined;
  }
});
