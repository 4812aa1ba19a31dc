/** Clocks for +watch in tests (the WatchClock of src/app/io.ts), so no test waits for real time. */
import { fakeClock } from './fakeClock.js';

/** 2026-01-01T00:00:00Z, where a stepping clock starts. */
export const WATCH_START = Date.parse('2026-01-01T00:00:00Z');

/** A clock that stands still but for the watch's own waits, which move it on; `onSleep` sees each wait. */
export function steppingClock(onSleep?: (now: number) => void) {
  let now = WATCH_START;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      onSleep?.(now);
    },
    elapsed: () => now - WATCH_START,
  };
}

/** The watch's clock on virtual timers (test/support/fakeClock.ts): each wait is a timer that fires in virtual time. */
export function virtualWatchClock() {
  const timers = fakeClock({ auto: true });
  return {
    now: () => timers.now(),
    sleep: (ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        const timer = timers.setTimeout(() => {
          signal.removeEventListener('abort', stop);
          resolve();
        }, ms);
        const stop = (): void => {
          timers.clearTimeout(timer);
          resolve();
        };
        signal.addEventListener('abort', stop, { once: true });
      }),
  };
}
