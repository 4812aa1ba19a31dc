/** DNS over TCP: one query per connection, framed by the two-byte length prefix (RFC 1035 4.2.2). */
import type { Socket } from 'node:net';
import { socketFailure } from './udp.js';
import { startLifetime } from './lifetime.js';
import { TransportError, type Transport, type TransportReply, type TransportRequest } from './types.js';

/** Prefixes a message with its 16-bit length. */
export function frame(payload: Uint8Array): Buffer {
  const out = Buffer.alloc(payload.length + 2);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}

/** Connects, sends one framed query, and reads one framed reply before the deadline (a slow drip cannot outlast it). */
export const tcpTransport: Transport = {
  async send(request: TransportRequest): Promise<TransportReply> {
    // node:net (and the streams it pulls in) is loaded only when a query goes over TCP.
    const { connect } = await import('node:net');
    return new Promise((resolve, reject) => {
      const started = performance.now();
      let buffered: Buffer = Buffer.alloc(0);
      const socket: Socket = connect({
        host: request.server.address,
        port: request.server.port,
        ...(request.source ? { localAddress: request.source.address, localPort: request.source.port || undefined } : {}),
      });
      const finish = startLifetime(request, () => socket.destroy(), resolve, reject);
      if (!finish) return;
      socket.setNoDelay(true);
      socket.on('connect', () => socket.write(frame(request.payload)));
      socket.on('error', (error) => finish(socketFailure(error)));
      socket.on('end', () => {
        const detail =
          buffered.length < 2
            ? 'connection closed before a reply'
            : `connection closed after ${buffered.length - 2} of ${buffered.readUInt16BE(0)} bytes of the reply`;
        finish(new TransportError('closed', detail));
      });
      socket.on('data', (chunk: Buffer) => {
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        if (buffered.length < 2) return;
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) return;
        const raw = buffered.subarray(2, 2 + length);
        const verdict = request.check(raw);
        if (verdict.ok) finish(null, { raw, rttMs: performance.now() - started });
        else finish(new TransportError('mismatch', verdict.warning));
      });
    });
  },
};
