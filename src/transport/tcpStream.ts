/**
 * One TCP connection, one query, any number of length-prefixed replies (RFC 1035 4.2.2): what a
 * zone transfer needs (RFC 5936 section 4.2). Replies are handed out one whole message at a time;
 * the socket is paused while unread messages pile up, so a fast server cannot fill memory.
 */
import type { Socket } from 'node:net';
import { frame } from './tcp.js';
import { socketFailure } from './udp.js';
import { TransportError, type Endpoint } from './types.js';
import { monotonicMs } from '../system/clock.js';

/** What opening a stream needs. */
export interface StreamRequest {
  server: Endpoint;
  payload: Uint8Array;
  /** How long connecting may take, in ms. */
  timeoutMs: number;
  source?: { address: string; port: number };
  signal?: AbortSignal;
}

/** An open connection whose query has been written. */
export interface FrameStream {
  /** The next whole message; rejects with TransportError: 'timeout' when none completes in time, 'closed' at the end of the stream. */
  next(timeoutMs: number): Promise<Uint8Array>;
  /** When the query was written (monotonicMs()). */
  readonly sentAt: number;
  close(): void;
}

/** Opens a stream: a function so that tests can put a fake in its place. */
export type OpenFrameStream = (request: StreamRequest) => Promise<FrameStream>;

/** Unread messages at which reading pauses, and at which it resumes. */
const PAUSE_AT = 16;
const RESUME_AT = 4;

/** Splits a byte stream into DNS messages; `push` returns the messages completed by a chunk. */
export class FrameSplitter {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Uint8Array[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: Uint8Array[] = [];
    let at = 0;
    while (this.buffered.length - at >= 2) {
      const length = this.buffered.readUInt16BE(at);
      if (this.buffered.length - at - 2 < length) break;
      // A copy: the message must not keep the whole chunk it came in alive.
      frames.push(Uint8Array.prototype.slice.call(this.buffered, at + 2, at + 2 + length));
      at += 2 + length;
    }
    this.buffered = at === 0 ? this.buffered : this.buffered.subarray(at);
    return frames;
  }

  /** Bytes of a message begun but not finished (for the message when the stream ends). */
  get pendingBytes(): number {
    return this.buffered.length;
  }
}

/** Connects to the server and writes the framed query; rejects with TransportError when that fails. */
export const openTcpStream: OpenFrameStream = async (request) => {
  const { connect } = await import('node:net');
  return new Promise((resolve, reject) => {
    const queue: Uint8Array[] = [];
    const splitter = new FrameSplitter();
    let failure: TransportError | undefined;
    let waiter:
      | { resolve: (raw: Uint8Array) => void; reject: (error: TransportError) => void; timer: NodeJS.Timeout }
      | undefined;
    let opened = false;
    let paused = false;
    let sentAt = 0;
    const socket: Socket = connect({
      host: request.server.address,
      port: request.server.port,
      ...(request.source ? { localAddress: request.source.address, localPort: request.source.port || undefined } : {}),
    });
    socket.setNoDelay(true);
    const fail = (error: TransportError): void => {
      if (failure) return;
      failure = error;
      socket.destroy();
      request.signal?.removeEventListener('abort', onAbort);
      if (!opened) {
        clearTimeout(connectTimer);
        reject(error);
      }
      if (waiter) {
        clearTimeout(waiter.timer);
        waiter.reject(error);
        waiter = undefined;
      }
    };
    const onAbort = (): void => fail(new TransportError('aborted', 'aborted'));
    const connectTimer = setTimeout(() => fail(new TransportError('timeout', 'timed out')), request.timeoutMs);
    if (request.signal?.aborted) return onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (error) => fail(socketFailure(error)));
    socket.on('end', () => fail(new TransportError('closed', 'end of file')));
    socket.on('data', (chunk: Buffer) => {
      for (const raw of splitter.push(chunk)) {
        if (waiter) {
          clearTimeout(waiter.timer);
          waiter.resolve(raw);
          waiter = undefined;
        } else {
          queue.push(raw);
        }
      }
      if (queue.length >= PAUSE_AT && !paused) {
        paused = true;
        socket.pause();
      }
    });
    socket.on('connect', () => {
      socket.write(frame(request.payload));
      sentAt = monotonicMs();
      clearTimeout(connectTimer);
      opened = true;
      resolve(stream);
    });
    const stream: FrameStream = {
      get sentAt() {
        return sentAt;
      },
      next(timeoutMs) {
        const ready = queue.shift();
        if (ready) {
          if (paused && queue.length <= RESUME_AT) {
            paused = false;
            socket.resume();
          }
          return Promise.resolve(ready);
        }
        if (failure) return Promise.reject(failure);
        return new Promise((resolveNext, rejectNext) => {
          const timer = setTimeout(() => fail(new TransportError('timeout', 'timed out')), timeoutMs);
          waiter = { resolve: resolveNext, reject: rejectNext, timer };
        });
      },
      close() {
        request.signal?.removeEventListener('abort', onAbort);
        socket.destroy();
      },
    };
  });
};
