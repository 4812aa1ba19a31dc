/** The +nssearch path: loaded only when a query asks for it. */
import type { PlannedQuery } from '../plan/plan.js';
import { nsSearch, type NsSearchEvent } from '../resolve/nssearch.js';
import type { QueryFn } from '../resolve/types.js';
import { renderNsSearch, renderNsSearchEnd, renderNsSearchEvent } from '../render/nssearch.js';
import { VERSION } from '../version.js';
import { lookupOutcome, yamlContext, type Outcome, type ViewContext } from './views.js';

/**
 * Runs one planned +nssearch. With `write` (a lone query in dig's layout) each line is written as
 * its reply comes, as dig prints them; otherwise the text or JSON document comes back whole.
 */
export async function runNsSearch(
  plan: PlannedQuery,
  query: QueryFn,
  view: ViewContext,
  first: boolean,
  write?: (text: string) => void,
): Promise<Outcome> {
  const settings = plan.nssearch;
  if (!settings) throw new Error('runNsSearch was given a plan made without +nssearch');
  const options = { palette: view.palette, display: plan.request.settings.display, usec: view.usec };
  // The resolver's own trouble (a timeout before it answered) is shown only once it is known whether it answered at all.
  let held = '';
  const onEvent = (event: NsSearchEvent): void => {
    if (!write) return;
    if (event.kind === 'lookup') {
      held += renderNsSearchEvent(event, options);
      return;
    }
    write(held + renderNsSearchEvent(event, options));
    held = '';
  };
  const result = await nsSearch({ ns: plan.lookup, settings }, query, onEvent);
  if (view.jsonView) {
    const { nsSearchDocument } = await import('../render/jsonNssearch.js');
    const server = plan.lookup.servers[0];
    const protocol = plan.lookup.settings.tcp ? 'tcp' : 'udp';
    return {
      text: '',
      json: nsSearchDocument(result, { version: VERSION, server, protocol }),
      failed: result.error !== undefined,
    };
  }
  if (view.yamlView)
    return { text: view.yamlView.yamlNsSearch(result, yamlContext(plan, view)), failed: result.error !== undefined };
  // The resolver never answered: dig's failure lines, as for any lookup.
  if (!result.ns.exchange) return lookupOutcome(result.ns, plan, view, first);
  const failed = result.error !== undefined;
  if (write) return { text: held + renderNsSearchEnd(result, options), failed };
  return { text: renderNsSearch(result, options), failed };
}
