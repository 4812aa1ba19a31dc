/** A QueryFn bound to a run's abort signal: an abort abandons every exchange in flight and refuses new ones. */
import { TransportError } from '../transport/types.js';
import type { QueryFn } from './types.js';

/** The error an exchange of an aborted run ends with (the transport's own 'aborted'). */
function abortedError(): TransportError {
  return new TransportError('aborted', 'aborted');
}

/** Wraps `query` so each exchange also listens to `signal` (alongside its own, e.g. a hedged trace query's). */
export function abortable(query: QueryFn, signal: AbortSignal): QueryFn {
  return async (server, question, settings, onEvent) => {
    if (signal.aborted) throw abortedError();
    const combined = settings.signal ? AbortSignal.any([settings.signal, signal]) : signal;
    return query(server, question, { ...settings, signal: combined }, onEvent);
  };
}
