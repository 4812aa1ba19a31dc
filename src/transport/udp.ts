/** DNS over UDP on a connected socket: replies from any other address or port never reach us. */
import { serverFamily } from '../wire/address.js';
import { createSocket, type Socket } from 'node:dgram';
import { startLifetime } from './lifetime.js';
import { TransportError, type Transport, type TransportReply, type TransportRequest } from './types.js';
import { monotonicMs } from '../system/clock.js';

/**
 * dgram's address lookup for the addresses tsdig gives it, which are always literals: they pass as they
 * are, and anything else fails. It keeps node:dns from loading for a query (Node's own lookup loads it).
 */
function literalLookup(
  address: string,
  family: unknown,
  callback: (error: NodeJS.ErrnoException | null, address: string, family: number) => void,
): void {
  // dgram passes the socket's family as a number (4 or 6), not dns.lookup's options.
  const wanted = family === 6 ? 6 : 4;
  process.nextTick(() => {
    if (serverFamily(address) === wanted) callback(null, address, wanted);
    else callback(Object.assign(new Error(`not an IPv${wanted} address: ${address}`), { code: 'EINVAL' }), '', 0);
  });
}

/** A UDP socket of the family; its addresses are literals (see literalLookup). */
export function udpSocket(type: 'udp4' | 'udp6'): Socket {
  return createSocket({ type, lookup: literalLookup });
}

/** Maps a socket error to the failure kind and dig's wording. */
export function socketFailure(error: NodeJS.ErrnoException): TransportError {
  switch (error.code) {
    case 'ECONNREFUSED':
      return new TransportError('refused', 'connection refused');
    case 'ECONNRESET':
    case 'EPIPE':
      return new TransportError('closed', 'connection reset');
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'EADDRNOTAVAIL':
    case 'EAFNOSUPPORT':
      return new TransportError(
        'unreachable',
        error.code === 'ENETUNREACH' ? 'network unreachable' : 'host unreachable',
      );
    case 'EMSGSIZE':
      return new TransportError('error', 'message too long for UDP (try +tcp)');
    case 'EADDRINUSE':
      return new TransportError('error', 'source address and port already in use');
    case 'EACCES':
    case 'EPERM':
      return new TransportError('error', 'not permitted');
    default:
      return new TransportError('error', error.code ? error.code.toLowerCase() : 'socket error');
  }
}

/** Sends one datagram and waits for the first reply the caller accepts, until the deadline. */
export const udpTransport: Transport = {
  send(request: TransportRequest): Promise<TransportReply> {
    return new Promise((resolve, reject) => {
      const family = serverFamily(request.server.address) === 6 ? 'udp6' : 'udp4';
      const socket: Socket = udpSocket(family);
      let started = 0;
      const finish = startLifetime(request, () => socket.close(), resolve, reject);
      if (!finish) return;
      socket.on('error', (error) => finish(socketFailure(error)));
      socket.on('message', (raw) => {
        const verdict = request.check(raw);
        if (verdict.ok) finish({ raw, rttMs: monotonicMs() - started });
        else request.onWarning?.(verdict.warning);
      });
      const connect = (): void =>
        socket.connect(request.server.port, request.server.address, (error?: Error) => {
          // A failed connect (an unroutable address, a bad zone index) comes to this callback, not to 'error'.
          if (error) return finish(socketFailure(error as NodeJS.ErrnoException));
          started = monotonicMs();
          socket.send(request.payload, (error) => {
            if (error) finish(socketFailure(error));
          });
        });
      if (request.source) {
        socket.bind({ address: request.source.address, port: request.source.port, exclusive: true }, connect);
      } else {
        connect();
      }
    });
  },
};
