/**
 * An attacker's toolbox over the signed fixture hierarchy: real signed records taken from the zones
 * (proofs, SOAs, RRsets with their RRSIGs) and the single changes an attacker on the path can make
 * to a reply (replay, forge, strip, swap, truncate). Pure functions of messages, for the adversarial
 * suite and the property; the network they run on is signedNetwork (validator level) or the proxy
 * server (end to end).
 */
import { readRrsig } from '../../src/dnssec/rrsig.js';
import { namesEqual } from '../../src/wire/name.js';
import { nameToWire } from '../../src/wire/name.js';
import { decodeRdata } from '../../src/wire/rdata/rdata.js';
import { WireError } from '../../src/wire/reader.js';
import type { Message, ResourceRecord } from '../../src/wire/types.js';
import { reply } from '../resolve/fakeMessages.js';
import { dnameZone, fixtureZones, type SignedZone } from './signedNetwork.js';
import { parseRecord } from './signedZone.js';

export const RRSIG = 46;
export const NSEC = 47;
export const NSEC3 = 50;
export const SOA = 6;

/** Every fixture zone, the DNAME zone included. */
export function allZones(): SignedZone[] {
  return [...fixtureZones(), dnameZone()];
}

function zone(origin: string): SignedZone {
  const found = allZones().find((z) => z.origin === origin);
  if (!found) throw new Error(`no fixture zone ${origin}`);
  return found;
}

/** The type an RRSIG covers (-1 for anything else). */
export function covered(rr: ResourceRecord): number {
  return rr.type === RRSIG ? readRrsig(rr)!.typeCovered : -1;
}

/** The RRset at `name` of `type` in the zone, with its RRSIGs. */
export function signedSet(origin: string, name: string, type: number): ResourceRecord[] {
  return zone(origin).records.filter((r) => namesEqual(r.name, name) && (r.type === type || covered(r) === type));
}

/** Every NSEC or NSEC3 record of the zone, with their RRSIGs: the material of a replayed proof. */
export function proofsOf(origin: string): ResourceRecord[] {
  return zone(origin).records.filter(
    (r) => r.type === NSEC || r.type === NSEC3 || covered(r) === NSEC || covered(r) === NSEC3,
  );
}

/** The zone's SOA with its RRSIG. */
export function soaOf(origin: string): ResourceRecord[] {
  return signedSet(origin, origin, SOA);
}

/** A record from zone-file text (`owner ttl IN TYPE data`). */
export function record(text: string): ResourceRecord {
  return parseRecord(text);
}

/** An RRSIG over `owner`/`type` whose signature is junk, naming `signer`; `labels` defaults to the owner's. */
export function junkRrsig(owner: string, type: string, signer: string, labels?: number): ResourceRecord {
  const count = labels ?? owner.split('.').filter((l) => l !== '').length;
  const junk = Buffer.alloc(64, 0x5a).toString('base64');
  return record(
    `${owner} 3600 IN RRSIG ${type} 13 ${count} 3600 20900101000000 20260101000000 12345 ${signer} ${junk}`,
  );
}

/** A forged negative reply: `rcode` with these authority records. */
export function negativeWith(rcode: number, authority: ResourceRecord[]): Message {
  return reply({ rcode, ra: true, authority });
}

/** The reply without the records `drop` selects, in every section. */
export function without(message: Message, drop: (rr: ResourceRecord) => boolean): Message {
  return {
    ...message,
    answer: message.answer.filter((r) => !drop(r)),
    authority: message.authority.filter((r) => !drop(r)),
  };
}

/**
 * The record with new RDATA octets, decoded again as the wire layer would (so its typed data agrees
 * with its octets); undefined when the decoder would refuse them (the reply would not parse).
 */
export function withRdata(rr: ResourceRecord, rdataWire: Uint8Array): ResourceRecord | undefined {
  try {
    return { ...rr, rdata: decodeRdata(rr.type, rr.class, rdataWire), rdataWire };
  } catch (error) {
    if (error instanceof WireError) return undefined;
    throw error;
  }
}

function must(rr: ResourceRecord | undefined): ResourceRecord {
  if (!rr) throw new Error('the altered record does not decode');
  return rr;
}

/** The RRSIG with its signer name rewritten (the signature left as it was). */
export function withSigner(rr: ResourceRecord, signer: string): ResourceRecord {
  const sig = readRrsig(rr)!;
  const head = rr.rdataWire.subarray(0, 18);
  return must(withRdata(rr, Uint8Array.from([...head, ...nameToWire(signer), ...sig.signature])));
}

/** The RRSIG with its labels field rewritten. */
export function withLabels(rr: ResourceRecord, labels: number): ResourceRecord {
  const rdata = Uint8Array.from(rr.rdataWire);
  rdata[3] = labels;
  return must(withRdata(rr, rdata));
}

/** Every record of `type` with one RDATA octet changed at `at` (counted from the end when negative). */
export function flipped(records: readonly ResourceRecord[], type: number, at: number): ResourceRecord[] {
  return records.map((r) => {
    if (r.type !== type) return r;
    const rdata = Uint8Array.from(r.rdataWire);
    const i = at < 0 ? rdata.length + at : at;
    rdata[i] ^= 0x01;
    return must(withRdata(r, rdata));
  });
}

/** The reply with its records renamed to `name` (a wildcard expansion moved, or data served under another name). */
export function renamed(records: readonly ResourceRecord[], name: string): ResourceRecord[] {
  return records.map((r) => ({ ...r, name }));
}
