/** +compare: one question to several servers at once (with +allns, every server of the zone), the answers compared. */
import { askServers } from '../../compare/collect.js';
import { type CompareReport, compareReport } from '../../compare/report.js';
import type { CompareData } from '../../compare/types.js';
import { findZoneServers } from '../../compare/zoneServers.js';
import { ExitCode } from '../../errors.js';
import type { CompareQueryPlan } from '../../plan/queryPlan.js';
import { TraceCaches } from '../../resolve/traceCache.js';
import type { RootHint } from '../../resolve/traceTypes.js';
import type { QueryFn } from '../../resolve/types.js';
import { escapeText } from '../../wire/escape.js';
import { VERSION } from '../../version.js';
import { rootHintsOf } from '../rootHintsFile.js';
import { commandHeader, type Outcome, type ViewContext } from '../views.js';
import { pacedWalk, walkSharingKey } from '../walkSettings.js';
import type { Runner } from './runner.js';
import { monotonicMs } from '../../system/clock.js';

/**
 * Asks the servers (found from the root first with +allns) and gathers their replies. With a batch's
 * cache the walks to the zone and to its name servers' addresses use the cuts earlier lines learned;
 * the servers compared are each asked all the same.
 */
async function collect(
  plan: CompareQueryPlan,
  query: QueryFn,
  rootHints: RootHint[],
  caches: TraceCaches | undefined,
): Promise<CompareData> {
  const now = monotonicMs;
  const question = plan.question;
  if (!plan.allns) return { question, replies: await askServers(question, plan.targets, plan.exchange, query, now) };
  const cache = caches?.for(walkSharingKey(plan.allns, question.class));
  const found = await findZoneServers(question, pacedWalk(plan.allns), { query, now, rootHints, cache });
  const replies = await askServers(question, found.targets, plan.exchange, query, now);
  const data: CompareData = { question, replies };
  if (found.zone) data.zone = found.zone;
  if (found.error !== undefined) data.error = escapeText(found.error);
  return data;
}

/** The comparison in the run's view, and its exit status: 0 they agree, 3 they do not, 9 none answered. */
async function compareOutcome(
  data: CompareData,
  report: CompareReport,
  plan: CompareQueryPlan,
  view: ViewContext,
  first: boolean,
): Promise<Outcome> {
  const failed = report.verdict === 'none';
  const exitCode = report.verdict === 'disagree' ? ExitCode.serversDisagree : undefined;
  const status = { failed, ...(exitCode !== undefined && { exitCode }) };
  if (view.jsonView) {
    const { compareDocument } = await import('../../render/jsonCompare.js');
    return { text: '', json: compareDocument(data, report, VERSION), ...status };
  }
  if (view.format === 'table') {
    const { renderCompareTable } = await import('../../render/compareTable.js');
    return {
      text: await renderCompareTable(data, report, view.palette, (view.isTTY && view.columns) || 80),
      ...status,
    };
  }
  const { renderCompare } = await import('../../render/compare.js');
  const header = commandHeader(view, plan, failed, first);
  const text = renderCompare(data, report, { palette: view.palette, display: plan.display, usec: view.usec });
  return { text: header + text, ...status };
}

/** The comparison in the run's view, drawn too with --graph, --graph-out or --report (its servers as the table). */
async function shown(data: CompareData, plan: CompareQueryPlan, view: ViewContext, first: boolean): Promise<Outcome> {
  const report = compareReport(data);
  const outcome = await compareOutcome(data, report, plan, view, first);
  if (!view.picture) return outcome;
  const [{ withGraph }, { compareGraph }] = await Promise.all([
    import('../picture.js'),
    import('../../render/graph/compareGraph.js'),
  ]);
  const servers = async () => (await import('../../render/report/compareTable.js')).compareTable(data, report);
  return withGraph(outcome, compareGraph(data, report), view.picture, view.argv, servers);
}

/** The +compare runner: comparisons run side by side (each asks its servers at once), printed in input order. */
export const compareRunner: Runner<'compare'> = {
  sequential: false,
  async prepare({ run, options, view, query }) {
    // --root-hints is read before any packet, so a bad file stops the run with one line.
    const rootHints = await rootHintsOf(run, options.rootHints);
    // The +allns walks of a batch share what each learned of the cuts above the zones, as +trace's do.
    const caches = run.count > 1 ? new TraceCaches(monotonicMs) : undefined;
    return async (plan, index) => shown(await collect(plan, query, rootHints, caches), plan, view, index === 0);
  },
};
