/** Reads a batch file (-f) into query requests; the one place the file is read. */
import { readFile } from 'node:fs/promises';
import { batchDefaults, batchLines } from '../cli/batch.js';
import { parseArgs } from '../cli/parseArgs.js';
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
  const defaults = batchDefaults(options.argv);
  const queries: BatchQuery[] = [];
  const shared = sharing();
  for (const [index, words] of batchLines(text).entries()) {
    const outcome = parseArgs([...defaults, ...words]);
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
  const settings = new Map<string, QuerySettings>();
  const options = new Map<string, Options>();
  const once = <T>(table: Map<string, T>, key: string, value: T): T => {
    const known = table.get(key);
    if (known) return known;
    table.set(key, value);
    return value;
  };
  return {
    settings: (value) => once(settings, JSON.stringify(value), value),
    // A line's own queries and argv are not read after planning; leaving them out lets lines share one object.
    options: (value) => {
      const { queries: _queries, argv: _argv, ...rest } = value;
      return once(options, JSON.stringify(rest), { ...rest, queries: [], argv: [] });
    },
  };
}
