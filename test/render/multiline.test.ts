// Expected text was printed by dig 9.18 (+multiline) for the same RDATA, served by named 9.18 or by
// a loopback server replaying these bytes; the interop suite repeats the check against live servers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatQuestion, formatRecord, type RecordFormat } from '../../src/render/record.js';
import { multilineData, rdataText } from '../../src/render/rdata/present.js';
import { ttlWords } from '../../src/render/rdata/style.js';
import { keyTag } from '../../src/wire/rdata/dnssec.js';
import { nameToWire } from '../../src/wire/name.js';
import type { ResourceRecord } from '../../src/wire/types.js';
import { recordFromWire } from '../support/records.js';
import { rdataCaseArb } from '../wire/rdataArbitrary.js';

const u8 = (n: number): Uint8Array => Uint8Array.of(n);
const u16 = (n: number): Uint8Array => Uint8Array.of(n >> 8, n & 0xff);
const u32 = (n: number): Uint8Array => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
const b64 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'base64'));
const hexBytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
const time = (text: string): number => {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) => Number(text.slice(at, i === 0 ? 4 : at + 2)));
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
};
function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

/** RFC 4034 type bitmap of `types`. */
function typeBitmap(types: number[]): Uint8Array {
  const windows = new Map<number, Uint8Array>();
  for (const t of types) {
    const block = windows.get(t >> 8) ?? new Uint8Array(32);
    block[(t & 255) >> 3] |= 0x80 >> (t & 7);
    windows.set(t >> 8, block);
  }
  const parts: Uint8Array[] = [];
  for (const [window, block] of [...windows].sort((a, b) => a[0] - b[0])) {
    let length = 32;
    while (block[length - 1] === 0) length--;
    parts.push(u8(window), u8(length), block.subarray(0, length));
  }
  return concat(...parts);
}

/** A record as the decoder makes it from its RDATA. */
function record(name: string, type: number, rdata: Uint8Array, klass = 1, ttl = 3600): ResourceRecord {
  return recordFromWire(name, type, rdata, klass, ttl);
}

const multi = { ttl: true, class: true, ttlUnits: false, multiline: true };
const line = (text: string): string => text.replace(/→/g, '\t');

test("SOA: timers one per line with dig's comments", () => {
  const soa = record(
    'ml.test.',
    6,
    concat(
      nameToWire('ns1.ml.test.'),
      nameToWire('hostmaster.ml.test.'),
      u32(2024060101),
      u32(3600),
      u32(900),
      u32(1209600),
      u32(300),
    ),
  );
  assert.equal(
    formatRecord(soa, multi),
    line(
      [
        'ml.test.→→3600 IN→SOA ns1.ml.test. hostmaster.ml.test. (',
        '→→→→2024060101 ; serial',
        '→→→→3600       ; refresh (1 hour)',
        '→→→→900        ; retry (15 minutes)',
        '→→→→1209600    ; expire (2 weeks)',
        '→→→→300        ; minimum (5 minutes)',
        '→→→→)',
      ].join('\n'),
    ),
  );
  const extremes = record(
    'soa0.t.',
    6,
    concat(nameToWire('ns1.x.'), nameToWire('h.x.'), u32(0), u32(0), u32(1), u32(4294967295), u32(694861)),
  );
  assert.equal(
    multilineData(extremes),
    line(
      [
        'ns1.x. h.x. (',
        '→→→→0          ; serial',
        '→→→→0          ; refresh (0 seconds)',
        '→→→→1          ; retry (1 second)',
        '→→→→4294967295 ; expire (7101 weeks 3 days 6 hours 28 minutes 15 seconds)',
        '→→→→694861     ; minimum (1 week 1 day 1 hour 1 minute 1 second)',
        '→→→→)',
      ].join('\n'),
    ),
  );
});

test('ttlWords: units in words, plural where needed, 0 seconds for zero', () => {
  assert.equal(ttlWords(0), '0 seconds');
  assert.equal(ttlWords(1), '1 second');
  assert.equal(ttlWords(7200), '2 hours');
  assert.equal(ttlWords(694861), '1 week 1 day 1 hour 1 minute 1 second');
});

test('DNSKEY and CDNSKEY: key in 44-character lines, role, algorithm and key id in a comment', () => {
  const ksk = record(
    'ml.test.',
    48,
    concat(
      u16(257),
      u8(3),
      u8(13),
      b64('3L1JisBaDP4sXO+idsEIqa4eMiXjDo3TUYy1V9J1DCSijPaeqCWND9e50gF6oWng/MRiJymJQaI2kazcnruW8A=='),
    ),
  );
  assert.equal(
    formatRecord(ksk, multi),
    line(
      [
        'ml.test.→→3600 IN→DNSKEY 257 3 13 (',
        '→→→→3L1JisBaDP4sXO+idsEIqa4eMiXjDo3TUYy1V9J1DCSi',
        '→→→→jPaeqCWND9e50gF6oWng/MRiJymJQaI2kazcnruW8A==',
        '→→→→) ; KSK; alg = ECDSAP256SHA256 ; key id = 2445',
      ].join('\n'),
    ),
  );
  const revoked = record(
    'keys0.t.',
    48,
    concat(
      u16(385),
      u8(3),
      u8(13),
      b64('xn7fuHHsHtGc5s6dUqqCfphBl7V+Ac9B/Q4jVRPJNtwvzHmVXZQJhImCyAr0hX+Wp0twMRT1euz7xpgvwNQtcA=='),
    ),
  );
  assert.match(multilineData(revoked)!, /\n\t\t\t\t\) ; revoked KSK; alg = ECDSAP256SHA256 ; key id = 25650$/);
  const cdnskey = record('cdnskey0.t.', 60, concat(u16(0), u8(3), u8(0), u8(0)));
  assert.equal(
    formatRecord(cdnskey, multi),
    line('cdnskey0.t.→→3600 IN→CDNSKEY→0 3 0 (\n→→→→AA==\n→→→→) ; ZSK; alg = 0 ; key id = 768'),
  );
  const unknownAlgorithm = record('keys5.t.', 48, concat(u16(257), u8(3), u8(200), b64('xn7fuHHsHtGc5g==')));
  assert.match(multilineData(unknownAlgorithm)!, /; KSK; alg = 200 ; key id = 55460$/);
});

test('DNSKEY with PRIVATEDNS: the comment names the algorithm by the name the key starts with', () => {
  const key = b64('B2V4YW1wbGUDY29tAMZ+37hx7B7RnObOnVKqgn6YQZe1fgHPQf0OI1UTyTbcL8x5lV2UCYQ=');
  assert.equal(
    multilineData(record('keys3.t.', 48, concat(u16(257), u8(3), u8(253), key))),
    line(
      [
        '257 3 253 (',
        '→→→→B2V4YW1wbGUDY29tAMZ+37hx7B7RnObOnVKqgn6YQZe1',
        '→→→→fgHPQf0OI1UTyTbcL8x5lV2UCYQ=',
        '→→→→) ; KSK; alg = example.com ; key id = 12763',
      ].join('\n'),
    ),
  );
});

test('KEY: no role in the comment; a KEY whose flags say "no key" stays on one line', () => {
  const key = record('key1.t.', 25, concat(u16(16897), u8(3), u8(13), b64('xn7fuHHsHtGc5g==')));
  assert.equal(
    multilineData(key),
    line('16897 3 13 (\n→→→→xn7fuHHsHtGc5g==\n→→→→); alg = ECDSAP256SHA256 ; key id = 6378'),
  );
  const noKey = record('key0.t.', 25, concat(u16(49152), u8(3), u8(13)));
  assert.equal(formatRecord(noKey, multi), line('key0.t.→→→3600 IN→KEY 49152 3 13'));
});

test('keyTag is RFC 4034 appendix B over the whole RDATA', () => {
  assert.equal(keyTag(concat(u16(0), u8(3), u8(0), u8(0))), 768);
  assert.equal(
    keyTag(
      concat(
        u16(257),
        u8(3),
        u8(13),
        b64('3L1JisBaDP4sXO+idsEIqa4eMiXjDo3TUYy1V9J1DCSijPaeqCWND9e50gF6oWng/MRiJymJQaI2kazcnruW8A=='),
      ),
    ),
    2445,
  );
});

test('RRSIG: times, tag and signer on the second line, signature in 44-character lines', () => {
  const rrsig = record(
    'ml.test.',
    46,
    concat(
      u16(6),
      u8(13),
      u8(2),
      u32(3600),
      u32(time('20261226125059')),
      u32(time('20261126125059')),
      u16(50210),
      nameToWire('ml.test.'),
      b64('COH7Bue6X3MN8/MnKFDw/HotU23Ytm8yBQx6yOZw8bnYfAq+aNnqPAFcDmmPZ7qDIh6S3VK2MEplWQjAQJXhyw=='),
    ),
  );
  assert.equal(
    formatRecord(rrsig, multi),
    line(
      [
        'ml.test.→→3600 IN→RRSIG SOA 13 2 3600 (',
        '→→→→20261226125059 20261126125059 50210 ml.test.',
        '→→→→COH7Bue6X3MN8/MnKFDw/HotU23Ytm8yBQx6yOZw8bnY',
        '→→→→fAq+aNnqPAFcDmmPZ7qDIh6S3VK2MEplWQjAQJXhyw== )',
      ].join('\n'),
    ),
  );
});

test('SIG keeps the expiration on the first line', () => {
  const sig = record(
    'sig0.t.',
    24,
    concat(
      u16(1),
      u8(8),
      u8(2),
      u32(300),
      u32(2000000000),
      u32(1900000000),
      u16(1234),
      nameToWire('x.'),
      b64('xn7fuHHsHtGc5g=='),
    ),
  );
  assert.equal(
    multilineData(sig),
    line('A 8 2 300 20330518033320 (\n→→→→20300317174640 1234 x.\n→→→→xn7fuHHsHtGc5g== )'),
  );
});

test('DS, CDS, TLSA, SMIMEA, SSHFP, ZONEMD: hex in 44-character lines inside parentheses', () => {
  const digest = '0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF';
  assert.equal(
    formatRecord(record('ds.ml.test.', 43, concat(u16(12345), u8(13), u8(2), hexBytes(digest))), multi),
    line(
      [
        'ds.ml.test.→→3600 IN→DS 12345 13 2 (',
        '→→→→0123456789ABCDEF0123456789ABCDEF0123456789AB',
        '→→→→CDEF0123456789ABCDEF )',
      ].join('\n'),
    ),
  );
  assert.equal(
    multilineData(record('ds.ml.test.', 43, concat(u16(12345), u8(8), u8(1), hexBytes(digest.slice(0, 40))))),
    line('12345 8 1 (\n→→→→0123456789ABCDEF0123456789ABCDEF01234567 )'),
  );
  assert.equal(
    multilineData(record('n3.test.', 59, concat(u16(12345), u8(13), u8(2), hexBytes(digest)))),
    line('12345 13 2 (\n→→→→0123456789ABCDEF0123456789ABCDEF0123456789AB\n→→→→CDEF0123456789ABCDEF )'),
  );
  assert.equal(
    multilineData(record('_443._tcp.ml.test.', 52, concat(u8(3), u8(1), u8(1), hexBytes(digest)))),
    line('3 1 1 (\n→→→→0123456789ABCDEF0123456789ABCDEF0123456789AB\n→→→→CDEF0123456789ABCDEF )'),
  );
  assert.equal(
    multilineData(record('tlsa1.t.', 53, concat(u8(3), u8(1), u8(1), hexBytes('c67edf')))),
    line('3 1 1 (\n→→→→C67EDF )'),
  );
  assert.equal(
    multilineData(record('ssh.ml.test.', 44, concat(u8(1), u8(1), hexBytes(digest.slice(0, 40))))),
    line('1 1 (\n→→→→0123456789ABCDEF0123456789ABCDEF01234567 )'),
  );
  // No fingerprint: no parentheses, so the one-line text ('1 3') stands.
  const bare = record('sshfp0.t.', 44, concat(u8(1), u8(3)));
  assert.equal(rdataText(bare.rdata), '1 3');
  assert.equal(multilineData(bare), undefined, 'no fingerprint: no parentheses');
  const zonemd = record('ml.test.', 63, concat(u32(2024060101), u8(1), u8(1), hexBytes(digest + digest.slice(0, 32))));
  assert.equal(
    multilineData(zonemd),
    line(
      [
        '2024060101 1 1 (',
        '→→→→0123456789ABCDEF0123456789ABCDEF0123456789AB',
        '→→→→CDEF0123456789ABCDEF0123456789ABCDEF01234567',
        '→→→→89ABCDEF )',
      ].join('\n'),
    ),
  );
});

test('CERT, OPENPGPKEY, DHCID, IPSECKEY: base64 in lines, with their own parentheses', () => {
  assert.equal(
    multilineData(record('cert0.t.', 37, concat(u16(1), u16(0), u8(0), b64('xn7fuHE=')))),
    line('PKIX 0 0 (\n→→→→xn7fuHE= )'),
  );
  assert.equal(multilineData(record('pgp0.t.', 61, hexBytes('aa'))), '( qg== )');
  assert.equal(
    multilineData(record('pgp1.t.', 61, b64('xn7fuHHsHtGc5s6dUqqCfphBl7V+Ac9B/Q4jVRPJNtwv'))),
    '( xn7fuHHsHtGc5s6dUqqCfphBl7V+Ac9B/Q4jVRPJNtwv )',
  );
  assert.equal(
    multilineData(record('dhcid0.t.', 49, hexBytes('0002'))),
    '( AAI= )',
    'shorter than 3 octets: no comment',
  );
  assert.equal(multilineData(record('dhcid1.t.', 49, hexBytes('000201'))), '( AAIB ) ; 2 1 0');
  assert.equal(
    multilineData(record('dhcid.ml.test.', 49, b64('AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA='))),
    line('( AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2k\n→→→→jEA= ) ; 2 1 32'),
  );
  assert.equal(
    multilineData(
      record(
        'ipsec.ml.test.',
        45,
        concat(
          u8(10),
          u8(1),
          u8(2),
          Uint8Array.of(192, 0, 2, 38),
          b64('AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=='),
        ),
      ),
    ),
    line('( 10 1 2 192.0.2.38\n→→→→AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4\n→→→→AQ== )'),
  );
});

test('NSEC3: next hashed owner on its own line, then one line per bitmap window', () => {
  const next = hexBytes('c67edfb871ec1ed19ce6ce9d52aa827e984197b5');
  const bitmap = typeBitmap([1, 2, 5, 6, 12, 15, 16, 28, 33, 43, 46, 47, 48, 50, 51, 52, 64, 65, 99, 257, 1234, 65534]);
  const nsec3 = record('n3000000.t.', 50, concat(u8(1), u8(0), u16(10), u8(0), u8(20), next, bitmap));
  assert.equal(
    formatRecord(nsec3, multi),
    line(
      [
        'n3000000.t.→→3600 IN→NSEC3 1 0 10 - (',
        '→→→→OPVDVE3HTGFD3776PQEL5AK2FQC435TL',
        '→→→→A NS CNAME SOA PTR MX TXT AAAA SRV DS RRSIG NSEC DNSKEY NSEC3 NSEC3PARAM TLSA SVCB HTTPS SPF',
        '→→→→CAA',
        '→→→→TYPE1234',
        '→→→→TYPE65534 )',
      ].join('\n'),
    ),
  );
  const empty = record(
    'n3000001.t.',
    50,
    concat(
      u8(1),
      u8(1),
      u16(0),
      u8(4),
      hexBytes('aabbccdd'),
      u8(20),
      hexBytes('53c37dfd24ef6bcf1051de77ae11e9d71f5a62ff'),
    ),
  );
  assert.equal(multilineData(empty), line('1 1 0 AABBCCDD (\n→→→→AF1NRV94TTLSU42HRPRQS4F9QSFLKONV )'));
});

test('RFC 3597 data: hex in lines inside parentheses; empty data stays "\\# 0"', () => {
  const bytes = hexBytes('c67edfb871ec1ed19ce6ce9d52aa827e984197b57e01cf41fd0e235513c936dc2fcc79955d940984');
  assert.equal(
    multilineData(record('unknown0.t.', 65280, bytes)),
    line('\\# 40 ( C67EDFB871EC1ED19CE6CE9D52AA827E984197B57E01\n→→→→CF41FD0E235513C936DC2FCC79955D940984 )'),
  );
  assert.equal(
    formatRecord(record('unk.ml.test.', 65534, hexBytes('0102030405')), multi),
    line('unk.ml.test.→→3600 IN→TYPE65534 \\# 5 ( 0102030405 )'),
  );
  assert.equal(
    formatRecord(record('unk.ml.test.', 65280, new Uint8Array()), multi),
    line('unk.ml.test.→→3600 IN→TYPE65280 \\# 0'),
  );
  assert.equal(
    multilineData(record('ch.t.', 1, hexBytes('c0000201'), 3)),
    '\\# 4 ( C0000201 )',
    'a type known only in class IN',
  );
});

test('types dig keeps on one line keep their text, at the +multiline columns', () => {
  const txt = record('txt.ml.test.', 16, concat(u8(3), Buffer.from('two'), u8(7), Buffer.from('strings')));
  assert.equal(formatRecord(txt, multi), line('txt.ml.test.→→3600 IN→TXT "two" "strings"'));
  const nsec = record(
    'ml.test.',
    47,
    concat(nameToWire('_443._tcp.ml.test.'), typeBitmap([2, 6, 15, 46, 47, 48])),
    1,
    300,
  );
  assert.equal(formatRecord(nsec, multi), 'ml.test.\t\t300 IN NSEC _443._tcp.ml.test. NS SOA MX RRSIG NSEC DNSKEY');
  const a = record('www.ml.test.', 1, Uint8Array.of(192, 0, 2, 10));
  assert.equal(formatRecord(a, multi), line('www.ml.test.→→3600 IN→A 192.0.2.10'));
  assert.equal(formatRecord(a, { ...multi, ttl: false }), line('www.ml.test.→→IN A→192.0.2.10'));
  assert.equal(formatRecord(a, { ...multi, class: false }), line('www.ml.test.→→3600 A→192.0.2.10'));
  assert.equal(formatRecord(a, { ...multi, ttl: false, class: false }), line('www.ml.test.→→A→192.0.2.10'));
  const cdnskey = record(
    'ml.test.',
    60,
    concat(
      u16(257),
      u8(3),
      u8(13),
      b64('mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=='),
    ),
  );
  assert.match(formatRecord(cdnskey, multi), /^ml\.test\.\t\t3600 IN\tCDNSKEY\t257 3 13 \(\n/);
  assert.match(formatRecord(cdnskey, { ...multi, ttlUnits: true }), /^ml\.test\.\t\t1h IN CDNSKEY 257 3 13 \(\n/);
  const update = record('x.example.', 1, new Uint8Array(), 255);
  assert.equal(formatRecord(update, multi), 'x.example.\t\t3600 ANY A');
});

test('formatQuestion: dig\'s column for the class, counted from the name, not the ";"', () => {
  const q = { name: 'soa0.t.', type: 1, class: 1 };
  assert.equal(formatQuestion(q), ';soa0.t.\t\t\t\tIN\tA');
  assert.equal(formatQuestion(q, { ttl: false, class: true, ttlUnits: false }), ';soa0.t.\t\t\tIN\tA');
  assert.equal(formatQuestion(q, multi), ';soa0.t.\t\t\tIN A');
  assert.equal(formatQuestion({ name: 'ml.test.', type: 6, class: 1 }, multi), ';ml.test.\t\tIN SOA');
  assert.equal(formatQuestion({ name: `${'a'.repeat(35)}.`, type: 16, class: 1 }), `;${'a'.repeat(35)}. IN\tTXT`);
});

test('hostile names inside multiline data come out escaped, and only continuation lines are indented', () => {
  const signer = concat(u8(5), Uint8Array.of(0x1b, 0x5b, 0x32, 0x4a, 0x0a), u8(0));
  const rrsig = record('x.', 46, concat(u16(1), u8(13), u8(1), u32(60), u32(0), u32(0), u16(1), signer, b64('AAAA')));
  const text = formatRecord(rrsig, multi);
  assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(text), text);
  assert.ok(text.includes('1 \\027[2J\\010.\n\t\t\t\tAAAA )'), text);
});

/** Parentheses outside escapes (`\(` in names), quoted strings and `;` comments (SOA's `(1 hour)`), per line. */
function parentheses(text: string): { open: number; close: number } {
  let open = 0;
  let close = 0;
  for (const raw of text.split('\n')) {
    const bare = raw
      .replace(/\\./g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/;.*$/, '');
    open += (bare.match(/\(/g) ?? []).length;
    close += (bare.match(/\)/g) ?? []).length;
  }
  return { open, close };
}

/** What must hold for a record written with +multiline; throws an AssertionError naming what does not. */
function checkMultiline(text: string): void {
  assert.ok(!/[\x00-\x08\x0b-\x1f\x7f-\uffff]/.test(text), `unsafe character in ${JSON.stringify(text)}`);
  const [first, ...rest] = text.split('\n');
  assert.ok(!first.startsWith('\t'), `first line indented: ${JSON.stringify(text)}`);
  for (const continuation of rest) assert.match(continuation, /^\t\t\t\t[^\t]*$/);
  const { open, close } = parentheses(text);
  assert.ok(open <= 1 && open === close, `parentheses ${open}/${close} in ${JSON.stringify(text)}`);
  if (rest.length > 0) assert.equal(open, 1, `continuation lines outside parentheses: ${JSON.stringify(text)}`);
}

test('the multiline property catches what it is for: raw bytes, stray indentation, unbalanced or missing parentheses', () => {
  checkMultiline('x.\t\t1 IN DS 1 2 3 (\n\t\t\t\tAB )');
  checkMultiline('x.\t\t1 IN SOA a. b. (\n\t\t\t\t1 ; serial\n\t\t\t\t3600 ; refresh (1 hour)\n\t\t\t\t)');
  checkMultiline('x.\t\t1 IN NSEC a\\(b. A');
  assert.throws(() => checkMultiline('x.\t\t1 IN DS 1 2 3 (\n\t\t\t\tAB'), /parentheses 1\/0/);
  assert.throws(() => checkMultiline('x.\t\t1 IN DS 1 2 3\n\t\t\t\tAB'), /outside parentheses/);
  assert.throws(() => checkMultiline('x.\t\t1 IN DS 1 2 3 (\n\t\t\tAB )'), /did not match/);
  assert.throws(() => checkMultiline('x.\t\t1 IN TXT "\u202e"'), /unsafe character/);
});

test('property: well-formed records of every type, in every +multiline style, are printable, balanced, and continue at column 32', () => {
  const styles = fc.record({
    split: fc.constantFrom(undefined, 0, 1, 7, 44, 56),
    crypto: fc.constantFrom(undefined, false),
    rrcomments: fc.constantFrom(undefined, true, false),
    unknownFormat: fc.boolean(),
  });
  const laidOut = new Set<number>();
  fc.assert(
    fc.property(rdataCaseArb, styles, ({ type, rdata }, style) => {
      const format: RecordFormat = { ...multi };
      if (style.split !== undefined) format.split = style.split;
      if (style.crypto === false) format.crypto = false;
      if (style.rrcomments !== undefined) format.rrcomments = style.rrcomments;
      if (style.unknownFormat) format.unknownFormat = true;
      const text = formatRecord(record('x.', type, rdata, 1, 1), format);
      checkMultiline(text);
      if (text.includes('\n') && !style.unknownFormat) laidOut.add(type);
    }),
    { numRuns: 4000, seed: 20_260_601 },
  );
  // Every type dig lays out over several lines was generated in a form that reached its layout.
  const layouts = [6, 24, 25, 37, 43, 44, 45, 46, 48, 49, 50, 52, 53, 59, 60, 61, 63, 32768, 32769, 65280];
  assert.deepEqual(
    layouts.filter((type) => !laidOut.has(type)),
    [],
  );
});
