/** Asks every compared server the one question at once, and keeps each reply or failure as data. */
import type { ExchangeSettings, QueryFn } from '../resolve/types.js';
import type { Question } from '../wire/types.js';
import { replyFromError, replyFromExchange } from './replies.js';
import type { CompareTarget, ServerReply } from './types.js';

/** Sends `question` to every target in parallel; the replies come back in the targets' order. */
export function askServers(
  question: Question,
  targets: readonly CompareTarget[],
  settings: ExchangeSettings,
  query: QueryFn,
  now: () => number,
): Promise<ServerReply[]> {
  return Promise.all(
    targets.map(async (target) => {
      const started = now();
      try {
        return replyFromExchange(target, await query(target.endpoint, question, settings));
      } catch (error) {
        return replyFromError(target, error, now() - started);
      }
    }),
  );
}
