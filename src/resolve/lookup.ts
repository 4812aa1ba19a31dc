/** A lookup: one question (or its search-list candidates) against the server list, first usable reply wins. */
import { ExchangeError } from '../errors.js';
import { askInTurn } from './inTurn.js';
import type { Endpoint } from '../transport/types.js';
import { RCODE } from '../wire/rrtypes.js';
import type { Question } from '../wire/types.js';
import type { Exchange, ExchangeSettings, LookupEvent, LookupResult, QueryFn } from './types.js';

/** A lookup, fully planned: every name validated, every server an address. */
export interface LookupPlan {
  /** The question, or with +search the candidate names in order (the last one is shown if none answers). */
  candidates: Question[];
  servers: Endpoint[];
  settings: ExchangeSettings;
  /** dig's +nofail: a SERVFAIL reply sends the question to the next server (the last server's reply stands). */
  nextServerOnServfail?: boolean;
  /** dig's +showsearch: keep the replies of the candidates tried before the last (LookupResult.searched). */
  showSearch?: boolean;
}

/** Runs the plan: each server in turn until one gives a usable reply; events are passed on as they happen. */
export function lookup(
  plan: LookupPlan,
  query: QueryFn,
  onEvent?: (event: LookupEvent) => void,
): Promise<LookupResult> {
  const events: LookupEvent[] = [];
  const emit = (event: LookupEvent): void => {
    events.push(event);
    onEvent?.(event);
  };
  // One name (no search list): its servers' promise is the lookup's, without a search loop around it.
  if (plan.candidates.length === 1) return askServers(plan.candidates[0], plan, query, emit, events);
  return searchCandidates(plan, query, emit, events);
}

/** The search-list names in turn, as dig tries them. */
async function searchCandidates(
  plan: LookupPlan,
  query: QueryFn,
  emit: (event: LookupEvent) => void,
  events: LookupEvent[],
): Promise<LookupResult> {
  const searched: Exchange[] = [];
  const last = plan.candidates.length - 1;
  for (let index = 0; index < last; index++) {
    const result = await askServers(plan.candidates[index], plan, query, emit, events);
    // dig 9.18 moves to the next search-list name only after NXDOMAIN; any other reply (NODATA, SERVFAIL, REFUSED) stands.
    if (result.exchange?.response.rcode !== RCODE.NXDOMAIN) return withSearched(result, searched);
    if (plan.showSearch) searched.push(result.exchange);
  }
  return withSearched(await askServers(plan.candidates[last], plan, query, emit, events), searched);
}

function withSearched(result: LookupResult, searched: Exchange[]): LookupResult {
  if (searched.length > 0) result.searched = searched;
  return result;
}

async function askServers(
  question: Question,
  plan: LookupPlan,
  query: QueryFn,
  emit: (event: LookupEvent) => void,
  events: LookupEvent[],
): Promise<LookupResult> {
  // One server without +nofail (every line of a plain batch): its reply stands or its failure is the lookup's,
  // as askInTurn would have it, without the list's promise and closures.
  if (plan.servers.length === 1 && !plan.nextServerOnServfail) {
    try {
      return { question, events, exchange: await query(plan.servers[0], question, plan.settings, emit) };
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      return { question, events, error: { code: error.code, message: 'no servers could be reached' } };
    }
  }
  // Without +nofail any reply stands, and the query's own promise is all askInTurn waits on.
  const ask = plan.nextServerOnServfail
    ? async (server: Endpoint, last: boolean): Promise<Exchange | undefined> => {
        const exchange = await query(server, question, plan.settings, emit);
        if (exchange.response.rcode !== RCODE.SERVFAIL) return exchange;
        emit({
          kind: 'nextServer',
          text: `Got SERVFAIL reply from ${server.address}${last ? '' : ', trying next server'}`,
          server,
        });
        return last ? exchange : undefined;
      }
    : (server: Endpoint): Promise<Exchange> => query(server, question, plan.settings, emit);
  const outcome = await askInTurn(plan.servers, ask);
  if (outcome.taken) return { question, events, exchange: outcome.taken };
  return {
    question,
    events,
    error: { code: outcome.failure?.code ?? 'transport.noservers', message: 'no servers could be reached' },
  };
}
