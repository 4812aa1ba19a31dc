/**
 * DNAME substitution (RFC 6672 section 2.2): the CNAME a server synthesizes for a name below a
 * DNAME's owner. Servers older than RFC 6672 may send the DNAME alone; a resolver synthesizes the
 * CNAME itself (section 3.4) rather than read the reply as "no such data".
 */
import { RRType } from '../wire/rrtypes.js';
import { MAX_NAME_OCTETS, nameFromLabels, nameToLabels, namesEqual, nameToWire } from '../wire/name.js';
import { decodeRdata } from '../wire/rdata/rdata.js';
import type { ResourceRecord } from '../wire/types.js';

/** The name a DNAME's target stands for (its RDATA), absolute presentation format; '' for one without data. */
function dnameTarget(dname: ResourceRecord): string {
  return dname.rdata.type === 'DNAME' ? dname.rdata.target : '';
}

/** Where a DNAME substitution leads: the substitute's labels and its length in wire octets (over 255 is YXDOMAIN). */
export interface Substitution {
  labels: Uint8Array[];
  octets: number;
}

/** The substitution of `name` under `dname` (owner suffix replaced by the target), or undefined when `name` is not below the owner. */
export function substitution(dname: ResourceRecord, name: string): Substitution | undefined {
  const owner = nameToLabels(dname.name);
  const labels = nameToLabels(name);
  if (labels.length <= owner.length || namesEqual(name, dname.name)) return undefined;
  const prefix = labels.slice(0, labels.length - owner.length);
  if (!namesEqual(nameFromLabels(labels.slice(prefix.length)), dname.name)) return undefined;
  const substituted = [...prefix, ...nameToLabels(dnameTarget(dname))];
  return { labels: substituted, octets: substituted.reduce((sum, label) => sum + label.length + 1, 1) };
}

/** The name `name` becomes under `dname`, or undefined: not below it, or too long (YXDOMAIN). */
export function substitutedName(dname: ResourceRecord, name: string): string | undefined {
  const made = substitution(dname, name);
  return made === undefined || made.octets > MAX_NAME_OCTETS ? undefined : nameFromLabels(made.labels);
}

/** A DNAME of `records` whose substitution of `name` would be longer than 255 octets (RFC 6672 section 2.2), with that length. */
export function overflowingDname(
  records: readonly ResourceRecord[],
  name: string,
): { dname: ResourceRecord; octets: number } | undefined {
  for (const dname of records) {
    if (dname.type !== RRType.DNAME) continue;
    const made = substitution(dname, name);
    if (made && made.octets > MAX_NAME_OCTETS) return { dname, octets: made.octets };
  }
  return undefined;
}

/** The CNAME from `name` to its substitute under `dname`, with the DNAME's class and TTL (section 3.1), or undefined. */
export function synthesizedCname(dname: ResourceRecord, name: string): ResourceRecord | undefined {
  const target = substitutedName(dname, name);
  if (target === undefined) return undefined;
  const rdataWire = nameToWire(target);
  return {
    name,
    type: RRType.CNAME,
    class: dname.class,
    ttl: dname.ttl,
    rdata: decodeRdata(RRType.CNAME, dname.class, rdataWire),
    rdataWire,
  };
}
