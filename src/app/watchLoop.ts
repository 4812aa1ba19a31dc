/**
 * The loop every +watch runs: ask, report, wait, again, until the round says its value was seen,
 * +deadline passes, or Ctrl-C. Time and waits come from a clock the tests replace.
 */
import type { QuerySettings } from '../cli/types.js';
import type { WatchEnd } from '../render/watch.js';
import type { Io, WatchClock } from './io.js';

/** One round of a watch: `ask` sends (nothing is counted when Ctrl-C came meanwhile), `seen` reports and says whether +until holds. */
export interface WatchRound<R> {
  ask(): Promise<R>;
  seen(result: R, now: number): boolean;
  /** Waits `ms` before the next round (a terminal's status line counts down here); the clock's sleep otherwise. */
  pause?(ms: number, result: R, now: number, signal: AbortSignal): Promise<void>;
}

/** The real clock: Date.now and a timer that an abort ends early. */
const systemClock: WatchClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    }),
};

/** The clock a watch runs by: the test's, or the real one. */
export function watchClock(io: Io): WatchClock {
  return io.clock ?? systemClock;
}

/** The signal that ends the watch: the test's, or SIGINT (its handler removed when the watch ends). */
function interruption(io: Io): { signal: AbortSignal; release: () => void } {
  if (io.interrupt) return { signal: io.interrupt, release: () => {} };
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, release: () => process.removeListener('SIGINT', onSigint) };
}

/** Runs rounds every `watch.seconds` until one says its value was seen, the deadline passes, or Ctrl-C; says which. */
export async function watchLoop<R>(
  watch: NonNullable<QuerySettings['watch']>,
  io: Io,
  round: WatchRound<R>,
): Promise<WatchEnd> {
  const clock = watchClock(io);
  const { signal, release } = interruption(io);
  const start = clock.now();
  const deadline = watch.deadline === undefined ? undefined : start + watch.deadline * 1000;
  try {
    while (!signal.aborted) {
      const result = await round.ask();
      if (signal.aborted) break;
      const now = clock.now();
      if (round.seen(result, now)) return 'until';
      if (deadline !== undefined && now >= deadline) return 'deadline';
      const wait = watch.seconds * 1000;
      const ms = deadline === undefined ? wait : Math.min(wait, Math.max(0, deadline - now));
      await (round.pause ? round.pause(ms, result, now, signal) : clock.sleep(ms, signal));
      if (deadline !== undefined && clock.now() >= deadline && !signal.aborted) return 'deadline';
    }
    return 'interrupted';
  } finally {
    release();
  }
}
