/**
 * +watch: one lookup asked again and again, printing only what changed, until +until's value shows up,
 * +deadline passes, or Ctrl-C; then a summary. Time and waits come from a clock the tests replace.
 */
import { ExitCode, InputError } from '../../errors.js';
import type { WatchQueryPlan } from '../../plan/queryPlan.js';
import { lookup } from '../../resolve/lookup.js';
import type { QueryFn } from '../../resolve/types.js';
import {
  renderWatchChanges,
  renderWatchSummary,
  watchChangeEvent,
  watchSummaryEvent,
  type WatchEnd,
} from '../../render/watch.js';
import { answerContains, emptyWatchState, type WatchStats, watchStep } from '../../resolve/watchChanges.js';
import { rdataText } from '../../render/rdata/present.js';
import { comparable } from '../assertions.js';
import type { Io, WatchClock } from '../io.js';
import type { ViewContext } from '../views.js';
import type { Runner } from './runner.js';

/** The +watch runner: the run's one query, asked again until it ends; the exit code is the watch's. */
export const watchRunner: Runner<'watch'> = {
  sequential: true,
  async prepare({ run, io, view, query }) {
    // A watch is one query asked again: a second query has no place in its report.
    if (run.count > 1)
      throw new InputError('+watch repeats one query: give one name, or leave out +watch', 'input.option');
    return async (plan) => ({
      text: '',
      failed: false,
      streamed: true,
      exitCode: await runWatch(plan, query, view, io),
    });
  },
};

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

/** The signal that ends the watch: the test's, or SIGINT (its handler removed when the watch ends). */
function interruption(io: Io): { signal: AbortSignal; release: () => void } {
  if (io.interrupt) return { signal: io.interrupt, release: () => {} };
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, release: () => process.removeListener('SIGINT', onSigint) };
}

/** Runs the watch of one planned lookup and returns its exit code: 0, or 5 when +deadline passed first. */
async function runWatch(plan: WatchQueryPlan, query: QueryFn, view: ViewContext, io: Io): Promise<ExitCode> {
  const watch = plan.watch;
  const clock = io.clock ?? systemClock;
  const json = view.format === 'json' || view.format === 'ndjson';
  const write = (text: string): void => {
    io.stdout.write(text);
  };
  const event = (doc: object): void => write(`${JSON.stringify(doc)}\n`);
  const { signal, release } = interruption(io);
  const start = clock.now();
  const deadline = watch.deadline === undefined ? undefined : start + watch.deadline * 1000;
  // +until compares as +expect does: the value against each record's presentation text.
  const until = watch.until === undefined ? undefined : comparable(watch.until);
  const stats: WatchStats = { sent: 0, lost: 0, changes: 0, rtts: [] };
  let state = emptyWatchState();
  let end: WatchEnd = 'interrupted';
  try {
    while (!signal.aborted) {
      const result = await lookup(plan.lookup, query);
      if (signal.aborted) break;
      const now = clock.now();
      stats.sent++;
      if (result.exchange) stats.rtts.push(result.exchange.rttMs);
      else stats.lost++;
      const step = watchStep(state, result);
      state = step.state;
      stats.changes += step.changes.length;
      if (json) for (const change of step.changes) event(watchChangeEvent(change, now));
      else write(renderWatchChanges(step.changes, now, view.palette));
      if (until !== undefined && answerContains(result, (rdata) => comparable(rdataText(rdata)) === until)) {
        end = 'until';
        break;
      }
      if (deadline !== undefined && now >= deadline) {
        end = 'deadline';
        break;
      }
      const wait = watch.seconds * 1000;
      await clock.sleep(deadline === undefined ? wait : Math.min(wait, Math.max(0, deadline - now)), signal);
      if (deadline !== undefined && clock.now() >= deadline && !signal.aborted) {
        end = 'deadline';
        break;
      }
    }
  } finally {
    release();
  }
  if (json) event(watchSummaryEvent(stats, end, clock.now()));
  else write(`${view.palette.comment(renderWatchSummary(stats, end, view.usec).trimEnd())}\n`);
  return end === 'deadline' ? ExitCode.watchDeadline : ExitCode.ok;
}
