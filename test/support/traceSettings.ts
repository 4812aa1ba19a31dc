/** The settings the trace tests walk with: no recursion asked, DNSSEC records wanted, one try per server. */
import { DEFAULT_TRACE_LIMITS, type TraceSettings } from '../../src/resolve/traceTypes.js';
import type { ExchangeSettings } from '../../src/resolve/types.js';

/** One query of a walk: RD clear, DO set, EDNS 0 at 1232 octets, no cookie, UDP first, one try of `timeoutMs`. */
export function walkExchange(timeoutMs: number): ExchangeSettings {
  return {
    rd: false,
    cd: false,
    ad: false,
    dnssec: true,
    edns: 0,
    bufsize: 1232,
    nsid: false,
    cookie: false,
    tcp: false,
    ignoreTc: false,
    timeoutMs,
    tries: 1,
  };
}

/** What differs between the trace tests: where the walk starts, its timeout, its hedge delay, where the hints come from. */
export interface WalkSetup {
  port: number;
  startServers: TraceSettings['startServers'];
  timeoutMs: number;
  hedgeDelayMs: number;
  rootHintsSource: TraceSettings['rootHintsSource'];
}

/** A whole TraceSettings for a test: the setup, then any overrides. */
export function walkSettings(setup: WalkSetup, overrides: Partial<TraceSettings> = {}): TraceSettings {
  return {
    exchange: walkExchange(setup.timeoutMs),
    port: setup.port,
    family: null,
    follow: false,
    startServers: setup.startServers,
    rootHintsSource: setup.rootHintsSource,
    hedgeDelayMs: setup.hedgeDelayMs,
    limits: { ...DEFAULT_TRACE_LIMITS },
    ...overrides,
  };
}
