/** How a walk from the root is paced and bounded: the runners' business, so a plan carries only where it starts and how it asks. */
import type { PlannedWalk } from '../plan/queryPlan.js';
import { DEFAULT_TRACE_LIMITS, type TraceSettings } from '../resolve/traceTypes.js';

/** How long a walk waits for a server before asking the next one of the same zone as well. */
const HEDGE_DELAY_MS = 400;

/** The planned walk with the hedge delay and the limits every walk from the root (+trace, +allns, +explain, +check) runs under. */
export function pacedWalk(settings: PlannedWalk): TraceSettings {
  return { ...settings, hedgeDelayMs: HEDGE_DELAY_MS, limits: DEFAULT_TRACE_LIMITS };
}

/**
 * What decides what a walk is told, beyond its name and type: the walks of a batch share a cache only
 * when all of it is the same (see TraceCaches).
 */
export function walkSharingKey(walk: PlannedWalk, klass: number): string {
  const starts = (walk.startServers ?? []).map((server) => `${server.address}#${server.port}`).join(' ');
  const { edns, dnssec, cd, bufsize, tcp, source } = walk.exchange;
  // A server may answer another source address with another view (-b): walks from two never share.
  return JSON.stringify([starts, walk.port, walk.family, klass, edns, dnssec, cd, bufsize, tcp, source?.address]);
}
