/**
 * A virtual clock for tests: `now()` and timers that fire in virtual time, so a test of waits and
 * delays (hedging, timeouts, slow servers) runs as fast as the code does and never sleeps.
 */
import type { Timers } from '../../src/resolve/traceTypes.js';

/** A clock whose time moves only when told to (or, when automatic, whenever nothing else is left to run). */
export interface FakeClock extends Timers {
  /** Virtual milliseconds since the clock was made. */
  now(): number;
  /**
   * Moves time forward by `ms`, firing the timers that fall due in order (they may schedule more);
   * after each, lets the promise continuations it started run before the next is due.
   */
  advance(ms: number): Promise<void>;
  /** Fires every timer, the ones they schedule included, until none is left (continuations run between). */
  runAll(): Promise<void>;
  /** Timers scheduled and not yet fired or cleared. */
  pending(): number;
}

/** One turn of the event loop: every promise continuation queued so far has run by then. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Timer {
  at: number;
  /** Order of scheduling: timers due at the same time fire in it, as the real ones do. */
  seq: number;
  callback: () => void;
}

/**
 * Makes a clock. With `auto`, a pending timer fires as soon as the process has nothing else to do
 * (after every promise continuation has run): virtual time then passes as fast as the code allows.
 * That holds only while everything the code waits for lives in this process (an in-memory network):
 * real I/O in flight would see time jump past it. Without `auto`, only advance() and runAll() move time.
 */
export function fakeClock(options: { auto?: boolean } = {}): FakeClock {
  const timers = new Set<Timer>();
  let time = 0;
  let seq = 0;
  let stepQueued = false;

  const earliest = (): Timer | undefined => {
    let first: Timer | undefined;
    for (const timer of timers)
      if (!first || timer.at < first.at || (timer.at === first.at && timer.seq < first.seq)) first = timer;
    return first;
  };
  const fire = (timer: Timer): void => {
    timers.delete(timer);
    time = Math.max(time, timer.at);
    timer.callback();
  };
  // One timer per turn of the event loop, so that what it resolved runs before the next one is due.
  const step = (): void => {
    stepQueued = false;
    const next = earliest();
    if (next) fire(next);
    queueStep();
  };
  const queueStep = (): void => {
    if (!options.auto || stepQueued || timers.size === 0) return;
    stepQueued = true;
    setImmediate(step);
  };

  return {
    now: () => time,
    setTimeout(callback, ms) {
      const timer: Timer = { at: time + Math.max(0, ms), seq: seq++, callback };
      timers.add(timer);
      queueStep();
      return timer;
    },
    clearTimeout(timer) {
      timers.delete(timer as Timer);
    },
    async advance(ms) {
      const until = time + ms;
      await settle();
      for (let next = earliest(); next && next.at <= until; next = earliest()) {
        fire(next);
        await settle();
      }
      time = Math.max(time, until);
    },
    async runAll() {
      await settle();
      for (let next = earliest(); next; next = earliest()) {
        fire(next);
        await settle();
      }
    },
    pending: () => timers.size,
  };
}
