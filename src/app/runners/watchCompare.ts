/**
 * +compare +watch: every server asked again and again, printing only what changed for each one and
 * for their agreement, until every server's answer holds +until's value, +deadline passes, or Ctrl-C;
 * then a summary per server.
 */
import { askServers } from '../../compare/collect.js';
import type { CompareData, CompareTarget, ServerReply } from '../../compare/types.js';
import { compareWatchStep, emptyCompareWatchState, everyAnswerHolds, silentReply } from '../../compare/watchRounds.js';
import { findZoneServers } from '../../compare/zoneServers.js';
import { ExitCode, InputError } from '../../errors.js';
import type { WatchCompareQueryPlan } from '../../plan/queryPlan.js';
import { rdataText } from '../../render/rdata/present.js';
import {
  compareWatchChangeEvent,
  compareWatchSummaryEvent,
  renderCompareWatchChanges,
  renderCompareWatchSummary,
  type ServerWatchStats,
} from '../../render/watchCompare.js';
import type { RootHint } from '../../resolve/traceTypes.js';
import type { QueryFn } from '../../resolve/types.js';
import type { WatchStats } from '../../resolve/watchChanges.js';
import { escapeText } from '../../wire/escape.js';
import { comparable } from '../assertions.js';
import type { Io } from '../io.js';
import { rootHintsOf } from '../rootHintsFile.js';
import type { ViewContext } from '../views.js';
import { pacedWalk } from '../walkSettings.js';
import { watchClock, watchLoop } from '../watchLoop.js';
import type { Runner } from './runner.js';
import { monotonicMs } from '../../system/clock.js';

/** The +compare +watch runner: the run's one comparison, made again until it ends; the exit code is the watch's. */
export const watchCompareRunner: Runner<'watchCompare'> = {
  sequential: true,
  async prepare({ run, options, io, view, query }) {
    if (run.count > 1)
      throw new InputError('+watch repeats one query: give one name, or leave out +watch', 'input.option');
    const rootHints = await rootHintsOf(run, options.rootHints);
    return async (plan) => ({
      text: '',
      failed: false,
      streamed: true,
      exitCode: await runWatchCompare(plan, query, rootHints, view, io),
    });
  },
};

/**
 * The servers to watch: the listed ones, or with +allns the zone's, found once. A walk from the root
 * every round would ask the root and TLD servers every few seconds for a delegation that changes over
 * days, and a server set that moves under the watch would blur what the watch is for: the same
 * servers, asked again, until they agree.
 */
async function watchedServers(
  plan: WatchCompareQueryPlan,
  query: QueryFn,
  rootHints: RootHint[],
): Promise<Pick<CompareData, 'zone' | 'error'> & { targets: CompareTarget[] }> {
  if (!plan.allns) return { targets: plan.targets };
  const now = monotonicMs;
  const found = await findZoneServers(plan.question, pacedWalk(plan.allns), { query, now, rootHints });
  return {
    targets: found.targets,
    ...(found.zone && { zone: found.zone }),
    ...(found.error !== undefined && { error: escapeText(found.error) }),
  };
}

function emptyStats(): WatchStats {
  return { sent: 0, lost: 0, changes: 0, rtts: [] };
}

/** Counts one reply into a server's statistics (and the watch's). */
function count(stats: WatchStats, reply: ServerReply): void {
  stats.sent++;
  if (silentReply(reply)) stats.lost++;
  else if (reply.rttMs !== undefined) stats.rtts.push(reply.rttMs);
}

/** Runs the watch of one planned comparison: 0, 5 when +deadline passed first, 9 when there is no server to ask. */
async function runWatchCompare(
  plan: WatchCompareQueryPlan,
  query: QueryFn,
  rootHints: RootHint[],
  view: ViewContext,
  io: Io,
): Promise<ExitCode> {
  const json = view.documents !== undefined || view.format === 'json' || view.format === 'ndjson';
  const write = (text: string): void => {
    io.stdout.write(text);
  };
  const event = view.documents ?? ((doc: object): void => write(`${JSON.stringify(doc)}\n`));
  const report = (step: ReturnType<typeof compareWatchStep>, now: number): void => {
    if (json) for (const change of step.changes) event(compareWatchChangeEvent(change, now));
    else write(renderCompareWatchChanges(step.changes, now, view.palette));
  };
  const { targets, ...found } = await watchedServers(plan, query, rootHints);
  const question = plan.question;
  let state = emptyCompareWatchState();
  if (targets.length === 0) {
    // Nothing to ask, so nothing to repeat: the headline says why, once.
    report(compareWatchStep(state, { question, replies: [], ...found }), watchClock(io).now());
    return ExitCode.noReply;
  }
  const until = plan.watch.until === undefined ? undefined : comparable(plan.watch.until);
  const total = emptyStats();
  const servers: ServerWatchStats[] = targets.map((target) => ({ target, stats: emptyStats() }));
  const end = await watchLoop(plan.watch, io, {
    ask: () => askServers(question, targets, plan.exchange, query, monotonicMs),
    seen: (replies, now) => {
      const data: CompareData = { question, replies, ...found };
      const step = compareWatchStep(state, data);
      state = step.state;
      replies.forEach((reply, index) => {
        count(total, reply);
        count(servers[index].stats, reply);
        servers[index].stats.changes += step.changes.filter(
          (c) => c.kind === 'server' && c.target === reply.target,
        ).length;
      });
      total.changes += step.changes.length;
      report(step, now);
      // +until holds once every server gives the value: the change has reached them all.
      return until !== undefined && everyAnswerHolds(data, (rdata) => comparable(rdataText(rdata)) === until);
    },
  });
  const now = watchClock(io).now();
  if (json) event(compareWatchSummaryEvent(total, servers, end, now));
  else write(renderCompareWatchSummary(total, servers, end, view.palette, view.usec));
  return end === 'deadline' ? ExitCode.watchDeadline : ExitCode.ok;
}
