/** DNS over TLS (RFC 7858): one query per connection, TCP's length framing inside the TLS stream. */
import type { TLSSocket } from 'node:tls';
import { frame, readFramedReply } from './framing.js';
import { startLifetime } from './lifetime.js';
import { connectOptions, tlsFailure } from './tlsSetup.js';
import { TransportError, type Transport, type TransportReply, type TransportRequest } from './types.js';
import { monotonicMs } from '../system/clock.js';

/** Connects with TLS (ALPN "dot"), sends one framed query, and reads one framed reply before the deadline. */
export const tlsTransport: Transport = {
  async send(request: TransportRequest): Promise<TransportReply> {
    // node:tls is loaded only when a query goes over TLS.
    const { connect, checkServerIdentity } = await import('node:tls');
    const tls = request.tls ?? { verify: false };
    return new Promise((resolve, reject) => {
      // As dig counts it: from the query, not from the handshake before it.
      let started = monotonicMs();
      let secured = false;
      let socket: TLSSocket;
      try {
        socket = connect(connectOptions(request, tls, checkServerIdentity, 'dot'));
      } catch (error) {
        reject(new TransportError('handshake', `TLS set-up failed: ${(error as Error).message}`));
        return;
      }
      const finish = startLifetime(request, () => socket.destroy(), resolve, reject);
      if (!finish) return;
      socket.setNoDelay(true);
      socket.on('secureConnect', () => {
        secured = true;
        started = monotonicMs();
        socket.write(frame(request.payload));
      });
      socket.on('error', (error) => finish(tlsFailure(error, secured)));
      socket.on('end', () => {
        if (!secured) finish(new TransportError('handshake', 'TLS handshake failed: connection closed by the server'));
      });
      readFramedReply(socket, request, finish, () => started);
    });
  },
};
