import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, escapeBytes } from '../../src/wire/escape.js';

test('escapeText leaves printable text alone, backslashes included', () => {
  assert.equal(escapeText('plain text \\032 ok'), 'plain text \\032 ok');
  assert.equal(escapeText('héllo 日本 😀'), 'héllo 日本 😀');
});

test('escapeText escapes controls, DEL, C1, bidi controls and lone surrogates', () => {
  assert.equal(escapeText('a\x1b[31mb'), 'a\\027[31mb');
  assert.equal(escapeText('\x00\t\n\x7f\x85\x9f'), '\\000\\009\\010\\127\\133\\159');
  assert.equal(escapeText('x\u202Ey\u2066z\u2069'), 'x\\u{202E}y\\u{2066}z\\u{2069}');
  assert.equal(escapeText('lone \uD800 and \uDC00'), 'lone \\u{D800} and \\u{DC00}');
});

test('escapeBytes writes dig character-string escapes', () => {
  assert.equal(escapeBytes(Buffer.from('say "hi" \\ bye')), 'say \\"hi\\" \\\\ bye');
  assert.equal(escapeBytes(Uint8Array.from([0, 31, 32, 126, 127, 128, 255])), '\\000\\031 ~\\127\\128\\255');
});

test('escapeText marks U+FFFD: what Node decodes bytes that were not UTF-8 to (argv, files), shown as an escape, not as a glyph', () => {
  assert.equal(escapeText('+bo\ufffdgus'), '+bo\\u{FFFD}gus');
});
