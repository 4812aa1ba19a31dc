/**
 * Domain names in presentation format (dig/BIND escapes) and on the wire.
 *
 * Every name that leaves this module is canonical: absolute (trailing dot) and escaped the way
 * dig prints it, so it is safe to print and can be compared textually after case folding.
 */

import { InputError } from '../errors.js';
import { decimalEscape, escapeText } from './escape.js';

/** Longest label, in octets (RFC 1035 2.3.4). */
export const MAX_LABEL_OCTETS = 63;
/** Longest name on the wire, in octets, including the root label (RFC 1035 2.3.4). */
export const MAX_NAME_OCTETS = 255;

/** Characters dig escapes with a backslash inside a label. */
const SPECIAL = new Set(['.', '\\', '"', ';', '(', ')', '@', '$'].map((c) => c.charCodeAt(0)));

/** Byte -> presentation text for one octet of a label. */
const LABEL_BYTE_TEXT: readonly string[] = Array.from({ length: 256 }, (_, b) => {
  if (b < 0x21 || b > 0x7e) return decimalEscape(b);
  const c = String.fromCharCode(b);
  return SPECIAL.has(b) ? `\\${c}` : c;
});

/** One label (bytes) in dig's escaped presentation form. */
export function labelToText(buf: Uint8Array, start = 0, end = buf.length): string {
  let out = '';
  for (let i = start; i < end; i++) out += LABEL_BYTE_TEXT[buf[i]];
  return out;
}

/** The most presentation octets a wire name can take: 255 octets, each at most a 4-octet escape. */
export const MAX_NAME_TEXT_OCTETS = MAX_NAME_OCTETS * 4;

/**
 * Writes one label's presentation form (as labelToText gives it) and a dot into `out` at `at`;
 * returns the offset after them. Names are read from every reply: writing their text as octets
 * and making one string per name spares a string per octet.
 */
export function writeLabelText(buf: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
  for (let i = start; i < end; i++) {
    const text = LABEL_BYTE_TEXT[buf[i]];
    if (text.length === 1) out[at++] = text.charCodeAt(0);
    else for (let k = 0; k < text.length; k++) out[at++] = text.charCodeAt(k);
  }
  out[at] = 0x2e;
  return at + 1;
}

/** Labels (without the root label) to an absolute, escaped presentation name. */
export function nameFromLabels(labels: Uint8Array[]): string {
  if (labels.length === 0) return '.';
  let out = '';
  for (const label of labels) out += `${labelToText(label)}.`;
  return out;
}

const utf8 = new TextEncoder();

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Why a name is refused; the message wording is shared by parseName and the helpers below. */
function illegal(text: string, reason: string): InputError {
  return new InputError(`'${escapeText(text)}' is not a legal name (${reason})`, 'input.name');
}

/**
 * Splits a presentation-format name into label bytes, checking escapes and lengths.
 * Relative names are taken as absolute; "" and "." are the root (no labels).
 */
export function nameToLabels(text: string): Uint8Array[] {
  if (text === '' || text === '.') return [];
  const labels: Uint8Array[] = [];
  let current: number[] = [];
  let wireLength = 1; // the root label
  const finishLabel = (): void => {
    if (current.length === 0) throw illegal(text, 'empty label');
    if (current.length > MAX_LABEL_OCTETS) throw illegal(text, `label longer than ${MAX_LABEL_OCTETS} octets`);
    wireLength += current.length + 1;
    if (wireLength > MAX_NAME_OCTETS) throw illegal(text, `name longer than ${MAX_NAME_OCTETS} octets`);
    labels.push(Uint8Array.from(current));
    current = [];
  };
  const pushChar = (ch: string): void => {
    const code = ch.charCodeAt(0);
    if (code < 0x80) current.push(code);
    else for (const b of utf8.encode(ch)) current.push(b);
  };
  const chars = Array.from(text); // code points, so non-ASCII becomes its UTF-8 bytes
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '.') {
      finishLabel();
    } else if (ch === '\\') {
      const next = chars[i + 1];
      if (next === undefined) throw illegal(text, 'bad escape');
      if (isDigit(next.charCodeAt(0))) {
        const digits = chars.slice(i + 1, i + 4).join('');
        if (!/^[0-9]{3}$/.test(digits)) throw illegal(text, 'bad escape');
        const value = Number(digits);
        if (value > 255) throw illegal(text, 'bad escape');
        current.push(value);
        i += 3;
      } else {
        pushChar(next);
        i += 1;
      }
    } else {
      pushChar(ch);
    }
  }
  // A trailing unescaped dot already closed the last label.
  if (current.length > 0 || chars[chars.length - 1] !== '.') finishLabel();
  return labels;
}

/** Validates a user-typed name and returns it canonical: absolute and escaped as dig prints it. Throws InputError. */
export function parseName(text: string): string {
  return nameFromLabels(nameToLabels(text));
}

/** A presentation-format name as uncompressed wire octets. Throws InputError on a bad name. */
export function nameToWire(name: string): Uint8Array {
  const labels = nameToLabels(name);
  let size = 1;
  for (const label of labels) size += label.length + 1;
  const out = new Uint8Array(size);
  let pos = 0;
  for (const label of labels) {
    out[pos++] = label.length;
    out.set(label, pos);
    pos += label.length;
  }
  out[pos] = 0;
  return out;
}

function foldAscii(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
}

function labelsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (foldAscii(a[i]) !== foldAscii(b[i])) return false;
  return true;
}

/** A name of letters, digits, hyphens and underscores only, in labels of legal length: no escape, nothing to fold but ASCII. */
const PLAIN_NAME = /^(?:[A-Za-z0-9_-]{1,63}\.)*[A-Za-z0-9_-]{1,63}\.?$/;

/**
 * A plain name (see PLAIN_NAME) that fits the wire, lower-cased and without its trailing dot ('' for
 * the root); undefined for any other. Plain names compare as strings, without a parse into labels:
 * batches and traces compare names all the time.
 */
function plainKey(name: string): string | undefined {
  if (name === '.') return '';
  // The wire form is the text's octets plus a length octet for the first label and the root label.
  if (name.length > MAX_NAME_OCTETS - 1 || !PLAIN_NAME.test(name)) return undefined;
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  return bare.length + 2 > MAX_NAME_OCTETS ? undefined : bare.toLowerCase();
}

/** True when two names are the same name, ASCII case-insensitively (RFC 4343). */
export function namesEqual(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = plainKey(a);
  const pb = pa === undefined ? undefined : plainKey(b);
  if (pb !== undefined) return pa === pb;
  const la = nameToLabels(a);
  const lb = nameToLabels(b);
  return la.length === lb.length && la.every((label, i) => labelsEqual(label, lb[i]));
}

/** True when `child` is `parent` or below it (every name is below the root). */
export function isSubdomain(child: string, parent: string): boolean {
  const pc = plainKey(child);
  const pp = pc === undefined ? undefined : plainKey(parent);
  if (pc !== undefined && pp !== undefined) return pp === '' || pc === pp || pc.endsWith(`.${pp}`);
  const lc = nameToLabels(child);
  const lp = nameToLabels(parent);
  if (lp.length > lc.length) return false;
  const offset = lc.length - lp.length;
  return lp.every((label, i) => labelsEqual(label, lc[offset + i]));
}

/** Number of labels, not counting the root: "." is 0, "example.com." is 2. */
export function labelCount(name: string): number {
  return nameToLabels(name).length;
}

/** The name one label up ("www.example.com." -> "example.com."); the root's parent is the root. */
export function parentName(name: string): string {
  if (name !== '.' && plainKey(name) !== undefined) {
    const bare = name.endsWith('.') ? name.slice(0, -1) : name;
    const dot = bare.indexOf('.');
    return dot < 0 ? '.' : `${bare.slice(dot + 1)}.`;
  }
  return nameFromLabels(nameToLabels(name).slice(1));
}
