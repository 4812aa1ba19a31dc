/** The TSIG key of a run (-y or -k): read and checked before any query is planned, so a bad key sends nothing. */
import { readFile } from 'node:fs/promises';
import type { TsigKeySource } from '../cli/types.js';
import { InputError } from '../errors.js';
import { parseTsigFile, parseTsigText } from '../plan/tsigKey.js';
import type { TsigKey } from '../wire/tsig.js';

/** The key -y gave, or the key in -k's file; throws InputError (exit 1) when it cannot be used. */
export async function loadTsigKey(source: TsigKeySource): Promise<TsigKey> {
  if (source.kind === 'text') return parseTsigText(source.text);
  let text: string;
  try {
    text = await readFile(source.path, 'utf8');
  } catch (error) {
    throw new InputError(
      `couldn't read key file '${source.path}': ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      'input.tsig',
    );
  }
  return parseTsigFile(text, source.path);
}
