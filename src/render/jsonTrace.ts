/**
 * The --json document of a +trace: the envelope of a lookup document, with a `hops` array (per hop: the zone, the
 * servers tried with their outcome and RTT, the reply message and what it meant) and the final outcome.
 */
import type { GlueLookup, Hop, HopOutcome, ServerAttempt, TraceResult } from '../resolve/traceTypes.js';
import type { CutDnssec, TraceValidation, Validation } from '../dnssec/types.js';
import type { ResourceRecord } from '../wire/types.js';
import type { Graph } from './graph/model.js';
import { rcodeName } from '../wire/rrtypes.js';
import {
  messageJson,
  questionJson,
  recordJson,
  type MessageJson,
  type QuestionJson,
  type RecordJson,
} from './jsonMessage.js';
import {
  JSON_SCHEMA_VERSION,
  queryJson,
  roundMs,
  serverJson,
  type ErrorJson,
  type JsonMeta,
  type QueryJson,
  type ServerJson,
} from './json.js';

/** A hop's outcome in JSON: the classifier's verdict with records as RFC 8427 records. */
export type OutcomeJson = { kind: string } & Record<string, unknown>;

/** One server asked during a hop. */
export interface AttemptJson {
  name: string;
  address: string;
  port: number;
  outcome: ServerAttempt['outcome'];
  rttMs: number;
  hedged: boolean;
  error?: string;
  /** The answer of a reply not used for want of the aa flag. */
  answer?: RecordJson[];
}

/** One hop in JSON. */
export interface HopJson {
  zone: string;
  question: QuestionJson;
  servers: AttemptJson[];
  /** The server whose reply the hop used, and that reply. */
  answeredBy?: ServerJson;
  rttMs?: number;
  message?: MessageJson;
  outcome: OutcomeJson;
  glueLookups: GlueLookup[];
  ignoredGlue: RecordJson[];
  /** Answer records outside the zone asked, neither used nor followed. */
  ignoredRecords?: RecordJson[];
  notes: string[];
  /** With +validate, for a referral: the DNSSEC state of the delegation. */
  dnssec?: CutDnssec;
  /** Served from the batch's cache: nothing was sent; answeredBy and message are the server and the (scrubbed) reply that taught it. */
  cached?: true;
}

/** The document for one +trace. `status` is the RCODE name of the last reply, or ERROR when the trace failed. */
export interface TraceDocument {
  tsdig: string;
  schema: number;
  kind: 'trace';
  query: QueryJson;
  status: string;
  timing: { totalMs: number };
  queries: number;
  queriesByServer: Record<string, number>;
  hops: HopJson[];
  final: OutcomeJson | null;
  error?: ErrorJson;
  /** With +validate: the verdict on the final reply. */
  validation?: Validation;
  /** With --graph: the picture as data (zones, nodes, edges, verdict). */
  graph?: Graph;
}

const records = (list: readonly ResourceRecord[]): RecordJson[] => list.map(recordJson);

/** A hop outcome as JSON; every kind keeps its own members, records become RFC 8427 records. */
export function outcomeJson(outcome: HopOutcome): OutcomeJson {
  switch (outcome.kind) {
    case 'answer':
      return {
        kind: outcome.kind,
        name: outcome.name,
        records: records(outcome.records),
        chain: records(outcome.chain),
      };
    case 'cname':
      return { kind: outcome.kind, target: outcome.target, chain: records(outcome.chain) };
    case 'referral':
      return {
        kind: outcome.kind,
        zone: outcome.zone,
        nsNames: outcome.nsNames,
        glue: records(outcome.glue),
        ignoredGlue: records(outcome.ignoredGlue),
      };
    case 'nxdomain':
    case 'nodata':
      return {
        kind: outcome.kind,
        name: outcome.name,
        chain: records(outcome.chain),
        ...(outcome.soa && { soa: recordJson(outcome.soa) }),
      };
    case 'yxdomain':
      return {
        kind: outcome.kind,
        name: outcome.name,
        dname: recordJson(outcome.dname),
        octets: outcome.octets,
        chain: records(outcome.chain),
        ...(outcome.soa && { soa: recordJson(outcome.soa) }),
      };
    case 'otherRcode':
      return { kind: outcome.kind, rcode: outcome.rcode, rcodeName: rcodeName(outcome.rcode) };
    case 'rootServers':
      return {
        kind: outcome.kind,
        source: outcome.source,
        servers: outcome.servers.map((s) => ({ name: s.name, addresses: s.addresses })),
      };
    default:
      // lame {reason}, misbehaving {reason}, badReferral {zone, direction}, refused, servfail, allFailed {message}, limit {code, message}:
      // plain strings only, copied as they are.
      return { ...outcome };
  }
}

function attemptJson(attempt: ServerAttempt): AttemptJson {
  const out: AttemptJson = {
    name: attempt.name,
    address: attempt.address,
    port: attempt.port,
    outcome: attempt.outcome,
    rttMs: roundMs(attempt.rttMs),
    hedged: attempt.hedged,
  };
  if (attempt.error !== undefined) out.error = attempt.error;
  if (attempt.answer) out.answer = records(attempt.answer);
  return out;
}

/** One hop as JSON. */
export function hopJson(hop: Hop, dnssec?: CutDnssec): HopJson {
  const exchange = hop.exchange;
  const out: HopJson = {
    zone: hop.zone,
    question: questionJson(hop.question),
    servers: hop.servers.map(attemptJson),
    ...(exchange && {
      answeredBy: serverJson(exchange.server, exchange.protocol),
      ...(!hop.cached && { rttMs: roundMs(exchange.rttMs) }),
      message: messageJson(exchange.response),
    }),
    outcome: outcomeJson(hop.outcome),
    glueLookups: hop.glueLookups.map((g) => ({ ...g, addresses: [...g.addresses] })),
    ignoredGlue: records(hop.ignoredGlue),
    notes: hop.notes,
  };
  if (hop.ignoredRecords) out.ignoredRecords = records(hop.ignoredRecords);
  if (dnssec) out.dnssec = dnssec;
  if (hop.cached) out.cached = true;
  return out;
}

/** The document for one trace, complete or failed. */
export function traceDocument(trace: TraceResult, meta: JsonMeta, dnssec?: TraceValidation): TraceDocument {
  const lastReply = [...trace.hops].reverse().find((hop) => hop.exchange)?.exchange;
  const { request } = trace;
  const doc: TraceDocument = {
    tsdig: meta.version,
    schema: JSON_SCHEMA_VERSION,
    kind: 'trace',
    query: queryJson({ name: request.name, type: request.type, class: request.class }),
    status: trace.error || !lastReply ? 'ERROR' : rcodeName(lastReply.response.rcode),
    timing: { totalMs: roundMs(trace.totalMs) },
    queries: trace.queries,
    queriesByServer: trace.queriesByServer,
    hops: trace.hops.map((hop, i) => hopJson(hop, dnssec?.cuts[i])),
    final: trace.final && outcomeJson(trace.final),
  };
  if (trace.error) doc.error = { code: trace.error.code, message: trace.error.message };
  if (dnssec) doc.validation = dnssec.validation;
  return doc;
}
