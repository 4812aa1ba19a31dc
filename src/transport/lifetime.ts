/** The settle-once life of one transport exchange: its deadline, its abort signal, and its cleanup. */
import { TransportError, type TransportReply, type TransportRequest } from './types.js';

/** Ends the exchange exactly once: with a reply, or with the failure that came first. */
export type Finish = (end: TransportError | TransportReply) => void;

/**
 * Arms the deadline and the abort signal of `request`; `cleanup` runs once when the exchange ends.
 * Returns the finish function, or undefined when the signal had already fired (nothing to start).
 */
export function startLifetime(
  request: TransportRequest,
  cleanup: () => void,
  resolve: (reply: TransportReply) => void,
  reject: (error: TransportError) => void,
): Finish | undefined {
  let settled = false;
  const finish: Finish = (end) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
    cleanup();
    if (end instanceof TransportError) reject(end);
    else resolve(end);
  };
  const onAbort = (): void => finish(new TransportError('aborted', 'aborted'));
  const timer = setTimeout(() => finish(new TransportError('timeout', 'timed out')), request.timeoutMs);
  if (request.signal?.aborted) {
    onAbort();
    return undefined;
  }
  request.signal?.addEventListener('abort', onAbort, { once: true });
  return finish;
}
