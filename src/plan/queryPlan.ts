/**
 * A planned query: one variant per mode, each carrying what its runner needs and nothing of the
 * command line itself.
 */
import type { Expectation, FailCondition } from '../cli/assertOptions.js';
import type { DisplayFlags, QuerySettings } from '../cli/types.js';
import type { CompareTarget } from '../compare/types.js';
import type { LookupPlan } from '../resolve/lookup.js';
import type { NsSearchSettings } from '../resolve/nssearch.js';
import type { ExchangeSettings } from '../resolve/types.js';
import type { TraceRequest, TraceSettings } from '../resolve/traceTypes.js';
import type { TransferPlan } from '../resolve/transfer.js';
import type { Question } from '../wire/types.js';
import type { Endpoint } from '../transport/types.js';

/** What every mode shows about a query, whatever it does. */
export interface PlanDisplay {
  /** dig's display switches (+short, +nocmd, +multiline, ...). */
  display: DisplayFlags;
  /** Name shown in `;; SERVER: ADDR#PORT(NAME)`: the @server as typed, else the address. */
  serverLabel?: string;
  /** Number of addresses @server stood for (dig's `; (N servers found)`); undefined without @server. */
  serversFound?: number;
  /** The words of the batch line this query is the first of: the command header shows them (dig -f). */
  banner?: readonly string[];
}

/** +validate: which trust anchors judge the answer, and how the validator iterates when the server cannot supply the chain. */
export interface ValidatePlan {
  /** --trust-anchor FILE; undefined: the built-in root keys. */
  anchorFile?: string;
  /** -p and -4/-6 for the name servers the iteration finds. */
  port: number;
  family: 4 | 6 | null;
  /** --root-hints FILE gave the root servers (the iteration's first hop says so). */
  hintsFromFile: boolean;
}

/** +expect, +expect-has, +fail-on: what the answer must be, and the replies that fail the query. */
export interface AssertionsPlan {
  expect?: Expectation;
  failOn?: FailCondition[];
}

/** A lookup: the question (or its search-list names) to the servers in turn. */
export interface LookupQueryPlan extends PlanDisplay {
  mode: 'lookup';
  lookup: LookupPlan;
  validate?: ValidatePlan;
  assertions?: AssertionsPlan;
}

/** +types: the lookup asked once for each type, at once (its candidates' type replaced). */
export interface TypesQueryPlan extends PlanDisplay {
  mode: 'types';
  lookup: LookupPlan;
  types: number[];
}

/** +watch: the lookup asked again every `seconds`, printing only what changed. */
export interface WatchQueryPlan extends PlanDisplay {
  mode: 'watch';
  lookup: LookupPlan;
  watch: NonNullable<QuerySettings['watch']>;
}

/** +trace: iteration from the root. */
export interface TraceQueryPlan extends PlanDisplay {
  mode: 'trace';
  request: TraceRequest;
  settings: PlannedWalk;
  /** The @server or resolv.conf servers, named in the JSON document even when --root-hints starts the trace. */
  servers: Endpoint[];
  validate?: ValidatePlan;
}

/** A zone transfer: AXFR, or IXFR over TCP. */
export interface TransferQueryPlan extends PlanDisplay {
  mode: 'transfer';
  transfer: TransferPlan;
}

/** +nssearch: the NS set from the resolver (`lookup`), then each name server asked for the SOA. */
export interface NsSearchQueryPlan extends PlanDisplay {
  mode: 'nssearch';
  lookup: LookupPlan;
  nssearch: NsSearchSettings;
}

/** A walk from the root as planned: where it starts and how it asks; the runner adds its hedge delay and limits. */
export type PlannedWalk = Omit<TraceSettings, 'hedgeDelayMs' | 'limits'>;

/** +compare: one question to several servers at once, their answers compared. */
export interface CompareQueryPlan extends PlanDisplay {
  mode: 'compare';
  question: Question;
  /** The servers to ask: every address of every @server (or of resolv.conf's); empty with +allns. */
  targets: CompareTarget[];
  /** How each server is asked: one try each unless +tries says otherwise. */
  exchange: ExchangeSettings;
  /** +allns: how the zone's servers are found by iteration from the root (the hints, never a resolver). */
  allns?: PlannedWalk;
}

/**
 * +compare +watch: the comparison made again every `seconds`, printing only what changed. With +allns
 * the zone's servers are found once, at the start (see the runner for why).
 */
export interface WatchCompareQueryPlan extends Omit<CompareQueryPlan, 'mode'> {
  mode: 'watchCompare';
  watch: NonNullable<QuerySettings['watch']>;
}

/** +explain: a lookup; when it fails, the trace from the root with validation, and the culprit named. */
export interface ExplainQueryPlan extends PlanDisplay {
  mode: 'explain';
  lookup: LookupPlan;
  /** +validate: the lookup's answer is judged too (a bogus verdict is explained). */
  validate?: ValidatePlan;
  /** How the trace walks: from the root hints (builtin or --root-hints), DNSSEC records asked for. */
  trace: PlannedWalk;
  /** --trust-anchor FILE for the trace's validation; undefined: the built-in root keys. */
  anchorFile?: string;
}

/** +check: the delegation of the zone that holds `name`, walked from the root and every server probed. */
export interface CheckQueryPlan extends PlanDisplay {
  mode: 'check';
  /** The name typed (absolute). */
  name: string;
  /** Where the walk starts and which servers it may use; the runner adds the check's own queries, hedge delay and limits. */
  walk: Omit<PlannedWalk, 'exchange'>;
  /** The one timeout of every query, in milliseconds. */
  timeoutMs: number;
  /** -b: the source address every query is sent from. */
  source?: ExchangeSettings['source'];
}

/** Every mode and its plan. A new mode is a row here, a runner file in app/runners/ and a row in their table. */
export interface PlanByMode {
  lookup: LookupQueryPlan;
  trace: TraceQueryPlan;
  transfer: TransferQueryPlan;
  nssearch: NsSearchQueryPlan;
  types: TypesQueryPlan;
  watch: WatchQueryPlan;
  compare: CompareQueryPlan;
  watchCompare: WatchCompareQueryPlan;
  explain: ExplainQueryPlan;
  check: CheckQueryPlan;
}

/** The modes a query can run in. */
export type Mode = keyof PlanByMode;

/** One query ready to run, in whichever mode. */
export type QueryPlan = PlanByMode[Mode];
