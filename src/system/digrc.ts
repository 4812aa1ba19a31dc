/**
 * ${HOME}/.digrc, which dig reads before its command line: the one read of the file, and the check
 * that it is text. Its options are read out of the text in cli/digrc.ts.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';

/** The largest .digrc read: a few lines of options are all it is for, and a bigger file is a mistake, not a setting. */
export const DIGRC_MAX_BYTES = 65536;

function unusable(why: string): InputError {
  return new InputError(`~/.digrc: ${why}; tsdig -r skips the file`);
}

/** The text of the file's bytes; binary data or bytes that are not UTF-8 are refused, so nothing of them is parsed or echoed. */
export function digrcText(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw unusable(`not a text file (a NUL byte at offset ${nul})`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstNonUtf8(bytes);
    throw unusable(`not UTF-8 text (byte 0x${bytes[offset].toString(16).padStart(2, '0')} at offset ${offset})`);
  }
}

/** Where bytes known not to be UTF-8 stop being it: fed one at a time, the decoder fails at the first that cannot continue. */
function firstNonUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let offset = 0; offset < bytes.length; offset++) {
    try {
      decoder.decode(bytes.subarray(offset, offset + 1), { stream: true });
    } catch {
      return offset;
    }
  }
  // A sequence cut off by the end of the file.
  return bytes.length - 1;
}

/**
 * The text of ${HOME}/.digrc, or '' when there is no HOME or no file, or it cannot be read (as dig).
 * A file that is there but is not one dig could mean (not a regular file, too big, not text) is bad input:
 * a device or a FIFO would otherwise be read forever.
 */
export function readDigrc(env: NodeJS.ProcessEnv): string {
  if (!env.HOME) return '';
  const path = `${env.HOME}/.digrc`;
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw unusable('not a regular file');
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    return '';
  }
  if (size > DIGRC_MAX_BYTES) throw unusable(`larger than ${DIGRC_MAX_BYTES} bytes`);
  // One byte past the limit is enough to know a file that grew since stat is too big.
  const bytes = Buffer.alloc(DIGRC_MAX_BYTES + 1);
  let length = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      let got: number;
      do {
        got = readSync(fd, bytes, length, bytes.length - length, null);
        length += got;
      } while (got > 0 && length < bytes.length);
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
  if (length > DIGRC_MAX_BYTES) throw unusable(`larger than ${DIGRC_MAX_BYTES} bytes`);
  return digrcText(bytes.subarray(0, length));
}
