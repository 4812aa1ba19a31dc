import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { punycodeDecode, punycodeEncode, toAscii, toUnicode } from '../../src/cli/idn.js';
import { InputError } from '../../src/errors.js';

test('punycode: RFC 3492 section 7.1 samples and common labels', () => {
  const samples: Array<[string, string]> = [
    [
      '\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F',
      'egbpdaj6bu4bxfgehfvwxn',
    ],
    ['\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587', 'ihqwcrb4cv8a8dqg056pqjye'],
    ['\u0033\u5E74\u0042\u7D44\u91D1\u516B\u5148\u751F', '3B-ww4c5e180e575a65lsy2b'],
    ['b\u00FCcher', 'bcher-kva'],
    ['m\u00FCnchen', 'mnchen-3ya'],
    ['\u65E5\u672C\u8A9E', 'wgv71a119e'],
  ];
  for (const [unicode, ascii] of samples) {
    assert.equal(punycodeEncode(unicode), ascii);
    assert.equal(punycodeDecode(ascii), unicode);
  }
});

test('punycode: decode inverts encode for any string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
      const encoded = punycodeEncode(s);
      assert.ok(encoded !== undefined);
      assert.equal(punycodeDecode(encoded), s);
    }),
  );
});

test('punycode: malformed input decodes to undefined', () => {
  for (const bad of ['zz', 'z', '99999999999', 'ab\u00e9-cd', 'a-!']) assert.equal(punycodeDecode(bad), undefined, bad);
});

test('toAscii: Unicode labels become A-labels, ASCII labels stay exactly as typed', () => {
  assert.equal(toAscii('bücher.example.'), 'xn--bcher-kva.example.');
  assert.equal(toAscii('Bücher.DE'), 'xn--bcher-kva.DE');
  assert.equal(toAscii('faß.de'), 'xn--fa-hia.de', 'non-transitional: sharp s is kept');
  assert.equal(toAscii('日本語.jp'), 'xn--wgv71a119e.jp');
  assert.equal(toAscii('münchen\u3002de'), 'xn--mnchen-3ya.de', 'ideographic full stop separates labels');
  assert.equal(toAscii('ｅｘａｍｐｌｅ.com'), 'example.com', 'full-width letters map to ASCII');
  assert.equal(toAscii('_srv.a\\.b.bücher'), '_srv.a\\.b.xn--bcher-kva');
  assert.equal(toAscii('plain.example'), 'plain.example');
});

test('toAscii: invalid IDN is an InputError (exit 1) naming the label, with unsafe characters escaped', () => {
  const cases: Array<[string, RegExp]> = [
    ['☃.net', /label '☃': it contains characters not allowed/],
    ['💩.la', /not allowed in IDNA2008/],
    ['-ä.de', /starts or ends with a hyphen/],
    ['ä-.de', /starts or ends with a hyphen/],
    ['ab--ä.de', /'--' in the third and fourth/],
    ['x\\.ä.de', /mixes backslash escapes and Unicode/],
    [`${'ü'.repeat(70)}.de`, /longer than 63 octets/],
    ['evil\u202e.de', /label 'evil\\u\{202E\}': it has no A-label form/],
    ['a\u0007ä.de', /label 'a\\007ä'/],
    ['\u0661\u0662a.de', /no A-label form/],
  ];
  for (const [name, message] of cases) {
    assert.throws(
      () => toAscii(name),
      (error: unknown) => error instanceof InputError && error.code === 'input.idn' && message.test(error.message),
      name,
    );
  }
});

test('toUnicode: valid A-labels shown in Unicode, anything doubtful left alone', () => {
  assert.equal(toUnicode('xn--bcher-kva.example.'), 'bücher.example.');
  assert.equal(toUnicode('WWW.XN--BCHER-KVA.de.'), 'WWW.bücher.de.');
  assert.equal(toUnicode('xn--wgv71a119e.jp.'), '日本語.jp.');
  for (const kept of [
    'xn--n3h.net.',
    'xn--ls8h.la.',
    'xn--zz.',
    'xn--abc-.',
    'xn----0fa.de.',
    'xn--mnchen-3ya\\.x.',
    'example.com.',
  ]) {
    assert.equal(toUnicode(kept), kept);
  }
});

test('toUnicode: no A-label from the network can produce control, format or bidi characters', () => {
  const label = fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((s) => `xn--${s}`);
  fc.assert(
    fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), (labels) => {
      const shown = toUnicode(`${labels.join('.')}.`);
      assert.doesNotMatch(shown.replace(/[.-]/g, ''), /[\p{C}\p{Z}\p{S}\p{P}]/u);
    }),
    { numRuns: 2000 },
  );
  const smuggled = `xn--${punycodeEncode('a\u202eb')}.`;
  assert.equal(toUnicode(smuggled), smuggled);
});
