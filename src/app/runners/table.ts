/**
 * Each mode's runner, loaded only when some query of the run is in that mode (the bundle holds them
 * all, but a module's code runs only when it is first imported). Runners are set up in this order:
 * a +trace's --root-hints file is read before any --trust-anchor file, so its error comes first.
 */
import type { Mode } from '../../plan/queryPlan.js';
import type { Runner } from './runner.js';

/** Mode -> runner. */
export const RUNNERS: { readonly [M in Mode]: () => Promise<Runner<M>> } = {
  trace: async () => (await import('./trace.js')).traceRunner,
  lookup: async () => (await import('./lookup.js')).lookupRunner,
  transfer: async () => (await import('./transfer.js')).transferRunner,
  nssearch: async () => (await import('./nssearch.js')).nsSearchRunner,
  types: async () => (await import('./types.js')).typesRunner,
  watch: async () => (await import('./watch.js')).watchRunner,
  compare: async () => (await import('./compare.js')).compareRunner,
  watchCompare: async () => (await import('./watchCompare.js')).watchCompareRunner,
  explain: async () => (await import('./explain.js')).explainRunner,
  check: async () => (await import('./check.js')).checkRunner,
};
