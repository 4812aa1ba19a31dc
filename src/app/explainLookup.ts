/**
 * +explain's work after a lookup: when it failed (SERVFAIL, NXDOMAIN, no reply, REFUSED, a bogus
 * verdict), trace the name from the root hints (never through a resolver), validate the trace, and
 * try over TCP the servers that were silent over UDP; the culprit is then a pure function of it all.
 */
import type { TrustAnchor, Validation } from '../dnssec/types.js';
import { lookupSide } from '../explain/failure.js';
import type { ExplainData, TcpProbe, ZoneProbe } from '../explain/types.js';
import { isMalformed, isTimeout } from '../errors.js';
import { classifyReply, isFinalOutcome } from '../resolve/classify.js';
import { escapeText } from '../wire/escape.js';
import { namesEqual } from '../wire/name.js';
import { rdataAddress } from '../wire/rdata/rdata.js';
import { rcodeName } from '../wire/rrtypes.js';
import type { Message, Question } from '../wire/types.js';
import { trace } from '../resolve/trace.js';
import type { Hop, RootHint, ServerAttempt, TraceResult, TraceSettings } from '../resolve/traceTypes.js';
import type { LookupResult, QueryFn } from '../resolve/types.js';
import type { Endpoint } from '../transport/types.js';
import { traceServerFetch, validateTraceWithEvidence, validatorWalk } from './traceValidation.js';

/** What +explain needs from the outside world. */
export interface ExplainDeps {
  query: QueryFn;
  /** Milliseconds, for the trace's timings. */
  now(): number;
  /** Seconds since the epoch, for the validator. */
  epochSeconds(): number;
  rootHints: RootHint[];
  anchors: readonly TrustAnchor[];
}

/** The first hop where every server was silent over UDP. */
function silentHop(result: TraceResult): Hop | undefined {
  const silent = new Set(['timeout', 'networkError', 'connectionRefused']);
  return result.hops.find(
    (hop) =>
      hop.outcome.kind === 'allFailed' &&
      hop.servers.length > 0 &&
      hop.servers.every((attempt) => silent.has(attempt.outcome) || attempt.outcome === 'abandoned'),
  );
}

/** Each server of a zone silent over UDP, asked once over TCP. */
async function tcpProbes(result: TraceResult, settings: TraceSettings, deps: ExplainDeps): Promise<TcpProbe[]> {
  const hop = silentHop(result);
  if (!hop) return [];
  const exchange = { ...settings.exchange, rd: false, tcp: true, tries: 1 };
  return Promise.all(
    hop.servers.map(async (attempt) => {
      const endpoint = { address: attempt.address, port: attempt.port };
      const answered = await deps.query(endpoint, hop.question, exchange).then(
        () => true,
        () => false,
      );
      return { zone: hop.zone, name: attempt.name, address: attempt.address, port: attempt.port, answered };
    }),
  );
}

/** The name servers of the zone that ended the trace, from the referral to it (glue, or the addresses looked up). */
function zoneServers(result: TraceResult, hop: Hop): Array<{ name: string; address: string; port: number }> {
  const port = hop.servers[0]?.port ?? 53;
  const referral = result.hops
    .map((h) => h.outcome)
    .find((outcome) => outcome.kind === 'referral' && namesEqual(outcome.zone, hop.zone));
  if (referral?.kind !== 'referral') return [];
  const glue = referral.glue.flatMap((rr) => {
    const address = rdataAddress(rr.rdata);
    return address ? [{ name: rr.name, address, port }] : [];
  });
  const looked = hop.glueLookups.flatMap((g) => g.addresses.map((address) => ({ name: g.name, address, port })));
  return [...glue, ...looked];
}

/** What one server's reply to the hop's question means, as a trace attempt would record it. */
function attemptOf(zone: string, question: Question, reply: Message): Pick<ServerAttempt, 'outcome' | 'error'> {
  const outcome = classifyReply(question, zone, reply);
  switch (outcome.kind) {
    case 'lame':
      return { outcome: 'lame', error: `lame (${outcome.reason})` };
    case 'badReferral':
      return { outcome: 'lame', error: `lame (a referral ${outcome.direction === 'upward' ? 'upward' : 'to itself'})` };
    case 'refused':
      return { outcome: 'refused', error: 'REFUSED' };
    case 'servfail':
      return { outcome: 'servfail', error: 'SERVFAIL' };
    case 'otherRcode':
      return { outcome: 'rcode', error: rcodeName(outcome.rcode) };
    case 'misbehaving':
      return { outcome: 'misbehaving', error: `misbehaving (${outcome.reason})` };
    default:
      return { outcome: 'accepted' };
  }
}

/** Every other server of the zone that answered the trace, asked the same question once (RD clear). */
async function zoneProbe(
  result: TraceResult,
  settings: TraceSettings,
  deps: ExplainDeps,
): Promise<ZoneProbe | undefined> {
  const hop = result.hops[result.hops.length - 1];
  if (!hop?.exchange || hop.zone === '.' || !isFinalOutcome(hop.outcome)) return undefined;
  const asked = hop.servers.filter((attempt) => attempt.outcome !== 'abandoned');
  const others = zoneServers(result, hop).filter(
    (server, i, all) =>
      !asked.some((a) => a.address === server.address) && all.findIndex((s) => s.address === server.address) === i,
  );
  const exchange = { ...settings.exchange, rd: false, tries: 1 };
  const probed = await Promise.all(
    others.map(async (server): Promise<ServerAttempt> => {
      const started = deps.now();
      const base = { name: server.name, address: server.address, port: server.port, hedged: false };
      try {
        const reply = await deps.query({ address: server.address, port: server.port }, hop.question, exchange);
        return { ...base, rttMs: reply.rttMs, ...attemptOf(hop.zone, hop.question, reply.response) };
      } catch (error) {
        const rttMs = deps.now() - started;
        if (isTimeout(error)) return { ...base, rttMs, outcome: 'timeout', error: 'timed out' };
        if (isMalformed(error)) return { ...base, rttMs, outcome: 'badPacket', error: 'malformed reply' };
        return {
          ...base,
          rttMs,
          outcome: 'networkError',
          error: escapeText(error instanceof Error ? error.message : String(error)),
        };
      }
    }),
  );
  return { zone: hop.zone, servers: [...asked, ...probed] };
}

/** Gathers what the culprit is judged from; nothing is sent when the lookup did not fail. */
export async function explainLookup(
  result: LookupResult,
  verdict: Validation | undefined,
  settings: TraceSettings,
  deps: ExplainDeps,
  asked?: Endpoint,
): Promise<ExplainData> {
  const lookup = lookupSide(result, verdict, asked);
  if (!lookup.failure) return { lookup, tcpProbes: [] };
  const { name, type, class: klass } = result.question;
  const walk = await trace({ name, type, class: klass }, { ...settings, startServers: [] }, deps);
  const fetch = traceServerFetch(walk, validatorWalk(settings), deps);
  const dnssec = await validateTraceWithEvidence(walk, fetch, deps.anchors, deps.epochSeconds());
  const [probes, zone] = await Promise.all([tcpProbes(walk, settings, deps), zoneProbe(walk, settings, deps)]);
  return { lookup, trace: walk, dnssec, tcpProbes: probes, ...(zone && { zoneProbe: zone }) };
}
