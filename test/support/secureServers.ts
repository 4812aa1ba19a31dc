/**
 * DNS over TLS and DNS over HTTP/2 (TLS or plain) servers on loopback: the one fake server
 * (fakeServer.ts) on its DoT and DoH listeners, under the names older tests use; and a raw TCP
 * server for peers that do not speak TLS at all.
 */
import { once } from 'node:events';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import {
  startFakeServer,
  type FakeServer,
  type RespondHook,
  type ServerCert,
  type ServerSpec,
  type ZoneData,
} from './fakeServer.js';
import { answerFromZones, indexZone } from './zoneAnswer.js';
import { encodePlan, parseQuery } from './zoneReply.js';

export {
  tlsFixture,
  tlsFixtureText,
  type SeenConnection,
  type SeenRequest,
  type ServerCert,
} from './fakeServer.js';

/** Makes a reply from zone data to a query, as an authoritative server over a stream would; null for no reply. */
export type Answerer = (query: Uint8Array) => Uint8Array | null;

/** An answerer for these zones: the true reply a test can then spoil. */
export function zoneAnswerer(zones: ZoneData[]): Answerer {
  const indexed = zones.map(indexZone);
  return (raw) => {
    const query = parseQuery(raw);
    if (!query || query.malformed) return null;
    return encodePlan(query, answerFromZones(indexed, query.name, query.type, query.edns?.do ?? false), 65535);
  };
}

/** A running DoT or DoH server. */
export type SecureServer = FakeServer;

/** What the server answers: its zones, or an answerer (null from it: close without a reply). */
interface Answering {
  zones?: ZoneData[];
  answer?: Answerer;
}

function spec(options: Answering): ServerSpec {
  const { answer } = options;
  const respond: RespondHook | undefined = answer && ((query) => answer(query.raw) ?? { replies: [], close: true });
  return { zones: options.zones, respond };
}

/** Options of the DoT server. */
export interface DotServerOptions extends Answering {
  cert?: ServerCert;
  /** Ask for a client certificate (verified against the test CA, not required). */
  requestCert?: boolean;
  /** Complete the handshake, read the query, never answer. */
  silent?: boolean;
  /** ALPN protocols to offer; default dot. */
  alpn?: string[];
}

/** A DNS over TLS server on 127.0.0.1 (random port): length-framed queries inside TLS. */
export function startDotServer(options: DotServerOptions): Promise<SecureServer> {
  return startFakeServer({
    ...(options.silent ? { behaviour: 'silent' as const } : spec(options)),
    transports: ['tls'],
    tls: { cert: options.cert, requestCert: options.requestCert, alpn: options.alpn },
  });
}

/** Options of the DoH server. */
export interface DohServerOptions extends Answering {
  /** HTTPS (h2 over TLS) or plain HTTP/2. */
  secure: boolean;
  cert?: ServerCert;
  /** Answer with this status instead of 200 (a short text body). */
  status?: number;
  /** Answer with this content type instead of application/dns-message. */
  contentType?: string;
  /** Paths that answer; others get 404. Default /dns-query. */
  paths?: string[];
}

/** A DNS over HTTP/2 server on 127.0.0.1 (random port), TLS or plain. */
export function startDohServer(options: DohServerOptions): Promise<SecureServer> {
  return startFakeServer({
    ...spec(options),
    transports: [options.secure ? 'https' : 'http'],
    tls: { cert: options.cert },
    http: { status: options.status, contentType: options.contentType, paths: options.paths },
  });
}

/** A plain TCP server that accepts and then does `onConnection` (say nothing, or write something that is not TLS). */
export async function startRawServer(
  onConnection: (socket: Socket) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('test server has no address');
  return {
    port: address.port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
