/**
 * +watch: one lookup asked again and again, printing only what changed, until +until's value shows up,
 * +deadline passes, or Ctrl-C; then a summary. Time and waits come from a clock the tests replace.
 */
import { ExitCode, InputError } from '../../errors.js';
import type { WatchQueryPlan } from '../../plan/queryPlan.js';
import { lookup } from '../../resolve/lookup.js';
import type { LookupResult, QueryFn } from '../../resolve/types.js';
import { rcodeName } from '../../wire/rrtypes.js';
import {
  renderWatchChanges,
  renderWatchStatus,
  renderWatchSummary,
  watchChangeEvent,
  watchSummaryEvent,
  type WatchEnd,
} from '../../render/watch.js';
import { answerContains, emptyWatchState, type WatchStats, watchStep } from '../../resolve/watchChanges.js';
import { rdataText } from '../../render/rdata/present.js';
import { comparable } from '../assertions.js';
import type { Io } from '../io.js';
import { watchClock, watchLoop } from '../watchLoop.js';
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

/** Rewrites one line in place on a terminal: the watch's status between queries. */
interface StatusLine {
  show(text: string): void;
  /** Clears the line (if one is shown) so that what follows starts at the left margin. */
  clear(): void;
}

/** The status line on `write`, or undefined when stdout is not a terminal or the output is for programs. */
function statusLine(view: ViewContext, json: boolean, write: (text: string) => void): StatusLine | undefined {
  if (!view.isTTY || json || view.yamlView) return undefined;
  let shown = false;
  return {
    show(text) {
      write(`\r\x1b[K${text}`);
      shown = true;
    },
    clear() {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}

/** The smallest TTL of the answer, or undefined when the reply has none (or there was no reply). */
function answerTtl(result: LookupResult): number | undefined {
  const answer = result.exchange?.response.answer ?? [];
  return answer.length === 0 ? undefined : Math.min(...answer.map((record) => record.ttl));
}

/** Runs the watch of one planned lookup and returns its exit code: 0, or 5 when +deadline passed first. */
async function runWatch(plan: WatchQueryPlan, query: QueryFn, view: ViewContext, io: Io): Promise<ExitCode> {
  const clock = watchClock(io);
  const json = view.documents !== undefined || view.format === 'json' || view.format === 'ndjson';
  const write = (text: string): void => {
    io.stdout.write(text);
  };
  const status = statusLine(view, json, write);
  const print = (text: string): void => {
    if (text === '') return;
    status?.clear();
    write(text);
  };
  const event = view.documents ?? ((doc: object): void => write(`${JSON.stringify(doc)}\n`));
  // +until compares as +expect does: the value against each record's presentation text.
  const until = plan.watch.until === undefined ? undefined : comparable(plan.watch.until);
  const stats: WatchStats = { sent: 0, lost: 0, changes: 0, rtts: [] };
  let state = emptyWatchState();
  /** Waits `ms` before the next query; on a terminal, second by second, redrawing the TTL's countdown. */
  const pause = async (ms: number, result: LookupResult, repliedAt: number, signal: AbortSignal): Promise<void> => {
    if (!status) return clock.sleep(ms, signal);
    const until = clock.now() + ms;
    const ttl = answerTtl(result);
    const rcode = result.exchange && rcodeName(result.exchange.response.rcode);
    const records = result.exchange?.response.answer.length ?? 0;
    for (let step = 0; step < Math.ceil(ms / 1000) && !signal.aborted; step++) {
      const now = clock.now();
      if (now >= until) break;
      const elapsed = Math.floor((now - repliedAt) / 1000);
      const ttlLeft = ttl === undefined ? undefined : Math.max(0, ttl - elapsed);
      const nextQueryIn = Math.ceil((until - now) / 1000);
      status.show(renderWatchStatus({ rcode, records, ttlLeft, nextQueryIn }, view.columns ?? 80, view.palette));
      await clock.sleep(Math.min(1000, until - now), signal);
    }
  };
  let end: WatchEnd;
  try {
    end = await watchLoop(plan.watch, io, {
      ask: () => lookup(plan.lookup, query),
      seen: (result, now) => {
        stats.sent++;
        if (result.exchange) stats.rtts.push(result.exchange.rttMs);
        else stats.lost++;
        const step = watchStep(state, result);
        state = step.state;
        stats.changes += step.changes.length;
        if (json) for (const change of step.changes) event(watchChangeEvent(change, now));
        else print(renderWatchChanges(step.changes, now, view.palette));
        return until !== undefined && answerContains(result, (rdata) => comparable(rdataText(rdata)) === until);
      },
      pause,
    });
  } finally {
    status?.clear();
  }
  if (json) event(watchSummaryEvent(stats, end, clock.now()));
  else print(`${view.palette.comment(renderWatchSummary(stats, end, view.usec).trimEnd())}\n`);
  return end === 'deadline' ? ExitCode.watchDeadline : ExitCode.ok;
}
