/** Text pieces of RDATA presentation shared by the per-type presenters (dig 9.18 conventions). */

import { escapeBytes } from './escape.js';
import { readName, WireError } from './reader.js';

/** dig splits long hex and base64 fields into words of this many characters, joined by a space (+split=W). */
export const SPLIT_WIDTH = 56;

/** How record data is written: dig's +split width (0: not split) and +[no]rrcomments, +nocrypto and +expandaaaa. */
export interface TextStyle {
  split: number;
  comments: boolean;
  /** false: keys, signatures and digests give way to `[key id = N]` or `[omitted]` (dig's +nocrypto); unset: shown. */
  crypto?: boolean;
  /** AAAA addresses in eight groups of four hex digits (dig's +expandaaaa). */
  expandAaaa?: boolean;
}

/** What dig's +nocrypto prints instead of a signature or digest. */
export const OMITTED = '[omitted]';

/** RFC 4034 appendix B key tag over the whole RDATA (dig 9.18 uses it for every algorithm). */
export function keyTag(rdata: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < rdata.length; i++) sum += i % 2 === 0 ? rdata[i] << 8 : rdata[i];
  sum += (sum >>> 16) & 0xffff;
  return sum & 0xffff;
}

/** What dig's +nocrypto prints instead of a key: its key tag. */
export function keyIdText(tag: number): string {
  return `[key id = ${tag}]`;
}

/** An IPv6 address in full: eight groups of four lower-case hex digits (dig's +expandaaaa). */
export function ipv6Expanded(bytes: Uint8Array, at = 0): string {
  const groups: string[] = [];
  for (let i = 0; i < 8; i++)
    groups.push(((bytes[at + 2 * i] << 8) | bytes[at + 2 * i + 1]).toString(16).padStart(4, '0'));
  return groups.join(':');
}

/** dig's one-line style: 56-character words, no record comments. */
export const ONE_LINE_STYLE: TextStyle = { split: SPLIT_WIDTH, comments: false };

/** Splits a long field into words of `width` characters (dig's 56 by default; 0 leaves it whole). */
export function splitWords(text: string, width = SPLIT_WIDTH): string {
  if (width === 0 || text.length <= width) return text;
  const words: string[] = [];
  for (let i = 0; i < text.length; i += width) words.push(text.slice(i, i + width));
  return words.join(' ');
}

/** Upper-case hex, as dig prints digests and RFC 3597 data. */
export function hexUpper(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex').toUpperCase();
}

/** Standard padded base64. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}

/** A DNS character-string in double quotes, dig-escaped. */
export function quoted(bytes: Uint8Array): string {
  return `"${escapeBytes(bytes)}"`;
}

/** IPv4 dotted quad from 4 bytes at `at`. */
export function ipv4Text(bytes: Uint8Array, at = 0): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

/**
 * IPv6 text the way glibc's inet_ntop writes it (dig uses it): lower-case hex, the longest run of
 * two or more zero groups (the first on a tie) as "::", and "::a.b.c.d" / "::ffff:a.b.c.d" forms.
 */
export function ipv6Text(bytes: Uint8Array, at = 0): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((bytes[at + 2 * i] << 8) | bytes[at + 2 * i + 1]);
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestLength < 2) bestStart = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      if (i === 0) out += ':';
      out += ':';
      i += bestLength - 1;
      continue;
    }
    if (i === 6 && bestStart === 0 && (bestLength === 6 || (bestLength === 5 && groups[5] === 0xffff))) {
      out += ipv4Text(bytes, at + 12);
      break;
    }
    out += groups[i].toString(16);
    if (i < 7) out += ':';
  }
  return out;
}

/** Sequential reader over uncompressed RDATA; every read is bounds-checked. */
export class RdataCursor {
  pos = 0;

  constructor(
    readonly data: Uint8Array,
    readonly typeLabel: string,
    readonly style: TextStyle = ONE_LINE_STYLE,
  ) {}

  /** A long hex or base64 field split into words as the style says. */
  words(text: string): string {
    return splitWords(text, this.style.split);
  }

  /** A signature or digest as the style shows it: split into words, or `[omitted]` under +nocrypto. */
  secret(text: string): string {
    return this.style.crypto === false ? OMITTED : this.words(text);
  }

  /** Octets not read yet. */
  get left(): number {
    return this.data.length - this.pos;
  }

  /** Throws unless `count` more octets are there. */
  need(count: number, what: string): void {
    if (this.left < count) throw new WireError(`${this.typeLabel} ${what} runs past end of record data`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.data[this.pos++];
  }

  u16(what: string): number {
    this.need(2, what);
    const value = (this.data[this.pos] << 8) | this.data[this.pos + 1];
    this.pos += 2;
    return value;
  }

  u32(what: string): number {
    this.need(4, what);
    const d = this.data;
    const value = ((d[this.pos] << 24) >>> 0) + ((d[this.pos + 1] << 16) | (d[this.pos + 2] << 8) | d[this.pos + 3]);
    this.pos += 4;
    return value;
  }

  bytes(count: number, what: string): Uint8Array {
    this.need(count, what);
    const out = this.data.subarray(this.pos, this.pos + count);
    this.pos += count;
    return out;
  }

  /** All remaining octets. */
  rest(): Uint8Array {
    return this.bytes(this.left, 'data');
  }

  /** An uncompressed name. */
  name(what: string): string {
    try {
      const name = readName(this.data, this.pos, this.data.length, false, false);
      this.pos = name.next;
      return name.text;
    } catch (error) {
      if (error instanceof WireError) throw new WireError(`${this.typeLabel} ${what}: ${error.reason}`);
      throw error;
    }
  }

  /** A length-prefixed character-string, raw bytes. */
  string(what: string): Uint8Array {
    const length = this.u8(what);
    return this.bytes(length, what);
  }

  /** Throws when octets are left over: the record is longer than its type allows. */
  done(): void {
    if (this.left > 0) throw new WireError(`${this.typeLabel} data has ${this.left} unexpected trailing bytes`);
  }
}
