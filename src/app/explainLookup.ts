/**
 * +explain's work after a lookup: when it failed (SERVFAIL, NXDOMAIN, no reply, REFUSED, a bogus
 * verdict), trace the name from the root hints (never through a resolver), validate the trace, and
 * try over TCP the servers that were silent over UDP; the culprit is then a pure function of it all.
 */
import type { TrustAnchor, Validation } from '../dnssec/types.js';
import { lookupSide } from '../explain/failure.js';
import type { ExplainData, TcpProbe } from '../explain/types.js';
import { trace } from '../resolve/trace.js';
import type { Hop, RootHint, TraceResult, TraceSettings } from '../resolve/traceTypes.js';
import type { LookupResult, QueryFn } from '../resolve/types.js';
import type { Endpoint } from '../transport/types.js';
import { traceServerFetch, validateTraceWithEvidence } from './traceValidation.js';
import { validatorSettings } from './validation.js';

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
  const silent = new Set(['timeout', 'networkError']);
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
  const fetch = traceServerFetch(walk, deps.query, validatorSettings(settings.exchange, false));
  const dnssec = await validateTraceWithEvidence(walk, fetch, deps.anchors, deps.epochSeconds());
  return { lookup, trace: walk, dnssec, tcpProbes: await tcpProbes(walk, settings, deps) };
}
