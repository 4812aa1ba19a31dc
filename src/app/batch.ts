/** Reads a batch file (-f) into query requests; the one place the file is read. */
import { readFile } from 'node:fs/promises';
import { batchDefaults, batchLines } from '../cli/batch.js';
import { parseArgs } from '../cli/parseArgs.js';
import type { Options, QueryRequest } from '../cli/types.js';
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
  for (const [index, words] of batchLines(text).entries()) {
    const outcome = parseArgs([...defaults, ...words]);
    if (outcome.kind === 'invalid') throw new InputError(`batch query ${index + 1} ('${words.join(' ')}'): ${outcome.message}`);
    if (outcome.kind !== 'run') throw new InputError(`batch query ${index + 1} ('${words.join(' ')}'): not a query`);
    for (const request of outcome.options.queries) queries.push({ request, options: outcome.options });
  }
  return queries;
}
