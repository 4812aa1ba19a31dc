/** +types: one lookup per type, all at once, printed as one report in the order the types were given. */
import type { PlannedQuery } from '../plan/plan.js';
import { lookup } from '../resolve/lookup.js';
import type { QueryFn } from '../resolve/types.js';
import { renderTypesLine, renderTypesTable, type TypeResult, typeOutcome } from '../render/typesReport.js';
import { displayNameFor, lookupOutcome, type Outcome, type ViewContext } from './views.js';

/** Asks `plan`'s lookup once for each of its types, concurrently; the results in the order of the types. */
export async function lookupTypes(plan: PlannedQuery, types: readonly number[], query: QueryFn): Promise<TypeResult[]> {
  return Promise.all(
    types.map(async (type) => {
      const candidates = plan.lookup.candidates.map((question) => ({ ...question, type }));
      return { type, result: await lookup({ ...plan.lookup, candidates }, query) };
    }),
  );
}

/**
 * The report of one +types query: dig's text (or +short, or YAML) of each reply and a TYPES line marking
 * NODATA and NXDOMAIN; one table; or one JSON array of lookup documents, each with its `outcome`.
 */
export async function typesOutcome(
  results: readonly TypeResult[],
  plan: PlannedQuery,
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
    const display = plan.request.settings.display;
    const displayName = displayNameFor(view, display) ?? ((name: string) => name);
    const columns = (view.isTTY && view.columns) || 80;
    return { text: renderTypesTable(Table, results, view.palette, { columns, displayName }), failed };
  }
  let text = '';
  for (const [index, entry] of results.entries()) text += (await perType(entry, index)).text;
  // +short and +yaml stay what scripts parse: nothing but the replies.
  if (view.format === 'dig') {
    const name = results[0]?.result.question.name ?? plan.request.name;
    text += renderTypesLine(name, results, view.palette);
  }
  return { text, failed };
}
