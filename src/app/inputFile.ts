/** The one read of a file the command line names (trust anchors, root hints, TSIG key, TLS PEM files). */
import { readFile } from 'node:fs/promises';
import { InputError, type InputErrorCode } from '../errors.js';

/**
 * The text of the file at `path`. A file that cannot be read is bad input: an InputError naming
 * what the file is for, its path and the system's reason (`couldn't read key file 'k': ENOENT`).
 */
export async function readInputFile(path: string, what: string, code: InputErrorCode): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError(`couldn't read ${what} '${path}': ${reason}`, code);
  }
}
