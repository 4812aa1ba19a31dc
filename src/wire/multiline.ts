/**
 * Record data as dig 9.18 writes it with +multiline: long fields (keys, signatures, digests, hex)
 * cut into 44-character lines inside parentheses, SOA timers one per line with comments, DNSKEY
 * and DHCID comments. Types whose layout does not change (A, MX, TXT, NSEC, SVCB, ...) are left to
 * the one-line text. Every line goes through escapeText, so a caller gets printable text only.
 */

import type { ResourceRecord } from './types.js';
import { typeName } from './rrtypes.js';
import { escapeText } from './escape.js';
import {
  base64,
  hexUpper,
  ipv4Text,
  ipv6Text,
  keyIdText,
  keyTag,
  OMITTED,
  RdataCursor,
  type TextStyle,
} from './rdata-text.js';
import { ALGORITHMS, base32hex, CERT_TYPES, signatureTime } from './rdata-dnssec.js';

/** dig's continuation lines start at its +multiline data column, 32: four tabs. */
export const CONTINUATION = '\n\t\t\t\t';
/** dig cuts base64 and hex into lines this long (80 columns less the data column and 4) unless +split says otherwise. */
export const MULTILINE_SPLIT = 44;

/** dig's +multiline style: 44-character lines, record comments on. */
export const MULTILINE_STYLE: TextStyle = { split: MULTILINE_SPLIT, comments: true };

const SOA_FIELDS = ['serial', 'refresh', 'retry', 'expire', 'minimum'];

/** The lines of one record's data; the first follows the type column, the rest are continuation lines. */
type Layout = (c: RdataCursor, rr: ResourceRecord) => string[];

/** Cuts a base64 or hex text into lines of the style's width (dig's 44; 0: one line); an empty text is one empty line, as in dig. */
function cut(text: string, width: number): string[] {
  if (width === 0) return [text];
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.length > 0 ? lines : [''];
}

/** A signature, digest or key cut into lines, or the one `[omitted]` line under +nocrypto. */
function secretLines(c: RdataCursor, field: string): string[] {
  return c.style.crypto === false ? [OMITTED] : cut(field, c.style.split);
}

/** `head (`, then the cut field, the last line closed with ` )`: DS, TLSA, CERT and the like. */
function parenthesised(head: string, field: string | string[], width: number): string[] {
  const lines = [`${head} (`, ...(typeof field === 'string' ? cut(field, width) : field)];
  lines[lines.length - 1] += ' )';
  return lines;
}

/** `( first-line`, the rest, ` )`: types whose data starts inside the parenthesis (OPENPGPKEY, DHCID, RFC 3597). */
function openParenthesised(head: string, field: string | string[], width: number): string[] {
  const lines = typeof field === 'string' ? cut(field, width) : field;
  lines[0] = `${head}( ${lines[0]}`;
  lines[lines.length - 1] += ' )';
  return lines;
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

export { keyTag } from './rdata-text.js';

const soa: Layout = (c) => {
  const lines = [`${c.name('mname')} ${c.name('rname')} (`];
  SOA_FIELDS.forEach((field, i) => {
    const value = c.u32(field);
    const words = i === 0 ? '' : ` (${ttlWords(value)})`;
    lines.push(c.style.comments ? `${String(value).padEnd(10)} ; ${field}${words}` : String(value));
  });
  // Without comments dig closes the parenthesis on the last timer's line.
  if (c.style.comments) lines.push(')');
  else lines[lines.length - 1] += ')';
  return lines;
};

/** The algorithm as the key comment names it; for PRIVATEDNS, the name the key starts with. */
function keyAlgorithmName(algorithm: number, c: RdataCursor): string {
  if (algorithm === 253) {
    const start = c.pos;
    try {
      const name = c.name('algorithm name');
      return name === '.' ? name : name.slice(0, -1);
    } catch {
      return ALGORITHMS[algorithm];
    } finally {
      c.pos = start;
    }
  }
  return ALGORITHMS[algorithm] ?? String(algorithm);
}

const KEY_FLAG_SEP = 0x0001;
const KEY_FLAG_REVOKE = 0x0080;
const KEY_TYPE_MASK = 0xc000;

/** A KEY whose type bits say "no key" has no key field at all. */
function keyless(rr: ResourceRecord, flags: number): boolean {
  return rr.type === 25 && (flags & KEY_TYPE_MASK) === KEY_TYPE_MASK;
}

/**
 * dig's comment on a key (+rrcomments): ` ; KSK` (DNSKEY and CDNSKEY only), then `; alg = NAME ; key id = TAG`.
 * Undefined for other types and for a KEY without key. The text is not escaped yet.
 */
export function keyComment(rr: ResourceRecord): string | undefined {
  if (rr.type !== 25 && rr.type !== 48 && rr.type !== 60) return undefined;
  const c = new RdataCursor(rr.rdata, typeName(rr.type));
  try {
    const flags = c.u16('flags');
    c.u8('protocol');
    const algorithm = c.u8('algorithm');
    if (keyless(rr, flags)) return undefined;
    const role = flags & KEY_FLAG_SEP ? (flags & KEY_FLAG_REVOKE ? 'revoked KSK' : 'KSK') : 'ZSK';
    const lead = rr.type === 25 ? '' : ` ; ${role}`;
    return `${lead}; alg = ${keyAlgorithmName(algorithm, c)} ; key id = ${keyTag(rr.rdata)}`;
  } catch {
    return undefined;
  }
}

const key: Layout = (c, rr) => {
  const flags = c.u16('flags');
  const protocol = c.u8('protocol');
  const algorithm = c.u8('algorithm');
  const head = `${flags} ${protocol} ${algorithm}`;
  if (keyless(rr, flags)) return [head];
  const key = base64(c.rest());
  const lines = [`${head} (`, ...(c.style.crypto === false ? [keyIdText(keyTag(rr.rdata))] : cut(key, c.style.split))];
  const comment = c.style.comments ? keyComment(rr) : undefined;
  // With its comment, the closing parenthesis gets a line of its own; without, it ends the key.
  if (comment === undefined) lines[lines.length - 1] += ' )';
  else lines.push(`)${comment}`);
  return lines;
};

const rrsig: Layout = (c) => {
  const covered = typeName(c.u16('type covered'));
  const head = `${covered} ${c.u8('algorithm')} ${c.u8('labels')} ${c.u32('original TTL')}`;
  const expiration = signatureTime(c.u32('expiration'));
  const times = `${signatureTime(c.u32('inception'))} ${c.u16('key tag')} ${c.name('signer')}`;
  const signature = secretLines(c, base64(c.rest()));
  signature[signature.length - 1] += ' )';
  return [`${head} (`, `${expiration} ${times}`, ...signature];
};

// SIG (the pre-DNSSEC record) keeps the expiration on the first line.
const sig: Layout = (c) => {
  const covered = typeName(c.u16('type covered'));
  const head = `${covered} ${c.u8('algorithm')} ${c.u8('labels')} ${c.u32('original TTL')} ${signatureTime(c.u32('expiration'))}`;
  const times = `${signatureTime(c.u32('inception'))} ${c.u16('key tag')} ${c.name('signer')}`;
  const signature = cut(base64(c.rest()), c.style.split);
  signature[signature.length - 1] += ' )';
  return [`${head} (`, times, ...signature];
};

/** Three small numbers, then a long hex field: DS, CDS, TA, DLV, TLSA, SMIMEA. */
const threeThenHex: Layout = (c) =>
  parenthesised(
    `${c.u16('first field')} ${c.u8('second field')} ${c.u8('third field')}`,
    secretLines(c, hexUpper(c.rest())),
    c.style.split,
  );
const tlsa: Layout = (c) =>
  parenthesised(`${c.u8('usage')} ${c.u8('selector')} ${c.u8('matching type')}`, hexUpper(c.rest()), c.style.split);

const sshfp: Layout = (c) => {
  const head = `${c.u8('algorithm')} ${c.u8('fingerprint type')}`;
  return c.left === 0 ? [head] : parenthesised(head, hexUpper(c.rest()), c.style.split);
};

const zonemd: Layout = (c) =>
  parenthesised(
    `${c.u32('serial')} ${c.u8('scheme')} ${c.u8('hash algorithm')}`,
    secretLines(c, hexUpper(c.rest())),
    c.style.split,
  );

const cert: Layout = (c) => {
  const certType = c.u16('type');
  const tag = c.u16('key tag');
  const algorithm = c.u8('algorithm');
  const head = `${CERT_TYPES[certType] ?? certType} ${tag} ${ALGORITHMS[algorithm] ?? algorithm}`;
  return parenthesised(head, base64(c.rest()), c.style.split);
};

const openpgpkey: Layout = (c) => openParenthesised('', secretLines(c, base64(c.rest())), c.style.split);

const dhcid: Layout = (c) => {
  const data = c.rest();
  const lines = openParenthesised('', base64(data), c.style.split);
  // The comment reads the identifier type, digest type and digest length out of the data.
  if (data.length >= 3) lines[lines.length - 1] += ` ; ${(data[0] << 8) | data[1]} ${data[2]} ${data.length - 3}`;
  return lines;
};

const ipseckey: Layout = (c) => {
  const precedence = c.u8('precedence');
  const gatewayType = c.u8('gateway type');
  const algorithm = c.u8('algorithm');
  let gateway = '.';
  if (gatewayType === 1) gateway = ipv4Text(c.bytes(4, 'gateway'));
  else if (gatewayType === 2) gateway = ipv6Text(c.bytes(16, 'gateway'));
  else if (gatewayType === 3) gateway = c.name('gateway');
  const head = `( ${precedence} ${gatewayType} ${algorithm} ${gateway}`;
  if (c.left === 0) return [`${head} )`];
  const lines = [head, ...cut(base64(c.rest()), c.style.split)];
  lines[lines.length - 1] += ' )';
  return lines;
};

/** A type bitmap as dig's +multiline writes it: one line per window of 256 types. */
function bitmapLines(c: RdataCursor): string[] {
  const lines: string[] = [];
  while (c.left > 0) {
    const window = c.u8('bitmap window');
    const block = c.bytes(c.u8('bitmap length'), 'type bitmap');
    const types: string[] = [];
    block.forEach((byte, i) => {
      for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) types.push(typeName(window * 256 + i * 8 + bit));
    });
    lines.push(types.join(' '));
  }
  return lines;
}

const nsec3: Layout = (c) => {
  const head = `${c.u8('hash algorithm')} ${c.u8('flags')} ${c.u16('iterations')}`;
  const salt = c.string('salt');
  const next = base32hex(c.string('next hashed owner'));
  const lines = [`${head} ${salt.length === 0 ? '-' : hexUpper(salt)} (`, next, ...bitmapLines(c)];
  lines[lines.length - 1] += ' )';
  return lines;
};

/** RFC 3597 data: `\# len ( hex... )`; an empty one stays `\# 0`. */
function genericLines(rdata: Uint8Array, width: number): string[] {
  if (rdata.length === 0) return ['\\# 0'];
  return openParenthesised(`\\# ${rdata.length} `, hexUpper(rdata), width);
}

const LAYOUTS: Readonly<Record<number, Layout>> = {
  6: soa,
  24: sig,
  25: key,
  48: key,
  60: key,
  37: cert,
  43: threeThenHex,
  59: threeThenHex,
  32768: threeThenHex,
  32769: threeThenHex,
  44: sshfp,
  45: ipseckey,
  46: rrsig,
  49: dhcid,
  50: nsec3,
  52: tlsa,
  53: tlsa,
  61: openpgpkey,
  63: zonemd,
};

/**
 * The data of `rr` as dig +multiline writes it, continuation lines starting with CONTINUATION;
 * undefined when dig writes it as on one line. `style`: +split (44 unless set), +[no]rrcomments, +nocrypto;
 * `unknownFormat`: RFC 3597 form whatever the type (dig's +unknownformat).
 */
export function multilineData(
  rr: ResourceRecord,
  style: TextStyle = MULTILINE_STYLE,
  unknownFormat = false,
): string | undefined {
  let lines: string[];
  // The one-line text is in RFC 3597 form exactly when the decoder found the type unknown (or class-specific elsewhere).
  if (unknownFormat || rr.data.startsWith('\\# ')) {
    lines = genericLines(rr.rdata, style.split);
  } else {
    const layout = LAYOUTS[rr.type];
    if (!layout || rr.data === '') return undefined;
    try {
      lines = layout(new RdataCursor(rr.rdata, typeName(rr.type), style), rr);
    } catch {
      // The decoder accepted this data, so a layout cannot fail on it; should one, the one-line text stands.
      return undefined;
    }
  }
  if (lines.length === 1 && lines[0] === rr.data) return undefined;
  return lines.map(escapeText).join(CONTINUATION);
}
