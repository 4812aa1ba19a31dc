/** The network as +check uses it: a QueryFn with a bound on queries in flight, counting what it sends. */
import type { QueryFn } from '../../resolve/types.js';

/** A bounded, counting QueryFn. */
export interface CheckNetwork {
  query: QueryFn;
  /** Queries sent so far. */
  sent(): number;
}

/**
 * Wraps `query` so that at most `limit` queries are in flight at once (the others wait their turn,
 * in order) and every query is counted.
 */
export function checkNetwork(query: QueryFn, limit: number): CheckNetwork {
  let inFlight = 0;
  let sent = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    inFlight--;
    waiting.shift()?.();
  };
  const acquire = async (): Promise<void> => {
    if (inFlight >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight++;
  };
  return {
    query: async (server, question, settings, onEvent) => {
      await acquire();
      sent++;
      try {
        return await query(server, question, settings, onEvent);
      } finally {
        release();
      }
    },
    sent: () => sent,
  };
}
