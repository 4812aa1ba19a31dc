/**
 * tsdig as a library: each call takes dig's words (`'example.com MX +dnssec @127.0.0.1'`) or an
 * options object whose keys mirror the command line's settings, runs through the CLI's own parser,
 * plan and runners, and resolves to the document `--json` prints for it. Nothing is printed and the
 * process is never ended: bad input rejects with InputError (before any packet), a cancelled call
 * with an AbortError, and a server that did not answer is a document whose `error` says so.
 */
import type { WatchEvent } from '../render/watch.js';
import { callWords, type CallKind, runCall, runSettings } from './call.js';
import type {
  CheckDocument,
  CompareDocument,
  ExplainedLookupDocument,
  LookupDocument,
  NsSearchDocument,
  TraceDocument,
  TransferDocument,
  TypesDocument,
  ValidatedLookupDocument,
} from './documents.js';
import { CALLS } from './modes.js';
import type { QueryInput, TsdigOptions } from './options.js';
import { watchEvents } from './watchEvents.js';

export type * from './documents.js';
export type { QueryInput, TsdigOptions, PlusSettings, QuerySettings, CallSettings } from './options.js';
export type { WatchClock } from '../app/io.js';
export type { ErrorCode, Failure } from '../errors.js';
export {
  AbortedError,
  AssertionFailedError,
  BadPacketError,
  ExchangeError,
  InputError,
  TsdigError,
  isAborted,
  isMalformed,
  isRefused,
  isTimeout,
} from '../errors.js';
export { TransportError } from '../transport/types.js';

/** A call whose one query makes one document. */
function oneDocument<T>(kind: CallKind) {
  return async (input: QueryInput, options?: TsdigOptions): Promise<T> => {
    const [document] = await runCall(kind, callWords(kind, input, options), runSettings(input, options));
    return document as T;
  };
}

/** A lookup, as `tsdig NAME TYPE @SERVER --json` prints it. */
export const query: (input: QueryInput, options?: TsdigOptions) => Promise<LookupDocument> = oneDocument(CALLS.query);

/** A lookup with its DNSSEC verdict (`+validate`), in the document's `validation` member. */
export const validate: (input: QueryInput, options?: TsdigOptions) => Promise<ValidatedLookupDocument> = oneDocument(
  CALLS.validate,
);

/** Iteration from the root (`+trace`): every hop and the answer. */
export const trace: (input: QueryInput, options?: TsdigOptions) => Promise<TraceDocument> = oneDocument(CALLS.trace);

/** A zone transfer (AXFR unless the words ask for `IXFR=SERIAL`), its records whole. */
export const transfer: (input: QueryInput, options?: TsdigOptions) => Promise<TransferDocument> = oneDocument(
  CALLS.transfer,
);

/** The zone's name servers and each one's SOA (`+nssearch`). */
export const nssearch: (input: QueryInput, options?: TsdigOptions) => Promise<NsSearchDocument> = oneDocument(
  CALLS.nssearch,
);

/** One question to several servers at once (`+compare`; `+allns`: every server of the zone), the answers compared. */
export const compare: (input: QueryInput, options?: TsdigOptions) => Promise<CompareDocument> = oneDocument(
  CALLS.compare,
);

/** A lookup that, when it fails, is traced from the root with validation and its culprit named (`+explain`). */
export const explain: (input: QueryInput, options?: TsdigOptions) => Promise<ExplainedLookupDocument> = oneDocument(
  CALLS.explain,
);

/** A delegation checked as an operator would (`+check`): the zone and the cuts above it, each finding with its severity. */
export const check: (input: QueryInput, options?: TsdigOptions) => Promise<CheckDocument> = oneDocument(CALLS.check);

/** One name asked for several types at once (`+types=A,AAAA,MX`, or `{ types: ['A', 'MX'] }`): a document per type. */
export async function types(input: QueryInput, options?: TsdigOptions): Promise<TypesDocument[]> {
  const kind = CALLS.types;
  return (await runCall(kind, callWords(kind, input, options), runSettings(input, options))) as TypesDocument[];
}

/**
 * A query asked again and again (`+watch[=SECONDS]`, `+until=VALUE`, `+deadline=SECONDS`): the events
 * `--ndjson` prints, as they happen, ending with the `end` event. Leaving the loop ends the watch.
 */
export function watch(input: QueryInput, options?: TsdigOptions): AsyncGenerator<WatchEvent, void, undefined> {
  const kind = CALLS.watch;
  return watchEvents(kind, callWords(kind, input, options), runSettings(input, options));
}
