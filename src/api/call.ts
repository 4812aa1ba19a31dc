/**
 * One library call: its words parsed by the CLI's own parser, planned and run by the CLI's own
 * pipeline (executeRun), with the JSON view's documents handed back instead of printed.
 */
import type { WatchClock } from '../app/io.js';
import { executeRun, viewContext } from '../app/run.js';
import type { Outcome } from '../app/views.js';
import { parseArgs } from '../cli/parseArgs.js';
import type { Options } from '../cli/types.js';
import { AbortedError, AssertionFailedError, InputError } from '../errors.js';
import type { Mode } from '../plan/queryPlan.js';
import { stringifyAscii } from '../render/json.js';
import { inputWords, optionWords, type QueryInput, type TsdigOptions } from './options.js';

/** What a call asks of its one query: the words it adds, and the mode the query must end up in. */
export interface CallKind {
  /** The library function's name, for messages. */
  name: string;
  mode: Mode;
  /** Words put before the caller's (`+trace`): the caller's own may refine them (`+watch=5`). */
  words: readonly string[];
  /** Words added when the caller's words alone do not make the mode (a transfer's AXFR)... */
  fallback?: readonly string[];
  /** ...unless the parsed words already do. */
  fallbackUnless?: (options: Options) => boolean;
}

/** How a call runs beyond its words. */
interface RunSettings {
  signal?: AbortSignal;
  clock?: WatchClock;
  /** Documents streamed as they happen (watch events). */
  documents?: (document: object) => void;
  /** Ends a watch as Ctrl-C does. */
  interrupt?: AbortSignal;
}

/** The command-line words of a call: its kind's, then the input's, then the options'. */
export function callWords(kind: CallKind, input: QueryInput, options: TsdigOptions = {}): string[] {
  return [...kind.words, ...inputWords(input), ...optionWords(options)];
}

/** The call's options from its words, through the CLI's parser; the library never reads ~/.digrc. */
function parsedOptions(words: readonly string[]): Options {
  const outcome = parseArgs(words);
  if (outcome.kind === 'invalid') throw new InputError(outcome.message);
  if (outcome.kind !== 'run') throw new InputError(`not a query: ${words.join(' ')}`);
  const options = outcome.options;
  if (options.batchFile !== undefined)
    throw new InputError('-f reads queries for the command line; call once per query');
  if (options.nagios) throw new InputError('--nagios is a command-line output; the library returns documents');
  // The library's results are the JSON view's documents.
  return { ...options, format: 'json', color: 'never' };
}

/** The settings an options object or the call's second argument carries besides the words. */
export function runSettings(input: QueryInput, options: TsdigOptions = {}): RunSettings {
  const fromInput = typeof input === 'object' && !Array.isArray(input) ? (input as TsdigOptions) : {};
  return { signal: options.signal ?? fromInput.signal, clock: options.clock ?? fromInput.clock };
}

/** The AbortError for a cancelled call. */
function aborted(signal: AbortSignal): AbortedError {
  return new AbortedError(signal.reason);
}

/** Whether the words make one query of the call's mode; `fallback` words are tried when they do not. */
function optionsFor(kind: CallKind, words: string[]): Options {
  const options = parsedOptions(words);
  if (!kind.fallback || options.queries.length !== 1 || kind.fallbackUnless?.(options)) return options;
  return parsedOptions([...words, ...kind.fallback]);
}

/**
 * Runs a call's words through the CLI's pipeline and returns the documents its one query made, as
 * plain JSON values (exactly what `--json` prints). Bad input throws InputError before any packet;
 * an abort rejects with AbortError; an +expect, +expect-has or +fail-on that did not hold rejects with
 * AssertionFailedError, which carries the document.
 */
export async function runCall(kind: CallKind, words: string[], settings: RunSettings): Promise<unknown[]> {
  const { signal } = settings;
  if (signal?.aborted) throw aborted(signal);
  const options = optionsFor(kind, words);
  const printed: string[] = [];
  const documents: unknown[] = [];
  let assertion: string | undefined;
  const plain = (document: unknown): unknown => JSON.parse(stringifyAscii(document));
  const deliver = (outcome: Outcome): void => {
    assertion ??= outcome.assertionFailure;
    if (outcome.json === undefined) return;
    const made = outcome.jsonMany ? (outcome.json as unknown[]) : [outcome.json];
    documents.push(...made.map(plain));
  };
  const sink = { write: (text: string) => void printed.push(text) };
  const io = {
    stdout: sink,
    stderr: sink,
    env: process.env,
    isTTY: false,
    ...(signal && { signal }),
    ...(settings.clock && { clock: settings.clock }),
    // A watch ends when the call is aborted or its consumer stops reading, never on the process's SIGINT.
    interrupt: settings.interrupt ?? signal ?? new AbortController().signal,
  };
  try {
    await executeRun(options, io, {
      planned: (run) => {
        if (run.count !== 1 || !run.modes.has(kind.mode))
          throw new InputError(`${kind.name}() runs one ${kind.mode} query: ${words.join(' ')}`);
      },
      view: async (anyIdnout) => ({
        ...(await viewContext(options, io, anyIdnout)),
        documents: (document) => settings.documents?.(plain(document) as object),
      }),
      deliver,
      out: { write: (text) => void printed.push(text), flush: () => {} },
    });
  } catch (error) {
    if (signal?.aborted) throw aborted(signal);
    throw error;
  }
  if (signal?.aborted) throw aborted(signal);
  if (printed.some((text) => text !== '')) throw new Error(`the library printed: ${printed.join('').slice(0, 200)}`);
  if (assertion !== undefined) throw new AssertionFailedError(assertion, documents[0]);
  return documents;
}
