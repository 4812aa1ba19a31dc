/**
 * How record data is written (dig 9.18's display switches) and the text pieces the presenters share:
 * words and lines of hex or base64, `[omitted]` under +nocrypto, parentheses around +multiline data.
 */

import { hexUpper } from '../../wire/encoding.js';

/** dig splits long hex and base64 fields into words of this many characters, joined by a space (+split=W). */
export const SPLIT_WIDTH = 56;
/** dig cuts base64 and hex into lines this long (80 columns less the data column and 4) with +multiline, unless +split says otherwise. */
export const MULTILINE_SPLIT = 44;

/** How record data is written: dig's +split width (0: not split) and +[no]rrcomments, +nocrypto and +expandaaaa. */
export interface TextStyle {
  split: number;
  comments: boolean;
  /** false: keys, signatures and digests give way to `[key id = N]` or `[omitted]` (dig's +nocrypto); unset: shown. */
  crypto?: boolean;
  /** AAAA addresses in eight groups of four hex digits (dig's +expandaaaa). */
  expandAaaa?: boolean;
}

/** dig's one-line style: 56-character words, no record comments. */
export const ONE_LINE_STYLE: TextStyle = { split: SPLIT_WIDTH, comments: false };
/** dig's +multiline style: 44-character lines, record comments on. */
export const MULTILINE_STYLE: TextStyle = { split: MULTILINE_SPLIT, comments: true };

/** What dig's +nocrypto prints instead of a signature or digest. */
const OMITTED = '[omitted]';

/** What dig's +nocrypto prints instead of a key: its key tag. */
export function keyIdText(tag: number): string {
  return `[key id = ${tag}]`;
}

/** Splits a long field into words of `width` characters (dig's 56 by default; 0 leaves it whole). */
export function splitWords(text: string, width = SPLIT_WIDTH): string {
  if (width === 0 || text.length <= width) return text;
  const words: string[] = [];
  for (let i = 0; i < text.length; i += width) words.push(text.slice(i, i + width));
  return words.join(' ');
}

/** A long hex or base64 field split into words as the style says. */
export function words(text: string, style: TextStyle): string {
  return splitWords(text, style.split);
}

/** A signature or digest as the style shows it on one line: split into words, or `[omitted]` under +nocrypto. */
export function secret(text: string, style: TextStyle): string {
  return style.crypto === false ? OMITTED : words(text, style);
}

/** Cuts a base64 or hex text into lines of the style's width (dig's 44; 0: one line); an empty text is one empty line, as in dig. */
export function cut(text: string, width: number): string[] {
  if (width === 0) return [text];
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.length > 0 ? lines : [''];
}

/** A signature, digest or key cut into lines, or the one `[omitted]` line under +nocrypto. */
export function secretLines(text: string, style: TextStyle): string[] {
  return style.crypto === false ? [OMITTED] : cut(text, style.split);
}

/** `head (`, then the cut field, the last line closed with ` )`: DS, TLSA, CERT and the like. */
export function parenthesised(head: string, field: string | string[], width: number): string[] {
  const lines = [`${head} (`, ...(typeof field === 'string' ? cut(field, width) : field)];
  lines[lines.length - 1] += ' )';
  return lines;
}

/** `( first-line`, the rest, ` )`: types whose data starts inside the parenthesis (OPENPGPKEY, DHCID, RFC 3597). */
export function openParenthesised(head: string, field: string | string[], width: number): string[] {
  const lines = typeof field === 'string' ? cut(field, width) : field;
  lines[0] = `${head}( ${lines[0]}`;
  lines[lines.length - 1] += ' )';
  return lines;
}

/** RFC 3597 generic form, `\# len hex`, hex split into words (dig's 56 characters unless +split says otherwise). */
export function genericRdata(rdata: Uint8Array, split?: number): string {
  return rdata.length === 0 ? '\\# 0' : `\\# ${rdata.length} ${splitWords(hexUpper(rdata), split)}`;
}

/** RFC 3597 data as +multiline writes it: `\# len ( hex... )`; an empty one stays `\# 0`. */
export function genericLines(rdata: Uint8Array, width: number): string[] {
  if (rdata.length === 0) return ['\\# 0'];
  return openParenthesised(`\\# ${rdata.length} `, hexUpper(rdata), width);
}

/** A timer in words, as the SOA comments write it: `1 week 2 days 3 hours`, `0 seconds`. */
export function ttlWords(seconds: number): string {
  const units: Array<[number, string]> = [
    [604800, 'week'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  let left = seconds;
  const words: string[] = [];
  for (const [size, unit] of units) {
    const count = Math.floor(left / size);
    left -= count * size;
    if (count > 0) words.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
  }
  return words.length > 0 ? words.join(' ') : '0 seconds';
}
