/** The two-byte length framing of DNS over a stream (RFC 1035 4.2.2), shared by TCP and TLS (RFC 7858 3.3). */
import type { Duplex } from 'node:stream';
import type { Finish } from './lifetime.js';
import { TransportError, type TransportRequest } from './types.js';
import { monotonicMs } from '../system/clock.js';

/** Prefixes a message with its 16-bit length. */
export function frame(payload: Uint8Array): Buffer {
  const out = Buffer.alloc(payload.length + 2);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

/**
 * Reads one framed reply from `stream` and ends the exchange with it: accepted by request.check, or
 * a 'mismatch'; a stream that ends first is 'closed', saying how much of the reply had come.
 * `started()` is when the query went out, for the round-trip time.
 */
export function readFramedReply(
  stream: Duplex,
  request: TransportRequest,
  finish: Finish,
  started: () => number,
): void {
  let buffered: Buffer = Buffer.alloc(0);
  stream.on('end', () => {
    const detail =
      buffered.length < 2
        ? 'connection closed before a reply'
        : `connection closed after ${buffered.length - 2} of ${buffered.readUInt16BE(0)} bytes of the reply`;
    finish(new TransportError('closed', detail));
  });
  stream.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    if (buffered.length < 2) return;
    const length = buffered.readUInt16BE(0);
    if (buffered.length < 2 + length) return;
    const raw = buffered.subarray(2, 2 + length);
    const verdict = request.check(raw);
    if (verdict.ok) finish({ raw, rttMs: monotonicMs() - started() });
    else finish(new TransportError('mismatch', verdict.warning));
  });
}
