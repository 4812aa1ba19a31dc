/** watch() as an async iterator: the run goes on in the background and its events queue up until read. */
import type { WatchEvent } from '../render/watch.js';
import { type CallKind, runCall } from './call.js';
import type { TsdigOptions } from './options.js';

/**
 * The events of a watch of `words`, as they happen. Leaving the loop (or `return()`) ends the watch
 * as Ctrl-C does and abandons its query in flight; the caller's signal makes the iterator throw an AbortError.
 */
export async function* watchEvents(
  kind: CallKind,
  words: string[],
  settings: Pick<TsdigOptions, 'signal' | 'clock'>,
): AsyncGenerator<WatchEvent, void, undefined> {
  const stop = new AbortController();
  const signal = settings.signal ? AbortSignal.any([settings.signal, stop.signal]) : stop.signal;
  const queue: WatchEvent[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  let failure: { error: unknown } | undefined;
  const running = runCall(kind, words, {
    ...settings,
    signal,
    interrupt: signal,
    documents: (document) => {
      queue.push(document as WatchEvent);
      wake?.();
    },
  }).then(
    () => {
      done = true;
      wake?.();
    },
    (error: unknown) => {
      failure = { error };
      done = true;
      wake?.();
    },
  );
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (done) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
    if (failure) throw failure.error;
  } finally {
    stop.abort();
    await running;
  }
}
