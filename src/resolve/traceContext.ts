/** The state one trace shares across its hops and glue lookups, and the query budget it enforces. */
import type { Failure } from '../errors.js';
import type { Candidate } from './hedge.js';
import { endpointText } from './exchange.js';
import type { NameServer, TraceDeps, TraceSettings } from './traceTypes.js';

/** State shared by the whole trace, glue lookups included. */
export interface TraceContext {
  settings: TraceSettings;
  deps: TraceDeps;
  queries: number;
  queriesByServer: Record<string, number>;
  /** Name-server addresses found so far, by lower-cased name. */
  addresses: Map<string, string[]>;
  /** Zone cuts learned from referrals (with glue), by lower-cased zone; lets glue lookups skip the upper hops. */
  cuts: Map<string, NameServer[]>;
  rootServers: NameServer[];
  /** Set once the query limit is hit: every later step stops. */
  limitHit?: Failure;
  /** What the query budget is spent on, for the limit's message: a whole trace, or one question of an iterator. */
  budget: 'in one trace' | 'for one question';
  /** Servers (`ADDR#PORT`) that refused a query for carrying EDNS: asked without it from then on. */
  ednsless: Set<string>;
}

/** A fresh context for one trace (or, `budget` 'for one question', for an iterator's). */
export function newTraceContext(
  settings: TraceSettings,
  deps: TraceDeps,
  budget: TraceContext['budget'] = 'in one trace',
): TraceContext {
  return {
    settings,
    deps,
    budget,
    queries: 0,
    queriesByServer: {},
    addresses: new Map(),
    cuts: new Map(),
    rootServers: [],
    ednsless: new Set(),
  };
}

/** Whether an address may be used under -4 / -6. */
export function familyAllows(address: string, family: 4 | 6 | null): boolean {
  return family === null || (family === 6) === address.includes(':');
}

/**
 * The context for one more question of an iterator: the cuts, addresses and servers the earlier
 * questions learned, shared, and a query budget of its own, so a question that spent its budget
 * (many glueless referrals, say) leaves the next one whole.
 */
export function questionContext(ctx: TraceContext): TraceContext {
  const { limitHit: _spent, ...learned } = ctx;
  return { ...learned, queries: 0, queriesByServer: {} };
}

/** Counts a query against the limit; false (and a trace-wide stop) once the limit is reached. */
export function takeQuery(ctx: TraceContext, candidate: Candidate): boolean {
  if (ctx.limitHit) return false;
  const max = ctx.settings.limits.maxQueries;
  if (ctx.queries >= max) {
    ctx.limitHit = { code: 'trace.limit.queries', message: `query limit reached: ${max} queries ${ctx.budget}` };
    return false;
  }
  ctx.queries++;
  const server = endpointText(candidate);
  ctx.queriesByServer[server] = (ctx.queriesByServer[server] ?? 0) + 1;
  return true;
}
