/** The fake server's UDP and TCP listeners: one loopback address, one port for both. */
import type { Socket } from 'node:net';
import { bindUdp, bindUdpAndTcp, closeTcp, closeUdp } from '../ports.js';
import { playDatagrams, playFramed, readFramed, type Waits } from './play.js';
import type { Receiver } from './receiver.js';

/** A listener pair, running. */
export interface PlainListeners {
  port: number;
  close(): Promise<void>;
}

/**
 * Listens on `address:port` (0: a port free on both) for UDP and TCP; with `udpOnly`, for UDP alone,
 * so that a TCP connection to the port (after TC, say) is refused.
 */
export async function listenPlain(
  address: string,
  port: number,
  receiver: Receiver,
  waits: Waits,
  udpOnly = false,
): Promise<PlainListeners> {
  const { udp, tcp } = udpOnly
    ? { udp: await bindUdp(address, port), tcp: undefined }
    : await bindUdpAndTcp(address, port);
  const connections = new Set<Socket>();
  udp.on('message', (message, rinfo) => {
    const received = receiver.receive(message, { address: rinfo.address, port: rinfo.port, protocol: 'udp' });
    if (received) void playDatagrams(udp, rinfo, received.action, received.query, waits);
  });
  tcp?.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    const source = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0, protocol: 'tcp' as const };
    // Replies go out in the order the queries came, each after the one before.
    let chain = Promise.resolve();
    readFramed(socket, (message) => {
      const received = receiver.receive(message, source);
      if (received) chain = chain.then(() => playFramed(socket, received.action, received.query, waits));
    });
  });
  return {
    port: udp.address().port,
    close: async () => {
      for (const socket of connections) socket.destroy();
      await Promise.all([closeUdp(udp), tcp && closeTcp(tcp)]);
    },
  };
}
