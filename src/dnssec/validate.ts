/**
 * The chain walker: validates a reply's RRsets up to a trust anchor, fetching DNSKEY and DS RRsets
 * through a DnssecFetch (cached per run, with query and depth limits). Pure apart from the fetch.
 */
import { isSubdomain, labelCount, nameToLabels, namesEqual, parentName } from '../wire/name.js';
import { RCODE, rcodeName, typeName, TYPE } from '../wire/rrtypes.js';
import { keyTag } from '../wire/rdata-text.js';
import { signatureTime } from '../wire/rdata-dnssec.js';
import type { Message, ResourceRecord } from '../wire/types.js';
import { signedData } from './canonical.js';
import { dsMatches, SUPPORTED_ALGORITHMS, SUPPORTED_DIGESTS, verifySignature } from './crypto.js';
import { nameCovered, proveDenial } from './denial.js';
import { parseDnskey, parseDs, parseRrsig, type RrsigData } from './rrsig.js';
import type { ChainLink, DnssecFetch, TrustAnchor, Validation, ValidationLimits, ValidationStatus } from './types.js';

/** DNSKEY flags: a zone key (RFC 4034), revoked (RFC 5011). */
const DNSKEY_ZONE = 0x0100;
const DNSKEY_REVOKE = 0x0080;

/** A verdict on one RRset or zone; `keys` are the verified DNSKEY RDATA when secure. */
interface Step {
  status: ValidationStatus;
  reason: string;
  keys?: ResourceRecord[];
}

/** Stops the walk with a verdict (a limit hit, a fetch failed). */
class Stop extends Error {
  constructor(
    readonly status: ValidationStatus,
    reason: string,
  ) {
    super(reason);
  }
}

/** Whether serial time `a` is at or after `b` (RFC 4034 3.1.5: 32-bit serial arithmetic). */
function notBefore(a: number, b: number): boolean {
  return (a - b) >>> 0 < 0x80000000;
}

/** Groups records into RRsets by owner and type, RRSIGs apart, keeping order. */
export function rrsets(records: readonly ResourceRecord[]): ResourceRecord[][] {
  const sets = new Map<string, ResourceRecord[]>();
  for (const rr of records) {
    if (rr.type === TYPE.RRSIG) continue;
    const key = `${rr.name.toLowerCase()} ${rr.type}`;
    sets.set(key, [...(sets.get(key) ?? []), rr]);
  }
  return [...sets.values()];
}

/** The RRSIGs in `records` that cover the RRset of `owner` and `type`. */
function signaturesFor(records: readonly ResourceRecord[], owner: string, type: number): RrsigData[] {
  const out: RrsigData[] = [];
  for (const rr of records) {
    if (rr.type !== TYPE.RRSIG || !namesEqual(rr.name, owner)) continue;
    try {
      const sig = parseRrsig(rr.rdata);
      if (sig.typeCovered === type) out.push(sig);
    } catch {
      // A malformed RRSIG covers nothing.
    }
  }
  return out;
}

function describe(rrset: readonly ResourceRecord[]): string {
  return `${rrset[0].name} ${typeName(rrset[0].type)}`;
}

/** Why one RRSIG does not validate the RRset with these keys, or undefined when it does. */
export function checkSignature(
  rrset: readonly ResourceRecord[],
  sig: RrsigData,
  keys: readonly ResourceRecord[],
  now: number,
): string | undefined {
  const label = `RRSIG ${describe(rrset)} (key ${sig.keyTag}, algorithm ${sig.algorithm})`;
  const owner = rrset[0].name;
  const ownerLabels =
    labelCount(owner) - (nameToLabels(owner)[0]?.length === 1 && nameToLabels(owner)[0][0] === 0x2a ? 1 : 0);
  if (sig.labels > ownerLabels) return `${label}: labels field ${sig.labels} exceeds the owner's ${ownerLabels}`;
  if (!isSubdomain(owner, sig.signer)) return `${label}: signer ${sig.signer} is not above the owner`;
  if (!notBefore(now, sig.inception)) return `${label}: not valid before ${signatureTime(sig.inception)}`;
  if (!notBefore(sig.expiration, now)) return `${label}: expired at ${signatureTime(sig.expiration)}`;
  if (!SUPPORTED_ALGORITHMS.has(sig.algorithm)) return `${label}: unsupported algorithm`;
  // A revoked key (RFC 5011) signs nothing but its own DNSKEY RRset, where it announces the revocation.
  const revokedUsable = rrset[0].type === TYPE.DNSKEY;
  const candidates = keys.filter((k) => {
    const key = parseDnskey(k.rdata);
    const revoked = (key.flags & DNSKEY_REVOKE) !== 0;
    return (
      keyTag(k.rdata) === sig.keyTag &&
      key.algorithm === sig.algorithm &&
      key.protocol === 3 &&
      (key.flags & DNSKEY_ZONE) !== 0 &&
      (!revoked || revokedUsable)
    );
  });
  if (candidates.length === 0) return `${label}: no DNSKEY of ${sig.signer} with that tag and algorithm`;
  const data = signedData(sig, rrset);
  for (const key of candidates) {
    try {
      if (verifySignature(parseDnskey(key.rdata), data, sig.signature)) return undefined;
    } catch (error) {
      return `${label}: ${(error as Error).message}`;
    }
  }
  return `${label}: signature does not verify`;
}

/** One validation run: its cache, counters and the chain it builds. */
class Walk {
  private readonly zoneKeys = new Map<string, Promise<Step>>();
  /** Zones whose keys are being proved: asking for one again is a loop (each step is awaited in turn, so never a race). */
  private readonly proving = new Set<string>();
  private readonly replies = new Map<string, Promise<Message>>();
  readonly links = new Map<string, ChainLink>();
  queries = 0;
  anchorUsed?: { zone: string; keyTag: number };

  constructor(
    private readonly fetchRaw: DnssecFetch,
    private readonly anchors: readonly TrustAnchor[],
    private readonly now: number,
    private readonly limits: ValidationLimits,
  ) {}

  /** A reply, fetched once per run; SERVFAIL and the like stop the walk as indeterminate. */
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

  /** Validates an RRset with the RRSIGs found alongside it. */
  async rrset(rrset: readonly ResourceRecord[], section: readonly ResourceRecord[], depth: number): Promise<Step> {
    const sigs = signaturesFor(section, rrset[0].name, rrset[0].type);
    if (sigs.length === 0) {
      const insecure = await this.insecurity(rrset[0].name, depth + 1);
      if (insecure.status !== 'secure') return insecure;
      return { status: 'bogus', reason: `no RRSIG for ${describe(rrset)}, and ${insecure.reason} is signed` };
    }
    let failure = '';
    for (const sig of sigs) {
      const zone = await this.keysOf(sig.signer, depth + 1);
      if (zone.status !== 'secure') {
        failure ||= zone.reason;
        if (zone.status === 'insecure' || zone.status === 'indeterminate') return zone;
        continue;
      }
      const why = checkSignature(rrset, sig, zone.keys ?? [], this.now);
      if (why === undefined)
        return { status: 'secure', reason: `${describe(rrset)} signed by ${sig.signer} key ${sig.keyTag}` };
      failure = why;
    }
    return { status: 'bogus', reason: failure };
  }

  /** The zone's DNSKEY RRset proved from the trust anchor (cached per zone). */
  keysOf(zone: string, depth: number): Promise<Step> {
    const key = zone.toLowerCase();
    if (this.proving.has(key))
      return Promise.resolve({
        status: 'bogus',
        reason: `the keys of ${zone} depend on themselves (an unsigned DS or DNSKEY set in a signed chain)`,
      });
    let pending = this.zoneKeys.get(key);
    if (!pending) {
      this.proving.add(key);
      pending = this.proveKeys(zone, depth).finally(() => this.proving.delete(key));
      this.zoneKeys.set(key, pending);
    }
    return pending;
  }

  private async proveKeys(zone: string, depth: number): Promise<Step> {
    if (depth > this.limits.maxDepth)
      throw new Stop('indeterminate', `depth limit (${this.limits.maxDepth} zones) reached at ${zone}`);
    const anchor = this.anchorFor(zone);
    if (!anchor) return { status: 'indeterminate', reason: `no trust anchor above ${zone}` };
    if (namesEqual(anchor.zone, zone)) return this.anchoredKeys(zone, anchor);
    const dsReply = await this.fetch(zone, TYPE.DS);
    const dsSet = dsReply.answer.filter((r) => r.type === TYPE.DS && namesEqual(r.name, zone));
    if (dsSet.length === 0) {
      const insecure = await this.insecurity(zone, depth);
      if (insecure.status !== 'secure') return insecure;
      return { status: 'bogus', reason: `no DS for ${zone}, which its parent does not prove unsigned` };
    }
    const dsStep = await this.rrset(dsSet, dsReply.answer, depth);
    if (dsStep.status !== 'secure') return dsStep;
    const usable = dsSet
      .map((r) => parseDs(r.rdata))
      .filter((ds) => SUPPORTED_ALGORITHMS.has(ds.algorithm) && SUPPORTED_DIGESTS.has(ds.digestType));
    // RFC 4035 5.2: a DS set with no algorithm or digest we know is treated as an unsigned delegation.
    if (usable.length === 0)
      return this.unsigned(zone, `the DS records of ${zone} use only unsupported algorithms or digests`);
    const keys = await this.dnskeys(zone);
    const matched = keys.filter((k) =>
      usable.some((ds) => dsMatches(ds, zone, k.rdata, keyTag(k.rdata), parseDnskey(k.rdata).algorithm)),
    );
    if (matched.length === 0)
      return {
        status: 'bogus',
        reason: `no DNSKEY of ${zone} matches its DS (${usable.map((d) => `key ${d.keyTag} digest ${d.digestType}`).join(', ')})`,
      };
    return this.selfSigned(
      zone,
      keys,
      matched,
      (tag) => usable.filter((ds) => ds.keyTag === tag).map((ds) => ({ keyTag: tag, digestType: ds.digestType })),
      false,
    );
  }

  private async dnskeys(zone: string): Promise<ResourceRecord[]> {
    const reply = await this.fetch(zone, TYPE.DNSKEY);
    return reply.answer.filter((r) => r.type === TYPE.DNSKEY && namesEqual(r.name, zone));
  }

  private async anchoredKeys(zone: string, anchor: TrustAnchor): Promise<Step> {
    const keys = await this.dnskeys(zone);
    if (keys.length === 0) return { status: 'bogus', reason: `no DNSKEY for the trust anchor zone ${zone}` };
    const matched = keys.filter((k) => {
      const tag = keyTag(k.rdata);
      const algorithm = parseDnskey(k.rdata).algorithm;
      return (
        anchor.ds.some((ds) => dsMatches(ds, zone, k.rdata, tag, algorithm)) ||
        anchor.dnskeys.some((a) => Buffer.from(a).equals(Buffer.from(k.rdata)))
      );
    });
    if (matched.length === 0) return { status: 'bogus', reason: `no DNSKEY of ${zone} matches the trust anchor` };
    return this.selfSigned(zone, keys, matched, () => [], true);
  }

  /** The DNSKEY RRset must be signed by one of the keys the parent (or anchor) vouches for. */
  private async selfSigned(
    zone: string,
    keys: ResourceRecord[],
    vouched: ResourceRecord[],
    dsOf: (tag: number) => ChainLink['ds'],
    anchor: boolean,
  ): Promise<Step> {
    const reply = await this.fetch(zone, TYPE.DNSKEY);
    const sigs = signaturesFor(reply.answer, zone, TYPE.DNSKEY);
    if (sigs.length === 0) return { status: 'bogus', reason: `no RRSIG for ${zone} DNSKEY` };
    let failure = '';
    for (const sig of sigs) {
      const why = checkSignature(keys, sig, vouched, this.now);
      if (why !== undefined) {
        failure = why;
        continue;
      }
      this.links.set(zone.toLowerCase(), { zone, keys: [sig.keyTag], ds: dsOf(sig.keyTag), anchor });
      if (anchor) this.anchorUsed = { zone, keyTag: sig.keyTag };
      return { status: 'secure', reason: `${zone} DNSKEY signed by key ${sig.keyTag}`, keys };
    }
    return { status: 'bogus', reason: failure };
  }

  private unsigned(zone: string, reason: string): Step {
    this.links.set(zone.toLowerCase(), { zone, keys: [], ds: [], anchor: false, unsigned: true });
    return { status: 'insecure', reason };
  }

  /**
   * Walks DS queries from the trust anchor down to `name`: 'insecure' when some delegation is proved
   * unsigned, 'secure' (reason: the signed zone) when none is, 'bogus' when a proof fails.
   */
  async insecurity(name: string, depth: number): Promise<Step> {
    if (depth > this.limits.maxDepth)
      throw new Stop('indeterminate', `depth limit (${this.limits.maxDepth}) reached proving ${name} unsigned`);
    const anchor = this.anchorFor(name);
    if (!anchor) return { status: 'indeterminate', reason: `no trust anchor above ${name}` };
    let zone = anchor.zone;
    const top = await this.keysOf(zone, depth + 1);
    if (top.status !== 'secure') return top;
    const labels = nameToLabels(name);
    for (let n = labelCount(zone) + 1; n <= labels.length; n++) {
      const child = nameFromDepth(name, n);
      const reply = await this.fetch(child, TYPE.DS);
      const dsSet = reply.answer.filter((r) => r.type === TYPE.DS && namesEqual(r.name, child));
      if (dsSet.length > 0) {
        const keys = await this.keysOf(child, depth + 1);
        if (keys.status !== 'secure') return keys;
        zone = child;
        continue;
      }
      const denial = await this.denial(child, TYPE.DS, reply, zone, depth);
      if (denial.status === 'bogus' || denial.status === 'indeterminate') return denial;
      if (denial.status === 'insecure') return this.unsigned(child, denial.reason);
    }
    return { status: 'secure', reason: zone };
  }

  /**
   * Validates the NSEC/NSEC3 records of a negative reply and what they prove: 'secure' for a
   * proven NXDOMAIN or NODATA, 'insecure' for a proven unsigned delegation.
   */
  async denial(qname: string, qtype: number, reply: Message, zone: string | undefined, depth: number): Promise<Step> {
    const proofs = rrsets(reply.authority.filter((r) => r.type === TYPE.NSEC || r.type === TYPE.NSEC3));
    const nxdomain = reply.rcode === RCODE.NXDOMAIN;
    const what = `${nxdomain ? 'NXDOMAIN' : 'NODATA'} for ${qname} ${typeName(qtype)}`;
    // Asked from the walk down a signed zone: the proof must come signed by that zone.
    if (
      zone !== undefined &&
      (proofs.length === 0 ||
        proofs.some((set) => signaturesFor(reply.authority, set[0].name, set[0].type).length === 0))
    ) {
      return { status: 'bogus', reason: `${what} without signed NSEC or NSEC3 records from the signed zone ${zone}` };
    }
    if (proofs.length === 0) {
      // No proof at all: fine only where an unsigned delegation above explains it.
      const soa = reply.authority.find((r) => r.type === TYPE.SOA);
      const insecure = await this.insecurity(soa ? soa.name : qname, depth + 1);
      if (insecure.status !== 'secure') return insecure;
      return {
        status: 'bogus',
        reason: `${what} without NSEC or NSEC3 records from the signed zone ${insecure.reason}`,
      };
    }
    for (const set of proofs) {
      const step = await this.rrset(set, reply.authority, depth + 1);
      if (step.status !== 'secure') return step;
    }
    const proof = proveDenial(qname, qtype, nxdomain, proofs.flat());
    if (!proof.proven) return { status: 'bogus', reason: `${what} not proven: ${proof.reason}` };
    if (proof.what === 'insecureDelegation') {
      return {
        status: 'insecure',
        reason: `${qname} is an unsigned delegation (no DS, proved by ${proof.optOut ? 'an NSEC3 opt-out span' : proofs[0][0].type === TYPE.NSEC3 ? 'NSEC3' : 'NSEC'})`,
      };
    }
    return { status: 'secure', reason: `${what} proved by ${proofs[0][0].type === TYPE.NSEC3 ? 'NSEC3' : 'NSEC'}` };
  }
}

/** The name made of the last `count` labels of `name`. */
function nameFromDepth(name: string, count: number): string {
  let out = name;
  while (labelCount(out) > count) out = parentName(out);
  return out;
}

function worst(steps: readonly Step[]): Step {
  const order: ValidationStatus[] = ['bogus', 'indeterminate', 'insecure', 'secure'];
  for (const status of order) {
    const found = steps.find((s) => s.status === status);
    if (found) return found;
  }
  return steps[0];
}

/** Validates the RRsets of the answer (following CNAMEs) or the denial, for a reply to qname/qtype. */
async function judge(walk: Walk, qname: string, qtype: number, reply: Message): Promise<Step> {
  if (reply.rcode !== RCODE.NOERROR && reply.rcode !== RCODE.NXDOMAIN)
    return { status: 'indeterminate', reason: `the server replied ${rcodeName(reply.rcode)}` };
  const steps: Step[] = [];
  let name = qname;
  const sets = rrsets(reply.answer);
  for (let hops = 0; hops < 16; hops++) {
    const own = sets.filter((s) => namesEqual(s[0].name, name));
    const wanted = own.find((s) => s[0].type === qtype);
    if (wanted) {
      steps.push(await walk.rrset(wanted, reply.answer, 0));
      steps.push(...(await wildcardProof(walk, wanted, reply)));
      return worst(steps);
    }
    const cname = own.find((s) => s[0].type === TYPE.CNAME);
    if (!cname) break;
    // A server synthesizes an unsigned CNAME from a DNAME (RFC 6672); that substitution is not
    // checked here, so the verdict says so instead of calling a correct answer bogus.
    const dname = sets.find(
      (s) => s[0].type === TYPE.DNAME && !namesEqual(s[0].name, name) && isSubdomain(name, s[0].name),
    );
    if (dname && signaturesFor(reply.answer, name, TYPE.CNAME).length === 0) {
      steps.push({
        status: 'indeterminate',
        reason: `${name} is answered through the DNAME at ${dname[0].name}, whose synthesized CNAME is not validated`,
      });
      return worst(steps);
    }
    steps.push(await walk.rrset(cname, reply.answer, 0));
    steps.push(...(await wildcardProof(walk, cname, reply)));
    name = String(cname[0].fields?.target ?? cname[0].data);
  }
  // The name at the end of the CNAME chain has no RRset of the type: the reply must prove it.
  const denied = await walk.denial(name, qtype, reply, undefined, 0);
  steps.push(denied);
  return worst(steps);
}

/** A wildcard-expanded answer also needs proof that the name itself does not exist (RFC 4035 5.3.4). */
async function wildcardProof(walk: Walk, rrset: ResourceRecord[], reply: Message): Promise<Step[]> {
  const sig = signaturesFor(reply.answer, rrset[0].name, rrset[0].type)[0];
  if (!sig || sig.labels >= labelCount(rrset[0].name)) return [];
  const proofs = rrsets(reply.authority.filter((r) => r.type === TYPE.NSEC || r.type === TYPE.NSEC3));
  if (proofs.length === 0)
    return [
      {
        status: 'bogus',
        reason: `${describe(rrset)} is a wildcard expansion without a proof that the name does not exist`,
      },
    ];
  for (const set of proofs) {
    const step = await walk.rrset(set, reply.authority, 0);
    if (step.status !== 'secure') return [step];
  }
  const nextCloser = nameFromDepth(rrset[0].name, sig.labels + 1);
  if (!nameCovered(nextCloser, proofs.flat()))
    return [
      { status: 'bogus', reason: `wildcard expansion of ${describe(rrset)} not proven: nothing covers ${nextCloser}` },
    ];
  return [];
}

/** Validates `reply` (the answer to qname/qtype) from the trust anchors; `now` in seconds since the epoch. */
export async function validateReply(
  qname: string,
  qtype: number,
  reply: Message,
  fetch: DnssecFetch,
  anchors: readonly TrustAnchor[],
  now: number,
  limits: ValidationLimits,
): Promise<Validation> {
  const walk = new Walk(fetch, anchors, now >>> 0, limits);
  let step: Step;
  try {
    step = await judge(walk, qname, qtype, reply);
  } catch (error) {
    // Records too short to parse (a DNSKEY of two octets, a truncated DS) make the data bogus, not the run fail.
    if (error instanceof RangeError) step = { status: 'bogus', reason: `malformed DNSSEC record: ${error.message}` };
    else if (error instanceof Stop) step = { status: error.status, reason: error.message };
    else throw error;
  }
  const chain = [...walk.links.values()].sort((a, b) => labelCount(a.zone) - labelCount(b.zone));
  const result: Validation = { status: step.status, reason: step.reason, chain, queries: walk.queries };
  if (walk.anchorUsed) result.anchor = walk.anchorUsed;
  return result;
}
