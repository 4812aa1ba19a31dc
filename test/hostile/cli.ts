/**
 * Helpers for the hostile end-to-end tests: start a hostile server, run the real bin against it,
 * and check that what reached the terminal is safe to print.
 */
import { startHostileServer, type HostileScript, type HostileServer } from '../support/hostileServer.js';
import { runBin, type CliRun, type RunOptions } from '../support/runCli.js';

/** A CLI run together with the server it talked to. */
export interface HostileRun extends CliRun {
  server: HostileServer;
}

/**
 * Starts a hostile server with `script`, runs `tsdig @127.0.0.1 -p PORT ...args`, closes the server.
 * The query count is read after the run, so callers can assert how many tries were made.
 */
export async function runAgainst(script: HostileScript, args: string[], options: RunOptions = {}): Promise<HostileRun> {
  const server = await startHostileServer({ address: '127.0.0.1', script });
  try {
    const run = await runBin(['@127.0.0.1', '-p', String(server.port), ...args], options);
    return { ...run, server };
  } finally {
    await server.close();
  }
}

/** `;; Got bad packet from 127.0.0.1#PORT: REASON`, exactly as the CLI must print it. */
export function badPacketLine(server: HostileServer, reason: string): string {
  return `;; Got bad packet from 127.0.0.1#${server.port}: ${reason}`;
}

/** Lines of `text` that equal `line` (counting how often something was reported). */
export function countLines(text: string, line: string): number {
  return text.split('\n').filter((l) => l === line).length;
}

/**
 * What must never reach a terminal: C0 controls except tab and newline, DEL, C1 code points,
 * bidi embeddings, overrides and isolates, lone surrogates, and U+FFFD (what Node decodes
 * invalid UTF-8 to, so finding it means the process wrote bytes that were not UTF-8).
 */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffd]/u;

/** The first unsafe character of `text` with its position, or undefined when all of it is printable. */
export function firstUnsafe(text: string): string | undefined {
  const found = UNSAFE.exec(text);
  if (!found) return undefined;
  const cp = found[0].codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} at ${found.index}: ${JSON.stringify(text.slice(Math.max(0, found.index - 30), found.index + 10))}`;
}

/** Throws when `text` (named `what` in the message) holds anything unsafe to print. */
export function assertPrintable(text: string, what: string): void {
  const unsafe = firstUnsafe(text);
  if (unsafe !== undefined) throw new Error(`${what} holds an unsafe character: ${unsafe}`);
}
