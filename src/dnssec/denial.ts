/**
 * Authenticated denial of existence from NSEC (RFC 4035 5.4) and NSEC3 (RFC 5155 8) records that
 * have already been validated and come from `zone`, the zone that holds the name: NXDOMAIN,
 * NODATA, a delegation without DS, NSEC3 opt-out, and the proof a wildcard expansion needs.
 *
 * The rules that keep a proof from being replayed where it does not belong:
 * - an NSEC/NSEC3 at a delegation point (NS without SOA) or at a DNAME proves nothing about the
 *   names below it, which belong to another zone (RFC 4035 5.4, RFC 5155 8.3, RFC 6840 4.1);
 * - at a delegation point it proves only the absence of DS, and a zone apex's (SOA) record cannot
 *   prove the absence of its own DS, which its parent holds (RFC 4035 5.2, RFC 5155 8.6);
 * - an NSEC3's owner must be a hash in `zone`, all records of the proof share one set of hash
 *   parameters, and opt-out counts only where its flag is set on the record covering the next
 *   closer name (RFC 5155 8.2, 8.3, 8.6).
 */
import { createHash } from 'node:crypto';
import { base32hex } from '../wire/encoding.js';
import { isSubdomain, nameFromLabels, namesEqual, nameToLabels } from '../wire/name.js';
import { typeName, TYPE } from '../wire/rrtypes.js';
import type { ResourceRecord } from '../wire/types.js';
import { canonicalNameWire, compareOctets } from './canonical.js';
import { type Nsec3Fields, type NsecFields, nsec3Fields, nsecFields } from './records.js';

/** What a denial proves, or why it proves nothing. */
export type Denial =
  /** The name does not exist; `optOut` when the next closer name lies in an NSEC3 opt-out span. */
  | { proven: true; what: 'nxdomain'; optOut: boolean }
  /** The name exists without the type; `wildcard` when the name itself does not exist and a wildcard without the type would match it. */
  | { proven: true; what: 'nodata'; wildcard: boolean }
  /** A DS query's NODATA at a zone cut, or an NSEC3 opt-out span over it: the child zone is unsigned. */
  | { proven: true; what: 'insecureDelegation'; optOut: boolean }
  | NoProof;

/** Why records prove nothing: they are of a kind this validator may not judge (insecure), or they fail a rule. */
export type NoProof = { proven: 'insecure'; reason: string } | { proven: false; reason: string };

/** A wildcard expansion's proof that no closer name exists (RFC 4035 5.3.4, RFC 5155 8.8). */
export type WildcardProof = { proven: true; optOut: boolean } | NoProof;

/** NSEC3 iterations above this make the proof insecure, as BIND and Unbound treat them (RFC 9276 3.2). */
export const MAX_NSEC3_ITERATIONS = 150;

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

/** Whether `name` falls strictly between `owner` and `next` (the last record of a chain wraps to the first). */
function between(owner: string, next: string, name: string, order: (a: string, b: string) => number): boolean {
  if (order(owner, next) < 0) return order(owner, name) < 0 && order(name, next) < 0;
  return order(owner, name) < 0 || order(name, next) < 0;
}

/** Strictly below: `name` is a descendant of `ancestor`, not the name itself. */
function below(name: string, ancestor: string): boolean {
  return isSubdomain(name, ancestor) && !namesEqual(name, ancestor);
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

/** The wildcard at `encloser`. */
function wildcardAt(encloser: string): string {
  return encloser === '.' ? '*.' : `*.${encloser}`;
}

/** The ancestor of `name` one label below `encloser` (RFC 5155 1.3: the next closer name). */
function nextCloser(name: string, encloser: string): string {
  const labels = nameToLabels(name);
  return nameFromLabels(labels.slice(labels.length - nameToLabels(encloser).length - 1));
}

/** A delegation point seen from the parent: NS without SOA. */
function isDelegation(types: ReadonlySet<string>): boolean {
  return types.has('NS') && !types.has('SOA');
}

/** Why a record at `owner` cannot speak for names below it: they are in a child zone, or rewritten by a DNAME. */
function cutAt(owner: string, types: ReadonlySet<string>): string | undefined {
  if (isDelegation(types)) return `${owner} is a delegation point: names below it are in another zone`;
  if (types.has('DNAME')) return `${owner} has a DNAME: names below it are rewritten, not denied`;
  return undefined;
}

/**
 * The NODATA that the types at the name itself prove. At a delegation point the parent's record
 * proves only that DS is absent (an unsigned delegation); a zone apex's cannot prove that.
 */
function nodataAt(owner: string, types: ReadonlySet<string>, qtype: number, wildcard: boolean, kind: string): Denial {
  const type = typeName(qtype);
  if (types.has(type)) return { proven: false, reason: `the ${kind} record at ${owner} says ${type} exists` };
  // ANY asks for every RRset: any type listed besides the proof's own contradicts a NODATA.
  const listed = [...types].filter((t) => t !== 'NSEC' && t !== 'NSEC3' && t !== 'RRSIG');
  if (qtype === TYPE.ANY && listed.length > 0)
    return { proven: false, reason: `the ${kind} record at ${owner} says ${listed.join(' ')} exist` };
  if (types.has('CNAME')) return { proven: false, reason: `the ${kind} record at ${owner} says a CNAME exists` };
  if (qtype === TYPE.DS) {
    if (types.has('SOA'))
      return {
        proven: false,
        reason: `the ${kind} record at ${owner} is the child zone's own: only its parent can deny its DS`,
      };
    if (types.has('NS') && !wildcard) return { proven: true, what: 'insecureDelegation', optOut: false };
    return { proven: true, what: 'nodata', wildcard };
  }
  if (isDelegation(types))
    return {
      proven: false,
      reason: `the ${kind} record at ${owner} is the parent's side of a delegation: it proves only that DS is absent`,
    };
  return { proven: true, what: 'nodata', wildcard };
}

/** NSEC records of one zone, with the questions a proof asks of them. */
class NsecChain {
  readonly records: NsecFields[];

  constructor(rrs: readonly ResourceRecord[], zone: string) {
    this.records = rrs
      .filter((r) => r.type === TYPE.NSEC && isSubdomain(r.name, zone))
      .map(nsecFields)
      .filter((r) => isSubdomain(r.next, zone));
  }

  match(name: string): NsecFields | undefined {
    return this.records.find((r) => namesEqual(r.owner, name));
  }

  /**
   * An NSEC that proves `name` and everything below it absent: the name falls between owner and
   * next, the next name is not below it (that would make it an empty non-terminal), and the
   * owner is not an ancestor at a delegation or DNAME (RFC 6840 4.1).
   */
  cover(name: string): NsecFields | undefined {
    return this.records.find(
      (r) =>
        between(r.owner, r.next, name, compareNames) &&
        !below(r.next, name) &&
        !(below(name, r.owner) && cutAt(r.owner, r.types)),
    );
  }

  /** An NSEC showing `name` to be an empty non-terminal: its next name is below `name`. */
  emptyNonTerminal(name: string): NsecFields | undefined {
    return this.records.find(
      (r) =>
        between(r.owner, r.next, name, compareNames) &&
        below(r.next, name) &&
        !(below(name, r.owner) && cutAt(r.owner, r.types)),
    );
  }
}

/** The closest encloser an NSEC covering `name` implies: the longer common ancestor with its owner or next name. */
function nsecEncloser(name: string, cover: NsecFields): string {
  return [commonAncestor(cover.owner, name), commonAncestor(cover.next, name)].sort(
    (a, b) => nameToLabels(b).length - nameToLabels(a).length,
  )[0];
}

/** The NSEC proof for `qname`/`qtype` in `zone`; `nxdomain` says which the reply claimed. */
export function nsecDenial(
  qname: string,
  qtype: number,
  nxdomain: boolean,
  records: readonly ResourceRecord[],
  zone: string,
): Denial {
  const chain = new NsecChain(records, zone);
  if (chain.records.length === 0) return { proven: false, reason: `no NSEC records of ${zone}` };
  const match = chain.match(qname);
  // RFC 6840 4.1: no ancestor may be a delegation or DNAME in this zone's chain.
  for (const r of chain.records) {
    const cut = below(qname, r.owner) && cutAt(r.owner, r.types);
    if (cut) return { proven: false, reason: cut };
  }
  if (!nxdomain) {
    if (match) return nodataAt(match.owner, match.types, qtype, false, 'NSEC');
    if (chain.emptyNonTerminal(qname)) return { proven: true, what: 'nodata', wildcard: false };
    // Wildcard NODATA (RFC 4035 3.1.3.4): the name is absent, and the wildcard that would match it lacks the type.
    const cover = chain.cover(qname);
    if (cover) {
      const wildcard = chain.match(wildcardAt(nsecEncloser(qname, cover)));
      if (wildcard) return nodataAt(wildcard.owner, wildcard.types, qtype, true, 'NSEC');
    }
    return { proven: false, reason: `no NSEC record at ${qname}` };
  }
  if (match) return { proven: false, reason: `an NSEC record says ${qname} exists` };
  const cover = chain.cover(qname);
  if (!cover) {
    if (chain.emptyNonTerminal(qname)) return { proven: false, reason: `an NSEC record says ${qname} exists` };
    return { proven: false, reason: `no NSEC record covers ${qname}` };
  }
  const wildcard = wildcardAt(nsecEncloser(qname, cover));
  if (chain.match(wildcard)) return { proven: false, reason: `the wildcard ${wildcard} exists` };
  if (!chain.cover(wildcard)) return { proven: false, reason: `no NSEC record denies the wildcard ${wildcard}` };
  return { proven: true, what: 'nxdomain', optOut: false };
}

/** The RFC 5155 hash of a name: SHA-1 over the canonical name and salt, then `iterations` more times. */
export function nsec3Hash(name: string, saltHex: string, iterations: number): string {
  const salt = saltHex === '-' ? Buffer.alloc(0) : Buffer.from(saltHex, 'hex');
  let digest = createHash('sha1').update(canonicalNameWire(name)).update(salt).digest();
  for (let i = 0; i < iterations; i++) digest = createHash('sha1').update(digest).update(salt).digest();
  return base32hex(digest);
}

const textOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A SHA-1 hash in base32hex: 32 characters. */
const HASH_TEXT = /^[0-9A-V]{32}$/;

/** NSEC3 records of one zone and one parameter set, with hashes computed once per name. */
class Nsec3Chain {
  private readonly hashes = new Map<string, string>();

  private constructor(
    readonly records: Nsec3Fields[],
    private readonly salt: string,
    private readonly iterations: number,
  ) {}

  /** The usable records of `zone`, or why there are none to judge. */
  static of(rrs: readonly ResourceRecord[], zone: string): Nsec3Chain | NoProof {
    const all = rrs
      .filter((r) => r.type === TYPE.NSEC3)
      .map(nsec3Fields)
      .filter((r) => namesEqual(r.zone, zone) && HASH_TEXT.test(r.hash) && HASH_TEXT.test(r.next));
    if (all.length === 0) return { proven: false, reason: `no NSEC3 records of ${zone}` };
    // RFC 5155 8.2: flags other than opt-out make a record unusable; 8.1: so does an unknown hash.
    const flagged = all.filter((r) => r.flags === 0 || r.flags === 1);
    if (flagged.length === 0) return { proven: false, reason: `every NSEC3 record of ${zone} has unknown flags` };
    const known = flagged.filter((r) => r.hashAlgorithm === 1);
    if (known.length === 0)
      return { proven: 'insecure', reason: `the NSEC3 records of ${zone} use a hash algorithm this validator lacks` };
    const { salt, iterations } = known[0];
    if (known.some((r) => r.salt !== salt || r.iterations !== iterations))
      return { proven: false, reason: `the NSEC3 records of ${zone} mix hash parameters` };
    if (!Number.isFinite(iterations)) return { proven: false, reason: `malformed NSEC3 records of ${zone}` };
    if (iterations > MAX_NSEC3_ITERATIONS)
      return {
        proven: 'insecure',
        reason: `the NSEC3 records of ${zone} use ${iterations} iterations (more than ${MAX_NSEC3_ITERATIONS})`,
      };
    return new Nsec3Chain(known, salt, iterations);
  }

  hash(name: string): string {
    const key = name.toLowerCase();
    let value = this.hashes.get(key);
    if (value === undefined) {
      value = nsec3Hash(name, this.salt, this.iterations);
      this.hashes.set(key, value);
    }
    return value;
  }

  match(name: string): Nsec3Fields | undefined {
    const hash = this.hash(name);
    return this.records.find((r) => r.hash === hash);
  }

  cover(name: string): Nsec3Fields | undefined {
    const hash = this.hash(name);
    return this.records.find((r) => between(r.hash, r.next, hash, textOrder));
  }
}

/** The closest encloser proof (RFC 5155 8.3): the deepest ancestor with a matching record, and the record covering the next closer name. */
function closestEncloser(
  chain: Nsec3Chain,
  qname: string,
  zone: string,
): { encloser: string; nextCloser: Nsec3Fields } | { reason: string } {
  const labels = nameToLabels(qname);
  const floor = nameToLabels(zone).length;
  for (let cut = 1; labels.length - cut >= floor; cut++) {
    const encloser = nameFromLabels(labels.slice(cut));
    const match = chain.match(encloser);
    if (!match) continue;
    const cutReason = cutAt(encloser, match.types);
    if (cutReason) return { reason: cutReason };
    const name = nextCloser(qname, encloser);
    const cover = chain.cover(name);
    if (!cover) return { reason: `no NSEC3 record covers the next closer name ${name}` };
    return { encloser, nextCloser: cover };
  }
  return { reason: `no NSEC3 closest encloser for ${qname} in ${zone}` };
}

/** The NSEC3 proof for `qname`/`qtype` in `zone`; `nxdomain` says which the reply claimed. */
export function nsec3Denial(
  qname: string,
  qtype: number,
  nxdomain: boolean,
  records: readonly ResourceRecord[],
  zone: string,
): Denial {
  const chain = Nsec3Chain.of(records, zone);
  if (!(chain instanceof Nsec3Chain)) return chain;
  // RFC 6840 4.1: no ancestor of the name may be a delegation or DNAME in this zone.
  const labels = nameToLabels(qname);
  for (let cut = 1; labels.length - cut > nameToLabels(zone).length; cut++) {
    const ancestor = nameFromLabels(labels.slice(cut));
    const match = chain.match(ancestor);
    const reason = match && cutAt(ancestor, match.types);
    if (reason) return { proven: false, reason };
  }
  const exact = chain.match(qname);
  if (!nxdomain && exact) return nodataAt(qname, exact.types, qtype, false, 'NSEC3');
  if (nxdomain && exact) return { proven: false, reason: `an NSEC3 record says ${qname} exists` };
  const proof = closestEncloser(chain, qname, zone);
  if ('reason' in proof) return { proven: false, reason: proof.reason };
  const wildcard = wildcardAt(proof.encloser);
  const matchedWildcard = chain.match(wildcard);
  if (nxdomain) {
    if (matchedWildcard) return { proven: false, reason: `the wildcard ${wildcard} exists` };
    if (!chain.cover(wildcard)) return { proven: false, reason: `no NSEC3 record denies the wildcard ${wildcard}` };
    return { proven: true, what: 'nxdomain', optOut: (proof.nextCloser.flags & 1) === 1 };
  }
  // NODATA without a match: a wildcard without the type (RFC 5155 8.7), or a DS query under an opt-out span (8.6).
  if (matchedWildcard) return nodataAt(wildcard, matchedWildcard.types, qtype, true, 'NSEC3');
  if (qtype === TYPE.DS && (proof.nextCloser.flags & 1) === 1)
    return { proven: true, what: 'insecureDelegation', optOut: true };
  return { proven: false, reason: `no NSEC3 record matches ${qname}` };
}

/** The denial `records` of `zone` prove, with NSEC3 when present, else NSEC. */
export function proveDenial(
  qname: string,
  qtype: number,
  nxdomain: boolean,
  records: readonly ResourceRecord[],
  zone: string,
): Denial {
  if (!isSubdomain(qname, zone)) return { proven: false, reason: `${qname} is not in ${zone}` };
  if (records.some((r) => r.type === TYPE.NSEC3)) return nsec3Denial(qname, qtype, nxdomain, records, zone);
  return nsecDenial(qname, qtype, nxdomain, records, zone);
}

/**
 * The proof a wildcard-expanded `owner` needs: the next closer name (one label below the
 * wildcard's parent, which the RRSIG's labels field names) does not exist in `zone`. Under an
 * NSEC3 opt-out span that name could be an unsigned delegation, so the answer is insecure, as
 * BIND judges it.
 */
export function proveWildcardAnswer(
  owner: string,
  labels: number,
  records: readonly ResourceRecord[],
  zone: string,
): WildcardProof {
  if (!isSubdomain(owner, zone)) return { proven: false, reason: `${owner} is not in ${zone}` };
  const all = nameToLabels(owner);
  const name = nameFromLabels(all.slice(all.length - labels - 1));
  if (records.some((r) => r.type === TYPE.NSEC3)) {
    const chain = Nsec3Chain.of(records, zone);
    if (!(chain instanceof Nsec3Chain)) return chain;
    const cover = chain.cover(name);
    if (!cover) return { proven: false, reason: `nothing covers ${name}` };
    return { proven: true, optOut: (cover.flags & 1) === 1 };
  }
  const chain = new NsecChain(records, zone);
  if (chain.records.length === 0) return { proven: false, reason: `no NSEC or NSEC3 records of ${zone}` };
  if (!chain.cover(name)) return { proven: false, reason: `nothing covers ${name}` };
  return { proven: true, optOut: false };
}
