/** Choosing one unprivileged port that is free for UDP and TCP on every address the suite binds. */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

function udpFree(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, address, () => socket.close(() => resolve(true)));
  });
}

function tcpFree(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, address, () => server.close(() => resolve(true)));
  });
}

/** True when `port` can be bound for UDP and TCP on all `addresses`. */
export async function portFreeEverywhere(addresses: readonly string[], port: number): Promise<boolean> {
  for (const address of addresses) {
    if (!(await udpFree(address, port)) || !(await tcpFree(address, port))) return false;
  }
  return true;
}

/** A random port in 20000-59999 free on every address; throws after a bounded number of tries. */
export async function chooseFreePort(addresses: readonly string[], tries = 50): Promise<number> {
  for (let i = 0; i < tries; i++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    if (await portFreeEverywhere(addresses, port)) return port;
  }
  throw new Error(`interop: no port free on ${addresses.join(', ')} after ${tries} tries`);
}
