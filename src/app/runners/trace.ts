/** +trace: iteration from the root, hop by hop; with +validate, the DNSSEC state of each delegation and the verdict. */
import { trace } from '../../resolve/trace.js';
import { TraceCaches } from '../../resolve/traceCache.js';
import { rootHintsOf } from '../rootHintsFile.js';
import { commandHeader, traceOutcome, yamlContext } from '../views.js';
import { pacedWalk, walkSharingKey } from '../walkSettings.js';
import type { Runner } from './runner.js';
import { monotonicMs } from '../../system/clock.js';

/**
 * The trace runner. A lone trace prints its hops as they end; the traces of a batch print when they
 * are over, so they run side by side, sharing what they learn through the batch's cache.
 */
export const traceRunner: Runner<'trace'> = {
  sequential: (run) => run.count === 1,
  async prepare({ run, options, view, query, out }) {
    const traceView = await import('../../render/trace.js');
    const rootHints = await rootHintsOf(run, options.rootHints);
    const validation = run.anchorFiles.size > 0 ? await import('../validation.js') : undefined;
    const anchors = validation && (await validation.trustAnchorsOf(run));
    const now = monotonicMs;
    // A batch shares what each trace learned with the next, as a resolver would; a lone trace asks every hop.
    const caches = run.count > 1 ? new TraceCaches(now) : undefined;
    return async (plan, index) => {
      const cache = caches?.for(walkSharingKey(plan.settings, plan.request.class));
      // A lone trace in dig's layout (or +yaml) streams its hops as they end; with +validate the hops wait
      // for the verdict on their delegations, so they are printed at the end; a graph on stdout replaces them.
      const streaming =
        run.count === 1 &&
        (view.format === 'dig' || view.format === 'short' || view.format === 'yaml') &&
        !plan.validate &&
        !view.picture?.onStdout;
      // dig's banner is not YAML: +yaml never prints it.
      if (streaming && !view.yamlView) out.write(commandHeader(view, plan, false, true));
      const hopOptions = { palette: view.palette, display: plan.display, usec: view.usec };
      const yaml = view.yamlView && {
        render: view.yamlView.yamlTraceHop,
        ctx: yamlContext(plan.display, plan.settings.exchange, view),
      };
      const result = await trace(plan.request, pacedWalk(plan.settings), {
        query,
        now,
        cache,
        onHop: (hop) => {
          if (!streaming) return;
          out.write(yaml ? yaml.render(hop, yaml.ctx) : traceView.renderTraceHop(hop, hopOptions));
        },
        rootHints,
      });
      const dnssec = plan.validate
        ? await (await import('../traceValidation.js')).runTraceValidation(
            result,
            plan,
            query,
            anchors?.get(plan.validate.anchorFile) ?? [],
            undefined,
            cache,
          )
        : undefined;
      return traceOutcome(result, plan, view, traceView, streaming, index === 0, dnssec);
    };
  },
};
