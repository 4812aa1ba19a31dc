/**
 * The property behind the adversarial suite: take a reply the validator calls secure, make any one
 * change an attacker could make to it (a flipped octet, a renamed or retyped record, a swapped
 * signer or labels field, the rcode or TC flipped, a forged record added, another zone's proofs put
 * in), and the verdict is bogus or indeterminate: never secure, nor insecure. The last test shows the property can fail: with a change
 * that changes nothing it finds a secure verdict at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTrustAnchors } from '../../src/dnssec/trustAnchor.js';
import { DEFAULT_VALIDATION_LIMITS } from '../../src/dnssec/types.js';
import { validateReply } from '../../src/dnssec/validate.js';
import { namesEqual, nameToWire } from '../../src/wire/name.js';
import { readRrsig } from '../../src/dnssec/rrsig.js';
import { canonicalRdata } from '../../src/dnssec/canonical.js';
import type { Message, ResourceRecord } from '../../src/wire/types.js';
import { allZones, proofsOf, record, RRSIG, withLabels, withRdata, withSigner } from './attacks.js';
import { signedNetwork } from './signedNetwork.js';
import { fixtureText } from './signedZone.js';

const NOW = Date.UTC(2027, 0, 1) / 1000;
const ANCHORS = [...parseTrustAnchors(fixtureText('root.ds')), ...parseTrustAnchors(fixtureText('dname/dn.test.ds'))];

/** Questions whose honest replies are secure: answers, CNAME and DNAME chains, ANY, NXDOMAIN, NODATA, wildcards; NSEC and NSEC3. */
const QUESTIONS: ReadonlyArray<[string, number]> = [
  ['www.ec.', 1],
  ['www.ec.', 255],
  ['alias.ec.', 1],
  ['www.ed.sec.', 1],
  ['www.sec.', 1],
  ['nope.ec.', 1],
  ['nope.sec.', 1],
  ['www.ec.', 15],
  ['www.sec.', 15],
  ['anything.wild.ec.', 16],
  ['a.wild.ec.', 1],
  ['a.wild.sec.', 1],
  ['wild.ec.', 1],
  ['www.d.dn.test.', 1],
];

const section = fc.constantFrom<'answer' | 'authority'>('answer', 'authority');
const index = fc.nat(200);

/** One change to one reply. */
const alteration = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    section,
    index,
    octet: fc.nat(600),
    mask: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant('rename' as const), section, index, label: fc.constantFrom('x', '*', 'www', 'ns') }),
  fc.record({
    kind: fc.constant('retype' as const),
    section,
    index,
    type: fc.constantFrom(1, 2, 5, 6, 16, 28, 39, 43, 47, 50),
  }),
  fc.record({
    kind: fc.constant('signer' as const),
    section,
    index,
    signer: fc.constantFrom('.', 'ec.', 'sec.', 'ed.sec.', 'ins.sec.', 'dn.test.', 'www.ec.', 'nope.'),
  }),
  fc.record({ kind: fc.constant('labels' as const), section, index, labels: fc.nat(6) }),
  fc.record({ kind: fc.constant('rcode' as const) }),
  fc.record({ kind: fc.constant('tc' as const) }),
  fc.record({
    kind: fc.constant('inject' as const),
    section,
    text: fc.constantFrom(
      'www.ec. 3600 IN A 192.0.2.66',
      'evil.ec. 3600 IN A 192.0.2.66',
      'x.ins.sec. 3600 IN A 192.0.2.66',
      'www.ec. 3600 IN TXT "forged"',
      'ec. 3600 IN NS ns.evil.',
    ),
  }),
  fc.record({ kind: fc.constant('proofs' as const), zone: fc.constantFrom('.', 'ec.', 'sec.', 'ed.sec.', 'dn.test.') }),
);

type Alteration = typeof alteration extends fc.Arbitrary<infer T> ? T : never;

function changeRecord(rr: ResourceRecord, a: Alteration): ResourceRecord | undefined {
  switch (a.kind) {
    case 'flip': {
      if (rr.rdataWire.length === 0) return undefined;
      const rdata = Uint8Array.from(rr.rdataWire);
      rdata[a.octet % rdata.length] ^= a.mask;
      // The case of a letter in an embedded name is no change (RFC 4034 6.2 folds it before signing).
      if (Buffer.from(canonicalRdata(rr.type, rdata)).equals(Buffer.from(canonicalRdata(rr.type, rr.rdataWire))))
        return undefined;
      // A record the decoder would refuse never reaches the validator: that change is not made.
      return withRdata(rr, rdata);
    }
    case 'rename':
      return { ...rr, name: a.label === 'www' ? 'www.ec.' : `${a.label}.${rr.name === '.' ? '' : rr.name}` };
    case 'retype':
      return rr.type === a.type ? undefined : { ...rr, type: a.type };
    case 'signer':
      return rr.type === RRSIG && !namesEqual(readRrsig(rr)!.signer, a.signer) ? withSigner(rr, a.signer) : undefined;
    case 'labels':
      return rr.type === RRSIG && readRrsig(rr)!.labels !== a.labels ? withLabels(rr, a.labels) : undefined;
    default:
      return undefined;
  }
}

/** The reply with the alteration made, or undefined when it would change nothing. */
function alter(m: Message, a: Alteration): Message | undefined {
  switch (a.kind) {
    case 'rcode':
      return { ...m, rcode: m.rcode === 3 ? 0 : 3 };
    case 'tc':
      return { ...m, tc: true };
    case 'inject':
      return { ...m, [a.section]: [...m[a.section], record(a.text)] };
    case 'proofs': {
      const kept = m.authority.filter((r) => r.type === 6 || isSoaSig(r));
      const altered = [...kept, ...proofsOf(a.zone)];
      return sameRecords(altered, m.authority) ? undefined : { ...m, authority: altered };
    }
    default: {
      const records = m[a.section];
      if (records.length === 0) return undefined;
      const at = a.index % records.length;
      const changed = changeRecord(records[at], a);
      if (!changed) return undefined;
      // A name written differently but equal (the case of a label) is not a change.
      if (
        a.kind === 'rename' &&
        Buffer.from(nameToWire(changed.name)).equals(Buffer.from(nameToWire(records[at].name)))
      )
        return undefined;
      return { ...m, [a.section]: records.map((r, i) => (i === at ? changed : r)) };
    }
  }
}

/** Whether two sections hold the same records, in any order. */
function sameRecords(a: readonly ResourceRecord[], b: readonly ResourceRecord[]): boolean {
  const key = (r: ResourceRecord): string =>
    `${r.name.toLowerCase()} ${r.type} ${Buffer.from(r.rdataWire).toString('hex')}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}

function isSoaSig(rr: ResourceRecord): boolean {
  return rr.type === RRSIG && readRrsig(rr)!.typeCovered === 6;
}

/** The verdict on the reply to one question, with `change` made to that reply only. */
async function verdictWith(
  [name, type]: readonly [string, number],
  change: (m: Message) => Message | undefined,
): Promise<{ status: string; reason: string; changed: boolean }> {
  let changed = false;
  let first = true;
  const { fetch } = signedNetwork(allZones(), (_n, _t, m) => {
    if (!first) return m;
    first = false;
    const altered = change(m);
    if (altered === undefined) return m;
    changed = true;
    return altered;
  });
  const reply = await fetch(name, type);
  const v = await validateReply(name, type, reply, fetch, ANCHORS, NOW, DEFAULT_VALIDATION_LIMITS);
  return { status: v.status, reason: v.reason, changed };
}

test('every question of the property is secure unaltered', async () => {
  for (const question of QUESTIONS) {
    const v = await verdictWith(question, () => undefined);
    assert.equal(v.status, 'secure', `${question.join(' ')}: ${v.reason}`);
  }
});

const neverSecure = (change: (m: Message, a: Alteration) => Message | undefined) =>
  fc.asyncProperty(fc.constantFrom(...QUESTIONS), alteration, async (question, a) => {
    const v = await verdictWith(question, (m) => change(m, a));
    if (v.changed && (v.status === 'secure' || v.status === 'insecure'))
      throw new Error(`${question.join(' ')} altered by ${JSON.stringify(a)} is ${v.status}: ${v.reason}`);
  });

test('property: any single alteration of a secure reply ends bogus or indeterminate, never secure or insecure', async () => {
  await fc.assert(neverSecure(alter), { numRuns: 400 });
});

test('the property can fail: a change that changes nothing (the TTL) is found secure', async () => {
  const ttlOnly = (m: Message): Message => ({ ...m, answer: m.answer.map((r) => ({ ...r, ttl: r.ttl + 1 })) });
  const result = await fc.check(neverSecure(ttlOnly), { numRuns: 50 });
  assert.equal(result.failed, true);
});
