/** +check: walk from the root to the zone, probe every server of it and of the cuts above it, and judge. */
import { collectCheck } from '../../check/collect.js';
import { baseSettings } from '../../check/probes.js';
import { checkReport } from '../../check/report.js';
import type { CheckData, CheckReport } from '../../check/types.js';
import { ExitCode } from '../../errors.js';
import type { CheckQueryPlan } from '../../plan/queryPlan.js';
import { VERSION } from '../../version.js';
import { rootHintsOf } from '../rootHintsFile.js';
import { commandHeader, type Outcome, type ViewContext } from '../views.js';
import { pacedWalk } from '../walkSettings.js';
import type { Runner } from './runner.js';
import { monotonicMs } from '../../system/clock.js';

/** Queries +check keeps in flight at once. */
const CONCURRENCY = 32;

/** The exit status of a check: by its worst finding (ok and notice 0, warning 2, error 3), 9 when the zone was out of reach. */
export function checkExitCode(report: CheckReport): ExitCode {
  if (report.unreachable) return ExitCode.noReply;
  if (report.worst === 'error') return ExitCode.checkError;
  if (report.worst === 'warning') return ExitCode.checkWarning;
  return ExitCode.ok;
}

/** The check in the chosen view (text, table or JSON); `first`: the run's first query, under dig's header. */
async function checkOutcome(
  report: CheckReport,
  data: CheckData,
  plan: CheckQueryPlan,
  view: ViewContext,
  first: boolean,
): Promise<Outcome> {
  const failed = report.unreachable;
  const exitCode = checkExitCode(report);
  if (view.jsonView) {
    const { checkDocument } = await import('../../render/jsonCheck.js');
    return { text: '', json: checkDocument(report, data, VERSION), failed, exitCode };
  }
  if (view.format === 'table') {
    const { renderCheckTable } = await import('../../render/checkTable.js');
    const text = await renderCheckTable(report, view.palette, (view.isTTY && view.columns) || 80);
    return { text, failed, exitCode };
  }
  const { renderCheck } = await import('../../render/check.js');
  const header = commandHeader(view, plan, failed, first);
  const text = renderCheck(report, data, { palette: view.palette, short: plan.display.short });
  return { text: header + text, failed, exitCode };
}

/** The +check runner: checks run side by side (each prints when it is over). */
export const checkRunner: Runner<'check'> = {
  sequential: false,
  async prepare({ run, options, view, query }) {
    const rootHints = await rootHintsOf(run, options.rootHints);
    return async (plan, index) => {
      const exchange = baseSettings(plan.timeoutMs, plan.source);
      // No cache shared with the batch's other checks: the findings speak for the servers this walk
      // asked, and a referral a lying parent gave another line must not lead this one elsewhere.
      const data = await collectCheck(
        plan.name,
        { trace: pacedWalk({ ...plan.walk, exchange }), timeoutMs: plan.timeoutMs, concurrency: CONCURRENCY },
        { query, now: monotonicMs, clock: () => Date.now() / 1000, rootHints },
      );
      const report = checkReport(data);
      const outcome = await checkOutcome(report, data, plan, view, index === 0);
      if (!view.picture) return outcome;
      const [{ withGraph }, { checkGraph }] = await Promise.all([
        import('../picture.js'),
        import('../../render/graph/checkGraph.js'),
      ]);
      const findings = async () => (await import('../../render/report/checkTable.js')).checkTable(report);
      return withGraph(outcome, checkGraph(report, data), view.picture, view.argv, findings);
    };
  },
};
