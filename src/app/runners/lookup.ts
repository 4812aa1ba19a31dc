/**
 * Lookups: the question to the servers in turn, shown in the run's view; with +validate the verdict
 * after it, and with +expect, +fail-on or --nagios what the assertions make of the reply.
 */
import { lookup } from '../../resolve/lookup.js';
import { lookupOutcome } from '../views.js';
import type { Runner } from './runner.js';

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
      const verdict =
        plan.validate && validation
          ? await validation.validateLookup(
              result,
              plan.lookup,
              plan.validate,
              query,
              anchors?.get(plan.validate.anchorFile) ?? [],
              rootHints,
            )
          : undefined;
      const shown =
        verdict && validation ? validation.withValidation(outcome, verdict, plan.display.short, result) : outcome;
      if (!assertion) return shown;
      return assertion.assertedOutcome(shown, result, plan.assertions ?? {}, nagios, verdict?.status);
    };
  },
};
