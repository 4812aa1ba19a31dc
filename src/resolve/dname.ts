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

/** The name `name` becomes under `dname` (owner suffix replaced by the target), or undefined: not below it, or too long (YXDOMAIN). */
export function substitutedName(dname: ResourceRecord, name: string): string | undefined {
  const owner = nameToLabels(dname.name);
  const labels = nameToLabels(name);
  if (labels.length <= owner.length || namesEqual(name, dname.name)) return undefined;
  const prefix = labels.slice(0, labels.length - owner.length);
  if (!namesEqual(nameFromLabels(labels.slice(prefix.length)), dname.name)) return undefined;
  const substituted = [...prefix, ...nameToLabels(dnameTarget(dname))];
  const octets = substituted.reduce((sum, label) => sum + label.length + 1, 1);
  return octets > MAX_NAME_OCTETS ? undefined : nameFromLabels(substituted);
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
