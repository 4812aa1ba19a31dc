/** Where the CLI reads and writes; tests pass buffers and fakes. */
import type { QueryFn } from '../resolve/types.js';
import type { OpenFrameStream } from '../transport/tcpStream.js';

/** Time as +watch sees it: now, and a wait that ends early when the signal aborts. */
export interface WatchClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** The outside world of one run. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colour, tables, +idnout). */
  isTTY: boolean;
  stdin?: NodeJS.ReadableStream;
  /** Terminal width, for tables. */
  columns?: number;
  /** Test seam: the network. */
  queryFn?: QueryFn;
  /** Test seam: the TCP stream of a zone transfer. */
  openStream?: OpenFrameStream;
  /** Test seam: the time and the waits of +watch; the time +explain judges DNSSEC signatures at. */
  clock?: WatchClock;
  /** Test seam: what ends a +watch as Ctrl-C does (otherwise SIGINT itself). */
  interrupt?: AbortSignal;
  /** Ends the run early (the library's AbortSignal): exchanges in flight are abandoned, nothing more is sent. */
  signal?: AbortSignal;
  /** Test seam: host-name resolution for @server. */
  resolveHost?: (name: string) => Promise<string[]>;
}
