import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinTrustAnchors, parseTrustAnchors } from '../../src/dnssec/trustAnchor.js';
import { InputError } from '../../src/errors.js';

test('the built-in root anchor matches root.ds as shipped by dns-root-data (KSK 20326 and 38696)', () => {
  assert.deepEqual(builtinTrustAnchors(), parseTrustAnchors(readFileSync('/usr/share/dns/root.ds', 'utf8')));
  assert.deepEqual(
    builtinTrustAnchors()[0].ds.map((ds) => ds.keyTag),
    [20326, 38696],
  );
});

test('DS and DNSKEY records in zone-file form, TTL and class optional, parentheses over lines', () => {
  const anchors = parseTrustAnchors(
    [
      '; comment',
      '$TTL 3600',
      'example. 3600 IN DS 1234 13 2 (',
      '   ABCDEF01 ABCDEF01 ) ; split digest',
      'example. DNSKEY 257 3 13 AQID',
      'other.example. IN DS 7 8 1 00FF',
    ].join('\n'),
  );
  assert.equal(anchors.length, 2);
  assert.deepEqual(anchors[0].ds[0], {
    keyTag: 1234,
    algorithm: 13,
    digestType: 2,
    digest: Uint8Array.from([0xab, 0xcd, 0xef, 1, 0xab, 0xcd, 0xef, 1]),
  });
  assert.deepEqual(anchors[0].dnskeys[0], Uint8Array.from([1, 1, 3, 13, 1, 2, 3]));
  assert.equal(anchors[1].zone, 'other.example.');
});

test('anything else is refused with the line number', () => {
  for (const [text, message] of [
    ['. IN NS a.root.', /line 1: expected a DS or DNSKEY record, got NS/],
    ['\n. DS 1 8 2 XYZ', /line 2: bad hex digest XYZ/],
    ['. DS 70000 8 2 00', /bad key tag 70000/],
    ['; nothing', /no DS or DNSKEY records/],
  ] as const) {
    assert.throws(
      () => parseTrustAnchors(text, 'f'),
      (e: unknown) => e instanceof InputError && message.test(e.message),
    );
  }
});

test('bounded input: a record longer than 8192 characters, a file over 1 MiB or an unclosed parenthesis is one InputError naming it', () => {
  const long = `. IN DNSKEY 257 3 13 ${'A'.repeat(500_000)}`;
  assert.throws(() => parseTrustAnchors(long, 'f'), {
    name: 'InputError',
    message: 'f line 1: record too long (more than 8192 characters)',
  });
  assert.throws(() => parseTrustAnchors(`; ${'x'.repeat(1 << 20)}\n`, 'f'), {
    message: 'f: too large (more than 1048576 octets)',
  });
  assert.throws(() => parseTrustAnchors('. IN DS ( 1 13 2\nAB\n', 'f'), { message: "f line 1: '(' without ')'" });
  // Many TTL-like numbers before the type are read in one pass: bad input, said at once.
  const numbers = `. ${'1 '.repeat(4000)}DS 1 13 2 AB`;
  assert.throws(() => parseTrustAnchors(numbers, 'f'), { message: 'f line 1: expected a DS or DNSKEY record, got 1' });
  // Quoted input is cut short.
  assert.throws(() => parseTrustAnchors(`. IN DS 1 13 2 ${'Z'.repeat(5000)}`, 'f'), {
    message: `f line 1: bad hex digest ${'Z'.repeat(40)}...`,
  });
});
