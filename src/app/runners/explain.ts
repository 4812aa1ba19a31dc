/**
 * +explain: the lookup as usual; when it failed (SERVFAIL, NXDOMAIN, no reply, REFUSED, bogus), the
 * trace from the root with validation, and the culprit named after the lookup's own output.
 */
import { explainCulprit } from '../../explain/culprit.js';
import type { ExplainData } from '../../explain/types.js';
import { renderExplain } from '../../render/explain.js';
import { lookup } from '../../resolve/lookup.js';
import { rootHintsOf } from '../rootHintsFile.js';
import { lookupOutcome, type Outcome, type ViewContext } from '../views.js';
import { pacedWalk } from '../walkSettings.js';
import type { Runner } from './runner.js';
import { monotonicMs } from '../../system/clock.js';

/** The lookup's outcome with the explanation after it: lines in the text views, a member of the JSON document. */
async function explained(outcome: Outcome, data: ExplainData, view: ViewContext, short: boolean): Promise<Outcome> {
  const culprit = explainCulprit(data);
  if (outcome.json !== undefined) {
    const { explanationJson } = await import('../../render/jsonExplain.js');
    return { ...outcome, json: { ...(outcome.json as object), explanation: explanationJson(data, culprit) } };
  }
  // +short keeps to the culprit's line.
  const full = renderExplain(data, culprit, view.palette);
  const text = short ? `${full.split('\n')[0]}\n` : full;
  // YAML readers skip `#` comments; dig's layout has its `;;` ones.
  const lines = view.yamlView ? text.replace(/^;;/gm, '#') : text;
  return { ...outcome, text: outcome.text + lines };
}

/** The +explain runner: lookups run side by side; each failed one is traced from the root. */
export const explainRunner: Runner<'explain'> = {
  sequential: false,
  async prepare({ run, options, view, query, io }) {
    const rootHints = await rootHintsOf(run, options.rootHints);
    const validation = await import('../validation.js');
    const anchors = await validation.trustAnchorsOf(run);
    const { explainLookup } = await import('../explainLookup.js');
    return async (plan, index) => {
      const result = await lookup(plan.lookup, query);
      const looked = await lookupOutcome(result, plan, view, index === 0);
      const { validate } = plan;
      const { outcome, verdict } = validate
        ? await validation.validatedOutcome(looked, result, { ...plan, validate }, query, anchors, rootHints)
        : { outcome: looked, verdict: undefined };
      const deps = {
        query,
        now: monotonicMs,
        epochSeconds: () => Math.floor((io.clock?.now() ?? Date.now()) / 1000),
        rootHints,
        anchors: anchors.get(plan.anchorFile) ?? [],
      };
      const data = await explainLookup(result, verdict, pacedWalk(plan.trace), deps, plan.lookup.servers[0]);
      return explained(outcome, data, view, plan.display.short);
    };
  },
};
