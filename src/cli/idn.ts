/**
 * Internationalized domain names: Unicode input to A-labels before sending (+idnin), and valid A-labels back to
 * Unicode for display (+idnout).
 *
 * node:url's domainToASCII does the UTS #46 mapping (case folding, full-width forms, NFC) and the bidi and joiner
 * checks, but it is a URL host parser: it accepts symbols and emoji, hyphens at either end of a label and labels of
 * any length. IDNA2008 (what dig's libidn2 applies) rejects those, so the result is checked again here, with a
 * punycode (RFC 3492) codec of our own: a label is accepted only if it decodes to letters, marks, digits and hyphens.
 */
import { domainToASCII } from 'node:url';
import { InputError } from '../errors.js';
import { escapeText } from '../wire/escape.js';

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const MAX_DELTA = 0x7fffffff;
const ACE_PREFIX = 'xn--';
const MAX_LABEL_OCTETS = 63;

/** Label separators UTS #46 accepts in Unicode input besides '.': ideographic and full-width full stops. */
const UNICODE_DOTS = new Set(['\u3002', '\uff0e', '\uff61']);

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) / 2) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function threshold(k: number, bias: number): number {
  return k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
}

function digitChar(d: number): string {
  return String.fromCharCode(d < 26 ? 0x61 + d : 0x30 + d - 26);
}

function digitValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 26;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  return -1;
}

/** RFC 3492 encoding of a label's code points (without the xn-- prefix); undefined on overflow. */
export function punycodeEncode(label: string): string | undefined {
  const input = Array.from(label, (ch) => ch.codePointAt(0) ?? 0);
  let output = input
    .filter((c) => c < 0x80)
    .map((c) => String.fromCharCode(c))
    .join('');
  const basic = output.length;
  if (basic > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  for (let handled = basic; handled < input.length; ) {
    const m = Math.min(...input.filter((c) => c >= n));
    delta += (m - n) * (handled + 1);
    if (delta > MAX_DELTA) return undefined;
    n = m;
    for (const c of input) {
      if (c < n && ++delta > MAX_DELTA) return undefined;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) break;
        output += digitChar(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digitChar(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

/** RFC 3492 decoding (input without the xn-- prefix); undefined when the input is not valid punycode. */
export function punycodeDecode(input: string): string | undefined {
  const delimiter = input.lastIndexOf('-');
  const output: number[] = [];
  for (let j = 0; j < Math.max(delimiter, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return undefined;
    output.push(c);
  }
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  for (let pos = delimiter > 0 ? delimiter + 1 : 0; pos < input.length; ) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return undefined;
      const digit = digitValue(input[pos++]);
      if (digit < 0) return undefined;
      i += digit * w;
      if (i > MAX_DELTA) return undefined;
      const t = threshold(k, bias);
      if (digit < t) break;
      w *= BASE - t;
      if (w > MAX_DELTA) return undefined;
    }
    bias = adapt(i - oldI, output.length + 1, oldI === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/**
 * Why a Unicode label is not one IDNA2008 would register, or undefined when it is: it must be NFC and lower case,
 * only letters, combining marks, decimal digits and hyphens (no symbols, punctuation, spaces, controls, format or
 * bidi characters), hold at least one non-ASCII character, have no hyphen at either end and no `--` in positions 3-4.
 */
function uLabelProblem(label: string): string | undefined {
  if (label.normalize('NFC') !== label || label.toLowerCase() !== label)
    return 'it is not in normalized lower-case form';
  if (!/^[\p{L}\p{M}\p{Nd}-]+$/u.test(label))
    return 'it contains characters not allowed in IDNA2008 (symbols, punctuation, emoji)';
  if (/^\p{M}/u.test(label)) return 'it starts with a combining mark';
  if (!/[^\x00-\x7f]/.test(label)) return 'it has no non-ASCII character';
  if (label.startsWith('-') || label.endsWith('-')) return 'it starts or ends with a hyphen';
  if (label.slice(2, 4) === '--') return "it has '--' in the third and fourth positions";
  return undefined;
}

/** The Unicode form of an A-label when it is a valid, canonical one; undefined otherwise. */
function decodeALabel(label: string): string | undefined {
  if (!/^xn--[a-z0-9-]+$/i.test(label) || label.length > MAX_LABEL_OCTETS) return undefined;
  const encoded = label.slice(ACE_PREFIX.length).toLowerCase();
  const unicode = punycodeDecode(encoded);
  if (unicode === undefined || uLabelProblem(unicode) !== undefined) return undefined;
  return punycodeEncode(unicode) === encoded ? unicode : undefined;
}

/** Splits a name into labels at unescaped dots (and, in Unicode input, the other full stops); keeps escapes as typed. */
function splitLabels(name: string): string[] {
  const labels: string[] = [];
  let current = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '\\' && i + 1 < name.length) {
      current += ch + name[++i];
    } else if (ch === '.' || UNICODE_DOTS.has(ch)) {
      labels.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  labels.push(current);
  return labels;
}

function labelToAscii(label: string, name: string): string {
  if (!/[^\x00-\x7f]/.test(label)) return label;
  const fail = (why: string): never => {
    throw new InputError(
      `'${escapeText(name)}' is not a valid internationalized name: label '${escapeText(label)}': ${why}`,
      'input.idn',
    );
  };
  if (label.includes('\\')) fail('it mixes backslash escapes and Unicode');
  const mapped = domainToASCII(label);
  if (mapped === '' || mapped.includes('.')) fail('it has no A-label form (disallowed character, bidi or joiner rule)');
  if (mapped.length > MAX_LABEL_OCTETS) fail('it is longer than 63 octets as an A-label');
  if (!mapped.startsWith(ACE_PREFIX)) return mapped; // full-width or upper-case ASCII that maps to plain ASCII
  const unicode = punycodeDecode(mapped.slice(ACE_PREFIX.length));
  const problem = unicode === undefined ? 'its A-label does not decode' : uLabelProblem(unicode);
  if (problem) fail(problem);
  return mapped;
}

/**
 * A name typed by the user, with every Unicode label converted to its A-label (`bücher.example` ->
 * `xn--bcher-kva.example`). ASCII labels (escapes included) are left exactly as typed.
 * Throws InputError (code input.idn, exit 1) for a label that is not a valid IDN.
 */
export function toAscii(name: string): string {
  if (!/[^\x00-\x7f]/.test(name)) return name;
  return splitLabels(name)
    .map((label) => labelToAscii(label, name))
    .join('.');
}

/**
 * A presentation-format name with each valid A-label shown in Unicode, for +idnout on a terminal.
 * Labels that are not valid, canonical A-labels (or that would decode to anything but letters, marks, digits and
 * hyphens) stay as they are, so a name from the network can never smuggle control or bidi characters this way.
 */
export function toUnicode(name: string): string {
  if (!/xn--/i.test(name)) return name;
  return splitLabels(name)
    .map((label) => decodeALabel(label) ?? label)
    .join('.');
}
