/**
 * The record fields +check reads (SOA timers, NS and CNAME targets, MX exchanges, addresses,
 * NSEC3PARAM), in one place: the checks take them from the records' typed data, never from text.
 */
import { namesEqual } from '../wire/name.js';
import type { Nsec3paramRdata } from '../wire/rdata/dnssec.js';
import { rdataAddress } from '../wire/rdata/rdata.js';
import type { SoaRdata } from '../wire/rdata/soa.js';
import { TYPE } from '../wire/rrtypes.js';
import type { Message, ResourceRecord } from '../wire/types.js';

/** An SOA record's fields. */
export type Soa = Omit<SoaRdata, 'type'>;

/** NSEC3PARAM's fields (RFC 5155 4.2). */
export type Nsec3Param = Omit<Nsec3paramRdata, 'type'>;

/** The fields of an SOA record; undefined for any other record. */
export function soaOf(rr: ResourceRecord): Soa | undefined {
  return rr.rdata.type === 'SOA' ? rr.rdata : undefined;
}

/** The target of an NS, CNAME or DNAME record, or the exchange of an MX record; undefined for any other. */
export function targetOf(rr: ResourceRecord): string | undefined {
  const data = rr.rdata;
  switch (data.type) {
    case 'NS':
    case 'CNAME':
    case 'DNAME':
      return data.target;
    case 'MX':
      return data.exchange;
    default:
      return undefined;
  }
}

/** The targets of the records that have one (see targetOf), in order. */
export function targetsOf(records: readonly ResourceRecord[]): string[] {
  return records.flatMap((rr) => targetOf(rr) ?? []);
}

/** The addresses of the A and AAAA records among `records`, in order. */
export function addressesOf(records: readonly ResourceRecord[]): string[] {
  return records.flatMap((rr) => rdataAddress(rr.rdata) ?? []);
}

/** The fields of an NSEC3PARAM record; undefined for any other record. */
export function nsec3ParamOf(rr: ResourceRecord): Nsec3Param | undefined {
  return rr.rdata.type === 'NSEC3PARAM' ? rr.rdata : undefined;
}

/** The records of one type at one owner in a list. */
export function recordsAt(records: readonly ResourceRecord[], owner: string, type: number): ResourceRecord[] {
  return records.filter((rr) => rr.type === type && namesEqual(rr.name, owner));
}

/** The apex SOA of a reply's answer section. */
export function answerSoa(message: Message, zone: string): Soa | undefined {
  const rr = recordsAt(message.answer, zone, TYPE.SOA)[0];
  return rr && soaOf(rr);
}
