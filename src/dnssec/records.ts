/**
 * The fields the validator reads from decoded records (NSEC, NSEC3, CNAME, DNAME targets), in one
 * place, so the proofs and the walk never depend on how the wire layer stores RDATA.
 */
import { base32hex, hexUpper } from '../wire/encoding.js';
import { nameFromLabels, nameToLabels } from '../wire/name.js';
import { typeName } from '../wire/rrtypes.js';
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

function typeSet(types: readonly number[]): ReadonlySet<string> {
  return new Set(types.map(typeName));
}

/** The fields of an NSEC record (one without data, as an update's delete has, names the root and no types). */
export function nsecFields(rr: ResourceRecord): NsecFields {
  const data = rr.rdata;
  if (data.type !== 'NSEC') return { owner: rr.name, next: '.', types: new Set() };
  return { owner: rr.name, next: data.next, types: typeSet(data.types) };
}

/** The fields of an NSEC3 record; a record without NSEC3 data gets NaN numbers and is ignored by the proofs. */
export function nsec3Fields(rr: ResourceRecord): Nsec3Fields {
  const labels = nameToLabels(rr.name);
  const data = rr.rdata;
  const owner = {
    hash: Buffer.from(labels[0] ?? [])
      .toString('latin1')
      .toUpperCase(),
    zone: nameFromLabels(labels.slice(1)),
  };
  if (data.type !== 'NSEC3')
    return { ...owner, hashAlgorithm: NaN, flags: NaN, iterations: NaN, salt: '-', next: '', types: new Set() };
  return {
    ...owner,
    hashAlgorithm: data.hashAlgorithm,
    flags: data.flags,
    iterations: data.iterations,
    salt: data.salt.length === 0 ? '-' : hexUpper(data.salt),
    next: base32hex(data.nextHashed),
    types: typeSet(data.types),
  };
}

/** The target name of a CNAME, DNAME or NS record ('' for one without data). */
export function targetOf(rr: ResourceRecord): string {
  const data = rr.rdata;
  return data.type === 'CNAME' || data.type === 'DNAME' || data.type === 'NS' ? data.target : '';
}
