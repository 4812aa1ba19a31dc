/** +nssearch: the zone's NS set from the resolver, then every name server's SOA. */
import type { NsSearchQueryPlan } from '../../plan/queryPlan.js';
import { renderNsSearch, renderNsSearchEnd, renderNsSearchEvent } from '../../render/nssearch.js';
import { nsSearch, type NsSearchEvent } from '../../resolve/nssearch.js';
import type { QueryFn } from '../../resolve/types.js';
import { jsonMeta, lookupOutcome, yamlContext, type Outcome, type ViewContext } from '../views.js';
import type { Runner } from './runner.js';

/** The +nssearch runner: a lone one in dig's layout writes each server's line as its reply comes, as dig does. */
export const nsSearchRunner: Runner<'nssearch'> = {
  sequential: false,
  async prepare({ run, view, query, out }) {
    const write = view.format === 'dig' && run.count === 1 ? (text: string) => out.write(text) : undefined;
    return (plan, index) => runNsSearch(plan, query, view, index === 0, write);
  },
};

/**
 * Runs one planned +nssearch. With `write` each line is written as its reply comes; otherwise the
 * text or JSON document comes back whole.
 */
async function runNsSearch(
  plan: NsSearchQueryPlan,
  query: QueryFn,
  view: ViewContext,
  first: boolean,
  write?: (text: string) => void,
): Promise<Outcome> {
  const options = { palette: view.palette, display: plan.display, usec: view.usec };
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
  const result = await nsSearch({ ns: plan.lookup, settings: plan.nssearch }, query, onEvent);
  if (view.jsonView) {
    const { nsSearchDocument } = await import('../../render/jsonNssearch.js');
    // The resolver is asked over the query's channel (+tls, +https); the name servers over plain UDP or TCP.
    const soaProtocol = plan.nssearch.soa.tcp ? 'tcp' : 'udp';
    return {
      text: '',
      json: nsSearchDocument(result, jsonMeta(plan.lookup.servers, plan.lookup.settings), soaProtocol),
      failed: result.error !== undefined,
    };
  }
  if (view.yamlView) {
    const ctx = yamlContext(plan.display, plan.lookup.settings, view);
    return { text: view.yamlView.yamlNsSearch(result, ctx), failed: result.error !== undefined };
  }
  // The resolver never answered: dig's failure lines, as for any lookup.
  if (!result.ns.exchange) return lookupOutcome(result.ns, plan, view, first);
  const failed = result.error !== undefined;
  if (write) return { text: held + renderNsSearchEnd(result, options), failed };
  return { text: renderNsSearch(result, options), failed };
}
