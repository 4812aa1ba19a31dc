/** The servers of a list asked in turn: a server that gives no usable reply hands the question to the next. */
import type { Endpoint } from '../transport/types.js';
import type { Question, Message } from '../wire/types.js';
import { ExchangeError } from '../errors.js';
import type { ExchangeSettings, QueryFn } from './types.js';

/** What asking in turn came to: the first result taken, or the last server's failure (none without servers). */
export type InTurn<T> = { taken: T } | { taken?: undefined; failure?: ExchangeError };

/**
 * Calls `ask` for each server in order until it returns a result; an ExchangeError (no usable reply)
 * or `undefined` (a reply the caller passes over, as +nofail passes over SERVFAIL) moves on to the next.
 * Any other error ends the search and is thrown.
 */
export async function askInTurn<T>(
  servers: readonly Endpoint[],
  ask: (server: Endpoint, last: boolean) => Promise<T | undefined>,
): Promise<InTurn<T>> {
  let failure: ExchangeError | undefined;
  for (let index = 0; index < servers.length; index++) {
    try {
      const taken = await ask(servers[index], index === servers.length - 1);
      if (taken !== undefined) return { taken };
    } catch (error) {
      if (!(error instanceof ExchangeError)) throw error;
      failure = error;
    }
  }
  return { failure };
}

/** The first reply any of the servers gives to `question`; throws the last failure, or `unreachable` when there is none. */
export async function replyFromAny(
  servers: readonly Endpoint[],
  query: QueryFn,
  question: Question,
  settings: ExchangeSettings,
  unreachable: string,
): Promise<Message> {
  const outcome = await askInTurn(servers, async (server) => (await query(server, question, settings)).response);
  if (outcome.taken) return outcome.taken;
  throw outcome.failure ?? new Error(unreachable);
}
