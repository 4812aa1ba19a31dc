/** Binding helpers for the loopback test servers, and a port free on UDP and TCP on several addresses at once. */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server as TcpServer } from 'node:net';

/** Binds a UDP socket (udp6 for IPv6 addresses); port 0 lets the system choose. */
export function bindUdp(address: string, port: number): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: address.includes(':') ? 'udp6' : 'udp4', ipv6Only: address.includes(':') });
    socket.once('error', reject);
    socket.bind({ address, port, exclusive: true }, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}

/** Starts a TCP listener on exactly `address:port`. */
export function listenTcp(address: string, port: number): Promise<TcpServer> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: address, port, exclusive: true, ipv6Only: address.includes(':') }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Closes a UDP socket, ignoring one that is already closed. */
export function closeUdp(socket: UdpSocket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}

/** Stops a TCP listener (open connections must be destroyed by the caller). */
export function closeTcp(server: TcpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Binds UDP then TCP on the same port; with port 0, retries when the port the system chose is taken on TCP. */
export async function bindUdpAndTcp(address: string, port: number): Promise<{ udp: UdpSocket; tcp: TcpServer }> {
  for (let attempt = 0; ; attempt++) {
    const udp = await bindUdp(address, port);
    try {
      return { udp, tcp: await listenTcp(address, (udp.address() as { port: number }).port) };
    } catch (error) {
      await closeUdp(udp);
      if (port !== 0 || attempt >= 20) throw error;
    }
  }
}

/**
 * A port that is free on UDP and TCP on every address given, so several servers on different
 * loopback addresses can share it (dig +trace -p PORT uses one port for every server).
 * Free at the time of the check only: callers should retry on EADDRINUSE.
 */
export async function choosePort(addresses: string[]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const probe = await bindUdp(addresses[0] ?? '127.0.0.1', 0);
    const port = (probe.address() as { port: number }).port;
    await closeUdp(probe);
    if (await freeEverywhere(addresses, port)) return port;
  }
  throw new Error(`no port free on all of ${addresses.join(', ')}`);
}

async function freeEverywhere(addresses: string[], port: number): Promise<boolean> {
  const udp: UdpSocket[] = [];
  const tcp: TcpServer[] = [];
  try {
    for (const address of addresses) {
      udp.push(await bindUdp(address, port));
      tcp.push(await listenTcp(address, port));
    }
    return true;
  } catch {
    return false;
  } finally {
    await Promise.all([...udp.map(closeUdp), ...tcp.map(closeTcp)]);
  }
}

/** The close() of a test server: idempotent; clears its pending timers, destroys its TCP connections, closes both sockets. */
export function serverCloser(
  udp: UdpSocket,
  tcp: TcpServer,
  timers: Set<NodeJS.Timeout>,
  connections: Set<import('node:net').Socket>,
  onClose: () => void,
): () => Promise<void> {
  let closed = false;
  return async () => {
    if (closed) return;
    closed = true;
    onClose();
    for (const timer of timers) clearTimeout(timer);
    for (const socket of connections) socket.destroy();
    await Promise.all([closeUdp(udp), closeTcp(tcp)]);
  };
}
