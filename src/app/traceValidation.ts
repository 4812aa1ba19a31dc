/**
 * +trace +validate: the DNSSEC state of each delegation the trace crossed and the verdict on its
 * final reply. The validator (src/dnssec) does the proving; its DS and DNSKEY questions go to the
 * authoritative servers the trace found, so no resolver is involved.
 */
import { RCODE, TYPE } from '../wire/rrtypes.js';
import { checkSignature, validateReply } from '../dnssec/validate.js';
import { parseDs, parseRrsig } from '../dnssec/rrsig.js';
import { targetOf } from '../dnssec/records.js';
import {
  DEFAULT_VALIDATION_LIMITS,
  type CutDnssec,
  type DnssecFetch,
  type TraceValidation,
  type TrustAnchor,
  type Validation,
} from '../dnssec/types.js';
import { ExchangeError } from '../errors.js';
import type { Hop, TraceResult } from '../resolve/traceTypes.js';
import type { ExchangeSettings, QueryFn } from '../resolve/types.js';
import type { Endpoint } from '../transport/types.js';
import type { PlannedQuery } from '../plan/plan.js';
import { validatorSettings } from './validation.js';
import { isSubdomain, labelCount, namesEqual } from '../wire/name.js';
import type { Message, ResourceRecord } from '../wire/types.js';

/** Referrals followed for one validator question below the zones the trace visited. */
const MAX_REFERRALS = 8;

/** The authoritative servers the trace asked, per zone: the one that answered first, then the others. */
export function zoneServers(result: TraceResult): Map<string, Endpoint[]> {
  const servers = new Map<string, Endpoint[]>();
  for (const hop of result.hops) {
    // The first hop may be the start server (a resolver asked for the root NS set): not authoritative.
    if (hop.outcome.kind === 'rootServers') continue;
    const key = hop.zone.toLowerCase();
    const list = servers.get(key) ?? [];
    const ordered = [...hop.servers].sort(
      (a, b) => Number(b.outcome === 'accepted') - Number(a.outcome === 'accepted'),
    );
    for (const s of ordered) {
      if (!list.some((e) => e.address === s.address && e.port === s.port))
        list.push({ address: s.address, port: s.port, name: s.name });
    }
    servers.set(key, list);
  }
  return servers;
}

/** The zone whose servers answer `name`/`type`: the deepest zone of the trace above it (strictly above for DS, which the parent holds). */
export function zoneFor(zones: readonly string[], name: string, type: number): string | undefined {
  const above = zones.filter((z) => isSubdomain(name, z) && (type !== TYPE.DS || !namesEqual(name, z) || z === '.'));
  return above.sort((a, b) => labelCount(b) - labelCount(a))[0];
}

/**
 * A DnssecFetch that asks the trace's authoritative servers (RD clear, DO and CD set), each
 * question once: the validator's walks for every cut and for the answer share the replies.
 */
export function traceServerFetch(result: TraceResult, query: QueryFn, settings: ExchangeSettings): DnssecFetch {
  const servers = zoneServers(result);
  const klass = result.request.class;
  const cache = new Map<string, Promise<Message>>();
  const askZone = async (zone: string, name: string, type: number): Promise<Message> => {
    let last: unknown;
    for (const server of servers.get(zone) ?? []) {
      try {
        return (await query(server, { name, type, class: klass }, settings)).response;
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        last = error;
      }
    }
    throw last instanceof Error ? last : new Error(`no server of ${zone} could be reached`);
  };
  const ask = async (name: string, type: number): Promise<Message> => {
    // A zone the trace did not visit (the target of a CNAME, say) is reached by the referrals of the nearest one it did.
    for (let step = 0; step < MAX_REFERRALS; step++) {
      const zone = zoneFor([...servers.keys()], name, type);
      if (zone === undefined) throw new Error(`the trace found no servers for ${name}`);
      const reply = await askZone(zone, name, type);
      const cut = referralFrom(reply, zone, name);
      if (!cut) return reply;
      const port = servers.get(zone)?.[0]?.port ?? 53;
      const glue = gluedServers(reply, cut, port);
      if (glue.length === 0) throw new Error(`the referral to ${cut} for ${name} has no usable glue`);
      servers.set(cut.toLowerCase(), glue);
    }
    throw new Error(`more than ${MAX_REFERRALS} referrals for ${name}`);
  };
  return (name, type) => {
    const key = `${name.toLowerCase()} ${type}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = ask(name, type);
      cache.set(key, pending);
    }
    return pending;
  };
}

/** The child zone a non-authoritative reply refers to, when it is a referral further down toward `name`. */
function referralFrom(reply: Message, zone: string, name: string): string | undefined {
  if (reply.rcode !== RCODE.NOERROR || reply.aa || reply.answer.length > 0) return undefined;
  const ns = reply.authority.find((r) => r.type === TYPE.NS);
  if (!ns || namesEqual(ns.name, zone) || !isSubdomain(ns.name, zone) || !isSubdomain(name, ns.name)) return undefined;
  return ns.name.toLowerCase();
}

/** The in-bailiwick glue of a referral to `cut`, as endpoints on the referring server's port. */
function gluedServers(reply: Message, cut: string, port: number): Endpoint[] {
  const names = reply.authority.filter((r) => r.type === TYPE.NS && namesEqual(r.name, cut)).map((r) => targetOf(r));
  return reply.additional
    .filter(
      (r) =>
        (r.type === TYPE.A || r.type === TYPE.AAAA) &&
        isSubdomain(r.name, cut) &&
        names.some((n) => namesEqual(n, r.name)),
    )
    .map((r) => ({ address: r.data, port, name: r.name }));
}

/** The referral's DS RRset (with its RRSIGs) as an answer, and its NSEC/NSEC3 proofs, so the validator can judge it as a DS reply. */
function dsReplyOf(referral: Message, child: string): Message {
  const covers = (rr: ResourceRecord, type: number): boolean => {
    try {
      return parseRrsig(rr.rdata).typeCovered === type;
    } catch {
      return false;
    }
  };
  const answer = referral.authority.filter(
    (r) => namesEqual(r.name, child) && (r.type === TYPE.DS || (r.type === TYPE.RRSIG && covers(r, TYPE.DS))),
  );
  const proofs = referral.authority.filter(
    (r) =>
      r.type === TYPE.NSEC ||
      r.type === TYPE.NSEC3 ||
      (r.type === TYPE.RRSIG && (covers(r, TYPE.NSEC) || covers(r, TYPE.NSEC3))),
  );
  return { ...referral, rcode: RCODE.NOERROR, aa: true, answer, authority: proofs, additional: [] };
}

/** The RRSIG over the DS RRset that verifies with the parent's keys (already proved by the walk that judged the DS set). */
async function verifiedDsSignature(
  dsSet: ResourceRecord[],
  signatures: ResourceRecord[],
  parent: string,
  fetch: DnssecFetch,
  now: number,
): Promise<CutDnssec['dsSignature']> {
  const keys = (await fetch(parent, TYPE.DNSKEY)).answer.filter(
    (r) => r.type === TYPE.DNSKEY && namesEqual(r.name, parent),
  );
  for (const rr of signatures) {
    const sig = parseRrsig(rr.rdata);
    if (checkSignature(dsSet, sig, keys, now) === undefined) return { signer: sig.signer, keyTag: sig.keyTag };
  }
  return undefined;
}

/** The DNSSEC state of the delegation a referral hop hands out. */
export async function cutState(
  hop: Hop,
  fetch: DnssecFetch,
  anchors: readonly TrustAnchor[],
  now: number,
): Promise<CutDnssec | undefined> {
  if (hop.outcome.kind !== 'referral' || !hop.exchange) return undefined;
  const child = hop.outcome.zone;
  const dsReply = dsReplyOf(hop.exchange.response, child);
  const dsCheck = await validateReply(child, TYPE.DS, dsReply, fetch, anchors, now, DEFAULT_VALIDATION_LIMITS);
  if (dsCheck.status === 'insecure') {
    // Below an unsigned delegation the child is unsigned because its ancestor is, whatever its own DS.
    const above = dsCheck.chain.find((link) => link.unsigned && !namesEqual(link.zone, child));
    const cut: CutDnssec = { zone: child, status: 'unsigned', reason: dsCheck.reason };
    if (above) cut.unsignedAt = above.zone;
    return cut;
  }
  if (dsCheck.status !== 'secure')
    return { zone: child, status: dsCheck.status, reason: `DS of ${child}: ${dsCheck.reason}` };
  if (dsReply.answer.every((r) => r.type !== TYPE.DS))
    return { zone: child, status: 'unsigned', reason: dsCheck.reason };
  let keyCheck: Validation;
  try {
    keyCheck = await validateReply(
      child,
      TYPE.DNSKEY,
      await fetch(child, TYPE.DNSKEY),
      fetch,
      anchors,
      now,
      DEFAULT_VALIDATION_LIMITS,
    );
  } catch (error) {
    return {
      zone: child,
      status: 'indeterminate',
      reason: `${child} DNSKEY could not be fetched: ${(error as Error).message}`,
    };
  }
  if (keyCheck.status === 'insecure') return { zone: child, status: 'unsigned', reason: keyCheck.reason };
  if (keyCheck.status !== 'secure')
    return { zone: child, status: keyCheck.status, reason: `DNSKEY of ${child}: ${keyCheck.reason}` };
  const link = keyCheck.chain.find((l) => namesEqual(l.zone, child));
  const dsSet = dsReply.answer.filter((r) => r.type === TYPE.DS);
  const matched =
    link?.ds[0] &&
    dsSet
      .map((r) => parseDs(r.rdata))
      .find((d) => d.keyTag === link.ds[0].keyTag && d.digestType === link.ds[0].digestType);
  const signature = await verifiedDsSignature(
    dsSet,
    dsReply.answer.filter((r) => r.type === TYPE.RRSIG),
    hop.zone,
    fetch,
    now,
  );
  const cut: CutDnssec = { zone: child, status: 'signed', reason: keyCheck.reason };
  if (matched) cut.ds = { keyTag: matched.keyTag, algorithm: matched.algorithm, digestType: matched.digestType };
  if (signature) cut.dsSignature = signature;
  return cut;
}

/** The hop whose reply is the trace's final answer (answer, CNAME, NXDOMAIN or NODATA), if it got one. */
function finalHop(result: TraceResult): Hop | undefined {
  const last = result.hops[result.hops.length - 1];
  const finals = ['answer', 'cname', 'nxdomain', 'nodata'];
  return last?.exchange && finals.includes(last.outcome.kind) ? last : undefined;
}

/** The verdict on one authoritative reply; a reply that ends at a CNAME out of its zone is judged on that CNAME. */
async function judgeHop(
  hop: Hop,
  fetch: DnssecFetch,
  anchors: readonly TrustAnchor[],
  now: number,
): Promise<Validation> {
  if (!hop.exchange) return { status: 'indeterminate', reason: 'no reply to judge', chain: [], queries: 0 };
  // Records outside the zone asked were set aside by the trace (RFC 2181 5.4.1): the verdict is on what it took.
  const ignored = hop.ignoredRecords ?? [];
  const received = hop.exchange.response;
  const reply =
    ignored.length === 0 ? received : { ...received, answer: received.answer.filter((rr) => !ignored.includes(rr)) };
  if (hop.outcome.kind !== 'cname' || hop.outcome.chain.length === 0) {
    return validateReply(hop.question.name, hop.question.type, reply, fetch, anchors, now, DEFAULT_VALIDATION_LIMITS);
  }
  const owner = hop.outcome.chain[hop.outcome.chain.length - 1].name;
  const verdict = await validateReply(owner, TYPE.CNAME, reply, fetch, anchors, now, DEFAULT_VALIDATION_LIMITS);
  return {
    ...verdict,
    note: `the trace's reply ends at the CNAME to ${hop.outcome.target}: this verdict is on that CNAME`,
  };
}

const RANK: Readonly<Record<Validation['status'], number>> = { bogus: 0, indeterminate: 1, insecure: 2, secure: 3 };

/** Judges every delegation of the trace and its final reply (and, with +follow, each CNAME on the way); `now` in seconds since the epoch. */
export async function validateTrace(
  result: TraceResult,
  fetch: DnssecFetch,
  anchors: readonly TrustAnchor[],
  now: number,
): Promise<TraceValidation> {
  const cuts: Array<CutDnssec | undefined> = [];
  for (const hop of result.hops) cuts.push(await cutState(hop, fetch, anchors, now));
  const last = finalHop(result);
  // A trace that stopped on a limit (the CNAME chain's, say) did not reach the answer it was asked for.
  if (last && result.error)
    return {
      cuts,
      validation: {
        status: 'indeterminate',
        reason: `the trace stopped before the answer (${result.error.message}): nothing it reached answers the question`,
        chain: [],
        queries: 0,
      },
    };
  if (!last)
    return {
      cuts,
      validation: {
        status: 'indeterminate',
        reason: 'the trace ended without an authoritative reply to validate',
        chain: [],
        queries: 0,
      },
    };
  // The CNAMEs +follow went through are part of the answer: the weakest verdict stands.
  const earlier = result.hops.filter((hop) => hop !== last && hop.exchange && hop.outcome.kind === 'cname');
  let validation = await judgeHop(last, fetch, anchors, now);
  for (const hop of earlier) {
    const verdict = await judgeHop(hop, fetch, anchors, now);
    if (RANK[verdict.status] < RANK[validation.status]) validation = verdict;
  }
  return { cuts, validation };
}

/** validateTrace, keeping the replies the validator got (as evidence for a picture of the chain). */
export async function validateTraceWithEvidence(
  result: TraceResult,
  fetch: DnssecFetch,
  anchors: readonly TrustAnchor[],
  now: number,
): Promise<TraceValidation> {
  const replies = new Map<string, Message>();
  const recorded: DnssecFetch = async (name, type) => {
    const reply = await fetch(name, type);
    replies.set(`${name.toLowerCase()} ${type}`, reply);
    return reply;
  };
  return { ...(await validateTrace(result, recorded, anchors, now)), evidence: { now, replies } };
}

/** +validate for a finished trace: asks the trace's servers, judges each cut and the final reply. */
export function runTraceValidation(
  result: TraceResult,
  plan: PlannedQuery,
  query: QueryFn,
  anchors: readonly TrustAnchor[],
  now = Date.now(),
): Promise<TraceValidation> {
  const fetch = traceServerFetch(result, query, validatorSettings(plan.lookup.settings, false));
  return validateTraceWithEvidence(result, fetch, anchors, Math.floor(now / 1000));
}
