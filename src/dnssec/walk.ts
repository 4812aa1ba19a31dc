/**
 * One validation run: fetches DS and DNSKEY RRsets through a DnssecFetch (each once, within the
 * query limit), proves zone keys from the trust anchor, and places names in the tree of zones by
 * walking DS records down from the anchor, label by label. An RRset is judged only against the
 * zone that walk finds for its owner (RFC 4035 5.3.1: the signer must be that zone), and a denial
 * only with the NSEC/NSEC3 records of that zone; the RRSIG's signer name is never taken on trust.
 */
import { isSubdomain, labelCount, namesEqual, parentName } from '../wire/name.js';
import { RCODE, rcodeName, typeName, TYPE } from '../wire/rrtypes.js';
import type { Message, ResourceRecord } from '../wire/types.js';
import { dsMatches, SUPPORTED_ALGORITHMS, SUPPORTED_DIGESTS } from './crypto.js';
import { type Denial, proveDenial, proveWildcardAnswer } from './denial.js';
import { type DsData, readDnskey, readDs, type RrsigData } from './rrsig.js';
import { checkSignature, describe, isWildcardExpansion, ownerLabels, rrsets, signaturesFor } from './signatures.js';
import type { ChainLink, DnssecFetch, TrustAnchor, ValidationLimits, ValidationStatus } from './types.js';

/** A verdict on one RRset, proof or zone; `sig` is the RRSIG that validated a secure RRset. */
export interface Step {
  status: ValidationStatus;
  reason: string;
  sig?: RrsigData;
}

/** Where a name sits in the tree of zones, found by the DS walk from the trust anchor. */
export type Placement =
  /** In the signed `zone`; `absent` when the walk proved the name (or an ancestor) does not exist there. */
  | { status: 'secure'; zone: string; absent: boolean; reason: string }
  /** At or below the unsigned delegation `at`. */
  | { status: 'insecure'; at: string; reason: string }
  | { status: 'bogus' | 'indeterminate'; reason: string };

/** A verdict other than secure, and why. */
export interface Failure {
  status: Exclude<ValidationStatus, 'secure'>;
  reason: string;
}

/** A DS or DNSKEY RRset with a record of the type but without its data (an update's delete) is bogus, as validateReply calls a record too short to read. */
const MALFORMED_DS = { status: 'bogus' as const, reason: 'malformed DNSSEC record: DS RDATA too short' };
const MALFORMED_DNSKEY = { status: 'bogus' as const, reason: 'malformed DNSSEC record: DNSKEY RDATA too short' };

/** A negative reply's proof, judged: what it proved and with which kind of record, or why not. */
export type ProofStep = { status: 'secure'; denial: Extract<Denial, { proven: true }>; kind: string } | Failure;

/** Stops the walk with a verdict (a limit hit, a fetch failed). */
export class Stop extends Error {
  constructor(
    readonly status: ValidationStatus,
    reason: string,
  ) {
    super(reason);
  }
}

/** One validation run: its cache, counters and the chain it builds. */
export class Walk {
  private readonly replies = new Map<string, Promise<Message>>();
  private readonly placements = new Map<string, Promise<Placement>>();
  /** Verified DNSKEY RRsets of the signed zones proved so far. */
  private readonly zoneKeys = new Map<string, ResourceRecord[]>();
  /** The authority section of the reply being judged, and the NSEC/NSEC3 records of it that a proof validated and used. */
  judgedAuthority?: readonly ResourceRecord[];
  readonly usedProofs = new WeakSet<ResourceRecord>();
  /** The signed zones the judged RRsets and proofs came from (lower case). */
  readonly zonesUsed = new Set<string>();
  readonly links = new Map<string, ChainLink>();
  queries = 0;
  anchorUsed?: { zone: string; keyTag: number };

  constructor(
    private readonly fetchRaw: DnssecFetch,
    private readonly anchors: readonly TrustAnchor[],
    private readonly now: number,
    private readonly limits: ValidationLimits,
  ) {}

  /** A reply, fetched once per run; SERVFAIL, REFUSED and truncated replies stop the walk as indeterminate. */
  fetch(name: string, type: number): Promise<Message> {
    const key = `${name.toLowerCase()} ${type}`;
    let pending = this.replies.get(key);
    if (!pending) {
      if (this.queries >= this.limits.maxQueries)
        throw new Stop(
          'indeterminate',
          `query limit (${this.limits.maxQueries}) reached before ${name} ${typeName(type)}`,
        );
      this.queries++;
      pending = this.fetchRaw(name, type).then(
        (reply) => {
          if (reply.rcode !== RCODE.NOERROR && reply.rcode !== RCODE.NXDOMAIN)
            throw new Stop('indeterminate', `${name} ${typeName(type)}: the server replied ${rcodeName(reply.rcode)}`);
          if (reply.tc) throw new Stop('indeterminate', `${name} ${typeName(type)}: the reply was truncated`);
          return reply;
        },
        (error: unknown) => {
          if (error instanceof Stop) throw error;
          throw new Stop(
            'indeterminate',
            `${name} ${typeName(type)} could not be fetched: ${(error as Error).message}`,
          );
        },
      );
      this.replies.set(key, pending);
    }
    return pending;
  }

  private anchorFor(name: string): TrustAnchor | undefined {
    return this.anchors
      .filter((a) => isSubdomain(name, a.zone))
      .sort((a, b) => labelCount(b.zone) - labelCount(a.zone))[0];
  }

  /** Where `name` sits (cached per name): the signed zone that holds it, the unsigned delegation above it, or why that is not known. */
  place(name: string): Promise<Placement> {
    const key = name.toLowerCase();
    let pending = this.placements.get(key);
    if (!pending) {
      pending = this.placeUncached(name);
      this.placements.set(key, pending);
    }
    return pending;
  }

  /** Where the RRset of `owner` and `type` is held: the zone of its owner, or for DS the parent side of the cut. */
  placeRrset(owner: string, type: number): Promise<Placement> {
    return type === TYPE.DS && owner !== '.' ? this.place(parentName(owner)) : this.place(owner);
  }

  private async placeUncached(name: string): Promise<Placement> {
    const anchor = this.anchorFor(name);
    if (!anchor) return { status: 'indeterminate', reason: `no trust anchor above ${name}` };
    if (namesEqual(anchor.zone, name)) {
      const keys = await this.anchoredKeys(name, anchor);
      return keys.status === 'secure'
        ? { status: 'secure', zone: name, absent: false, reason: keys.reason }
        : placementOf(keys, name);
    }
    const parent = await this.place(parentName(name));
    if (parent.status !== 'secure' || parent.absent) return parent;
    return this.below(parent.zone, name);
  }

  /** One step down: what the DS query at `child`, answered by the signed `zone`, says of a cut there. */
  private async below(zone: string, child: string): Promise<Placement> {
    const reply = await this.fetch(child, TYPE.DS);
    const at = (type: number): ResourceRecord[] =>
      reply.answer.filter((r) => r.type === type && namesEqual(r.name, child));
    const dsSet = at(TYPE.DS);
    if (dsSet.length > 0) {
      const signed = await this.rrsetIn(dsSet, reply.answer, zone);
      if (signed.status !== 'secure') return placementOf({ status: signed.status, reason: signed.reason }, child);
      return this.childKeys(child, dsSet);
    }
    // An alias (a CNAME the resolver followed) or a name below a DNAME is never a cut.
    const alias = at(TYPE.CNAME);
    const dname = rrsets(reply.answer).find((s) => s[0].type === TYPE.DNAME && isStrictAncestor(s[0].name, child));
    if (alias.length > 0 || dname) {
      const set = dname ?? alias;
      const step = await this.rrsetIn(set, reply.answer, zone);
      if (step.status !== 'secure') return placementOf({ status: step.status, reason: step.reason }, child);
      const absent = dname !== undefined || (step.sig !== undefined && isWildcardExpansion(step.sig, child));
      return { status: 'secure', zone, absent, reason: step.reason };
    }
    const proof = await this.denialIn(child, TYPE.DS, reply, zone);
    if (proof.status !== 'secure') return placementOf(proof, child);
    const { denial } = proof;
    if (denial.what === 'insecureDelegation')
      return this.unsigned(child, `${child} is an unsigned delegation (no DS, proved by ${proofName(proof)})`);
    const absent = denial.what === 'nxdomain' || denial.wildcard;
    return { status: 'secure', zone, absent, reason: `${child} is in ${zone}` };
  }

  /** The child's DNSKEY RRset, proved by its parent's DS RRset (already validated). */
  private async childKeys(zone: string, dsSet: readonly ResourceRecord[]): Promise<Placement> {
    const depth = [...this.links.values()].filter((l) => !l.unsigned).length;
    if (depth >= this.limits.maxDepth)
      throw new Stop('indeterminate', `depth limit (${this.limits.maxDepth} zones) reached at ${zone}`);
    const all = dsSet.map(readDs);
    // A DS record without its data makes the set malformed: never read as an unsigned delegation.
    if (all.some((ds) => ds === undefined)) return MALFORMED_DS;
    const usable = all.filter(
      (ds): ds is DsData =>
        ds !== undefined && SUPPORTED_ALGORITHMS.has(ds.algorithm) && SUPPORTED_DIGESTS.has(ds.digestType),
    );
    // RFC 4035 5.2: a DS set with no algorithm or digest we know is treated as an unsigned delegation.
    if (usable.length === 0)
      return this.unsigned(zone, `the DS records of ${zone} use only unsupported algorithms or digests`);
    const keys = await this.dnskeys(zone);
    if (keys.some((k) => readDnskey(k) === undefined)) return MALFORMED_DNSKEY;
    const matched = keys.filter((k) => {
      const key = readDnskey(k);
      return key !== undefined && usable.some((ds) => dsMatches(ds, zone, k.rdataWire, key.tag, key.algorithm));
    });
    if (matched.length === 0)
      return {
        status: 'bogus',
        reason: `no DNSKEY of ${zone} matches its DS (${usable.map((d) => `key ${d.keyTag} digest ${d.digestType}`).join(', ')})`,
      };
    const step = await this.selfSigned(
      zone,
      keys,
      matched,
      (tag) => usable.filter((ds) => ds.keyTag === tag).map((ds) => ({ keyTag: tag, digestType: ds.digestType })),
      false,
    );
    return step.status === 'secure'
      ? { status: 'secure', zone, absent: false, reason: step.reason }
      : placementOf(step, zone);
  }

  private async dnskeys(zone: string): Promise<ResourceRecord[]> {
    const reply = await this.fetch(zone, TYPE.DNSKEY);
    return reply.answer.filter((r) => r.type === TYPE.DNSKEY && namesEqual(r.name, zone));
  }

  private async anchoredKeys(
    zone: string,
    anchor: TrustAnchor,
  ): Promise<{ status: 'secure'; reason: string } | Failure> {
    const keys = await this.dnskeys(zone);
    if (keys.length === 0) return { status: 'bogus', reason: `no DNSKEY for the trust anchor zone ${zone}` };
    if (keys.some((k) => readDnskey(k) === undefined)) return MALFORMED_DNSKEY;
    const matched = keys.filter((k) => {
      const key = readDnskey(k);
      return (
        key !== undefined &&
        (anchor.ds.some((ds) => dsMatches(ds, zone, k.rdataWire, key.tag, key.algorithm)) ||
          anchor.dnskeys.some((a) => Buffer.from(a).equals(Buffer.from(k.rdataWire))))
      );
    });
    if (matched.length === 0) return { status: 'bogus', reason: `no DNSKEY of ${zone} matches the trust anchor` };
    return this.selfSigned(zone, keys, matched, () => [], true);
  }

  /** The DNSKEY RRset must be signed, by the zone itself, with one of the keys the parent (or anchor) vouches for. */
  private async selfSigned(
    zone: string,
    keys: ResourceRecord[],
    vouched: ResourceRecord[],
    dsOf: (tag: number) => ChainLink['ds'],
    anchor: boolean,
  ): Promise<{ status: 'secure'; reason: string } | Failure> {
    const reply = await this.fetch(zone, TYPE.DNSKEY);
    const sigs = signaturesFor(reply.answer, zone, TYPE.DNSKEY).filter((s) => namesEqual(s.signer, zone));
    if (sigs.length === 0) return { status: 'bogus', reason: `missing signature: no RRSIG for ${zone} DNSKEY` };
    let failure = '';
    for (const sig of sigs) {
      const why = checkSignature(keys, sig, vouched, this.now);
      if (why !== undefined) {
        failure = why;
        continue;
      }
      this.zoneKeys.set(zone.toLowerCase(), keys);
      this.links.set(zone.toLowerCase(), { zone, keys: [sig.keyTag], ds: dsOf(sig.keyTag), anchor });
      if (anchor) this.anchorUsed = { zone, keyTag: sig.keyTag };
      return { status: 'secure', reason: `${zone} DNSKEY signed by key ${sig.keyTag}` };
    }
    return { status: 'bogus', reason: failure };
  }

  private unsigned(zone: string, reason: string): Placement {
    this.links.set(zone.toLowerCase(), { zone, keys: [], ds: [], anchor: false, unsigned: true });
    return { status: 'insecure', at: zone, reason };
  }

  /**
   * Validates an RRset against the signed `zone` that holds it: only RRSIGs whose signer is that
   * zone count (RFC 4035 5.3.1), verified with its proved keys.
   */
  async rrsetIn(rrset: readonly ResourceRecord[], section: readonly ResourceRecord[], zone: string): Promise<Step> {
    const keys = this.zoneKeys.get(zone.toLowerCase());
    if (!keys) return { status: 'indeterminate', reason: `the keys of ${zone} were not proved` };
    const sigs = signaturesFor(section, rrset[0].name, rrset[0].type);
    const own = sigs.filter((s) => namesEqual(s.signer, zone));
    if (own.length === 0) {
      if (sigs.length === 0) return { status: 'bogus', reason: `missing signature: no RRSIG for ${describe(rrset)}` };
      return {
        status: 'bogus',
        reason: `RRSIG ${describe(rrset)} names the signer ${sigs[0].signer}, but ${rrset[0].name} is in ${zone}`,
      };
    }
    let failure = '';
    for (const sig of own) {
      const why = checkSignature(rrset, sig, keys, this.now);
      if (why === undefined)
        return { status: 'secure', reason: `${describe(rrset)} signed by ${zone} key ${sig.keyTag}`, sig };
      failure = why;
    }
    return { status: 'bogus', reason: failure };
  }

  /** Judges an RRset of the answer: placed by the walk, signed by that zone, and for a wildcard expansion proved (RFC 4035 5.3.4). */
  async answerSet(rrset: readonly ResourceRecord[], reply: Message): Promise<Step> {
    const owner = rrset[0].name;
    const place = await this.placeRrset(owner, rrset[0].type);
    if (place.status !== 'secure') return { status: place.status, reason: place.reason };
    this.zonesUsed.add(place.zone.toLowerCase());
    const step = await this.rrsetIn(rrset, reply.answer, place.zone);
    if (step.status !== 'secure' || !step.sig) return step;
    if (!isWildcardExpansion(step.sig, owner)) {
      if (place.absent)
        return {
          status: 'bogus',
          reason: `${describe(rrset)} is signed, but ${place.zone} denies that ${owner} exists`,
        };
      return step;
    }
    const proofs = await this.proofRecords(reply.authority, place.zone);
    if (!Array.isArray(proofs)) return proofs;
    const proof = proveWildcardAnswer(owner, step.sig.labels, proofs, place.zone);
    if (proof.proven === false)
      return { status: 'bogus', reason: `wildcard expansion of ${describe(rrset)} not proven: ${proof.reason}` };
    if (proof.proven === 'insecure') return { status: 'insecure', reason: proof.reason };
    if (proof.optOut)
      return {
        status: 'insecure',
        reason: `${describe(rrset)} is a wildcard expansion whose next closer name lies in an NSEC3 opt-out span (it could be an unsigned delegation)`,
      };
    return step;
  }

  /**
   * The NSEC and NSEC3 records of `zone` in `authority`, each RRset validated against that zone
   * (not a wildcard expansion, RFC 4035 5.3.4); records signed by other zones are left for the
   * proofs of those zones, unsigned ones are bogus.
   */
  async proofRecords(authority: readonly ResourceRecord[], zone: string): Promise<ResourceRecord[] | Failure> {
    const out: ResourceRecord[] = [];
    for (const set of rrsets(authority.filter((r) => r.type === TYPE.NSEC || r.type === TYPE.NSEC3))) {
      const sigs = signaturesFor(authority, set[0].name, set[0].type);
      if (sigs.length === 0) return { status: 'bogus', reason: `missing signature: no RRSIG for ${describe(set)}` };
      if (!sigs.some((s) => namesEqual(s.signer, zone))) continue;
      const step = await this.rrsetIn(set, authority, zone);
      if (step.status !== 'secure') return { status: step.status, reason: step.reason };
      if (step.sig && step.sig.labels !== ownerLabels(set[0].name))
        return { status: 'bogus', reason: `${describe(set)} is a wildcard expansion: it proves nothing` };
      if (authority === this.judgedAuthority) for (const rr of set) this.usedProofs.add(rr);
      out.push(...set);
    }
    return out;
  }

  /** Validates the NSEC/NSEC3 records of `zone` in a negative reply and what they prove about qname/qtype. */
  async denialIn(qname: string, qtype: number, reply: Message, zone: string): Promise<ProofStep> {
    const nxdomain = reply.rcode === RCODE.NXDOMAIN;
    const what = `${nxdomain ? 'NXDOMAIN' : 'NODATA'} for ${qname} ${typeName(qtype)}`;
    const records = await this.proofRecords(reply.authority, zone);
    if (!Array.isArray(records)) return records;
    if (records.length === 0) {
      const others = reply.authority.some((r) => r.type === TYPE.NSEC || r.type === TYPE.NSEC3);
      return {
        status: 'bogus',
        reason: others
          ? `${what}: its NSEC or NSEC3 records are not signed by ${zone}, the zone that holds ${qname}`
          : `${what} without NSEC or NSEC3 records from the signed zone ${zone}`,
      };
    }
    const denial = proveDenial(qname, qtype, nxdomain, records, zone);
    if (denial.proven === false) return { status: 'bogus', reason: `${what} not proven: ${denial.reason}` };
    if (denial.proven === 'insecure') return { status: 'insecure', reason: denial.reason };
    const kind = records.some((r) => r.type === TYPE.NSEC3) ? 'NSEC3' : 'NSEC';
    return { status: 'secure', denial, kind };
  }

  /**
   * Judges a negative reply for qname/qtype: the SOA and the proofs must come from the zone that
   * holds the name (for NXDOMAIN and DS, the zone of its parent side).
   */
  async negative(qname: string, qtype: number, reply: Message): Promise<Step> {
    const nxdomain = reply.rcode === RCODE.NXDOMAIN;
    const what = `${nxdomain ? 'NXDOMAIN' : 'NODATA'} for ${qname} ${typeName(qtype)}`;
    const place = nxdomain && qname !== '.' ? await this.place(parentName(qname)) : await this.placeRrset(qname, qtype);
    if (place.status !== 'secure') return { status: place.status, reason: place.reason };
    const zone = place.zone;
    this.zonesUsed.add(zone.toLowerCase());
    for (const soa of rrsets(reply.authority.filter((r) => r.type === TYPE.SOA))) {
      if (!namesEqual(soa[0].name, zone))
        return { status: 'bogus', reason: `${what} carries the SOA of ${soa[0].name}, but ${qname} is in ${zone}` };
      const step = await this.rrsetIn(soa, reply.authority, zone);
      if (step.status !== 'secure') return step;
    }
    const proof = await this.denialIn(qname, qtype, reply, zone);
    if (proof.status !== 'secure') return proof;
    if (proof.denial.what === 'insecureDelegation')
      return {
        status: 'insecure',
        reason: `${qname} is an unsigned delegation (no DS, proved by ${proofName(proof)})`,
      };
    return { status: 'secure', reason: `${what} proved by ${proof.kind}` };
  }
}

/** How the absence of a DS was proved, for reasons. */
function proofName(proof: { denial: Denial; kind: string }): string {
  return proof.denial.proven === true && proof.denial.what === 'insecureDelegation' && proof.denial.optOut
    ? 'an NSEC3 opt-out span'
    : proof.kind;
}

/** A failed step as a placement (an insecure step below a signed zone is insecure from `at` down). */
function placementOf(step: Failure, at: string): Placement {
  if (step.status === 'insecure') return { status: 'insecure', at, reason: step.reason };
  return { status: step.status, reason: step.reason };
}

function isStrictAncestor(ancestor: string, name: string): boolean {
  return isSubdomain(name, ancestor) && !namesEqual(name, ancestor);
}
