/**
 * Records as +compare compares them: owner, type and class, and the RDATA's canonical octets
 * (RFC 4034 6.2: embedded names lower-cased), TTLs aside, so two servers agree whatever the case,
 * order or compression they use.
 */
import { canonicalNameWire, canonicalRdata } from '../dnssec/canonical.js';
import type { SoaRdata } from '../wire/rdata/soa.js';
import type { Message, ResourceRecord } from '../wire/types.js';

/** Octets as lower-case hex, for keys. */
function hex(octets: Uint8Array): string {
  return Buffer.from(octets).toString('hex');
}

/** An SOA's identity but for its serial: both names canonical, then the four timers. */
function soaWithoutSerial(soa: SoaRdata): string {
  const names = [soa.mname, soa.rname].map((name) => hex(canonicalNameWire(name)));
  return [...names, soa.refresh, soa.retry, soa.expire, soa.minimum].join(' ');
}

/**
 * One record's identity: owner (lower-cased), type, class and canonical RDATA in hex. With
 * `withoutSerial`, an SOA's serial is left out, to tell serial skew from other differences.
 */
export function recordKey(rr: ResourceRecord, withoutSerial = false): string {
  const data =
    withoutSerial && rr.rdata.type === 'SOA' ? soaWithoutSerial(rr.rdata) : hex(canonicalRdata(rr.type, rr.rdataWire));
  return `${rr.name.toLowerCase()} ${rr.type} ${rr.class} ${data}`;
}

/** The identity of an answer: its RCODE and its records as a set (order and duplicates aside). */
export function answerKey(rcode: number, records: readonly ResourceRecord[], withoutSerial = false): string {
  const keys = [...new Set(records.map((rr) => recordKey(rr, withoutSerial)))].sort();
  return `${rcode}\n${keys.join('\n')}`;
}

/** The serial of an SOA record; undefined for any other. */
function serialOf(rr: ResourceRecord): number | undefined {
  return rr.rdata.type === 'SOA' ? rr.rdata.serial : undefined;
}

/** The SOA serial a reply carries: in its answer, else in its authority section (a negative answer, with its TTL). */
export function replySerial(message: Message): { serial?: number; negativeTtl?: number } {
  const answered = message.answer.find((rr) => rr.rdata.type === 'SOA');
  if (answered) return { serial: serialOf(answered) };
  const negative = message.authority.find((rr) => rr.rdata.type === 'SOA');
  if (!negative) return {};
  return { serial: serialOf(negative), negativeTtl: negative.ttl };
}
