/** +types: one lookup per type, all at once, printed as one report in the order the types were given. */
import type { TypesQueryPlan } from '../../plan/queryPlan.js';
import { renderTypesLine, renderTypesTable, type TypeResult, typeOutcome } from '../../render/typesReport.js';
import { lookup } from '../../resolve/lookup.js';
import type { QueryFn } from '../../resolve/types.js';
import { displayNameFor, lookupOutcome, type Outcome, type ViewContext } from '../views.js';
import type { Runner } from './runner.js';

/** The +types runner: many queries at once, each asking for its types at once. */
export const typesRunner: Runner<'types'> = {
  sequential: false,
  async prepare({ view, query }) {
    return async (plan, index) => typesOutcome(await lookupTypes(plan, query), plan, view, index === 0);
  },
};

/** Asks `plan`'s lookup once for each of its types, concurrently; the results in the order of the types. */
async function lookupTypes(plan: TypesQueryPlan, query: QueryFn): Promise<TypeResult[]> {
  return Promise.all(
    plan.types.map(async (type) => {
      const candidates = plan.lookup.candidates.map((question) => ({ ...question, type }));
      return { type, result: await lookup({ ...plan.lookup, candidates }, query) };
    }),
  );
}

/**
 * The report of one +types query: dig's text (or +short, or YAML) of each reply and a TYPES line marking
 * NODATA and NXDOMAIN; one table; or one JSON array of lookup documents, each with its `outcome`.
 */
async function typesOutcome(
  results: readonly TypeResult[],
  plan: TypesQueryPlan,
  view: ViewContext,
  first: boolean,
): Promise<Outcome> {
  const failed = results.some(({ result }) => !result.exchange);
  const perType = async (entry: TypeResult, index: number): Promise<Outcome> =>
    lookupOutcome(entry.result, plan, view, first && index === 0);
  if (view.jsonView) {
    const documents = await Promise.all(
      results.map(async (entry, index) => ({
        ...((await perType(entry, index)).json as object),
        outcome: typeOutcome(entry),
      })),
    );
    return { text: '', json: documents, jsonMany: true, failed };
  }
  if (view.format === 'table') {
    const { default: Table } = await import('cli-table3');
    const display = plan.display;
    const displayName = displayNameFor(view, display) ?? ((name: string) => name);
    const columns = (view.isTTY && view.columns) || 80;
    return { text: renderTypesTable(Table, results, view.palette, { columns, displayName }), failed };
  }
  let text = '';
  for (const [index, entry] of results.entries()) text += (await perType(entry, index)).text;
  // +short and +yaml stay what scripts parse: nothing but the replies.
  if (view.format === 'dig') {
    const name = results[0]?.result.question.name ?? plan.lookup.candidates[0]?.name ?? '';
    text += renderTypesLine(name, results, view.palette);
  }
  return { text, failed };
}
