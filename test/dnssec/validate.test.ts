import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTrustAnchors } from '../../src/dnssec/trustAnchor.js';
import { DEFAULT_VALIDATION_LIMITS, type Validation } from '../../src/dnssec/types.js';
import { validateReply } from '../../src/dnssec/validate.js';
import { readRrsig } from '../../src/dnssec/rrsig.js';
import { rdataText } from '../../src/render/rdata/present.js';
import { recordFromWire, withRdataWire } from '../support/records.js';
import { parseType } from '../../src/wire/rrtypes.js';
import type { Message, ResourceRecord } from '../../src/wire/types.js';
import { answer, dnameZone, fixtureZones, signedNetwork } from './signedNetwork.js';
import { fixtureText, parseRecord } from './signedZone.js';

/** 2027-01-01: inside every fixture signature's validity window. */
const NOW = Date.UTC(2027, 0, 1) / 1000;
const ANCHORS = parseTrustAnchors(fixtureText('root.ds'));
const ROOT_TAG = Number(fixtureText('root.ds').split(/\s+/)[3]);

async function validate(
  name: string,
  type: string,
  options: {
    now?: number;
    tamper?: (n: string, t: number, m: Message) => Message;
    anchors?: typeof ANCHORS;
    limits?: typeof DEFAULT_VALIDATION_LIMITS;
  } = {},
): Promise<Validation & { asked: string[] }> {
  const zones = fixtureZones();
  const { fetch, asked } = signedNetwork(zones, options.tamper);
  const qtype = parseType(type)!;
  const first = await fetch(name, qtype);
  const result = await validateReply(
    name,
    qtype,
    first,
    fetch,
    options.anchors ?? ANCHORS,
    options.now ?? NOW,
    options.limits ?? DEFAULT_VALIDATION_LIMITS,
  );
  return { ...result, asked };
}

const zonesOf = (v: Validation): string[] => v.chain.map((link) => link.zone);

test('an ECDSA-signed answer is secure, validated from the root anchor through ec.', async () => {
  const v = await validate('www.ec.', 'A');
  assert.equal(v.status, 'secure', v.reason);
  assert.deepEqual(zonesOf(v), ['.', 'ec.']);
  assert.deepEqual(v.anchor, { zone: '.', keyTag: ROOT_TAG });
  assert.equal(v.chain[0].anchor, true);
  assert.deepEqual(
    v.chain[1].ds.map((d) => d.digestType),
    [2],
  );
});

test('RSA with NSEC3 (sec.) and Ed25519 (ed.sec.) chains are secure', async () => {
  const rsa = await validate('www.sec.', 'A');
  assert.equal(rsa.status, 'secure', rsa.reason);
  const ed = await validate('www.ed.sec.', 'A');
  assert.equal(ed.status, 'secure', ed.reason);
  assert.deepEqual(zonesOf(ed), ['.', 'sec.', 'ed.sec.']);
});

test('a CNAME chain across zones validates each RRset', async () => {
  const v = await validate('alias.ec.', 'A');
  assert.equal(v.status, 'secure', v.reason);
  assert.deepEqual(zonesOf(v), ['.', 'ec.', 'sec.', 'ed.sec.']);
});

test('a wildcard expansion is secure with the NSEC proof that the name does not exist', async () => {
  const v = await validate('anything.wild.ec.', 'TXT');
  assert.equal(v.status, 'secure', v.reason);
  const stripped = await validate('anything.wild.ec.', 'TXT', {
    tamper: (n, t, m) => (n === 'anything.wild.ec.' && t === 16 ? { ...m, authority: [] } : m),
  });
  assert.equal(stripped.status, 'bogus');
  assert.match(stripped.reason, /wildcard expansion/);
});

test('NXDOMAIN and NODATA are proved by NSEC (ec.) and NSEC3 (sec.)', async () => {
  for (const [name, type, proof] of [
    ['nope.ec.', 'A', /NXDOMAIN .* proved by NSEC$/],
    ['www.ec.', 'MX', /NODATA .* proved by NSEC$/],
    ['nope.sec.', 'A', /NXDOMAIN .* proved by NSEC3$/],
    ['www.sec.', 'MX', /NODATA .* proved by NSEC3$/],
  ] as const) {
    const v = await validate(name, type);
    assert.equal(v.status, 'secure', `${name} ${type}: ${v.reason}`);
    assert.match(v.reason, proof);
  }
});

test('an unsigned delegation under an NSEC3 opt-out span is insecure', async () => {
  const v = await validate('www.ins.sec.', 'A');
  assert.equal(v.status, 'insecure', v.reason);
  assert.match(v.reason, /ins\.sec\. is an unsigned delegation .*opt-out/);
  assert.equal(v.chain.at(-1)?.unsigned, true);
});

test('a changed answer is bogus: the RRSIG that failed is named', async () => {
  const v = await validate('www.ec.', 'A', {
    tamper: (n, t, m) =>
      n === 'www.ec.' && t === 1
        ? { ...m, answer: m.answer.map((r) => (r.type === 1 ? withRdataWire(r, Uint8Array.from([192, 0, 2, 66])) : r)) }
        : m,
  });
  assert.equal(v.status, 'bogus');
  assert.match(v.reason, /RRSIG www\.ec\. A \(key \d+, algorithm 13\): signature does not verify/);
});

test('signatures past their expiry or before their inception are bogus', async () => {
  const late = await validate('www.ec.', 'A', { now: Date.UTC(2091, 0, 1) / 1000 });
  assert.equal(late.status, 'bogus');
  assert.match(late.reason, /expired at 20900101000000/);
  const early = await validate('www.ec.', 'A', { now: Date.UTC(2020, 0, 1) / 1000 });
  assert.match(early.reason, /not valid before/);
});

test('a missing RRSIG in a signed zone is bogus', async () => {
  const v = await validate('www.ec.', 'A', {
    tamper: (n, t, m) => (n === 'www.ec.' && t === 1 ? { ...m, answer: m.answer.filter((r) => r.type !== 46) } : m),
  });
  assert.equal(v.status, 'bogus');
  assert.match(v.reason, /no RRSIG for www\.ec\. A/);
});

test('a child key that matches no DS in the parent is bogus', async () => {
  const v = await validate('www.ec.', 'A', {
    tamper: (n, t, m) =>
      n === 'ec.' && t === 48
        ? {
            ...m,
            answer: m.answer.map((r) =>
              r.type === 48
                ? withRdataWire(
                    r,
                    Uint8Array.from([...r.rdataWire.subarray(0, 10), r.rdataWire[10] ^ 1, ...r.rdataWire.subarray(11)]),
                  )
                : r,
            ),
          }
        : m,
  });
  assert.equal(v.status, 'bogus');
  assert.match(v.reason, /no DNSKEY of ec\. matches its DS/);
});

test('a trust anchor that matches no root key is bogus; a DNSKEY anchor works as the DS does', async () => {
  const wrong = parseTrustAnchors(`. DS ${ROOT_TAG} 13 2 ${'00'.repeat(32)}`);
  const v = await validate('www.ec.', 'A', { anchors: wrong });
  assert.equal(v.status, 'bogus');
  assert.match(v.reason, /no DNSKEY of \. matches the trust anchor/);
  const ksk = answer(fixtureZones(), '.', 48).answer.find(
    (r) => r.type === 48 && rdataText(r.rdata).startsWith('257 '),
  )!;
  const byKey = await validate('www.ec.', 'A', { anchors: parseTrustAnchors(`. IN DNSKEY ${rdataText(ksk.rdata)}`) });
  assert.equal(byKey.status, 'secure', byKey.reason);
});

test('a NXDOMAIN without its NSEC records is bogus', async () => {
  const v = await validate('nope.ec.', 'A', {
    tamper: (n, _t, m) =>
      n === 'nope.ec.'
        ? {
            ...m,
            authority: m.authority.filter((r) => r.type === 6 || (r.type === 46 && readRrsig(r)!.typeCovered === 6)),
          }
        : m,
  });
  assert.equal(v.status, 'bogus');
  assert.match(v.reason, /NXDOMAIN for nope\.ec\. A without NSEC or NSEC3/);
});

test('what could not be fetched makes the verdict indeterminate, and the query limit is named', async () => {
  const failing = await validate('www.ec.', 'A', {
    tamper: (n, t, m) => (n === 'ec.' && t === 48 ? { ...m, rcode: 2 } : m),
  });
  assert.equal(failing.status, 'indeterminate');
  assert.match(failing.reason, /ec\. DNSKEY: the server replied SERVFAIL/);
  const limited = await validate('www.ed.sec.', 'A', { limits: { maxQueries: 3, maxDepth: 24 } });
  assert.equal(limited.status, 'indeterminate');
  assert.match(limited.reason, /query limit \(3\) reached/);
});

test('each DNSKEY and DS RRset is fetched once per run', async () => {
  const v = await validate('alias.ec.', 'A');
  assert.equal(new Set(v.asked).size, v.asked.length);
});

test('a DS denial without signed NSEC records, on the way down to an unsigned answer, is bogus (and the walk ends)', async () => {
  const v = await validate('www.ins.sec.', 'A', {
    tamper: (n, t, m) =>
      n === 'ins.sec.' && t === 43 ? { ...m, authority: m.authority.filter((r) => r.type !== 46) } : m,
  });
  assert.equal(v.status, 'bogus');
  assert.match(v.reason, /^missing signature: no RRSIG for [0-9A-V]{32}\.sec\. NSEC3$/);
});

test('an unsigned answer claimed from a signed zone with its proofs stripped does not loop: bogus', async () => {
  const v = await validate('www.ec.', 'A', {
    tamper: (_n, _t, m) => ({
      ...m,
      answer: m.answer.filter((r) => r.type !== 46 || readRrsig(r)!.typeCovered === 48),
      authority: [],
    }),
  });
  assert.equal(v.status, 'bogus');
});

test('wildcard answers and wildcard NODATA are proved with NSEC (ec.) and NSEC3 (sec.)', async () => {
  for (const [name, type, status] of [
    ['anything.wild.ec.', 'TXT', /signed by ec\./],
    ['a.wild.ec.', 'A', /NODATA .* proved by NSEC$/],
    ['a.wild.sec.', 'A', /NODATA .* proved by NSEC3$/],
  ] as const) {
    const v = await validate(name, type);
    assert.equal(v.status, 'secure', `${name} ${type}: ${v.reason}`);
    assert.match(v.reason, status);
  }
  // In sec. every NSEC3 has the opt-out flag: the next closer name of a wildcard expansion could be an
  // unsigned delegation, so the expanded answer is insecure, as delv and Unbound judge it.
  const optOut = await validate('a.wild.sec.', 'TXT');
  assert.equal(optOut.status, 'insecure', optOut.reason);
  assert.match(
    optOut.reason,
    /^a\.wild\.sec\. TXT is a wildcard expansion whose next closer name lies in an NSEC3 opt-out span/,
  );
});

test('an answer through a DNAME: the DNAME is validated and the synthesized CNAME checked against it (RFC 6672 5.3.3)', async () => {
  const anchors = [...ANCHORS, ...parseTrustAnchors(fixtureText('dname/dn.test.ds'))];
  const zones = [...fixtureZones(), dnameZone()];
  const run = async (name: string, tamper?: (n: string, t: number, m: Message) => Message) => {
    const { fetch } = signedNetwork(zones, tamper);
    return validateReply(name, 1, await fetch(name, 1), fetch, anchors, NOW, DEFAULT_VALIDATION_LIMITS);
  };
  // Into another zone (dn.test. to ec.), and within the zone (self.dn.test. to target.dn.test.).
  const across = await run('www.d.dn.test.');
  assert.equal(across.status, 'secure', across.reason);
  assert.match(across.reason, /^d\.dn\.test\. DNAME signed by dn\.test\. key \d+$/);
  assert.deepEqual(zonesOf(across), ['.', 'ec.', 'dn.test.']);
  const within = await run('www.self.dn.test.');
  assert.equal(within.status, 'secure', within.reason);
  // A resolver may leave out the synthesized CNAME: the DNAME alone leads to the target.
  const noCname = await run('www.d.dn.test.', (n, t, m) =>
    n === 'www.d.dn.test.' && t === 1 ? { ...m, answer: m.answer.filter((r) => r.type !== 5) } : m,
  );
  assert.equal(noCname.status, 'secure', noCname.reason);
  // A CNAME that does not follow from the DNAME, and a DNAME without its RRSIG, are bogus.
  const rewritten = await run('www.d.dn.test.', (n, t, m) =>
    n === 'www.d.dn.test.' && t === 1
      ? { ...m, answer: m.answer.map((r) => (r.type === 5 ? parseRecord('www.d.dn.test. 3600 IN CNAME www.sec.') : r)) }
      : m,
  );
  assert.equal(rewritten.status, 'bogus');
  assert.match(
    rewritten.reason,
    /^the CNAME at www\.d\.dn\.test\. is not the one the DNAME at d\.dn\.test\. synthesizes \(www\.ec\.\)$/,
  );
  const unsigned = await run('www.d.dn.test.', (n, t, m) =>
    n === 'www.d.dn.test.' && t === 1
      ? { ...m, answer: m.answer.filter((r) => !(r.type === 46 && readRrsig(r)!.typeCovered === 39)) }
      : m,
  );
  assert.equal(unsigned.status, 'bogus');
  assert.match(unsigned.reason, /^missing signature: no RRSIG for d\.dn\.test\. DNAME$/);
});

test('a DNAME that would make the name longer than 255 octets (RFC 6672 2.2): bogus, however well the DNAME is signed', async () => {
  const anchors = [...ANCHORS, ...parseTrustAnchors(fixtureText('dname/dn.test.ds'))];
  const zones = [...fixtureZones(), dnameZone()];
  const { fetch } = signedNetwork(zones);
  // self.dn.test. DNAME target.dn.test.: the target is 2 octets longer, so a 255-octet name below it overflows.
  const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(48)}.self.dn.test.`;
  assert.equal(name.length + 1, 255);
  // What a server that sends the DNAME without saying YXDOMAIN would send: the signed DNAME alone.
  const dname = answer(zones, 'self.dn.test.', 39);
  assert.deepEqual(
    dname.answer.map((r) => r.type),
    [39, 46],
  );
  const v = await validateReply(name, 1, dname, fetch, anchors, NOW, DEFAULT_VALIDATION_LIMITS);
  assert.equal(v.status, 'bogus');
  assert.equal(v.reason, `the DNAME at self.dn.test. makes a name too long of ${name}`);
  // Two octets shorter, the substitute just fits in 255 octets: the DNAME leads on to it.
  const fits = name.replace('d'.repeat(48), 'd'.repeat(46));
  const led = await validateReply(fits, 1, dname, fetch, anchors, NOW, DEFAULT_VALIDATION_LIMITS);
  // The reply has no proof for the substitute, so it is bogus for that, not for the name's length.
  assert.equal(
    led.reason,
    `NODATA for ${fits.replace('self.dn.test.', 'target.dn.test.')} A without NSEC or NSEC3 records from the signed zone dn.test.`,
  );
});

test('YXDOMAIN carries its proof in the DNAME (RFC 6672 2.2): secure when the signed DNAME makes the name too long, bogus when it does not', async () => {
  const anchors = [...ANCHORS, ...parseTrustAnchors(fixtureText('dname/dn.test.ds'))];
  const zones = [...fixtureZones(), dnameZone()];
  const { fetch } = signedNetwork(zones);
  const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(48)}.self.dn.test.`;
  // What an RFC 6672 server sends: YXDOMAIN with the signed DNAME, and no CNAME it could not make.
  const yxdomain = { ...answer(zones, 'self.dn.test.', 39), rcode: 6, aa: true };
  const v = await validateReply(name, 1, yxdomain, fetch, anchors, NOW, DEFAULT_VALIDATION_LIMITS);
  assert.equal(v.status, 'secure', v.reason);
  assert.match(v.reason, /^self\.dn\.test\. DNAME signed by dn\.test\. key \d+$/);
  // The same YXDOMAIN for a name the DNAME rewrites within 255 octets claims what the DNAME disproves.
  const fits = name.replace('d'.repeat(48), 'd'.repeat(46));
  const lie = await validateReply(fits, 1, yxdomain, fetch, anchors, NOW, DEFAULT_VALIDATION_LIMITS);
  assert.equal(lie.status, 'bogus');
  assert.match(lie.reason, /^YXDOMAIN, yet no DNAME in the answer makes \S+\.target\.dn\.test\. too long$/);
  // A YXDOMAIN with no DNAME at all proves nothing and is judged as any other error RCODE.
  const bare = await validateReply(
    name,
    1,
    { ...yxdomain, answer: [] },
    fetch,
    anchors,
    NOW,
    DEFAULT_VALIDATION_LIMITS,
  );
  assert.equal(bare.status, 'indeterminate');
  assert.equal(bare.reason, 'the server replied YXDOMAIN');
});

test('a revoked key (RFC 5011) validates nothing but its own DNSKEY RRset', async () => {
  const { generateKeyPairSync, sign } = await import('node:crypto');
  const { signedData } = await import('../../src/dnssec/canonical.js');
  const { checkSignature } = await import('../../src/dnssec/validate.js');
  const { keyTag } = await import('../../src/wire/rdata/dnssec.js');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const dnskeyOf = (flags: number) =>
    recordFromWire('rev.test.', 48, Uint8Array.from([flags >> 8, flags & 0xff, 3, 15, ...raw]));
  const a = recordFromWire('www.rev.test.', 1, Uint8Array.of(192, 0, 2, 1));
  const signWith = (key: ResourceRecord, rrset: ResourceRecord[]) => {
    const sig = {
      typeCovered: rrset[0].type,
      algorithm: 15,
      labels: rrset[0].name.split('.').length - 1,
      originalTtl: 3600,
      expiration: NOW + 86400,
      inception: NOW - 86400,
      keyTag: keyTag(key.rdataWire),
      signer: 'rev.test.',
      signature: new Uint8Array(0),
    };
    return { ...sig, signature: Uint8Array.from(sign(null, signedData(sig, rrset), privateKey)) };
  };
  const live = dnskeyOf(0x0101);
  const revoked = dnskeyOf(0x0181);
  assert.equal(checkSignature([a], signWith(live, [a]), [live], NOW), undefined, 'the harness signs correctly');
  assert.match(
    checkSignature([a], signWith(revoked, [a]), [revoked], NOW) ?? '',
    /no DNSKEY of rev\.test\. with that tag/,
  );
  assert.equal(checkSignature([revoked], signWith(revoked, [revoked]), [revoked], NOW), undefined);
});

test('a referral is no answer: indeterminate, naming the cut', async () => {
  const v = await validate('www.ed.sec.', 'A', {
    tamper: (n, t, m) =>
      n === 'www.ed.sec.' && t === 1
        ? { ...m, aa: false, answer: [], authority: answer(fixtureZones(), 'ed.sec.', 2).answer }
        : m,
  });
  assert.equal(v.status, 'indeterminate');
  assert.equal(v.reason, 'the reply is a referral to ed.sec., not an answer');
});
