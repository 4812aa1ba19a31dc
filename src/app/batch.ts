/** Reads a batch file (-f) into query requests; the one place the file is read. */
import { readFile } from 'node:fs/promises';
import { batchDefaults, batchLines } from '../cli/batch.js';
import { batchLineParser } from '../cli/parseArgs.js';
import type { Options, QueryRequest, QuerySettings } from '../cli/types.js';
import { BatchFileError, InputError } from '../errors.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** One query of a batch, with the options of its own line (a line may carry its own -p, -4, -b ...). */
export interface BatchQuery {
  request: QueryRequest;
  options: Options;
}

/** Every query of the batch file, each line parsed in dig's grammar over the command line's defaults. */
export async function batchQueries(options: Options, stdin: NodeJS.ReadableStream | undefined): Promise<BatchQuery[]> {
  const file = options.batchFile!;
  let text: string;
  try {
    text = file === '-' ? await readAll(stdin ?? process.stdin) : await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new BatchFileError(`couldn't open batch file '${file}': ${reason}`);
  }
  const parseLine = batchLineParser(batchDefaults(options.argv));
  const queries: BatchQuery[] = [];
  const shared = sharing();
  for (const [index, words] of batchLines(text).entries()) {
    const outcome = parseLine(words);
    if (outcome.kind === 'invalid') throw new InputError(`batch query ${index + 1} ('${words.join(' ')}'): ${outcome.message}`);
    if (outcome.kind !== 'run') throw new InputError(`batch query ${index + 1} ('${words.join(' ')}'): not a query`);
    const lineOptions = shared.options(outcome.options);
    for (const request of outcome.options.queries) queries.push({ request: { ...request, settings: shared.settings(request.settings) }, options: lineOptions });
  }
  return queries;
}

/**
 * Lines of a batch mostly differ only in name and type: equal settings and options are kept once, so a
 * large batch holds little more per query than its name (plans made from shared settings share them too).
 */
function sharing(): { settings(value: QuerySettings): QuerySettings; options(value: Options): Options } {
  // Lines without +options already share one settings object (parseArgs copies settings only to change them).
  const seen = new Map<QuerySettings, QuerySettings>();
  const settings = new Map<string, QuerySettings>();
  const options = new Map<string, Options>();
  let lastOptions: Options | undefined;
  const once = <T>(table: Map<string, T>, key: string, value: T): T => {
    const known = table.get(key);
    if (known) return known;
    table.set(key, value);
    return value;
  };
  return {
    settings: (value) => {
      let known = seen.get(value);
      if (!known) seen.set(value, (known = once(settings, JSON.stringify(value), value)));
      return known;
    },
    // A line's own queries and argv are not read after planning; leaving them out lets lines share one object.
    options: (value) => {
      if (lastOptions && sameOptions(lastOptions, value)) return lastOptions;
      const { queries: _queries, argv: _argv, ...rest } = value;
      return (lastOptions = once(options, JSON.stringify(rest), { ...rest, queries: [], argv: [] }));
    },
  };
}

/** Whether two lines' options are equal but for their queries and argv (a cheap check before the JSON key). */
function sameOptions(a: Options, b: Options): boolean {
  for (const key of Object.keys(b) as Array<keyof Options>) {
    if (key === 'queries' || key === 'argv' || a[key] === b[key]) continue;
    if (key !== 'source' || a.source?.address !== b.source?.address || a.source?.port !== b.source?.port) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}
