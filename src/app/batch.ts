/** Batch mode (-f): the file's query lines, parsed in dig's grammar over the command line's defaults, pass by pass. */
import { batchLineWords } from '../cli/batch.js';
import { batchLineParser } from '../cli/parseArgs.js';
import type { Options, QuerySettings } from '../cli/types.js';
import { InputError } from '../errors.js';
import { openBatchText } from './batchLines.js';
import type { QuerySource, SourcedQuery } from './querySource.js';

/**
 * The queries of the batch file, each line read on from `defaults` (the command line's options and
 * @server). Each pass reads and parses the file again rather than keeping its queries, so a batch of
 * any length runs in the same memory. A line's warnings (`;; Warning, extra type option`) go to
 * `warn` as dig prints them on stderr: once, when the line is first read, however many passes follow.
 */
export async function batchSource(
  file: string,
  defaults: readonly string[],
  stdin: NodeJS.ReadableStream | undefined,
  warn: (line: string) => void,
): Promise<QuerySource> {
  const text = await openBatchText(file, stdin);
  const parseLine = batchLineParser(defaults);
  let warnedThrough = 0;
  return {
    async *passes() {
      const shared = sharing();
      let lineNumber = 0;
      for await (const lines of text.chunks()) {
        let queries: SourcedQuery[] = [];
        for (const line of lines) {
          if (queries.length >= GROUP) {
            yield queries;
            queries = [];
          }
          lineNumber++;
          const words = batchLineWords(line);
          if (!words) continue;
          const outcome = parseLine(words);
          if (outcome.kind !== 'run') {
            const why = outcome.kind === 'invalid' ? outcome.message : 'not a query';
            throw new InputError(`batch file line ${lineNumber} ('${words.join(' ')}'): ${why}`);
          }
          if (lineNumber > warnedThrough) {
            for (const warning of outcome.warnings ?? []) warn(warning);
            warnedThrough = lineNumber;
          }
          const lineOptions = shared.options(outcome.options);
          for (const [index, request] of outcome.queries.entries()) {
            const settings = shared.settings(request.settings);
            const sourced: SourcedQuery = {
              request: settings === request.settings ? request : { ...request, settings },
              options: lineOptions,
            };
            if (index === 0) sourced.banner = words;
            queries.push(sourced);
          }
        }
        if (queries.length > 0) yield queries;
      }
    },
    close: () => text.close(),
  };
}

/**
 * Queries handed on at a time: few enough that a group is used up before the young generation is
 * collected, so its queries die young instead of being copied (a chunk of the file holds thousands).
 */
const GROUP = 256;

/** Distinct settings or options kept for sharing; a file whose every line differs only starts over. */
const SHARED_LIMIT = 256;

/**
 * Lines of a batch mostly differ only in name and type: equal settings and options become one object,
 * so plans made from them share what is derived from them (see plan.ts).
 */
function sharing(): { settings(value: QuerySettings): QuerySettings; options(value: Options): Options } {
  // Lines without +options already share one settings object (parseArgs copies settings only to change them).
  const seen = new WeakMap<QuerySettings, QuerySettings>();
  const settings = new Map<string, QuerySettings>();
  const options = new Map<string, Options>();
  let lastOptions: Options | undefined;
  const once = <T>(table: Map<string, T>, key: string, value: T): T => {
    const known = table.get(key);
    if (known) return known;
    if (table.size >= SHARED_LIMIT) table.clear();
    table.set(key, value);
    return value;
  };
  return {
    settings: (value) => {
      const known = seen.get(value);
      if (known) return known;
      const shared = once(settings, JSON.stringify(value), value);
      seen.set(value, shared);
      return shared;
    },
    // Lines without dash options of their own come with one shared options object already.
    options: (value) => {
      if (value === lastOptions) return value;
      lastOptions = once(options, JSON.stringify(value), value);
      return lastOptions;
    },
  };
}
