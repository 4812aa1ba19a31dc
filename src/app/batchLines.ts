/**
 * The text of a batch file (-f), readable more than once without holding it: a regular file (also
 * stdin redirected from one) is read again from disk in chunks on every pass; a pipe or terminal
 * cannot be read twice, so its bytes are kept, as bytes, until the run ends.
 */
import { fstatSync, read, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { BatchFileError } from '../errors.js';

/**
 * Bytes read from a regular file at a time: the lines of a chunk stay alive while its queries are
 * planned, and a few hundred of them die young where thousands would be copied by each collection.
 */
const CHUNK = 16 * 1024;

/** The lines of the batch file, chunk by chunk; each call of `chunks()` is a fresh pass from the top. */
export interface BatchText {
  chunks(): AsyncIterable<string[]>;
  close(): Promise<void>;
}

/** Why a batch file could not be read, in a few words. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return code ?? 'unreadable';
}

/** Opens `-f FILE` (or stdin for `-`); failures are BatchFileErrors (exit code 8). */
export async function openBatchText(file: string, stdin: NodeJS.ReadableStream | undefined): Promise<BatchText> {
  const failed = (error: unknown): BatchFileError =>
    new BatchFileError(`couldn't open batch file '${file}': ${reason(error)}`);
  try {
    if (file === '-') {
      const input = stdin ?? process.stdin;
      // stdin redirected from a regular file can be read twice by position, like any file.
      if (input === process.stdin && statOf(0)?.isFile()) return fileText(0, undefined, failed);
      return keptText(await readAll(input));
    }
    const handle = await open(file, 'r');
    const stats = await handle.stat().catch(() => undefined);
    if (stats?.isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    if (stats?.isFile()) return fileText(handle.fd, handle, failed);
    // A named pipe or device: read once, keep the bytes.
    const bytes = await readAll(handle.createReadStream({ autoClose: false }));
    await handle.close();
    return keptText(bytes);
  } catch (error) {
    throw error instanceof BatchFileError ? error : failed(error);
  }
}

function statOf(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(typeof part === 'string' ? Buffer.from(part) : part);
  return Buffer.concat(parts);
}

/** Splits decoded text into lines, carrying an unfinished last line over to the next chunk. */
class LineSplitter {
  private rest = '';
  private readonly decoder = new StringDecoder('utf8');

  push(bytes: Buffer): string[] {
    const lines = (this.rest + this.decoder.write(bytes)).split('\n');
    this.rest = lines.pop() ?? '';
    return lines;
  }

  end(): string[] {
    const last = this.rest + this.decoder.end();
    this.rest = '';
    return last === '' ? [] : [last];
  }
}

/** A regular file: every pass reads it again by position, so nothing of it stays in memory. */
function fileText(fd: number, handle: FileHandle | undefined, failed: (error: unknown) => BatchFileError): BatchText {
  const readAt = (buffer: Buffer, position: number): Promise<number> =>
    new Promise((resolve, reject) =>
      read(fd, buffer, 0, buffer.length, position, (error, bytes) => (error ? reject(error) : resolve(bytes))),
    );
  return {
    async *chunks() {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const lines = new LineSplitter();
      for (let position = 0; ; ) {
        let bytes: number;
        try {
          bytes = await readAt(buffer, position);
        } catch (error) {
          throw failed(error);
        }
        if (bytes === 0) break;
        position += bytes;
        yield lines.push(buffer.subarray(0, bytes));
      }
      yield lines.end();
    },
    close: async () => {
      await handle?.close();
    },
  };
}

/** Bytes already read (a pipe or terminal): passes split them again, a chunk at a time. */
function keptText(bytes: Buffer): BatchText {
  return {
    async *chunks() {
      const lines = new LineSplitter();
      for (let start = 0; start < bytes.length; start += CHUNK) yield lines.push(bytes.subarray(start, start + CHUNK));
      yield lines.end();
    },
    close: async () => {},
  };
}
