/**
 * Records as +compare compares them: owner, type and class, and the RDATA's canonical octets
 * (RFC 4034 6.2: embedded names lower-cased), TTLs aside, so two servers agree whatever the case,
 * order or compression they use.
 */
import { canonicalRdata } from '../dnssec/canonical.js';
import { TYPE } from '../wire/rrtypes.js';
import type { Message, ResourceRecord } from '../wire/types.js';

/** The RDATA octets of a record, names expanded. */
function rdataOctets(rr: ResourceRecord): Uint8Array {
  return rr.rdata;
}

/** The offset of the serial in an SOA RDATA: the first of the five 32-bit numbers that end it (RFC 1035 3.3.13). */
const SOA_SERIAL_FROM_END = 20;

/**
 * One record's identity: owner (lower-cased), type, class and canonical RDATA in hex. With
 * `withoutSerial`, an SOA's serial is left out, to tell serial skew from other differences.
 */
export function recordKey(rr: ResourceRecord, withoutSerial = false): string {
  const canonical = Buffer.from(canonicalRdata(rr.type, rdataOctets(rr))).toString('hex');
  const at = canonical.length - SOA_SERIAL_FROM_END * 2;
  const data =
    withoutSerial && rr.type === TYPE.SOA && at >= 0
      ? `${canonical.slice(0, at)}--------${canonical.slice(at + 8)}`
      : canonical;
  return `${rr.name.toLowerCase()} ${rr.type} ${rr.class} ${data}`;
}

/** The identity of an answer: its RCODE and its records as a set (order and duplicates aside). */
export function answerKey(rcode: number, records: readonly ResourceRecord[], withoutSerial = false): string {
  const keys = [...new Set(records.map((rr) => recordKey(rr, withoutSerial)))].sort();
  return `${rcode}\n${keys.join('\n')}`;
}

/** The serial of an SOA record, or undefined for RDATA too short to hold one. */
export function soaSerial(rr: ResourceRecord): number | undefined {
  const data = rdataOctets(rr);
  if (rr.type !== TYPE.SOA || data.length < SOA_SERIAL_FROM_END + 2) return undefined;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).readUInt32BE(data.length - SOA_SERIAL_FROM_END);
}

/** The SOA serial a reply carries: in its answer, else in its authority section (a negative answer, with its TTL). */
export function replySerial(message: Message): { serial?: number; negativeTtl?: number } {
  const answered = message.answer.find((rr) => rr.type === TYPE.SOA);
  if (answered) return { serial: soaSerial(answered) };
  const negative = message.authority.find((rr) => rr.type === TYPE.SOA);
  if (!negative) return {};
  return { serial: soaSerial(negative), negativeTtl: negative.ttl };
}

/** The address an A or AAAA record holds, as text; undefined for any other record or malformed RDATA. */
export function addressOf(rr: ResourceRecord): string | undefined {
  const data = rdataOctets(rr);
  if (rr.type === TYPE.A && data.length === 4) return data.join('.');
  if (rr.type === TYPE.AAAA && data.length === 16) {
    const groups: string[] = [];
    for (let at = 0; at < 16; at += 2) groups.push(((data[at] << 8) | data[at + 1]).toString(16));
    return compressIpv6(groups);
  }
  return undefined;
}

/** RFC 5952 text of eight hex groups: the longest run of two or more zero groups becomes `::`. */
function compressIpv6(groups: string[]): string {
  let best = { at: -1, length: 0 };
  for (let at = 0; at < 8; ) {
    if (groups[at] !== '0') {
      at++;
      continue;
    }
    let end = at;
    while (end < 8 && groups[end] === '0') end++;
    if (end - at > best.length) best = { at, length: end - at };
    at = end;
  }
  if (best.length < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}

/** The name server an NS record names. */
export function nsTarget(rr: ResourceRecord): string | undefined {
  return rr.type === TYPE.NS ? rr.data : undefined;
}
