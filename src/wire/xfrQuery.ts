/** Zone transfer wire details: the IXFR query's authority SOA (RFC 1995 section 3) and SOA serials. */
import { compareSerials } from './serial.js';
import { readName } from './reader.js';
import { TYPE } from './rrtypes.js';
import type { ResourceRecord } from './types.js';

const HEADER_OCTETS = 12;
/** Owner as a pointer to the question name (offset 12), type, class, TTL 0, RDLENGTH, then `. . serial 0 0 0 0`. */
const SOA_OCTETS = 2 + 10 + 2 + 20;

/**
 * The query with an SOA record for `serial` added to its authority section, as dig sends it:
 * owner compressed to the question name, TTL 0, MNAME and RNAME the root, timers 0. The record goes
 * right after the question, before any OPT record, and NSCOUNT becomes 1.
 */
export function withIxfrSoa(query: Uint8Array, klass: number, serial: number): Uint8Array {
  const questionEnd = readName(query, HEADER_OCTETS, query.length, false).next + 4;
  const out = new Uint8Array(query.length + SOA_OCTETS);
  out.set(query.subarray(0, questionEnd), 0);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint16(8, 1); // NSCOUNT
  let at = questionEnd;
  view.setUint16(at, 0xc000 | HEADER_OCTETS);
  view.setUint16(at + 2, TYPE.SOA);
  view.setUint16(at + 4, klass);
  view.setUint32(at + 6, 0);
  view.setUint16(at + 10, 22);
  // MNAME and RNAME: the root name (one zero octet each), then serial and four zero timers.
  view.setUint32(at + 14, serial >>> 0);
  at += SOA_OCTETS;
  out.set(query.subarray(questionEnd), at);
  return out;
}

/** The serial of an SOA record; 0 for one without data (class ANY or NONE, as an update writes a delete). */
export function soaSerial(record: ResourceRecord): number {
  return record.rdata.type === 'SOA' ? record.rdata.serial : 0;
}

/** RFC 1982 serial arithmetic: whether `a` is at or after `b` (an IXFR's serial against the zone's). */
export function serialAtOrAfter(a: number, b: number): boolean {
  const order = compareSerials(a, b);
  return order === 'equal' || order === 'newer';
}
