/**
 * The fields the validator reads from decoded records (NSEC, NSEC3, CNAME, DNAME targets), in one
 * place, so the proofs and the walk never depend on how the wire layer stores RDATA.
 */
import { nameFromLabels, nameToLabels } from '../wire/name.js';
import type { ResourceRecord } from '../wire/types.js';

/** An NSEC record's next owner name and the types at its owner (RFC 4034 4.1). */
export interface NsecFields {
  owner: string;
  next: string;
  types: ReadonlySet<string>;
}

/** An NSEC3 record (RFC 5155 3.1): its owner split into hash and zone, and its RDATA. */
export interface Nsec3Fields {
  /** The owner's first label, upper case (base32hex of the hashed name). */
  hash: string;
  /** The owner without its first label: the zone the record claims to belong to. */
  zone: string;
  hashAlgorithm: number;
  flags: number;
  iterations: number;
  /** Hex, or '-' for none. */
  salt: string;
  /** Base32hex, upper case. */
  next: string;
  types: ReadonlySet<string>;
}

function typeSet(value: unknown): ReadonlySet<string> {
  return new Set(Array.isArray(value) ? value.map(String) : []);
}

/** The fields of an NSEC record. */
export function nsecFields(rr: ResourceRecord): NsecFields {
  return { owner: rr.name, next: String(rr.fields?.next ?? '.'), types: typeSet(rr.fields?.types) };
}

/** The fields of an NSEC3 record; a record whose numbers did not decode gets NaN and is ignored by the proofs. */
export function nsec3Fields(rr: ResourceRecord): Nsec3Fields {
  const labels = nameToLabels(rr.name);
  const f = rr.fields ?? {};
  return {
    hash: Buffer.from(labels[0] ?? [])
      .toString('latin1')
      .toUpperCase(),
    zone: nameFromLabels(labels.slice(1)),
    hashAlgorithm: Number(f.hashAlgorithm),
    flags: Number(f.flags),
    iterations: Number(f.iterations),
    salt: String(f.salt ?? '-'),
    next: String(f.next ?? '').toUpperCase(),
    types: typeSet(f.types),
  };
}

/** The target name of a CNAME, DNAME or NS record. */
export function targetOf(rr: ResourceRecord): string {
  return String(rr.fields?.target ?? rr.data);
}
