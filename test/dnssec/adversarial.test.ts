/**
 * +validate against an attacker on the path: real signed replies of the fixture hierarchy, each
 * altered in one way (replayed proofs, swapped signers, stripped proofs and signatures, moved
 * wildcards, changed NSEC3 parameters, truncation). Every alteration must end bogus, or
 * indeterminate where nothing can be judged; never secure, never insecure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrustAnchors } from '../../src/dnssec/trustAnchor.js';
import { DEFAULT_VALIDATION_LIMITS } from '../../src/dnssec/types.js';
import { validateReply } from '../../src/dnssec/validate.js';
import { namesEqual } from '../../src/wire/name.js';
import type { Message } from '../../src/wire/types.js';
import {
  allZones,
  covered,
  flipped,
  junkRrsig,
  negativeWith,
  NSEC,
  NSEC3,
  proofsOf,
  record,
  renamed,
  RRSIG,
  signedSet,
  soaOf,
  withLabels,
  withRdata,
  withSigner,
  without,
} from './attacks.js';
import { signedNetwork } from './signedNetwork.js';
import { fixtureText } from './signedZone.js';

const NOW = Date.UTC(2027, 0, 1) / 1000;
const ANCHORS = [...parseTrustAnchors(fixtureText('root.ds')), ...parseTrustAnchors(fixtureText('dname/dn.test.ds'))];
const A = 1;
const TXT = 16;
const AAAA = 28;
const DS = 43;
const DNSKEY = 48;
const ANY = 255;
const MX = 15;

type Change = (m: Message) => Message;

/** One alteration of the replies to one question. */
interface Attack {
  what: string;
  name: string;
  type: number;
  /** Applied to every reply the validator gets: the attacker sees all of them. */
  tamper: (name: string, type: number, message: Message) => Message;
  expect: 'bogus' | 'indeterminate';
  reason: RegExp;
}

/** Changes the reply to `name`/`type` only. */
const on =
  (name: string, type: number, change: Change) =>
  (n: string, t: number, m: Message): Message =>
    namesEqual(n, name) && t === type ? change(m) : m;

/** Changes every reply about `name`, whatever the type (a forged name, consistent across the walk's DS query too). */
const onName =
  (name: string, change: Change) =>
  (n: string, _t: number, m: Message): Message =>
    namesEqual(n, name) ? change(m) : m;

const stripSigsOf =
  (type: number, owner?: string): Change =>
  (m) =>
    without(m, (r) => covered(r) === type && (owner === undefined || namesEqual(r.name, owner)));

/** A forged A record for `name` at 192.0.2.66 with a junk RRSIG naming `signer`. */
const forgedA =
  (name: string, signer: string): Change =>
  (m) => ({
    ...m,
    rcode: 0,
    answer: [record(`${name} 3600 IN A 192.0.2.66`), junkRrsig(name, 'A', signer)],
    authority: [],
  });

/** NSEC3 records with one RDATA octet changed at `offset` (0 hash algorithm, 1 flags, 3 iterations, 5 salt). */
const nsec3Changed =
  (offset: number): Change =>
  (m) => ({
    ...m,
    authority: m.authority.map((r) => {
      if (r.type !== NSEC3) return r;
      const rdata = Uint8Array.from(r.rdataWire);
      rdata[offset] ^= offset === 0 ? 0x03 : 0x01;
      return withRdata(r, rdata) ?? r;
    }),
  });

const ATTACKS: Attack[] = [
  // Proofs replayed from a parent, a sibling or a child zone.
  {
    what: "NXDOMAIN for www.ec. from the root's NSEC records and SOA (replayed from the parent)",
    name: 'www.ec.',
    type: A,
    tamper: onName('www.ec.', () => negativeWith(3, [...soaOf('.'), ...proofsOf('.')])),
    expect: 'bogus',
    reason: /carries the SOA of \., but www\.ec\. is in ec\./,
  },
  {
    what: "NXDOMAIN for www.ec. from the root's NSEC records, ec.'s own SOA",
    name: 'www.ec.',
    type: A,
    tamper: onName('www.ec.', () => negativeWith(3, [...soaOf('ec.'), ...proofsOf('.')])),
    expect: 'bogus',
    reason: /its NSEC or NSEC3 records are not signed by ec\., the zone that holds www\.ec\./,
  },
  {
    what: "NODATA for ec. A from the root's NSEC at the delegation point ec.",
    name: 'ec.',
    type: A,
    tamper: on('ec.', A, () => negativeWith(0, proofsOf('.'))),
    expect: 'bogus',
    reason: /not signed by ec\./,
  },
  {
    what: "NXDOMAIN for www.ed.sec. from sec.'s NSEC3 records (the parent)",
    name: 'www.ed.sec.',
    type: A,
    tamper: onName('www.ed.sec.', () => negativeWith(3, [...soaOf('sec.'), ...proofsOf('sec.')])),
    expect: 'bogus',
    reason: /SOA of sec\., but www\.ed\.sec\. is in ed\.sec\./,
  },
  {
    what: "NODATA for www.ed.sec. A from sec.'s NSEC3 records, ed.sec.'s SOA",
    name: 'www.ed.sec.',
    type: A,
    tamper: on('www.ed.sec.', A, () => negativeWith(0, [...soaOf('ed.sec.'), ...proofsOf('sec.')])),
    expect: 'bogus',
    reason: /not signed by ed\.sec\./,
  },
  {
    what: "NXDOMAIN for www.sec. from ec.'s NSEC records (a sibling)",
    name: 'www.sec.',
    type: A,
    tamper: onName('www.sec.', () => negativeWith(3, [...soaOf('sec.'), ...proofsOf('ec.')])),
    expect: 'bogus',
    reason: /not signed by sec\./,
  },
  {
    what: "NXDOMAIN for www.ec. from sec.'s NSEC3 records (a sibling)",
    name: 'www.ec.',
    type: A,
    tamper: onName('www.ec.', () => negativeWith(3, [...soaOf('ec.'), ...proofsOf('sec.')])),
    expect: 'bogus',
    reason: /not signed by ec\./,
  },
  {
    what: "no DS for ed.sec. from ed.sec.'s own apex NSEC (the child side), to make it look unsigned",
    name: 'www.ed.sec.',
    type: A,
    tamper: on('ed.sec.', DS, () => negativeWith(0, [...soaOf('ed.sec.'), ...proofsOf('ed.sec.')])),
    expect: 'bogus',
    reason: /NODATA for ed\.sec\. DS: its NSEC or NSEC3 records are not signed by sec\./,
  },
  {
    what: "no DS for ec. from the root's NSEC at ec. (which lists DS)",
    name: 'www.ec.',
    type: A,
    tamper: on('ec.', DS, () => negativeWith(0, [...soaOf('.'), ...proofsOf('.')])),
    expect: 'bogus',
    reason: /NODATA for ec\. DS not proven: the NSEC record at ec\. says DS exists/,
  },
  {
    what: 'NXDOMAIN for the empty non-terminal wild.ec. (an NSEC whose next name lies below it)',
    name: 'wild.ec.',
    type: A,
    tamper: onName('wild.ec.', (m) => ({ ...m, rcode: 3 })),
    expect: 'bogus',
    reason: /NXDOMAIN for wild\.ec\. A not proven: an NSEC record says wild\.ec\. exists/,
  },
  {
    what: 'NXDOMAIN for a name below a DNAME, proved by the NSEC at the DNAME',
    name: 'x.d.dn.test.',
    type: A,
    tamper: onName('x.d.dn.test.', () => negativeWith(3, [...soaOf('dn.test.'), ...proofsOf('dn.test.')])),
    expect: 'bogus',
    reason: /d\.dn\.test\. has a DNAME: names below it are rewritten, not denied/,
  },
  {
    what: "NXDOMAIN for www.ec. with ec.'s genuine NSEC records (one of which says it exists)",
    name: 'www.ec.',
    type: A,
    tamper: onName('www.ec.', () => negativeWith(3, [...soaOf('ec.'), ...proofsOf('ec.')])),
    expect: 'bogus',
    reason: /an NSEC record says www\.ec\. exists/,
  },
  // Signer names swapped: an unsigned zone, one that does not exist, an ancestor, a descendant.
  {
    what: 'a forged answer with a junk RRSIG naming the unsigned zone ins.sec.',
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, forgedA('www.ec.', 'ins.sec.')),
    expect: 'bogus',
    reason: /names the signer ins\.sec\., but www\.ec\. is in ec\./,
  },
  {
    what: 'a forged answer with a junk RRSIG naming a zone that does not exist',
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, forgedA('www.ec.', 'nope.')),
    expect: 'bogus',
    reason: /names the signer nope\., but www\.ec\. is in ec\./,
  },
  {
    what: 'a forged answer with a junk RRSIG naming the ancestor .',
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, forgedA('www.ec.', '.')),
    expect: 'bogus',
    reason: /names the signer \., but www\.ec\. is in ec\./,
  },
  {
    what: 'a forged answer with a junk RRSIG naming the owner itself (a descendant of the zone)',
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, forgedA('www.ec.', 'www.ec.')),
    expect: 'bogus',
    reason: /names the signer www\.ec\., but www\.ec\. is in ec\./,
  },
  {
    what: 'a forged answer in ed.sec. with a junk RRSIG naming its parent sec. (above the cut)',
    name: 'www.ed.sec.',
    type: A,
    tamper: on('www.ed.sec.', A, forgedA('www.ed.sec.', 'sec.')),
    expect: 'bogus',
    reason: /names the signer sec\., but www\.ed\.sec\. is in ed\.sec\./,
  },
  {
    what: "a forged answer in the unsigned ins.sec.'s parent, with a junk RRSIG naming ins.sec.",
    name: 'www.sec.',
    type: A,
    tamper: on('www.sec.', A, forgedA('www.sec.', 'ins.sec.')),
    expect: 'bogus',
    reason: /names the signer ins\.sec\., but www\.sec\. is in sec\./,
  },
  {
    what: "the genuine answer and RRSIG, the RRSIG's signer rewritten to .",
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, (m) => ({
      ...m,
      answer: m.answer.map((r) => (r.type === RRSIG ? withSigner(r, '.') : r)),
    })),
    expect: 'bogus',
    reason: /names the signer \., but www\.ec\. is in ec\./,
  },
  // Proofs and signatures stripped.
  {
    what: 'NXDOMAIN with its NSEC records stripped (the SOA kept)',
    name: 'nope.ec.',
    type: A,
    tamper: on('nope.ec.', A, (m) => without(m, (r) => r.type === NSEC || covered(r) === NSEC)),
    expect: 'bogus',
    reason: /NXDOMAIN for nope\.ec\. A without NSEC or NSEC3 records from the signed zone ec\./,
  },
  {
    what: 'NODATA with its NSEC3 records stripped',
    name: 'www.sec.',
    type: MX,
    tamper: on('www.sec.', MX, (m) => without(m, (r) => r.type === NSEC3 || covered(r) === NSEC3)),
    expect: 'bogus',
    reason: /NODATA for www\.sec\. MX without NSEC or NSEC3 records from the signed zone sec\./,
  },
  {
    what: 'an answer replaced by NODATA with only the SOA',
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, () => negativeWith(0, soaOf('ec.'))),
    expect: 'bogus',
    reason: /NODATA for www\.ec\. A without NSEC or NSEC3 records/,
  },
  {
    what: "a CNAME chain with the target's RRSIG stripped (one RRSIG of two)",
    name: 'alias.ec.',
    type: A,
    tamper: on('alias.ec.', A, stripSigsOf(A)),
    expect: 'bogus',
    reason: /^missing signature: no RRSIG for www\.ed\.sec\. A$/,
  },
  {
    what: "a CNAME chain with the CNAME's RRSIG stripped (the other of the two)",
    name: 'alias.ec.',
    type: A,
    tamper: on('alias.ec.', A, stripSigsOf(5)),
    expect: 'bogus',
    reason: /^missing signature: no RRSIG for alias\.ec\. CNAME$/,
  },
  {
    what: 'NXDOMAIN with the RRSIG of one NSEC of its proof stripped',
    name: 'nope.ec.',
    type: A,
    tamper: on('nope.ec.', A, stripSigsOf(NSEC, 'ns.ec.')),
    expect: 'bogus',
    reason: /^missing signature: no RRSIG for ns\.ec\. NSEC$/,
  },
  {
    what: "an ANY answer with the AAAA RRset's RRSIG stripped",
    name: 'www.ec.',
    type: ANY,
    tamper: on('www.ec.', ANY, stripSigsOf(AAAA)),
    expect: 'bogus',
    reason: /^missing signature: no RRSIG for www\.ec\. AAAA$/,
  },
  {
    what: "ec.'s DNSKEY RRset with the KSK's RRSIG stripped (the ZSK's kept)",
    name: 'www.ec.',
    type: A,
    tamper: on('ec.', DNSKEY, (m) => {
      const sigs = m.answer.filter((r) => covered(r) === DNSKEY);
      return { ...m, answer: m.answer.filter((r) => r !== sigs[0]) };
    }),
    expect: 'bogus',
    reason: /RRSIG ec\. DNSKEY .*no DNSKEY of ec\. with that tag and algorithm/,
  },
  {
    what: 'every RRSIG and proof stripped, so that the answer looks unsigned',
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, (m) => ({ ...without(m, (r) => r.type === RRSIG), authority: [] })),
    expect: 'bogus',
    reason: /^missing signature: no RRSIG for www\.ec\. A$/,
  },
  // Wildcards moved.
  {
    what: "a wildcard answer whose NSEC proof is replaced by another genuine NSEC of ec. (nope.ec.'s)",
    name: 'anything.wild.ec.',
    type: TXT,
    tamper: on('anything.wild.ec.', TXT, (m) => ({ ...m, authority: signedSet('ec.', 'ec.', NSEC) })),
    expect: 'bogus',
    reason: /wildcard expansion of anything\.wild\.ec\. TXT not proven: nothing covers anything\.wild\.ec\./,
  },
  {
    what: "the wildcard's TXT and RRSIG served at www.ec., a name that exists",
    name: 'www.ec.',
    type: TXT,
    tamper: on('www.ec.', TXT, (m) => ({
      ...m,
      rcode: 0,
      answer: renamed(signedSet('ec.', '*.wild.ec.', TXT), 'www.ec.'),
      authority: signedSet('ec.', 'ns.ec.', NSEC),
    })),
    expect: 'bogus',
    reason: /RRSIG www\.ec\. TXT .*signature does not verify/,
  },
  {
    what: 'a wildcard expansion of ec. served for a name in sec.',
    name: 'x.wild.sec.',
    type: TXT,
    tamper: on('x.wild.sec.', TXT, (m) => ({
      ...m,
      answer: renamed(signedSet('ec.', '*.wild.ec.', TXT), 'x.wild.sec.'),
      authority: signedSet('ec.', '*.wild.ec.', NSEC),
    })),
    expect: 'bogus',
    reason: /names the signer ec\., but x\.wild\.sec\. is in sec\./,
  },
  {
    what: 'a wildcard answer with its RRSIG labels field raised (no longer an expansion)',
    name: 'anything.wild.ec.',
    type: TXT,
    tamper: on('anything.wild.ec.', TXT, (m) => ({
      ...m,
      answer: m.answer.map((r) => (r.type === RRSIG ? withLabels(r, 3) : r)),
    })),
    expect: 'bogus',
    reason: /signature does not verify/,
  },
  {
    what: 'wildcard NODATA with the NSEC of the wildcard stripped',
    name: 'a.wild.ec.',
    type: A,
    tamper: on('a.wild.ec.', A, (m) => without(m, (r) => namesEqual(r.name, '*.wild.ec.'))),
    expect: 'bogus',
    reason: /NODATA for a\.wild\.ec\. A not proven: no NSEC record at a\.wild\.ec\./,
  },
  // NSEC3 hash parameters changed.
  {
    what: 'NXDOMAIN with the salt of every NSEC3 changed',
    name: 'nope.sec.',
    type: A,
    tamper: on('nope.sec.', A, nsec3Changed(5)),
    expect: 'bogus',
    reason: /NSEC3 .*signature does not verify/,
  },
  {
    what: 'NXDOMAIN with the iterations of every NSEC3 changed',
    name: 'nope.sec.',
    type: A,
    tamper: on('nope.sec.', A, nsec3Changed(3)),
    expect: 'bogus',
    reason: /NSEC3 .*signature does not verify/,
  },
  {
    what: 'NXDOMAIN with the hash algorithm of every NSEC3 changed',
    name: 'nope.sec.',
    type: A,
    tamper: on('nope.sec.', A, nsec3Changed(0)),
    expect: 'bogus',
    reason: /NSEC3 .*signature does not verify/,
  },
  {
    what: 'the DS proof of ins.sec. with the opt-out flag cleared',
    name: 'www.ins.sec.',
    type: A,
    tamper: on('ins.sec.', DS, nsec3Changed(1)),
    expect: 'bogus',
    reason: /NSEC3 .*signature does not verify/,
  },
  // Truncation.
  {
    what: 'the answer with TC set',
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, (m) => ({ ...m, tc: true })),
    expect: 'indeterminate',
    reason: /^the reply was truncated \(TC\): its records are incomplete and cannot be judged$/,
  },
  {
    what: 'an ANY answer cut short, TC set',
    name: 'www.ec.',
    type: ANY,
    tamper: on('www.ec.', ANY, (m) => ({ ...m, tc: true, answer: m.answer.slice(0, 2) })),
    expect: 'indeterminate',
    reason: /truncated/,
  },
  {
    what: 'the DS reply of the walk truncated',
    name: 'www.ed.sec.',
    type: A,
    tamper: on('ed.sec.', DS, (m) => ({ ...m, tc: true, answer: [] })),
    expect: 'indeterminate',
    reason: /^ed\.sec\. DS: the reply was truncated$/,
  },
  // Other single changes.
  {
    what: 'the rcode of an answer flipped to NXDOMAIN',
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, (m) => ({ ...m, rcode: 3 })),
    expect: 'bogus',
    reason: /^NXDOMAIN, yet the answer section holds www\.ec\.'s records$/,
  },
  {
    what: 'an unsigned record added to the answer section',
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, (m) => ({ ...m, answer: [...m.answer, record('evil.ec. 3600 IN A 192.0.2.66')] })),
    expect: 'bogus',
    reason: /^evil\.ec\. A in the answer section is not part of the answer to www\.ec\. A$/,
  },
  {
    what: 'a record added to the signed RRset',
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, (m) => ({ ...m, answer: [...m.answer, record('www.ec. 3600 IN A 192.0.2.66')] })),
    expect: 'bogus',
    reason: /RRSIG www\.ec\. A .*signature does not verify/,
  },
  {
    what: "sec.'s signed answer renamed into ec.",
    name: 'www.ec.',
    type: A,
    tamper: on('www.ec.', A, (m) => ({ ...m, answer: renamed(signedSet('sec.', 'www.sec.', A), 'www.ec.') })),
    expect: 'bogus',
    reason: /names the signer sec\., but www\.ec\. is in ec\./,
  },
  {
    what: 'the address of a signed answer changed',
    name: 'www.ed.sec.',
    type: A,
    tamper: on('www.ed.sec.', A, (m) => ({ ...m, answer: flipped(m.answer, A, -1) })),
    expect: 'bogus',
    reason: /RRSIG www\.ed\.sec\. A .*signature does not verify/,
  },
  {
    what: 'a DNAME answer whose synthesized CNAME points elsewhere',
    name: 'www.d.dn.test.',
    type: A,
    tamper: on('www.d.dn.test.', A, (m) => ({
      ...m,
      answer: [
        ...m.answer.filter((r) => r.type === 39 || covered(r) === 39),
        record('www.d.dn.test. 3600 IN CNAME www.sec.'),
        ...signedSet('sec.', 'www.sec.', A),
      ],
    })),
    expect: 'bogus',
    reason: /the CNAME at www\.d\.dn\.test\. is not the one the DNAME at d\.dn\.test\. synthesizes/,
  },
];

async function verdict(attack: Pick<Attack, 'name' | 'type' | 'tamper'>): Promise<{ status: string; reason: string }> {
  const { fetch } = signedNetwork(allZones(), attack.tamper);
  const first = await fetch(attack.name, attack.type);
  return validateReply(attack.name, attack.type, first, fetch, ANCHORS, NOW, DEFAULT_VALIDATION_LIMITS);
}

test('each question of the suite is secure when nothing is altered', async () => {
  const questions = new Map(ATTACKS.map((a) => [`${a.name} ${a.type}`, a]));
  for (const attack of questions.values()) {
    // x.wild.sec. lies in sec.'s opt-out span, www.ins.sec. below an unsigned delegation: both insecure.
    const v = await verdict({ ...attack, tamper: (_n, _t, m) => m });
    const expected = ['x.wild.sec.', 'www.ins.sec.'].includes(attack.name) ? 'insecure' : 'secure';
    assert.equal(v.status, expected, `${attack.name} ${attack.type}: ${v.reason}`);
  }
});

for (const attack of ATTACKS) {
  test(`attacker: ${attack.what} -> ${attack.expect}`, async () => {
    const v = await verdict(attack);
    assert.equal(v.status, attack.expect, v.reason);
    assert.match(v.reason, attack.reason);
  });
}

test('the suite tries each kind of alteration it names', () => {
  const text = ATTACKS.map((a) => a.what).join('\n');
  for (const kind of [
    'replayed from the parent',
    'a sibling',
    'the child side',
    'the unsigned zone',
    'the ancestor',
    'a descendant',
    'stripped',
    'one RRSIG of two',
    'wildcard',
    'salt',
    'iterations',
    'hash algorithm',
    'TC set',
  ])
    assert.ok(text.includes(kind), kind);
});
