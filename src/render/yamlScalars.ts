/**
 * YAML scalars for the +yaml view: whatever the text (it may come from a hostile server), the result
 * parses back to that text and holds nothing a terminal would act on.
 */
import { escapeText } from '../wire/escape.js';

/** A single-quoted scalar, as dig writes records: `'it''s'`. Unsafe characters become tsdig's `\DDD` escapes first. */
export function singleQuoted(text: string): string {
  return `'${escapeText(text).replaceAll("'", "''")}'`;
}

/** YAML's own escape for a code point in a double-quoted scalar. */
function yamlEscape(cp: number): string {
  return cp <= 0xff
    ? `\\x${cp.toString(16).padStart(2, '0')}`
    : cp <= 0xffff
      ? `\\u${cp.toString(16).padStart(4, '0')}`
      : `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** Code points a terminal may act on or that YAML forbids raw: C0 and C1 controls, DEL, bidi controls, surrogates, U+FFFD. */
function isUnsafe(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0xd800 && cp <= 0xdfff) ||
    cp === 0xfeff ||
    cp === 0xfffd
  );
}

/**
 * A double-quoted scalar (dig's EDE EXTRA-TEXT): `"` and `\` backslashed, unsafe code points as
 * YAML escapes (`\u202e`), so the value parses back to the text exactly.
 */
export function doubleQuoted(text: string): string {
  let out = '';
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (isUnsafe(cp)) out += yamlEscape(cp);
    else out += char;
  }
  return `"${out}"`;
}

/**
 * A value dig writes bare (`NSID: 6e 73 31 ("ns1")`): kept bare when YAML reads it back as the same
 * string, else single-quoted (a server's bytes may hold `: ` or ` #`, which would end the value).
 */
export function plainOrQuoted(text: string): string {
  const safe = escapeText(text);
  const bare =
    /^[0-9A-Za-z(]/.test(safe) &&
    !safe.includes(': ') &&
    !safe.includes(' #') &&
    !safe.endsWith(':') &&
    !safe.endsWith(' ');
  return bare ? safe : singleQuoted(safe);
}
