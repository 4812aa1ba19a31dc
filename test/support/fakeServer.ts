/**
 * The one fake authoritative DNS server of the tests. What it does with a query is one decision,
 * made from plain zone data, a misbehaviour, a per-query hook or a whole script (fakeServer/authority.ts);
 * where the query comes from is a choice of listeners: UDP and TCP on one loopback port, DNS over TLS,
 * DNS over HTTP/2 (TLS or plain), or no socket at all (fakeNetwork, a QueryFn on a virtual clock).
 *
 *   const server = await startFakeServer({ zones: [exampleZone()] });            // UDP + TCP on 127.0.0.1
 *   const dot = await startFakeServer({ zones, transports: ['tls'] });             // DoT only
 *   const odd = await startFakeServer({ script: [wrongIdThenRight(bytes)] });      // hand-made replies
 *   const net = fakeNetwork({ '127.0.0.4': { zones: [zone('example.test.', ['www A 192.0.2.1'])] } });
 */
import type { Carrier, ServerSpec } from './fakeServer/authority.js';
import { serverWaits } from './fakeServer/play.js';
import { listenPlain } from './fakeServer/plain.js';
import { receiver, type ReceivedQuery } from './fakeServer/receiver.js';
import {
  listenHttp,
  listenTls,
  type DohScript,
  type DotScript,
  type HttpSide,
  type Listener,
  type SecureContext,
  type SeenConnection,
  type SeenRequest,
  type TlsSide,
} from './fakeServer/secure.js';

export * from './fakeServer/authority.js';
export * from './fakeServer/actions.js';
export { fakeNetwork, type FakeNetwork } from './fakeServer/memory.js';
export type { ReceivedQuery } from './fakeServer/receiver.js';
export {
  tlsFixture,
  tlsFixtureText,
  type DohScript,
  type DotScript,
  dohHeaders,
  type HttpSide,
  RST,
  type SeenConnection,
  type SeenRequest,
  type ServerCert,
  type TlsSide,
} from './fakeServer/secure.js';
export { record, withRecords, zone } from './fakeServer/zoneText.js';
export { fakeClock, type FakeClock } from './fakeClock.js';
export type { ZoneData, ZoneRecord } from './zoneAnswer.js';
export type { ParsedQuery } from './zoneReply.js';
export { encodeReply } from './zoneReply.js';

/** How to start a server: what it does, and where it listens. */
export interface FakeServerOptions extends ServerSpec {
  /** A loopback address; default 127.0.0.1. */
  address?: string;
  /** UDP and TCP port; 0 or absent: one free on both. Other transports always take a free port. */
  port?: number;
  /** Default ['udp', 'tcp']; ['udp'] alone leaves the TCP port closed (connections refused). */
  transports?: Carrier[];
  tls?: TlsSide;
  http?: HttpSide;
  /** DoT: hand each query's connection to this instead of answering. */
  tlsScript?: DotScript;
  /** DoH: hand each request's stream to this instead of answering. */
  httpScript?: DohScript;
}

/** A running server. */
export interface FakeServer {
  address: string;
  /** The port of the first transport listed (UDP and TCP share theirs). */
  port: number;
  ports: Partial<Record<Carrier, number>>;
  /** Every query received, on every transport, in order. */
  queries: ReceivedQuery[];
  /** Number of queries received so far. */
  count(): number;
  /** Resolves once `count` queries have arrived in all: wait on this, never on a clock. */
  queried(count: number): Promise<void>;
  /** TLS connections (DoT and HTTPS), as the server saw them. */
  connections: SeenConnection[];
  /** DoH requests, as the server saw them. */
  requests: SeenRequest[];
  /** Idempotent: clears pending replies, drops connections, closes every listener. */
  close(): Promise<void>;
}

/** The address itself, when it is a loopback one: a test server never listens anywhere else. */
function loopbackOnly(address: string): string {
  if (/^127\./.test(address) || address === '::1') return address;
  throw new Error(`test servers listen on loopback only, not on ${address}`);
}

/** Starts a server on loopback. Close it in `after`/finally. */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const address = loopbackOnly(options.address ?? '127.0.0.1');
  const transports = options.transports ?? ['udp', 'tcp'];
  if (options.behaviour === 'connectionRefused')
    throw new Error('connectionRefused: on loopback, use a port where nothing listens');
  const waits = serverWaits();
  const context: SecureContext = {
    address,
    receiver: receiver(options),
    waits,
    connections: [],
    requests: [],
    tls: options.tls ?? {},
    http: options.http ?? {},
    tlsScript: options.tlsScript,
    httpScript: options.httpScript,
  };
  const listeners: Listener[] = [];
  const ports: FakeServer['ports'] = {};
  try {
    if (transports.includes('udp') || transports.includes('tcp')) {
      const udpOnly = !transports.includes('tcp');
      const plain = await listenPlain(address, options.port ?? 0, context.receiver, waits, udpOnly);
      listeners.push(plain);
      ports.udp = plain.port;
      ports.tcp = plain.port;
    }
    const secure: Array<[Carrier, () => Promise<Listener>]> = [
      ['tls', () => listenTls(context)],
      ['https', () => listenHttp(context, true)],
      ['http', () => listenHttp(context, false)],
    ];
    for (const [carrier, listen] of secure) {
      if (!transports.includes(carrier)) continue;
      const listener = await listen();
      listeners.push(listener);
      ports[carrier] = listener.port;
    }
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    address,
    port: ports[transports[0] ?? 'udp'] ?? 0,
    ports,
    queries: context.receiver.queries,
    count: () => context.receiver.queries.length,
    queried: context.receiver.queried,
    connections: context.connections,
    requests: context.requests,
    close: () => {
      waits.close();
      closing ??= Promise.all(listeners.map((l) => l.close())).then(() => undefined);
      return closing;
    },
  };
}
