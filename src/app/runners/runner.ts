/** What a mode's runner is: set up once for a run, then called for each query of its mode. */
import type { Options } from '../../cli/types.js';
import type { Mode, PlanByMode } from '../../plan/queryPlan.js';
import type { QueryFn } from '../../resolve/types.js';
import type { BufferedWriter } from '../bufferedWriter.js';
import type { Io } from '../io.js';
import type { RunPlan } from '../runPlan.js';
import type { Outcome, ViewContext } from '../views.js';

/** What the runners of one run share. */
export interface RunContext {
  run: RunPlan;
  /** The command line's options (--root-hints and --trust-anchor files are read once per run). */
  options: Options;
  io: Io;
  view: ViewContext;
  query: QueryFn;
  /** Where a runner that prints as it goes writes; other output is returned as the query's Outcome. */
  out: BufferedWriter;
}

/** Runs one query; `index` is its place in the run (0: the first, before which dig prints its header). */
export type RunQuery<M extends Mode> = (plan: PlanByMode[M], index: number) => Promise<Outcome>;

/** Every mode's RunQuery. */
export type RunQueries = { [M in Mode]: RunQuery<M> };

/** A mode's runner, as its module exports it. */
export interface Runner<M extends Mode> {
  /** Its queries print as they go, so the run takes its queries one at a time (for some runs only, when a function). */
  sequential: boolean | ((run: RunPlan) => boolean);
  /** Sets the mode up for the run: files it needs are read here, so bad input stops the run before any packet. */
  prepare(context: RunContext): Promise<RunQueries[M]>;
}
