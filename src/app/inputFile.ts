/** The one read of a file the command line names (trust anchors, root hints, TSIG key, TLS PEM files). */
import { open, readFile } from 'node:fs/promises';
import { InputError, type InputErrorCode } from '../errors.js';

/** The first `limit` + 1 octets of the file at most: enough to tell that it is too large without reading it all. */
async function readAtMost(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/**
 * The text of the file at `path`. A file that cannot be read is bad input: an InputError naming
 * what the file is for, its path and the system's reason (`couldn't read key file 'k': ENOENT`);
 * so is one over `maxOctets`, when given (read no further).
 */
export async function readInputFile(
  path: string,
  what: string,
  code: InputErrorCode,
  maxOctets?: number,
): Promise<string> {
  let bytes: Buffer | undefined;
  try {
    if (maxOctets === undefined) return await readFile(path, 'utf8');
    bytes = await readAtMost(path, maxOctets);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError(`couldn't read ${what} '${path}': ${reason}`, code);
  }
  if (bytes.length > maxOctets)
    throw new InputError(`${what} '${path}' is too large (more than ${maxOctets} octets)`, code);
  return bytes.toString('utf8');
}
