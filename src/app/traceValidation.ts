/**
 * +trace +validate: the DNSSEC state of each delegation the trace crossed and the verdict on its
 * final reply. The validator (src/dnssec) does the proving; its DS and DNSKEY questions go to the
 * authoritative servers the trace found, so no resolver is involved.
 */
import { RCODE, TYPE } from '../wire/rrtypes.js';
import { checkSignature, validateReply } from '../dnssec/validate.js';
import { readDs, readRrsig } from '../dnssec/rrsig.js';
import {
  DEFAULT_VALIDATION_LIMITS,
  type CutDnssec,
  type DnssecFetch,
  type TraceValidation,
  type TrustAnchor,
  type Validation,
} from '../dnssec/types.js';
import type { TraceQueryPlan } from '../plan/queryPlan.js';
import { isFinalOutcome } from '../resolve/classify.js';
import { knownCuts } from '../resolve/knownCuts.js';
import { iterator } from '../resolve/trace.js';
import type { TraceCache } from '../resolve/traceCache.js';
import type { Hop, TraceDeps, TraceResult, TraceSettings } from '../resolve/traceTypes.js';
import type { Exchange, QueryFn } from '../resolve/types.js';
import { validatorSettings } from './validation.js';
import { pacedWalk } from './walkSettings.js';
import { namesEqual } from '../wire/name.js';
import type { Message, ResourceRecord } from '../wire/types.js';
import { monotonicMs } from '../system/clock.js';

/** What the walks below a trace need from the world: the network, a clock, and (in tests) the hedge timers. */
export type WalkDeps = Pick<TraceDeps, 'query' | 'now' | 'timers'>;

/**
 * A DnssecFetch that asks the trace's authoritative servers (RD clear, DO and CD set), each
 * question once: the validator's walks for every cut and for the answer share the replies. A zone
 * the trace did not visit (the target of a CNAME, say) is reached by walking down from the nearest
 * one it did, with the trace's own walk (`settings`: how it asks, on which port and family), so a
 * referral, glue or lame server is judged there as the trace judges it.
 * With a batch's cache, the DS and DNSKEY replies an earlier trace got are used within their TTLs.
 */
export function traceServerFetch(
  result: TraceResult,
  settings: TraceSettings,
  deps: WalkDeps,
  shared?: TraceCache,
): DnssecFetch {
  // The walks start from the zones the trace found, never from the hints.
  const walkDown = iterator(settings, { ...deps, rootHints: [] }, knownCuts(result));
  const ask = (name: string, type: number): Promise<Message> => walkDown({ name, type, class: result.request.class });
  const cache = new Map<string, Promise<Message>>();
  return (name, type) => {
    const key = `${name.toLowerCase()} ${type}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = shared ? shared.keyReply(name, type, () => ask(name, type)) : ask(name, type);
      cache.set(key, pending);
    }
    return pending;
  };
}

/** The referral's DS RRset (with its RRSIGs) as an answer, and its NSEC/NSEC3 proofs, so the validator can judge it as a DS reply. */
function dsReplyOf(referral: Message, child: string): Message {
  const covers = (rr: ResourceRecord, type: number): boolean => readRrsig(rr)?.typeCovered === type;
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
    const sig = readRrsig(rr);
    if (sig && checkSignature(dsSet, sig, keys, now) === undefined) return { signer: sig.signer, keyTag: sig.keyTag };
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
      .map(readDs)
      .find((d) => d !== undefined && d.keyTag === link.ds[0].keyTag && d.digestType === link.ds[0].digestType);
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

/** A hop that got a reply. */
type AnsweredHop = Hop & { exchange: Exchange };

function answered(hop: Hop | undefined): hop is AnsweredHop {
  return hop?.exchange !== undefined;
}

/** The hop whose reply is the trace's final answer (answer, CNAME, NXDOMAIN, NODATA or YXDOMAIN), if it got one. */
function finalHop(result: TraceResult): AnsweredHop | undefined {
  const last = result.hops[result.hops.length - 1];
  return answered(last) && isFinalOutcome(last.outcome) ? last : undefined;
}

/** The verdict on one authoritative reply; a reply that ends at a CNAME out of its zone is judged on that CNAME. */
async function judgeHop(
  hop: AnsweredHop,
  fetch: DnssecFetch,
  anchors: readonly TrustAnchor[],
  now: number,
): Promise<Validation> {
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
  const earlier = result.hops.filter(
    (hop): hop is AnsweredHop => hop !== last && answered(hop) && hop.outcome.kind === 'cname',
  );
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

/** The trace's own walk, asking as the validator asks (DO and CD set): how the questions below a trace are walked. */
export function validatorWalk(settings: TraceSettings): TraceSettings {
  return { ...settings, exchange: validatorSettings(settings.exchange, false), follow: false };
}

/** +validate for a finished trace: asks the trace's servers, judges each cut and the final reply. */
export function runTraceValidation(
  result: TraceResult,
  plan: TraceQueryPlan,
  query: QueryFn,
  anchors: readonly TrustAnchor[],
  now = Date.now(),
  shared?: TraceCache,
): Promise<TraceValidation> {
  const fetch = traceServerFetch(result, validatorWalk(pacedWalk(plan.settings)), { query, now: monotonicMs }, shared);
  return validateTraceWithEvidence(result, fetch, anchors, Math.floor(now / 1000));
}
