/**
 * Lookups: the question to the servers in turn, shown in the run's view; with +validate the verdict
 * after it, and with +expect, +fail-on or --nagios what the assertions make of the reply.
 */
import type { Validation } from '../../dnssec/types.js';
import { lookupFailure } from '../../explain/failure.js';
import type { LookupQueryPlan } from '../../plan/queryPlan.js';
import { EXPLAIN_HINT } from '../../render/explain.js';
import { lookup } from '../../resolve/lookup.js';
import type { LookupResult } from '../../resolve/types.js';
import { lookupOutcome, type Outcome, type ViewContext } from '../views.js';
import type { Runner } from './runner.js';

/**
 * The hint that +explain could name the culprit of a failure: for a person at a terminal reading
 * dig's layout only, so what scripts and files get stays exactly dig's.
 */
function withHint(
  outcome: Outcome,
  result: LookupResult,
  verdict: Validation | undefined,
  plan: LookupQueryPlan,
  view: ViewContext,
): Outcome {
  if (!view.isTTY || view.format !== 'dig' || plan.display.short || !lookupFailure(result, verdict)) return outcome;
  return { ...outcome, text: `${outcome.text}${view.palette.comment(EXPLAIN_HINT)}\n` };
}

/** The lookup runner: many run at once (the run prints them in input order). */
export const lookupRunner: Runner<'lookup'> = {
  sequential: false,
  async prepare({ run, options, view, query }) {
    // +validate may fetch the chain by iteration from the root hints, so it reads them up front as +trace does;
    // DNSSEC validation (and node:crypto) is loaded only for +validate.
    const validating = run.anchorFiles.size > 0;
    const rootHints = validating ? await (await import('../rootHintsFile.js')).rootHintsOf(run, options.rootHints) : [];
    const validation = validating ? await import('../validation.js') : undefined;
    const anchors = validation && (await validation.trustAnchorsOf(run));
    const nagios = options.nagios === true;
    const assertion = run.asserting || nagios ? await import('../assertionOutcome.js') : undefined;
    return async (plan, index) => {
      const result = await lookup(plan.lookup, query);
      const outcome = await lookupOutcome(result, plan, view, index === 0);
      const { validate } = plan;
      const { outcome: validated, verdict } =
        validate && validation && anchors
          ? await validation.validatedOutcome(outcome, result, { ...plan, validate }, query, anchors, rootHints)
          : { outcome, verdict: undefined };
      const shown = withHint(validated, result, verdict, plan, view);
      if (!assertion) return shown;
      return assertion.assertedOutcome(shown, result, plan.assertions ?? {}, nagios, verdict?.status);
    };
  },
};
