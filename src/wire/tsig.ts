/**
 * TSIG (RFC 8945): signing a query and verifying the replies with an HMAC over the message and the
 * TSIG variables, and across a zone transfer with the running MAC (unsigned messages in between are
 * folded into the next signed one; RFC 8945 section 5.3.1). node:crypto's HMAC does the hashing.
 */
import { namesEqual, nameToWire } from './name.js';
import { readName, WireError } from './reader.js';
import { CLASS, TYPE } from './rrtypes.js';

/** node:crypto, loaded on the first signed message: a query without a key never pays for loading it. */
function crypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}

const FUDGE = 300;

/** The HMAC algorithms of RFC 8945 section 6: dig's name, the name on the wire, node's digest. */
export const TSIG_ALGORITHMS = {
  'hmac-md5': { wire: 'hmac-md5.sig-alg.reg.int.', digest: 'md5' },
  'hmac-sha1': { wire: 'hmac-sha1.', digest: 'sha1' },
  'hmac-sha224': { wire: 'hmac-sha224.', digest: 'sha224' },
  'hmac-sha256': { wire: 'hmac-sha256.', digest: 'sha256' },
  'hmac-sha384': { wire: 'hmac-sha384.', digest: 'sha384' },
  'hmac-sha512': { wire: 'hmac-sha512.', digest: 'sha512' },
} as const;

/** An algorithm name dig accepts. */
export type TsigAlgorithm = keyof typeof TSIG_ALGORITHMS;

/** A TSIG key: its name (absolute), algorithm and secret. */
export interface TsigKey {
  name: string;
  algorithm: TsigAlgorithm;
  secret: Uint8Array;
}

/** The TSIG record's RDATA, decoded. */
export interface TsigRecord {
  keyName: string;
  algorithm: string;
  timeSigned: number;
  fudge: number;
  mac: Uint8Array;
  originalId: number;
  error: number;
  other: Uint8Array;
}

/** Where a message's TSIG record starts, and what it says; undefined when the message has none. */
export interface FoundTsig {
  /** Offset of the TSIG record's owner name: the message without it is raw[0, start). */
  start: number;
  record: TsigRecord;
}

function u16(raw: Uint8Array, at: number): number {
  return (raw[at] << 8) | raw[at + 1];
}

function u48(value: number): Uint8Array {
  const out = new Uint8Array(6);
  let v = value;
  for (let i = 5; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

function be16(value: number): Uint8Array {
  return Uint8Array.of((value >> 8) & 0xff, value & 0xff);
}

/** Lower-case wire form of a name (RFC 8945 4.3.3: canonical form). */
function canonicalWire(name: string): Uint8Array {
  const wire = nameToWire(name);
  let at = 0;
  while (wire[at] !== 0) {
    const length = wire[at];
    for (let i = at + 1; i <= at + length; i++) if (wire[i] >= 0x41 && wire[i] <= 0x5a) wire[i] += 0x20;
    at += length + 1;
  }
  return wire;
}

/** The TSIG variables of RFC 8945 section 4.3.3 (all of them, or the timers only). */
function variables(
  key: TsigKey,
  timeSigned: number,
  error: number,
  other: Uint8Array,
  timersOnly: boolean,
): Uint8Array[] {
  const timers = [u48(timeSigned), be16(FUDGE)];
  if (timersOnly) return timers;
  return [
    canonicalWire(key.name),
    be16(CLASS.ANY),
    new Uint8Array(4),
    canonicalWire(TSIG_ALGORITHMS[key.algorithm].wire),
    ...timers,
    be16(error),
    be16(other.length),
    other,
  ];
}

function hmac(key: TsigKey, parts: Uint8Array[]): Buffer {
  const mac = crypto().createHmac(TSIG_ALGORITHMS[key.algorithm].digest, key.secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** A message with its ID replaced by `id` and ARCOUNT lowered by one (the TSIG taken out), for the MAC. */
function withoutTsigHeader(message: Uint8Array, id: number): Uint8Array {
  const copy = Uint8Array.from(message);
  copy[0] = id >> 8;
  copy[1] = id & 0xff;
  const arcount = u16(copy, 10) - 1;
  copy[10] = arcount >> 8;
  copy[11] = arcount & 0xff;
  return copy;
}

/** The signed query: `query` with a TSIG record appended (ARCOUNT + 1), and the MAC, which the reply's MAC covers. */
export function signQuery(query: Uint8Array, key: TsigKey, now: number): { signed: Uint8Array; mac: Uint8Array } {
  const timeSigned = Math.floor(now / 1000);
  const none = new Uint8Array(0);
  const mac = hmac(key, [query, ...variables(key, timeSigned, 0, none, false)]);
  const owner = nameToWire(key.name);
  const algorithm = nameToWire(TSIG_ALGORITHMS[key.algorithm].wire);
  const rdata = [
    algorithm,
    u48(timeSigned),
    be16(FUDGE),
    be16(mac.length),
    mac,
    Uint8Array.of(query[0], query[1]),
    be16(0),
    be16(0),
  ];
  const rdlength = rdata.reduce((n, part) => n + part.length, 0);
  const parts = [query, owner, be16(TYPE.TSIG), be16(CLASS.ANY), new Uint8Array(4), be16(rdlength), ...rdata];
  const signed = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    signed.set(part, at);
    at += part.length;
  }
  const arcount = u16(signed, 10) + 1;
  signed[10] = arcount >> 8;
  signed[11] = arcount & 0xff;
  return { signed, mac };
}

/** Finds the TSIG record, which must be the last record of the additional section. Never throws. */
export function findTsig(raw: Uint8Array): FoundTsig | undefined {
  try {
    if (raw.length < 12) return undefined;
    let at = 12;
    for (let i = u16(raw, 4); i > 0; i--) at = readName(raw, at, raw.length, false).next + 4;
    const records = u16(raw, 6) + u16(raw, 8) + u16(raw, 10);
    let start = -1;
    let type = 0;
    let rdataAt = 0;
    let rdlength = 0;
    for (let i = 0; i < records; i++) {
      start = at;
      at = readName(raw, at, raw.length, false).next;
      if (at + 10 > raw.length) return undefined;
      type = u16(raw, at);
      rdlength = u16(raw, at + 8);
      rdataAt = at + 10;
      at = rdataAt + rdlength;
      if (at > raw.length) return undefined;
    }
    if (records === 0 || u16(raw, 10) === 0 || type !== TYPE.TSIG) return undefined;
    const keyName = readName(raw, start, raw.length, false).text;
    const algorithm = readName(raw, rdataAt, rdataAt + rdlength, false, false);
    let p = algorithm.next;
    const end = rdataAt + rdlength;
    if (p + 10 > end) return undefined;
    const timeSigned =
      u16(raw, p) * 2 ** 32 + ((raw[p + 2] << 24) >>> 0) + (raw[p + 3] << 16) + (raw[p + 4] << 8) + raw[p + 5];
    const fudge = u16(raw, p + 6);
    const macSize = u16(raw, p + 8);
    p += 10;
    if (p + macSize + 6 > end) return undefined;
    const mac = raw.slice(p, p + macSize);
    p += macSize;
    const originalId = u16(raw, p);
    const error = u16(raw, p + 2);
    const otherLength = u16(raw, p + 4);
    p += 6;
    if (p + otherLength !== end) return undefined;
    const other = raw.slice(p, p + otherLength);
    return { start, record: { keyName, algorithm: algorithm.text, timeSigned, fudge, mac, originalId, error, other } };
  } catch (error) {
    if (error instanceof WireError) return undefined;
    throw error;
  }
}

/** dig's words (BIND's result texts) for why a reply did not verify. */
export const TSIG_FAILURE = {
  expected: 'expected a TSIG or SIG(0)',
  errorSet: 'tsig indicates error',
  verify: 'tsig verify failure',
  clock: 'clocks are unsynchronized',
} as const;

/** Whether a MAC of `received` bytes may stand for one of `full` bytes (RFC 8945 5.2.2.1: at least 10 bytes and half). */
function acceptableLength(received: number, full: number): boolean {
  return received === full || (received < full && received >= 10 && received >= full / 2);
}

/**
 * Verifies the replies to one signed query, in order: the first must be signed; later ones (a
 * transfer) may go unsigned for up to 99 messages, each signed one covering those before it.
 */
export class TsigVerifier {
  private previousMac: Uint8Array;
  private unsigned: Uint8Array[] = [];
  private count = 0;

  constructor(
    private readonly key: TsigKey,
    requestMac: Uint8Array,
  ) {
    this.previousMac = requestMac;
  }

  /** Messages accepted unsigned since the last signed one (the last message of a transfer must be signed). */
  get pendingUnsigned(): number {
    return this.unsigned.length;
  }

  /** One reply: 'signed' when its MAC verified, 'unsigned' when it may go unsigned, else dig's reason. */
  verify(
    raw: Uint8Array,
    now: number,
  ): { ok: true; signed: boolean; record?: TsigRecord } | { ok: false; reason: string; record?: TsigRecord } {
    const first = this.count++ === 0;
    const found = findTsig(raw);
    if (!found) {
      if (first || this.unsigned.length >= 99) return { ok: false, reason: TSIG_FAILURE.expected };
      this.unsigned.push(raw);
      return { ok: true, signed: false };
    }
    const { record } = found;
    if (
      !namesEqual(record.keyName, this.key.name) ||
      !namesEqual(record.algorithm, TSIG_ALGORITHMS[this.key.algorithm].wire)
    ) {
      return { ok: false, reason: TSIG_FAILURE.verify, record };
    }
    if (record.error !== 0) return { ok: false, reason: TSIG_FAILURE.errorSet, record };
    const message = withoutTsigHeader(raw.subarray(0, found.start), record.originalId);
    const parts = [
      be16(this.previousMac.length),
      this.previousMac,
      ...this.unsigned,
      message,
      ...variables(this.key, record.timeSigned, record.error, record.other, !first),
    ];
    const expected = hmac(this.key, parts);
    if (
      !acceptableLength(record.mac.length, expected.length) ||
      !crypto().timingSafeEqual(expected.subarray(0, record.mac.length), record.mac)
    ) {
      return { ok: false, reason: TSIG_FAILURE.verify, record };
    }
    if (Math.abs(Math.floor(now / 1000) - record.timeSigned) > record.fudge)
      return { ok: false, reason: TSIG_FAILURE.clock, record };
    this.previousMac = record.mac;
    this.unsigned = [];
    return { ok: true, signed: true, record };
  }
}
