/** The RRSIG, DNSKEY and DS values validation reads, taken from the records' typed data (times as seconds). */
import type { DsRdata, KeyRdata, SignatureRdata } from '../wire/rdata/dnssec.js';
import type { ResourceRecord } from '../wire/types.js';

/** An RRSIG's RDATA (RFC 4034 3.1), times as unsigned seconds. */
export type RrsigData = Omit<SignatureRdata, 'type'>;

/** A DNSKEY's RDATA (RFC 4034 2.1). */
export type DnskeyData = Omit<KeyRdata, 'type'>;

/** A DS RDATA (RFC 4034 5.1); trust anchors give the same four values. */
export type DsData = Omit<DsRdata, 'type'>;

/** The RRSIG data of a record; a RangeError when it holds none (an RRSIG record without data). */
export function rrsigOf(rr: ResourceRecord): RrsigData {
  if (rr.rdata.type !== 'RRSIG') throw new RangeError('RRSIG RDATA too short');
  return rr.rdata;
}

/** The DNSKEY data of a record; a RangeError when it holds none. */
export function dnskeyOf(rr: ResourceRecord): DnskeyData {
  if (rr.rdata.type !== 'DNSKEY') throw new RangeError('DNSKEY RDATA too short');
  return rr.rdata;
}

/** The DS data of a record; a RangeError when it holds none. */
export function dsOf(rr: ResourceRecord): DsData {
  if (rr.rdata.type !== 'DS') throw new RangeError('DS RDATA too short');
  return rr.rdata;
}
