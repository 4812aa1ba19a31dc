/** The TSIG key of a run (-y or -k): read and checked before any query is planned, so a bad key sends nothing. */
import type { TsigKeySource } from '../cli/types.js';
import { parseTsigFile, parseTsigText } from '../plan/tsigKey.js';
import type { TsigKey } from '../wire/tsig.js';
import { readInputFile } from './inputFile.js';

/** The key -y gave, or the key in -k's file; throws InputError (exit 1) when it cannot be used. */
export async function loadTsigKey(source: TsigKeySource): Promise<TsigKey> {
  if (source.kind === 'text') return parseTsigText(source.text);
  return parseTsigFile(await readInputFile(source.path, 'key file', 'input.tsig'), source.path);
}
