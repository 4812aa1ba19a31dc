/**
 * Authenticated denial of existence from NSEC (RFC 4035 5.4) and NSEC3 (RFC 5155 8) records that
 * have already been validated: NXDOMAIN, NODATA, a delegation without DS, and NSEC3 opt-out.
 */
import { createHash } from 'node:crypto';
import { base32hex } from '../wire/rdata-dnssec.js';
import { nameFromLabels, nameToLabels } from '../wire/name.js';
import { typeName, TYPE } from '../wire/rrtypes.js';
import type { ResourceRecord } from '../wire/types.js';
import { canonicalNameWire, compareOctets } from './canonical.js';

/** What a denial proves: the name does not exist, the type does not, or (for DS) the delegation is unsigned. */
export type Denial =
  | { proven: true; what: 'nxdomain' | 'nodata' }
  /** A DS query's NODATA at a zone cut, or an NSEC3 opt-out span over it: the child zone is unsigned. */
  | { proven: true; what: 'insecureDelegation'; optOut: boolean }
  | { proven: false; reason: string };

function fold(label: Uint8Array): Uint8Array {
  return label.map((b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b));
}

/** RFC 4034 6.1 canonical order of names: label by label from the right, lower-cased octets. */
export function compareNames(a: string, b: string): number {
  const la = nameToLabels(a).reverse();
  const lb = nameToLabels(b).reverse();
  for (let i = 0; i < Math.min(la.length, lb.length); i++) {
    const order = compareOctets(fold(la[i]), fold(lb[i]));
    if (order !== 0) return order;
  }
  return la.length - lb.length;
}

function sameName(a: string, b: string): boolean {
  return compareNames(a, b) === 0;
}

/** Whether `name` falls strictly between `owner` and `next` (the last NSEC of a zone wraps to the apex). */
function between(owner: string, next: string, name: string, order: (a: string, b: string) => number): boolean {
  if (order(owner, next) < 0) return order(owner, name) < 0 && order(name, next) < 0;
  return order(owner, name) < 0 || order(name, next) < 0;
}

function typesOf(rr: ResourceRecord): string[] {
  return (rr.fields?.types as string[] | undefined) ?? [];
}

/** The longest common ancestor of two names. */
function commonAncestor(a: string, b: string): string {
  const la = nameToLabels(a);
  const lb = nameToLabels(b);
  let n = 0;
  while (
    n < la.length &&
    n < lb.length &&
    compareOctets(fold(la[la.length - 1 - n]), fold(lb[lb.length - 1 - n])) === 0
  )
    n++;
  return nameFromLabels(la.slice(la.length - n));
}

function nodataAt(types: string[], qtype: number): Denial {
  const type = typeName(qtype);
  if (types.includes(type)) return { proven: false, reason: `the NSEC record says ${type} exists` };
  if (types.includes('CNAME')) return { proven: false, reason: 'the NSEC record says a CNAME exists' };
  // A DS query answered from the parent at a cut: NS without SOA is a delegation, and no DS makes it unsigned.
  if (qtype === TYPE.DS && types.includes('NS') && !types.includes('SOA'))
    return { proven: true, what: 'insecureDelegation', optOut: false };
  return { proven: true, what: 'nodata' };
}

/** The NSEC proof for `qname`/`qtype`; `nxdomain` says which the reply claimed. */
export function nsecDenial(qname: string, qtype: number, nxdomain: boolean, nsecs: readonly ResourceRecord[]): Denial {
  const records = nsecs.filter((r) => r.type === TYPE.NSEC);
  if (records.length === 0) return { proven: false, reason: 'no NSEC records' };
  const next = (r: ResourceRecord): string => String(r.fields?.next ?? '.');
  const match = records.find((r) => sameName(r.name, qname));
  if (!nxdomain) {
    if (match) return nodataAt(typesOf(match), qtype);
    // An empty non-terminal: no NSEC at the name, but one whose next name lies below it.
    const ent = records.find(
      (r) =>
        between(r.name, next(r), qname, compareNames) &&
        compareNames(next(r), qname) > 0 &&
        commonAncestor(next(r), qname) === qname.toLowerCase(),
    );
    if (ent) return { proven: true, what: 'nodata' };
    // Wildcard NODATA (RFC 4035 3.1.3.4): the name is covered, and the wildcard that would expand to it lacks the type.
    const cover = records.find((r) => between(r.name, next(r), qname, compareNames));
    if (cover) {
      const closest = [commonAncestor(cover.name, qname), commonAncestor(next(cover), qname)].sort(
        (a, b) => nameToLabels(b).length - nameToLabels(a).length,
      )[0];
      const wildcard = records.find((r) => sameName(r.name, closest === '.' ? '*.' : `*.${closest}`));
      if (wildcard) return nodataAt(typesOf(wildcard), qtype);
    }
    return { proven: false, reason: `no NSEC record at ${qname}` };
  }
  if (match) return { proven: false, reason: `an NSEC record says ${qname} exists` };
  const cover = records.find((r) => between(r.name, next(r), qname, compareNames));
  if (!cover) return { proven: false, reason: `no NSEC record covers ${qname}` };
  const closest = [commonAncestor(cover.name, qname), commonAncestor(next(cover), qname)].sort(
    (a, b) => nameToLabels(b).length - nameToLabels(a).length,
  )[0];
  const wildcard = closest === '.' ? '*.' : `*.${closest}`;
  const noWildcard = records.some((r) => between(r.name, next(r), wildcard, compareNames));
  if (!noWildcard) return { proven: false, reason: `no NSEC record denies the wildcard ${wildcard}` };
  return { proven: true, what: 'nxdomain' };
}

/** The RFC 5155 hash of a name: SHA-1 over the canonical name and salt, then `iterations` more times. */
export function nsec3Hash(name: string, saltHex: string, iterations: number): string {
  const salt = saltHex === '-' ? Buffer.alloc(0) : Buffer.from(saltHex, 'hex');
  let digest = createHash('sha1').update(canonicalNameWire(name)).update(salt).digest();
  for (let i = 0; i < iterations; i++) digest = createHash('sha1').update(digest).update(salt).digest();
  return base32hex(digest);
}

interface Nsec3 {
  hash: string;
  next: string;
  optOut: boolean;
  types: string[];
  salt: string;
  iterations: number;
  zone: string;
}

function readNsec3(rr: ResourceRecord): Nsec3 {
  const labels = nameToLabels(rr.name);
  const f = rr.fields ?? {};
  return {
    hash: Buffer.from(labels[0] ?? [])
      .toString('latin1')
      .toUpperCase(),
    next: String(f.next).toUpperCase(),
    optOut: (Number(f.flags) & 1) === 1,
    types: (f.types as string[]) ?? [],
    salt: String(f.salt),
    iterations: Number(f.iterations),
    zone: nameFromLabels(labels.slice(1)),
  };
}

const textOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The NSEC3 proof for `qname`/`qtype`; `nxdomain` says which the reply claimed. */
export function nsec3Denial(
  qname: string,
  qtype: number,
  nxdomain: boolean,
  records: readonly ResourceRecord[],
): Denial {
  const all = records
    .filter((r) => r.type === TYPE.NSEC3)
    .map(readNsec3)
    .filter((r) => Number.isFinite(r.iterations));
  if (all.length === 0) return { proven: false, reason: 'no NSEC3 records' };
  const { salt, iterations, zone } = all[0];
  const hash = (name: string): string => nsec3Hash(name, salt, iterations);
  const matching = (name: string): Nsec3 | undefined => all.find((r) => r.hash === hash(name));
  const covering = (name: string): Nsec3 | undefined => all.find((r) => between(r.hash, r.next, hash(name), textOrder));
  const exact = matching(qname);
  if (!nxdomain && exact) return nodataAt(exact.types, qtype);
  // The closest encloser: the longest ancestor with a matching NSEC3, whose child toward qname is covered.
  const labels = nameToLabels(qname);
  for (let cut = 1; cut <= labels.length; cut++) {
    const encloser = nameFromLabels(labels.slice(cut));
    if (nameToLabels(encloser).length < nameToLabels(zone).length) break;
    if (!matching(encloser)) continue;
    const nextCloser = nameFromLabels(labels.slice(cut - 1));
    const cover = covering(nextCloser);
    if (!cover) return { proven: false, reason: `no NSEC3 record covers the next closer name ${nextCloser}` };
    const wildcard = `*.${encloser === '.' ? '' : encloser}`;
    if (!nxdomain) {
      // NODATA without a match: a DS query under an opt-out span (RFC 5155 8.6), or a wildcard without the type (8.7).
      if (qtype === TYPE.DS && cover.optOut) return { proven: true, what: 'insecureDelegation', optOut: true };
      const expanded = matching(wildcard);
      if (expanded) return nodataAt(expanded.types, qtype);
      return { proven: false, reason: `no NSEC3 record matches ${qname}` };
    }
    if (!covering(wildcard)) return { proven: false, reason: `no NSEC3 record denies the wildcard ${wildcard}` };
    return { proven: true, what: 'nxdomain' };
  }
  return { proven: false, reason: `no NSEC3 closest encloser for ${qname}` };
}

/** The denial the authority section proves, with NSEC3 when present, else NSEC. */
export function proveDenial(
  qname: string,
  qtype: number,
  nxdomain: boolean,
  authority: readonly ResourceRecord[],
): Denial {
  if (authority.some((r) => r.type === TYPE.NSEC3)) return nsec3Denial(qname, qtype, nxdomain, authority);
  return nsecDenial(qname, qtype, nxdomain, authority);
}

/** Whether some NSEC (or NSEC3, by hash) record strictly covers `name`: the proof a wildcard answer needs that the name itself does not exist. */
export function nameCovered(name: string, authority: readonly ResourceRecord[]): boolean {
  const nsec3s = authority.filter((r) => r.type === TYPE.NSEC3).map(readNsec3);
  if (nsec3s.length > 0) {
    return nsec3s.some((r) => between(r.hash, r.next, nsec3Hash(name, r.salt, r.iterations), textOrder));
  }
  return authority.some(
    (r) => r.type === TYPE.NSEC && between(r.name, String(r.fields?.next ?? '.'), name, compareNames),
  );
}
