/**
 * The plan of a whole run: every query planned before the first packet (bad input fails here), and
 * what the run needs to know of them all. The plans themselves are kept only while they are few, so
 * a batch of any length runs in the same memory: past that its file is read and planned once more.
 */
import { planQuery, type SystemFacts } from '../plan/plan.js';
import type { Mode, QueryPlan } from '../plan/queryPlan.js';
import type { TsigKey } from '../wire/tsig.js';
import { gatherFacts } from './facts.js';
import { flatGroups } from './flatGroups.js';
import type { Io } from './io.js';
import type { QuerySource, SourcedQuery } from './querySource.js';

/** Plans kept from the first pass, at most: a command line's queries and a short batch are planned once. */
const KEPT_PLANS = 1000;

/** What a run knows before it starts, and its queries' plans in order. */
export interface RunPlan {
  /** How many queries the run has. */
  count: number;
  /** The modes its queries run in: only their runners are loaded. */
  modes: ReadonlySet<Mode>;
  /** The --trust-anchor files of the +validate queries (undefined: the built-in root keys); empty when none validates. */
  anchorFiles: ReadonlySet<string | undefined>;
  /** Some query shows names in Unicode (+idnout, or by default on a terminal). */
  idnout: boolean;
  /** Some lookup asserts its answer (+expect, +expect-has, +fail-on). */
  asserting: boolean;
  /** The plans, in input order: the kept ones, or planned again as the source is read again. */
  plans(): Iterable<QueryPlan> | AsyncIterable<QueryPlan>;
}

/**
 * Plans every query of the source, gathering the system facts the plans need (resolv.conf, @hostname
 * addresses, TLS files) on the way; throws for bad input before anything is sent.
 */
export async function planRun(source: QuerySource, io: Io, tsigKey: TsigKey | undefined): Promise<RunPlan> {
  const gatherer = gatherFacts(io);
  const facts = gatherer.facts;
  if (tsigKey) facts.tsigKey = tsigKey;
  const modes = new Set<Mode>();
  const anchorFiles = new Set<string | undefined>();
  let kept: QueryPlan[] | undefined = [];
  let count = 0;
  let idnout = false;
  let asserting = false;
  for await (const group of source.passes()) {
    for (const sourced of group) {
      const learning = gatherer.learn(sourced.request);
      if (learning) await learning;
      const plan = planSourced(sourced, facts);
      count++;
      modes.add(plan.mode);
      if ((plan.mode === 'lookup' || plan.mode === 'trace' || plan.mode === 'explain') && plan.validate)
        anchorFiles.add(plan.validate.anchorFile);
      // +explain validates the trace it walks, whatever the lookup asked.
      if (plan.mode === 'explain') anchorFiles.add(plan.anchorFile);
      if (plan.display.idnout ?? io.isTTY) idnout = true;
      if (plan.mode === 'lookup' && plan.assertions) asserting = true;
      if (kept && kept.length < KEPT_PLANS) kept.push(plan);
      else kept = undefined;
    }
  }
  const all = kept;
  return {
    count,
    modes,
    anchorFiles,
    idnout,
    asserting,
    plans: () => all ?? replanned(source, facts),
  };
}

/** The source read again, each query planned with the facts the first pass gathered (so it cannot fail now). */
function replanned(source: QuerySource, facts: SystemFacts): AsyncIterable<QueryPlan> {
  return flatGroups(source.passes(), (sourced) => planSourced(sourced, facts));
}

/** A query's plan, with its batch line's words for the command header. */
function planSourced({ request, options, banner }: SourcedQuery, facts: SystemFacts): QueryPlan {
  const plan = planQuery(request, options, facts);
  if (banner) plan.banner = banner;
  return plan;
}
