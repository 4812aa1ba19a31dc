/**
 * Milliseconds on a monotonic clock, for round-trip times and durations. process.hrtime is ready
 * when Node starts; the first use of `performance` loads node:perf_hooks, about 1 ms of a plain query.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
