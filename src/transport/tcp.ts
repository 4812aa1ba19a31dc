/** DNS over TCP: one query per connection, framed by the two-byte length prefix (RFC 1035 4.2.2). */
import type { Socket } from 'node:net';
import { socketFailure } from './udp.js';
import { frame, readFramedReply } from './framing.js';
import { startLifetime } from './lifetime.js';
import type { Transport, TransportReply, TransportRequest } from './types.js';
import { monotonicMs } from '../system/clock.js';

export { frame } from './framing.js';

/** Connects, sends one framed query, and reads one framed reply before the deadline (a slow drip cannot outlast it). */
export const tcpTransport: Transport = {
  async send(request: TransportRequest): Promise<TransportReply> {
    // node:net (and the streams it pulls in) is loaded only when a query goes over TCP.
    const { connect } = await import('node:net');
    return new Promise((resolve, reject) => {
      const started = monotonicMs();
      const socket: Socket = connect({
        host: request.server.address,
        port: request.server.port,
        ...(request.source
          ? { localAddress: request.source.address, localPort: request.source.port || undefined }
          : {}),
      });
      const finish = startLifetime(request, () => socket.destroy(), resolve, reject);
      if (!finish) return;
      socket.setNoDelay(true);
      socket.on('connect', () => socket.write(frame(request.payload)));
      socket.on('error', (error) => finish(socketFailure(error)));
      readFramedReply(socket, request, finish, () => started);
    });
  },
};
