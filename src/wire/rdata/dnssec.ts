/**
 * DNSSEC RDATA (RFC 4034, RFC 5155, RFC 7344, RFC 7477): DS and its kin (CDS, TA, DLV), DNSKEY and its kin
 * (CDNSKEY, KEY), RRSIG and SIG, NSEC, NSEC3, NSEC3PARAM, CSYNC; and the key tag of a key.
 */

import { WireError } from '../reader.js';
import type { RdataCursor } from './cursor.js';

/** Types with DS's layout. */
export type DsType = 'DS' | 'CDS' | 'TA' | 'DLV';
/** Types with DNSKEY's layout. */
export type KeyType = 'DNSKEY' | 'CDNSKEY' | 'KEY';
/** Types with RRSIG's layout. */
export type SignatureType = 'RRSIG' | 'SIG';

/** A delegation signer: which key of the child, and its digest. */
export interface DsRdata<T extends DsType = DsType> {
  type: T;
  keyTag: number;
  algorithm: number;
  digestType: number;
  digest: Uint8Array;
}

/** A public key with its flags (zone key, SEP, revoked), protocol and algorithm. */
export interface KeyRdata<T extends KeyType = KeyType> {
  type: T;
  flags: number;
  protocol: number;
  algorithm: number;
  publicKey: Uint8Array;
}

/** A signature over an RRset; times are unsigned seconds since the epoch (serial arithmetic applies). */
export interface SignatureRdata<T extends SignatureType = SignatureType> {
  type: T;
  typeCovered: number;
  algorithm: number;
  labels: number;
  originalTtl: number;
  expiration: number;
  inception: number;
  keyTag: number;
  /** Absolute presentation name. */
  signer: string;
  signature: Uint8Array;
}

/** The next owner name and the types present at this one. */
export interface NsecRdata {
  type: 'NSEC';
  next: string;
  /** Type numbers from the bitmap, ascending. */
  types: number[];
}

/** An NSEC3 record's data: hash parameters, the next hashed owner (raw hash octets) and the types present. */
export interface Nsec3Rdata {
  type: 'NSEC3';
  hashAlgorithm: number;
  flags: number;
  iterations: number;
  salt: Uint8Array;
  nextHashed: Uint8Array;
  types: number[];
}

/** The NSEC3 hash parameters of a zone. */
export interface Nsec3paramRdata {
  type: 'NSEC3PARAM';
  hashAlgorithm: number;
  flags: number;
  iterations: number;
  salt: Uint8Array;
}

/** CSYNC (RFC 7477): which child records the parent should copy. */
export interface CsyncRdata {
  type: 'CSYNC';
  serial: number;
  flags: number;
  types: number[];
}

/** Digest sizes BIND enforces for DS digest types it knows. */
const DS_DIGEST_OCTETS: Readonly<Record<number, number>> = { 1: 20, 2: 32, 3: 32, 4: 48 };

/** Decoder of DS, CDS, TA or DLV. */
export function decodeDs<T extends DsType>(type: T): (c: RdataCursor) => DsRdata<T> {
  return (c) => {
    const keyTag = c.u16('key tag');
    const algorithm = c.u8('algorithm');
    const digestType = c.u8('digest type');
    const digest = c.rest();
    const expected = DS_DIGEST_OCTETS[digestType];
    if (expected !== undefined && digest.length !== expected) {
      throw new WireError(`${c.typeLabel} digest type ${digestType} must be ${expected} bytes, got ${digest.length}`);
    }
    return { type, keyTag, algorithm, digestType, digest };
  };
}

/** Decoder of DNSKEY, CDNSKEY or KEY. */
export function decodeKey<T extends KeyType>(type: T): (c: RdataCursor) => KeyRdata<T> {
  return (c) => {
    const flags = c.u16('flags');
    const protocol = c.u8('protocol');
    const algorithm = c.u8('algorithm');
    return { type, flags, protocol, algorithm, publicKey: c.rest() };
  };
}

/** Decoder of RRSIG or SIG. */
export function decodeSignature<T extends SignatureType>(type: T): (c: RdataCursor) => SignatureRdata<T> {
  return (c) => {
    const typeCovered = c.u16('type covered');
    const algorithm = c.u8('algorithm');
    const labels = c.u8('labels');
    const originalTtl = c.u32('original TTL');
    const expiration = c.u32('expiration');
    const inception = c.u32('inception');
    const keyTag = c.u16('key tag');
    const signer = c.name('signer');
    return {
      type,
      typeCovered,
      algorithm,
      labels,
      originalTtl,
      expiration,
      inception,
      keyTag,
      signer,
      signature: c.rest(),
    };
  };
}

/** Type bitmap (RFC 4034 4.1.2) to type numbers; windows must increase and blocks be 1-32 octets. */
export function typeBitmap(c: RdataCursor): number[] {
  const types: number[] = [];
  let lastWindow = -1;
  while (c.left > 0) {
    const window = c.u8('bitmap window');
    const length = c.u8('bitmap length');
    if (window <= lastWindow) throw new WireError(`${c.typeLabel} type bitmap windows out of order`);
    if (length < 1 || length > 32) throw new WireError(`${c.typeLabel} type bitmap block length ${length} is not 1-32`);
    const block = c.bytes(length, 'type bitmap');
    if (block[length - 1] === 0) throw new WireError(`${c.typeLabel} type bitmap block ends with a zero octet`);
    lastWindow = window;
    block.forEach((byte, i) => {
      for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) types.push(window * 256 + i * 8 + bit);
    });
  }
  return types;
}

export function decodeNsec(c: RdataCursor): NsecRdata {
  const next = c.name('next domain');
  return { type: 'NSEC', next, types: typeBitmap(c) };
}

export function decodeNsec3(c: RdataCursor): Nsec3Rdata {
  const hashAlgorithm = c.u8('hash algorithm');
  const flags = c.u8('flags');
  const iterations = c.u16('iterations');
  const salt = c.string('salt');
  const nextHashed = c.string('next hashed owner');
  if (nextHashed.length === 0) throw new WireError('NSEC3 next hashed owner is empty');
  return { type: 'NSEC3', hashAlgorithm, flags, iterations, salt, nextHashed, types: typeBitmap(c) };
}

export function decodeNsec3param(c: RdataCursor): Nsec3paramRdata {
  const hashAlgorithm = c.u8('hash algorithm');
  const flags = c.u8('flags');
  const iterations = c.u16('iterations');
  return { type: 'NSEC3PARAM', hashAlgorithm, flags, iterations, salt: c.string('salt') };
}

export function decodeCsync(c: RdataCursor): CsyncRdata {
  const serial = c.u32('serial');
  const flags = c.u16('flags');
  return { type: 'CSYNC', serial, flags, types: typeBitmap(c) };
}

/** RFC 4034 appendix B key tag over a whole RDATA (dig 9.18 uses it for every algorithm). */
export function keyTag(rdata: Uint8Array): number {
  return foldKeyTag(sumKeyTag(rdata));
}

/** The key tag of a decoded key: the same sum over flags, protocol, algorithm and the key, without building the RDATA. */
export function keyTagOf(key: Pick<KeyRdata, 'flags' | 'protocol' | 'algorithm' | 'publicKey'>): number {
  return foldKeyTag(key.flags + (key.protocol << 8) + key.algorithm + sumKeyTag(key.publicKey));
}

/** The RFC 4034 sum: even-offset octets as high bytes, odd as low (a key starts at offset 4, even). */
function sumKeyTag(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) sum += i % 2 === 0 ? bytes[i] << 8 : bytes[i];
  return sum;
}

function foldKeyTag(sum: number): number {
  return (sum + ((sum >>> 16) & 0xffff)) & 0xffff;
}
