/**
 * +check's collection, the I/O half: walk from the root to the zone that holds the name (tsdig's own
 * iteration, never a resolver), then collect the zone and each cut above it, all cuts at once.
 * What comes back is data; checkReport judges it.
 */
import { trace } from '../resolve/trace.js';
import type { QueryFn } from '../resolve/types.js';
import type { RootHint, Timers, TraceDeps, TraceSettings } from '../resolve/traceTypes.js';
import { CLASS, TYPE } from '../wire/rrtypes.js';
import { collectCut } from './collect/cut.js';
import { checkNetwork } from './collect/network.js';
import { nameResolver } from './collect/resolveName.js';
import { cutPlans, walkData, zoneOf } from './collect/walk.js';
import { baseSettings } from './probes.js';
import type { CheckData } from './types.js';

/** How a check is run. */
export interface CheckSettings {
  /** How the walk and the name-server lookups iterate (start servers, port, family, hedging, limits). */
  trace: TraceSettings;
  /** The one timeout of every probe, in milliseconds. */
  timeoutMs: number;
  /** Queries in flight at once, at most. */
  concurrency: number;
}

/** What the check needs from the world; tests pass a fake network and clocks. */
export interface CheckDeps {
  query: QueryFn;
  /** Milliseconds, monotonic enough for durations. */
  now(): number;
  /** Wall-clock seconds since the epoch (signature validity). */
  clock(): number;
  /** The walk's hedge timers; absent: the real ones. */
  timers?: Timers;
  rootHints: RootHint[];
}

/** Collects everything +check judges about the zone that holds `name` (absolute). */
export async function collectCheck(name: string, settings: CheckSettings, deps: CheckDeps): Promise<CheckData> {
  const started = deps.now();
  const network = checkNetwork(deps.query, settings.concurrency);
  const traceSettings: TraceSettings = { ...settings.trace, follow: false };
  const traceDeps: TraceDeps = { query: network.query, now: deps.now, rootHints: deps.rootHints };
  if (deps.timers) traceDeps.timers = deps.timers;
  const walked = await trace({ name, type: TYPE.SOA, class: CLASS.IN }, traceSettings, traceDeps);
  const walk = walkData(walked);
  const zone = zoneOf(walked);
  const data: CheckData = {
    name,
    walk,
    cuts: [],
    now: Math.floor(deps.clock()),
    timeoutMs: settings.timeoutMs,
    queries: 0,
    totalMs: 0,
  };
  if (zone !== undefined) {
    data.zone = zone;
    const ctx = {
      probe: {
        query: network.query,
        base: baseSettings(settings.timeoutMs, settings.trace.exchange.source),
        port: settings.trace.port,
      },
      resolve: nameResolver(traceSettings, traceDeps),
      family: settings.trace.family,
    };
    data.cuts = await Promise.all(cutPlans(walked, zone).map((plan) => collectCut(ctx, plan)));
  }
  data.queries = network.sent();
  data.totalMs = deps.now() - started;
  return data;
}
