/**
 * +trace: iterative resolution from the root, one hop per zone cut, driven by a QueryFn so the
 * same code runs against the network and against a fake one in tests.
 */
import { type Failure, TsdigError } from '../errors.js';
import type { Message, Question, ResourceRecord } from '../wire/types.js';
import { CLASS, RRType, rcodeName } from '../wire/rrtypes.js';
import { isSubdomain, namesEqual, parentName } from '../wire/name.js';
import { rdataAddress } from '../wire/rdata/rdata.js';
import { classifyReply, cnameTarget, isFinalOutcome, isUsableOutcome, type Outcome } from './classify.js';
import { glueAddresses } from './bailiwick.js';
import { askHedged, type Candidate, type Verdict } from './hedge.js';
import { primeRootServers, ROOT_NS } from './tracePriming.js';
import type { CachedHop, TraceCache } from './traceCache.js';
import { hopQuery } from './traceQuery.js';
import type { Exchange } from './types.js';
import { familyAllows, newTraceContext, questionContext, takeQuery, type TraceContext } from './traceContext.js';
import type {
  GlueLookup,
  Hop,
  HopOutcome,
  NameServer,
  TraceDeps,
  TraceRequest,
  TraceResult,
  TraceSettings,
} from './traceTypes.js';

/**
 * Where a walk sits: how deep in nested glue lookups, which name-server names it is looking up
 * (to catch loops), and whether its result is still wanted (a hop that already has its reply
 * stops the glue lookups it started).
 */
interface Branch {
  depth: number;
  path: string[];
  alive: () => boolean;
}

/** The branch of the traced name itself. */
const MAIN_BRANCH: Branch = { depth: 0, path: [], alive: () => true };

/** A resolution of one name (no CNAME following across restarts): its hops and how it ended. */
interface Walk {
  hops: Hop[];
  last: Hop;
}

const key = (name: string): string => name.toLowerCase();

/** Reads a zone server's reply: usable outcomes end the hop, the others send us to the next server. */
function judgeZoneReply(question: Question, zone: string): (exchange: Exchange) => Verdict<Outcome> {
  return (exchange) => {
    const outcome = classifyReply(question, zone, exchange.response);
    if (isUsableOutcome(outcome)) return { usable: true, value: outcome };
    switch (outcome.kind) {
      case 'refused':
        return { usable: false, outcome: 'refused', error: 'REFUSED' };
      case 'servfail':
        return { usable: false, outcome: 'servfail', error: 'SERVFAIL' };
      case 'misbehaving':
        return { usable: false, outcome: 'misbehaving', error: `misbehaving (${outcome.reason})` };
      case 'lame': {
        // A lame server's answer is shown (marked not authoritative) before the next server is asked.
        const answer = exchange.response.answer;
        const shown = answer.length > 0 ? { answer } : {};
        return { usable: false, outcome: 'lame', error: `lame (${outcome.reason})`, ...shown };
      }
      default:
        return { usable: false, outcome: 'rcode', error: rcodeName(exchange.response.rcode) };
    }
  };
}

/**
 * The servers of a zone in the order they are tried: glued IPv4, glued IPv6, then the names without
 * usable glue, looked up one at a time only when the earlier ones have failed.
 */
function candidateSource(
  ctx: TraceContext,
  hop: Hop,
  servers: NameServer[],
  branch: Branch,
): () => Promise<Candidate | undefined> {
  const { family, port } = ctx.settings;
  const usable = (ns: NameServer): string[] => ns.addresses.filter((a) => familyAllows(a, family));
  const queue: Candidate[] = [];
  for (const v6 of [false, true]) {
    for (const ns of servers) {
      for (const address of usable(ns)) if (address.includes(':') === v6) queue.push({ name: ns.name, address, port });
    }
  }
  const glueless = servers.filter((ns) => usable(ns).length === 0);
  return async () => {
    while (queue.length === 0 && !ctx.limitHit && branch.alive()) {
      const ns = glueless.shift();
      if (!ns) break;
      // Only the zone's own servers could tell where a name inside the zone is: without glue it cannot be reached.
      const lookup: GlueLookup =
        isSubdomain(ns.name, hop.zone) && hop.zone !== '.'
          ? {
              name: ns.name,
              addresses: [],
              queries: 0,
              error: `in-zone name server without glue`,
              code: 'trace.glue.missing',
            }
          : await lookupAddresses(ctx, ns.name, branch);
      if (!branch.alive()) break;
      if (lookup.queries > 0 || lookup.error) hop.glueLookups.push(lookup);
      for (const address of lookup.addresses) queue.push({ name: ns.name, address, port });
    }
    return queue.shift();
  };
}

/** What a hop that got no usable reply ends with: a limit if one was hit, else "all servers failed". */
function failedHopOutcome(ctx: TraceContext, hop: Hop, zone: string): HopOutcome {
  if (ctx.limitHit) return { kind: 'limit', ...ctx.limitHit };
  // A depth limit deep inside a glue lookup is the real reason the zone could not be reached.
  const depthLimit = hop.glueLookups.find((g) => g.code === 'trace.limit.glueDepth')?.error;
  if (depthLimit !== undefined) return { kind: 'limit', code: 'trace.limit.glueDepth', message: depthLimit };
  if (hop.servers.length === 0) {
    const why = hop.glueLookups.filter((g) => g.error).map((g) => `${g.name}: ${g.error}`);
    const detail = why.length > 0 ? ` (${why.join('; ')})` : '';
    return { kind: 'allFailed', message: `no usable address for any name server of ${zone}${detail}` };
  }
  const reasons = hop.servers.map((s) => `${s.name} (${s.address}) ${s.error ?? s.outcome}`).join('; ');
  return { kind: 'allFailed', message: `all servers of ${zone} failed: ${reasons}` };
}

/** Asks the servers of `zone` the question (RD=0, hedged) and returns the hop. */
async function askZone(
  ctx: TraceContext,
  zone: string,
  servers: NameServer[],
  question: Question,
  branch: Branch,
): Promise<Hop> {
  const hop: Hop = {
    zone,
    question,
    servers: [],
    outcome: { kind: 'allFailed', message: '' },
    glueLookups: [],
    ignoredGlue: [],
    notes: [],
  };
  let settled = false;
  const hopBranch: Branch = { ...branch, alive: () => !settled && branch.alive() };
  const result = await askHedged<Outcome>({
    question,
    settings: { ...ctx.settings.exchange, rd: false },
    hedgeDelayMs: ctx.settings.hedgeDelayMs,
    query: hopQuery(ctx, hop),
    now: ctx.deps.now,
    timers: ctx.deps.timers,
    next: candidateSource(ctx, hop, servers, hopBranch),
    judge: judgeZoneReply(question, zone),
    mayQuery: (candidate) => branch.alive() && takeQuery(ctx, candidate),
  });
  settled = true;
  hop.servers = result.attempts;
  if (!result.accepted) {
    hop.outcome = failedHopOutcome(ctx, hop, zone);
    return hop;
  }
  hop.exchange = result.accepted.exchange;
  hop.outcome = result.accepted.value;
  if (hop.outcome.kind === 'referral') hop.ignoredGlue = hop.outcome.ignoredGlue;
  readingNotes(hop, zone);
  return hop;
}

/** What the classifier set aside (out-of-zone records) or made up (CNAMEs from a DNAME), put on the hop. */
function readingNotes(hop: Hop, zone: string): void {
  const reading = 'reading' in hop.outcome ? hop.outcome.reading : undefined;
  if (!reading) return;
  if (reading.outOfZone.length > 0) hop.ignoredRecords = reading.outOfZone;
  for (const cname of reading.synthesized) {
    hop.notes.push(
      `synthesized ${cname.name} CNAME ${cnameTarget(cname)} from a DNAME in ${zone} (the reply had no CNAME)`,
    );
  }
}

/** A hop served from the batch's cache for `question`: the cut (or root NS set) an earlier trace learned. */
function cachedHop(entry: CachedHop, question: Question): Hop {
  return {
    zone: entry.zone,
    question,
    servers: [],
    exchange: entry.exchange,
    outcome: entry.outcome,
    glueLookups: [],
    ignoredGlue: [],
    notes: [],
    cached: true,
  };
}

/**
 * A hop with the batch's cache: served from it when an earlier trace learned the referral, else asked
 * (and a referral kept). The trace itself waits for another's ask toward the same child in flight,
 * as a resolver holds a query already on its way; a glue lookup never waits (it runs inside an ask
 * in flight, and two of those waiting on each other would never end).
 */
async function askZoneOrCache(
  ctx: TraceContext,
  cache: TraceCache,
  zone: string,
  servers: NameServer[],
  question: Question,
  branch: Branch,
): Promise<Hop> {
  const inFlight = branch.depth === 0 ? cache.referralLanded(zone, question.name) : undefined;
  if (inFlight) await inFlight;
  const cached = cache.referral(zone, question.name, question.type);
  if (cached) return cachedHop(cached, question);
  const land = cache.askInFlight(zone, question.name);
  try {
    const hop = await askZone(ctx, zone, servers, question, branch);
    cache.storeReferral(zone, hop);
    return hop;
  } finally {
    land?.();
  }
}

/** The name servers of a referral, with the glue addresses the trace trusts. */
function referralServers(outcome: Extract<Outcome, { kind: 'referral' }>): NameServer[] {
  return outcome.nsNames.map((name) => ({ name, addresses: glueAddresses(name, outcome.glue) }));
}

/**
 * Walks zone cuts from `zone` down for one question; every hop but the last is passed to `emit`
 * as soon as it is over (the caller may add notes to the last one first).
 */
async function walk(
  ctx: TraceContext,
  question: Question,
  zone: string,
  servers: NameServer[],
  branch: Branch,
  emit: (hop: Hop) => void,
): Promise<Walk> {
  const hops: Hop[] = [];
  let referrals = 0;
  const cache = ctx.deps.cache;
  for (;;) {
    const hop = cache
      ? await askZoneOrCache(ctx, cache, zone, servers, question, branch)
      : await askZone(ctx, zone, servers, question, branch);
    hops.push(hop);
    const outcome = hop.outcome;
    if (outcome.kind !== 'referral') return { hops, last: hop };
    referrals++;
    if (referrals > ctx.settings.limits.maxReferrals) {
      const max = ctx.settings.limits.maxReferrals;
      hop.notes.push(`referral limit reached: ${max} zone cuts`);
      return { hops, last: hop };
    }
    emit(hop);
    zone = outcome.zone;
    servers = referralServers(outcome);
    ctx.cuts.set(key(zone), servers);
  }
}

/** The error a finished walk ends the trace with, if any. */
function walkError(ctx: TraceContext, last: Hop): Failure | undefined {
  const outcome = last.outcome;
  switch (outcome.kind) {
    case 'referral':
      return {
        code: 'trace.limit.referrals',
        message: `referral limit reached: ${ctx.settings.limits.maxReferrals} zone cuts`,
      };
    case 'badReferral': {
      const how = outcome.direction === 'upward' ? 'upward, to an ancestor of' : 'to the same zone as';
      return {
        code: 'trace.badReferral',
        message: `BAD REFERRAL: a server of ${last.zone} referred ${how} the zone asked (${outcome.zone})`,
      };
    }
    case 'allFailed':
      return { code: 'trace.allServersFailed', message: outcome.message };
    case 'limit':
      return { code: outcome.code, message: outcome.message };
    default:
      return undefined;
  }
}

/** The closest zone cut above `name` whose servers are known, or the root. */
function closestCut(ctx: TraceContext, name: string): { zone: string; servers: NameServer[] } {
  for (let zone = name; zone !== '.'; zone = parentName(zone)) {
    const servers = ctx.cuts.get(key(zone));
    if (servers?.some((ns) => ns.addresses.length > 0)) return { zone, servers };
  }
  return { zone: '.', servers: ctx.rootServers };
}

/** Resolves a name server's address records by iteration (quietly: its hops are not shown), following CNAMEs. */
async function resolveQuietly(
  ctx: TraceContext,
  question: Question,
  branch: Branch,
): Promise<{ addresses: string[]; ttl?: number; error?: Failure }> {
  let path = [question.name];
  for (let cnames = 0; cnames <= ctx.settings.limits.maxCnameChain; cnames++) {
    const cut = closestCut(ctx, question.name);
    const { last } = await walk(ctx, question, cut.zone, cut.servers, branch, () => {});
    const outcome = last.outcome;
    if (outcome.kind === 'answer')
      return {
        addresses: outcome.records.map((rr) => rdataAddress(rr.rdata)).filter((address) => address !== undefined),
        ttl: Math.min(...outcome.records.map((rr) => rr.ttl), ...outcome.chain.map((rr) => rr.ttl)),
      };
    if (outcome.kind !== 'cname')
      return {
        addresses: [],
        error: walkError(ctx, last) ?? {
          code: 'trace.glue.none',
          message: `${question.name} has no ${question.type === RRType.A ? 'A' : 'AAAA'} record (${outcome.kind})`,
        },
      };
    const followed = followChain(path, outcome.chain);
    if (followed.loop) return { addresses: [], error: followed.loop };
    path = followed.path;
    question = { ...question, name: outcome.target };
  }
  return {
    addresses: [],
    error: { code: 'trace.limit.cname', message: `CNAME chain limit reached: ${ctx.settings.limits.maxCnameChain}` },
  };
}

/** Finds the addresses of a name server without usable glue, with the trace-wide cache and the depth limit. */
async function lookupAddresses(ctx: TraceContext, name: string, branch: Branch): Promise<GlueLookup> {
  const cached = ctx.addresses.get(key(name)) ?? ctx.deps.cache?.addresses(name);
  if (cached) return { name, addresses: cached, queries: 0 };
  if (branch.path.includes(key(name)))
    return {
      name,
      addresses: [],
      queries: 0,
      error: `glueless loop: looking up ${name} needs ${name} itself`,
      code: 'trace.glue.loop',
    };
  const maxDepth = ctx.settings.limits.maxGluelessDepth;
  if (branch.depth >= maxDepth) {
    return {
      name,
      addresses: [],
      queries: 0,
      error: `glueless name server depth limit reached: ${maxDepth} nested lookups`,
      code: 'trace.limit.glueDepth',
    };
  }
  const before = ctx.queries;
  const family = ctx.settings.family;
  const types = family === 6 ? [RRType.AAAA] : family === 4 ? [RRType.A] : [RRType.A, RRType.AAAA];
  const addresses: string[] = [];
  let ttl = Number.POSITIVE_INFINITY;
  let error: Failure | undefined;
  for (const type of types) {
    const found = await resolveQuietly(
      ctx,
      { name, type, class: CLASS.IN },
      { depth: branch.depth + 1, path: [...branch.path, key(name)], alive: branch.alive },
    );
    addresses.push(...found.addresses);
    if (found.ttl !== undefined) ttl = Math.min(ttl, found.ttl);
    error = found.error?.code.startsWith('trace.limit') ? found.error : (error ?? found.error);
    if (addresses.length > 0 || ctx.limitHit || !branch.alive()) break;
  }
  if (addresses.length > 0) {
    ctx.addresses.set(key(name), addresses);
    if (Number.isFinite(ttl)) ctx.deps.cache?.storeAddresses(name, addresses, ttl);
    return { name, addresses, queries: ctx.queries - before };
  }
  return {
    name,
    addresses,
    queries: ctx.queries - before,
    error: error?.message ?? `no address found for ${name}`,
    code: error?.code,
  };
}

/**
 * The names a resolution went through, extended by a CNAME outcome's chain; and the loop, as soon as a
 * name comes back (`CNAME loop: a -> b -> c -> a`), instead of spending the CNAME limit on it.
 */
function followChain(path: readonly string[], chain: readonly ResourceRecord[]): { path: string[]; loop?: Failure } {
  const names = [...path];
  for (const link of chain) {
    const next = cnameTarget(link);
    const first = names.findIndex((name) => namesEqual(name, next));
    names.push(next);
    if (first >= 0)
      return {
        path: names,
        loop: { code: 'trace.cname.loop', message: `CNAME loop: ${names.slice(first).join(' -> ')}` },
      };
  }
  return { path: names };
}

/** The note on a CNAME the trace ends with, its target's data left unasked. */
function notFollowedNote(target: string): string {
  return `the CNAME to ${target} is not followed (+follow traces it from the root)`;
}

/** Follow-up note for a CNAME that the trace is about to follow. */
function followNote(target: string): string {
  return `following the CNAME to ${target} from the root`;
}

/** What a root NS set from the start servers depends on: the servers asked and the address family. */
function startServersKey(settings: TraceSettings): string {
  const servers = (settings.startServers ?? []).map((server) => `${server.address}#${server.port}`);
  return `${servers.join(' ')} -${settings.family ?? 0}`;
}

/** The first hop with the batch's cache: the root NS set the start servers gave an earlier trace, or asked (and kept). */
async function primeOrCache(ctx: TraceContext, cache: TraceCache): Promise<Hop> {
  const startKey = startServersKey(ctx.settings);
  const inFlight = cache.rootServersLanded(startKey);
  if (inFlight) await inFlight;
  const primed = cache.rootServers(startKey);
  if (primed) return cachedHop(primed, ROOT_NS);
  const land = cache.primingInFlight(startKey);
  try {
    const hop = await primeRootServers(ctx);
    cache.storeRootServers(startKey, hop);
    return hop;
  } finally {
    land?.();
  }
}

/**
 * Traces `request` from the root: the first hop asks the start server for the root NS set (RD=1),
 * then every zone cut is walked with RD=0 until an authoritative answer, NXDOMAIN, NODATA or YXDOMAIN, a
 * CNAME (followed from the root with `settings.follow`), or a failure that names its cause.
 */
export async function trace(request: TraceRequest, settings: TraceSettings, deps: TraceDeps): Promise<TraceResult> {
  const started = deps.now();
  const ctx = newTraceContext(settings, deps);
  const hops: Hop[] = [];
  const emit = (hop: Hop): void => {
    hops.push(hop);
    deps.onHop?.(hop);
  };
  const result = (final: HopOutcome | null, error?: Failure): TraceResult => ({
    request,
    hops,
    final,
    error,
    totalMs: deps.now() - started,
    queries: ctx.queries,
    queriesByServer: ctx.queriesByServer,
  });

  const priming = deps.cache ? await primeOrCache(ctx, deps.cache) : await primeRootServers(ctx);
  emit(priming);
  if (priming.outcome.kind !== 'rootServers') return result(priming.outcome, walkError(ctx, priming));
  ctx.rootServers = priming.outcome.servers;

  let question: Question = { name: request.name, type: request.type, class: request.class };
  let cnames = 0;
  let path = [request.name];
  for (;;) {
    const { last } = await walk(ctx, question, '.', ctx.rootServers, MAIN_BRANCH, emit);
    const outcome = last.outcome;
    const followed = outcome.kind === 'cname' ? followChain(path, outcome.chain) : undefined;
    const error = walkError(ctx, last) ?? followed?.loop;
    if (followed?.loop) last.notes.push(followed.loop.message);
    if (error || outcome.kind !== 'cname' || !settings.follow) {
      if (!error && outcome.kind === 'cname') last.notes.push(notFollowedNote(outcome.target));
      emit(last);
      return result(outcome, error);
    }
    path = followed?.path ?? path;
    cnames += outcome.chain.length;
    if (cnames > settings.limits.maxCnameChain) {
      const limit: Failure = {
        code: 'trace.limit.cname',
        message: `CNAME chain limit reached: ${settings.limits.maxCnameChain}`,
      };
      last.notes.push(limit.message);
      emit(last);
      return result(outcome, limit);
    }
    last.notes.push(followNote(outcome.target));
    emit(last);
    question = { ...question, name: outcome.target };
  }
}

/**
 * Iteration that keeps what it learns (zone cuts, name-server addresses) from one question to the
 * next, and answers each with the reply its walk ended on: +validate's DS and DNSKEY questions go
 * through it, so the referrals, glue and lame servers met on the way are judged as a trace judges
 * them. Each question is walked from the closest cut already known (for DS, the closest above the
 * name, whose servers hold it): from the root hints, or, given `known`, from the servers per zone a
 * trace found, asking nothing above them. Each question has a query budget of its own, as each trace
 * has. A walk that ends without an answer, NXDOMAIN, NODATA, YXDOMAIN or a CNAME throws a TsdigError naming why.
 */
export function iterator(
  settings: TraceSettings,
  deps: TraceDeps,
  known?: ReadonlyMap<string, NameServer[]>,
): (question: Question) => Promise<Message> {
  const ctx = newTraceContext(settings, deps, 'for one question');
  let priming: Promise<Hop> | undefined;
  if (known) {
    for (const [zone, servers] of known) if (zone !== '.') ctx.cuts.set(key(zone), servers);
    ctx.rootServers = known.get('.') ?? [];
  }
  return async (question) => {
    if (!known) {
      priming ??= primeRootServers(ctx).then((hop) => {
        if (hop.outcome.kind === 'rootServers') ctx.rootServers = hop.outcome.servers;
        return hop;
      });
      const primed = await priming;
      if (primed.outcome.kind !== 'rootServers') return iterationReply(ctx, primed);
    }
    const asking = questionContext(ctx);
    const from = question.type === RRType.DS && question.name !== '.' ? parentName(question.name) : question.name;
    const cut = closestCut(asking, from);
    if (!cut.servers.some((ns) => ns.addresses.length > 0))
      throw new TsdigError('trace.allServersFailed', `no name server is known above ${question.name}`);
    const { last } = await walk(asking, question, cut.zone, cut.servers, MAIN_BRANCH, () => {});
    return iterationReply(asking, last);
  };
}

/** The reply a walk ended on, when it answers the question (answer, CNAME, NXDOMAIN, NODATA, YXDOMAIN); else why not, thrown. */
function iterationReply(ctx: TraceContext, last: Hop): Message {
  const error = walkError(ctx, last);
  if (error) throw new TsdigError(error.code, error.message);
  if (last.exchange && isFinalOutcome(last.outcome)) return last.exchange.response;
  throw new TsdigError('trace.allServersFailed', `the walk ended at ${last.zone} without an answer`);
}
