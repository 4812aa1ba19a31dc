/**
 * Canonical form of an RRset and the data an RRSIG signs (RFC 4034 sections 3.1.8.1 and 6,
 * with RFC 6840 5.1): lower-cased owner and embedded names, the original TTL, wildcard owners
 * rebuilt from the RRSIG labels field, records sorted by their canonical RDATA, duplicates dropped.
 */
import { nameToLabels } from '../wire/name.js';
import type { ResourceRecord } from '../wire/types.js';
import type { RrsigData } from './rrsig.js';

/** Where the names lie in an RDATA: 'N' a name, 'S' a character-string, a number: that many fixed octets. */
type Layout = ReadonlyArray<'N' | 'S' | number>;

/**
 * Types whose embedded names are lower-cased in canonical form (RFC 4034 6.2 as amended by
 * RFC 6840 5.1, which takes NSEC out; HINFO carries no names).
 */
const NAME_LAYOUTS: Readonly<Record<number, Layout>> = {
  2: ['N'],
  3: ['N'],
  4: ['N'],
  5: ['N'],
  6: ['N', 'N'],
  7: ['N'],
  8: ['N'],
  9: ['N'],
  12: ['N'],
  14: ['N', 'N'],
  15: [2, 'N'],
  17: ['N', 'N'],
  18: [2, 'N'],
  21: [2, 'N'],
  24: [18, 'N'],
  26: [2, 'N', 'N'],
  30: ['N'],
  33: [6, 'N'],
  35: [4, 'S', 'S', 'S', 'N'],
  36: [2, 'N'],
  39: ['N'],
  46: [18, 'N'],
};

function fold(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

/** A presentation name as lower-cased uncompressed wire octets. */
export function canonicalNameWire(name: string): Uint8Array {
  const labels = nameToLabels(name);
  const out: number[] = [];
  for (const label of labels) {
    out.push(label.length);
    for (const byte of label) out.push(fold(byte));
  }
  out.push(0);
  return Uint8Array.from(out);
}

/** An RDATA with the embedded names of its type lower-cased; other types are returned as they are. */
export function canonicalRdata(type: number, rdata: Uint8Array): Uint8Array {
  const layout = NAME_LAYOUTS[type];
  if (!layout) return rdata;
  const out = Uint8Array.from(rdata);
  let at = 0;
  for (const part of layout) {
    if (at >= out.length) break;
    if (part === 'N') {
      while (at < out.length && out[at] !== 0) {
        const length = out[at];
        for (let i = at + 1; i <= at + length && i < out.length; i++) out[i] = fold(out[i]);
        at += length + 1;
      }
      at += 1;
    } else if (part === 'S') {
      at += out[at] + 1;
    } else {
      at += part;
    }
  }
  return out;
}

/** Orders two octet strings as RFC 4034 6.3 does: byte by byte, a shorter prefix first. */
export function compareOctets(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The owner as signed: lower-cased, and for a wildcard expansion `*.` plus the RRSIG's `labels` rightmost labels. */
export function signedOwner(owner: string, labels: number): Uint8Array {
  const all = nameToLabels(owner);
  if (all.length <= labels) return canonicalNameWire(owner);
  const kept = all.slice(all.length - labels);
  const out: number[] = [1, 0x2a];
  for (const label of kept) {
    out.push(label.length);
    for (const byte of label) out.push(fold(byte));
  }
  out.push(0);
  return Uint8Array.from(out);
}

function u16(value: number): number[] {
  return [(value >>> 8) & 0xff, value & 0xff];
}

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/** The octets an RRSIG's signature covers: its own RDATA without the signature, then the RRset in canonical order. */
export function signedData(rrsig: RrsigData, rrset: readonly ResourceRecord[]): Uint8Array {
  const parts: number[] = [
    ...u16(rrsig.typeCovered),
    rrsig.algorithm,
    rrsig.labels,
    ...u32(rrsig.originalTtl),
    ...u32(rrsig.expiration),
    ...u32(rrsig.inception),
    ...u16(rrsig.keyTag),
    ...canonicalNameWire(rrsig.signer),
  ];
  const rdatas = rrset.map((rr) => canonicalRdata(rr.type, rr.rdataWire)).sort(compareOctets);
  const unique = rdatas.filter((rdata, i) => i === 0 || compareOctets(rdata, rdatas[i - 1]) !== 0);
  if (rrset.length === 0) return Uint8Array.from(parts);
  const owner = signedOwner(rrset[0].name, rrsig.labels);
  const head = [...owner, ...u16(rrset[0].type), ...u16(rrset[0].class), ...u32(rrsig.originalTtl)];
  for (const rdata of unique) parts.push(...head, ...u16(rdata.length), ...rdata);
  return Uint8Array.from(parts);
}
