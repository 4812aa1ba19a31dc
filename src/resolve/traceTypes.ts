/** The data of a +trace: what is asked, the knobs, each hop as it happened, and how it ended. */
import type { ErrorCode, Failure } from '../errors.js';
import type { Question, ResourceRecord } from '../wire/types.js';
import type { Endpoint } from '../transport/types.js';
import type { Exchange, ExchangeSettings, QueryFn } from './types.js';
import type { Outcome } from './classify.js';
import type { TraceCache } from './traceCache.js';

/** The name to trace (absolute), its type and class. */
export interface TraceRequest {
  name: string;
  type: number;
  class: number;
}

/** Bounds that end a trace (or one glue lookup) with a message naming the limit. */
export interface TraceLimits {
  /** Zone cuts followed for one name. */
  maxReferrals: number;
  /** Nested glueless name-server lookups (BIND uses 7). */
  maxGluelessDepth: number;
  /** Queries sent in the whole trace, glue lookups included (for an iterator: for each question). */
  maxQueries: number;
  /** CNAMEs followed with `follow`. */
  maxCnameChain: number;
}

/** Defaults close to what recursive resolvers use. */
export const DEFAULT_TRACE_LIMITS: Readonly<TraceLimits> = Object.freeze({
  maxReferrals: 30,
  maxGluelessDepth: 7,
  maxQueries: 200,
  maxCnameChain: 16,
});

/** Everything the trace needs to know besides the question. */
export interface TraceSettings {
  /** Knobs for every query; `rd` is overridden (RD=1 for the first hop, RD=0 after). `dnssec` is on by default in trace. */
  exchange: ExchangeSettings;
  /** Port for every query sent to a name server learned during the trace (-p). */
  port: number;
  /** -4 / -6: only addresses of this family are used. */
  family: 4 | 6 | null;
  /** Continue with the target of a CNAME from the root (+follow). */
  follow: boolean;
  /**
   * Servers asked for the root NS set (RD=1) as the first hop: the @server or the resolv.conf servers.
   * Absent or empty: start straight from the root hints (as with --root-hints FILE).
   */
  startServers?: Endpoint[];
  /** Where the root hints came from, for the first hop's note. */
  rootHintsSource: 'builtin' | 'file';
  /** How long to wait for a server before asking the next one of the same zone in parallel. */
  hedgeDelayMs: number;
  limits: TraceLimits;
}

/** One root server from named.root (or --root-hints FILE). */
export interface RootHint {
  name: string;
  addresses: string[];
}

/** The timer functions a wait is scheduled with; tests pass a fake clock's so that no test sleeps. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/** What the trace needs from the outside world; tests pass a fake network and clock. */
export interface TraceDeps {
  query: QueryFn;
  /** Milliseconds, monotonic enough for durations. */
  now(): number;
  /** The hedge delay's timers; absent: the real ones. */
  timers?: Timers;
  /** Called once per hop of the traced name, as soon as the hop is over (hops of glue lookups are not reported). */
  onHop?(hop: Hop): void;
  rootHints: RootHint[];
  /** What earlier traces of the same batch learned (referrals, root servers, addresses); absent: every hop is asked. */
  cache?: TraceCache;
}

/** How one server of a hop fared. */
export type AttemptOutcome =
  /** Its reply was the one the hop used. */
  | 'accepted'
  | 'timeout'
  | 'connectionRefused'
  | 'networkError'
  | 'badPacket'
  | 'refused'
  | 'servfail'
  | 'lame'
  /** Its reply broke the protocol in a way no honest server does (a YXDOMAIN without its DNAME, say). */
  | 'misbehaving'
  | 'rcode'
  /** Still silent when another server's reply was accepted; its query was cancelled. */
  | 'abandoned';

/** One server asked during a hop. */
export interface ServerAttempt {
  /** The name server's name (absolute) or, for a start server, what the user typed. */
  name: string;
  address: string;
  port: number;
  outcome: AttemptOutcome;
  rttMs: number;
  /** One line (already escaped) on what went wrong. */
  error?: string;
  /** True when this server was slow and the next one was asked in parallel. */
  hedged: boolean;
  /** The answer records of a reply that was not used because the aa flag was not set: shown, not trusted. */
  answer?: ResourceRecord[];
}

/** A name server's addresses that had to be found by a separate iteration (no usable glue). */
export interface GlueLookup {
  name: string;
  addresses: string[];
  queries: number;
  /** Why no address was found (one line), and its stable code (e.g. trace.limit.glueDepth). */
  error?: string;
  code?: ErrorCode;
}

/** The end of a hop: a classified reply, or a hop-level failure. */
export type HopOutcome =
  | Outcome
  /** The first hop: the root NS set from the start server, or from the hints. */
  | { kind: 'rootServers'; source: 'startServer' | 'builtin' | 'file'; servers: NameServer[] }
  /** No server of the zone gave a usable reply. */
  | { kind: 'allFailed'; message: string }
  /** A limit ended the trace during this hop. */
  | ({ kind: 'limit' } & Failure);

/** A name server and the addresses known for it (empty when they must be looked up). */
export interface NameServer {
  name: string;
  addresses: string[];
}

/** One step of the trace: the zone asked, the servers tried, the reply used and what it meant. */
export interface Hop {
  /** The zone whose servers were asked ('.' for the first hop). */
  zone: string;
  question: Question;
  servers: ServerAttempt[];
  /** The accepted reply, when there is one. */
  exchange?: Exchange;
  outcome: HopOutcome;
  /** Name servers found without glue by a separate iteration during this hop. */
  glueLookups: GlueLookup[];
  /** Glue records the trace did not trust (outside the delegated zone, or for names not in the NS set). */
  ignoredGlue: ResourceRecord[];
  /** Answer records outside the zone asked, which the trace neither used nor followed (RFC 2181 section 5.4.1). */
  ignoredRecords?: ResourceRecord[];
  /** Extra facts for the reader, one line each, already escaped. */
  notes: string[];
  /**
   * The hop was served from the batch's cache (an earlier trace learned it); nothing was sent.
   * `exchange` is then the reply that taught it, scrubbed to what its server may say.
   */
  cached?: true;
}

/** How a whole trace went. */
export interface TraceResult {
  request: TraceRequest;
  hops: Hop[];
  /** The outcome of the last hop (the answer, NXDOMAIN, NODATA, YXDOMAIN, CNAME, or the failure). */
  final: HopOutcome | null;
  /** Present when the trace did not reach an authoritative answer: stable code and one human line. */
  error?: Failure;
  totalMs: number;
  /** Queries sent, glue lookups included. */
  queries: number;
  /** Queries per server address (`ADDR#PORT`), for the curious and for tests. */
  queriesByServer: Record<string, number>;
}
