/** The fields of RRSIG, DNSKEY and DS records read from their raw RDATA, as numbers (validation needs times as seconds). */
import { nameFromLabels } from '../wire/name.js';

/** An RRSIG's RDATA (RFC 4034 3.1), times as unsigned seconds. */
export interface RrsigData {
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

/** A DNSKEY's RDATA (RFC 4034 2.1). */
export interface DnskeyData {
  flags: number;
  protocol: number;
  algorithm: number;
  publicKey: Uint8Array;
}

/** A DS RDATA (RFC 4034 5.1). */
export interface DsData {
  keyTag: number;
  algorithm: number;
  digestType: number;
  digest: Uint8Array;
}

function view(rdata: Uint8Array): DataView {
  return new DataView(rdata.buffer, rdata.byteOffset, rdata.byteLength);
}

/** Reads an uncompressed wire name at `at`; returns the name and where it ends. */
export function readWireName(rdata: Uint8Array, at: number): { name: string; end: number } {
  const labels: Uint8Array[] = [];
  let pos = at;
  while (pos < rdata.length && rdata[pos] !== 0) {
    labels.push(rdata.subarray(pos + 1, pos + 1 + rdata[pos]));
    pos += rdata[pos] + 1;
  }
  if (pos >= rdata.length) throw new RangeError('name runs past the RDATA');
  return { name: nameFromLabels(labels), end: pos + 1 };
}

/** Parses an RRSIG RDATA; throws RangeError when it is too short. */
export function parseRrsig(rdata: Uint8Array): RrsigData {
  if (rdata.length < 19) throw new RangeError('RRSIG RDATA too short');
  const v = view(rdata);
  const { name, end } = readWireName(rdata, 18);
  return {
    typeCovered: v.getUint16(0),
    algorithm: rdata[2],
    labels: rdata[3],
    originalTtl: v.getUint32(4),
    expiration: v.getUint32(8),
    inception: v.getUint32(12),
    keyTag: v.getUint16(16),
    signer: name,
    signature: rdata.subarray(end),
  };
}

/** Parses a DNSKEY RDATA; throws RangeError when it is too short. */
export function parseDnskey(rdata: Uint8Array): DnskeyData {
  if (rdata.length < 4) throw new RangeError('DNSKEY RDATA too short');
  return { flags: view(rdata).getUint16(0), protocol: rdata[2], algorithm: rdata[3], publicKey: rdata.subarray(4) };
}

/** Parses a DS RDATA; throws RangeError when it is too short. */
export function parseDs(rdata: Uint8Array): DsData {
  if (rdata.length < 5) throw new RangeError('DS RDATA too short');
  return { keyTag: view(rdata).getUint16(0), algorithm: rdata[2], digestType: rdata[3], digest: rdata.subarray(4) };
}
