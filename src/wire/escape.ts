/**
 * Escaping of text that reaches a terminal from the network or from argv.
 *
 * Two forms, both printable ASCII and unambiguous to a reader:
 * - bytes and code points below U+0100 become dig's decimal `\DDD` (`\000`-`\255`);
 * - other unsafe code points (bidi overrides and isolates, lone surrogates, U+FFFD) become `\u{XXXX}`.
 * Backslash itself is left alone in escapeText, so text that is already in presentation
 * format (`\DDD`, `\.`) is not escaped twice.
 */

/** `\DDD` for one byte value, as dig writes it. */
export function decimalEscape(byte: number): string {
  return `\\${String(byte).padStart(3, '0')}`;
}

function isUnsafeCodePoint(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0xd800 && cp <= 0xdfff) ||
    // U+FFFD is what Node makes of bytes that were not UTF-8 (argv, files): an escape says so, a glyph would hide it.
    cp === 0xfffd
  );
}

/** Makes any string safe to print: control characters, C1, bidi controls and lone surrogates are escaped. */
export function escapeText(s: string): string {
  // Fast path: most text is plain printable ASCII.
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (!isUnsafeCodePoint(cp)) {
      out += s.slice(i, i + width);
    } else if (cp < 0x100) {
      out += decimalEscape(cp);
    } else {
      out += `\\u{${cp.toString(16).toUpperCase()}}`;
    }
    i += width - 1;
  }
  return out;
}

/** Table of byte -> text for DNS character-strings: printable ASCII kept, `"` and `\` backslashed, the rest `\DDD`. */
const STRING_BYTE_TEXT: readonly string[] = Array.from({ length: 256 }, (_, b) => {
  if (b === 0x22 || b === 0x5c) return `\\${String.fromCharCode(b)}`;
  if (b >= 0x20 && b <= 0x7e) return String.fromCharCode(b);
  return decimalEscape(b);
});

/** Bytes to dig's character-string text (without the surrounding quotes): `\DDD` for bytes < 0x20 and >= 0x7f, `\"`, `\\`. */
export function escapeBytes(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i++) out += STRING_BYTE_TEXT[b[i]];
  return out;
}
