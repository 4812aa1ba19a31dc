/**
 * The RRSIG, DNSKEY and DS values validation reads, taken from the records' typed data (times as
 * seconds). A record of the type without its data (an update's delete: class ANY or NONE, no RDATA)
 * gives undefined, never an exception: hostile data is judged, not thrown out of a judgement.
 */
import { keyTag, type DsRdata, type KeyRdata, type SignatureRdata } from '../wire/rdata/dnssec.js';
import type { ResourceRecord } from '../wire/types.js';

/** An RRSIG's RDATA (RFC 4034 3.1), times as unsigned seconds. */
export type RrsigData = Omit<SignatureRdata, 'type'>;

/** A DNSKEY's RDATA (RFC 4034 2.1). */
export type DnskeyData = Omit<KeyRdata, 'type'>;

/** A DS RDATA (RFC 4034 5.1); trust anchors give the same four values. */
export type DsData = Omit<DsRdata, 'type'>;

/** The RRSIG's fields, or undefined for a record without RRSIG data. */
export function readRrsig(rr: ResourceRecord): RrsigData | undefined {
  return rr.rdata.type === 'RRSIG' ? rr.rdata : undefined;
}

/** The DNSKEY's fields and key tag (RFC 4034 appendix B), or undefined for a record without DNSKEY data. */
export function readDnskey(rr: ResourceRecord): (DnskeyData & { tag: number }) | undefined {
  return rr.rdata.type === 'DNSKEY' ? { ...rr.rdata, tag: keyTag(rr.rdataWire) } : undefined;
}

/** The DS record's fields, or undefined for a record without DS data. */
export function readDs(rr: ResourceRecord): DsData | undefined {
  return rr.rdata.type === 'DS' ? rr.rdata : undefined;
}
