/** Which glue of a referral to trust: addresses only for name servers inside the delegated zone. */
import type { ResourceRecord } from '../wire/types.js';
import { RRType } from '../wire/rrtypes.js';
import { isSubdomain, namesEqual } from '../wire/name.js';
import { rdataAddress } from '../wire/rdata/rdata.js';

/** Glue split into what the trace uses and what it ignores (and says so). */
export interface GlueSplit {
  /** A/AAAA records for NS names under the delegated zone. */
  glue: ResourceRecord[];
  /** A/AAAA records for names outside the delegated zone or not in the NS set. */
  ignored: ResourceRecord[];
}

function isAddress(rr: ResourceRecord): boolean {
  return rr.type === RRType.A || rr.type === RRType.AAAA;
}

/**
 * Keeps the A/AAAA records of `additional` that belong to a name server of `zone` whose name is
 * inside `zone` (in-bailiwick); anything else could be a poisoning attempt, so it is ignored.
 * Non-address records are neither glue nor ignored glue and are left out of both lists.
 */
export function inBailiwickGlue(
  zone: string,
  nsNames: readonly string[],
  additional: readonly ResourceRecord[],
): GlueSplit {
  const glue: ResourceRecord[] = [];
  const ignored: ResourceRecord[] = [];
  for (const rr of additional) {
    if (!isAddress(rr)) continue;
    const isNsName = nsNames.some((ns) => namesEqual(ns, rr.name));
    if (isNsName && isSubdomain(rr.name, zone)) glue.push(rr);
    else ignored.push(rr);
  }
  return { glue, ignored };
}

/** The addresses glue gives for one name server, in the order received. */
export function glueAddresses(nsName: string, glue: readonly ResourceRecord[]): string[] {
  return glue
    .filter((rr) => namesEqual(rr.name, nsName))
    .map((rr) => rdataAddress(rr.rdata))
    .filter((address) => address !== undefined);
}
