/**
 * In-process DNS over TLS and DNS over HTTP/2 (TLS or plain) servers on loopback, answering from
 * plain zone data, for the transport and end-to-end tests. They log what they saw (SNI, ALPN, client
 * certificate, HTTP method, path, headers, the query) so tests can check the request itself.
 *
 * The certificates are test/fixtures/tls/*.pem, made once by test/fixtures/tls/make-certs.sh
 * (a test CA valid 2020-2120 signing server.pem for localhost/127.0.0.1/::1, expired.pem valid
 * 2000-2001, wrongname.pem for wrong.example, and client.pem; other-ca.pem is an unrelated CA).
 */
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import {
  createSecureServer,
  createServer as createH2Server,
  type Http2Server,
  type Http2SecureServer,
  type ServerHttp2Session,
} from 'node:http2';
import { join } from 'node:path';
import { repoRoot } from './runCli.js';
import { answerFromZones, indexZone, type ZoneData } from './zoneAnswer.js';
import { encodePlan, parseQuery } from './zoneReply.js';

/** Path of a file in test/fixtures/tls. */
export function tlsFixture(name: string): string {
  return join(repoRoot(), 'test', 'fixtures', 'tls', name);
}

/** Text of a file in test/fixtures/tls. */
export function tlsFixtureText(name: string): string {
  return readFileSync(tlsFixture(name), 'utf8');
}

/** The certificate a server presents: server (valid), expired, or wrongname. */
export type ServerCert = 'server' | 'expired' | 'wrongname';

/** Makes a reply from zone data to a query, as an authoritative server over a stream would; null for no reply. */
export type Answerer = (query: Uint8Array) => Uint8Array | null;

/** An answerer for these zones. */
export function zoneAnswerer(zones: ZoneData[]): Answerer {
  const indexed = zones.map(indexZone);
  return (raw) => {
    const query = parseQuery(raw);
    if (!query || query.malformed) return null;
    return encodePlan(query, answerFromZones(indexed, query.name, query.type, query.edns?.do ?? false), 65535);
  };
}

/** A TLS connection as the server saw it. */
export interface SeenConnection {
  sni: string | false;
  alpn: string | false | null;
  /** CN of the client certificate, when one was presented and verified against the test CA. */
  clientCertificate?: string;
}

/** A running test server. */
export interface SecureServer {
  port: number;
  connections: SeenConnection[];
  close(): Promise<void>;
}

function serverCredentials(cert: ServerCert): { cert: string; key: string } {
  return { cert: tlsFixtureText(`${cert}.pem`), key: tlsFixtureText(`${cert}.key`) };
}

function listeningPort(server: { address(): unknown }): number {
  const address = server.address() as { port: number } | null;
  if (!address) throw new Error('test server has no address');
  return address.port;
}

function seen(socket: TLSSocket): SeenConnection {
  const entry: SeenConnection = {
    sni: (socket as TLSSocket & { servername: string | false }).servername,
    alpn: socket.alpnProtocol,
  };
  const peer = socket.getPeerCertificate();
  if (socket.authorized && peer?.subject) entry.clientCertificate = String(peer.subject.CN);
  return entry;
}

/** Options of the DoT server. */
export interface DotServerOptions {
  answer: Answerer;
  cert?: ServerCert;
  /** Ask for a client certificate (verified against the test CA, not required). */
  requestCert?: boolean;
  /** Complete the handshake, read the query, never answer. */
  silent?: boolean;
  /** ALPN protocols to offer; default dot. */
  alpn?: string[];
}

/** A DNS over TLS server on 127.0.0.1 (random port): length-framed queries inside TLS. */
export async function startDotServer(options: DotServerOptions): Promise<SecureServer & { queries: Uint8Array[] }> {
  const connections: SeenConnection[] = [];
  const queries: Uint8Array[] = [];
  const sockets = new Set<TLSSocket>();
  const server = createTlsServer(
    {
      ...serverCredentials(options.cert ?? 'server'),
      ALPNProtocols: options.alpn ?? ['dot'],
      requestCert: options.requestCert ?? false,
      rejectUnauthorized: false,
      ca: tlsFixtureText('ca.pem'),
    },
    (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      connections.push(seen(socket));
      let buffered = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (buffered.length < 2 || buffered.length < 2 + buffered.readUInt16BE(0)) return;
        const query = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        queries.push(query);
        if (options.silent) return;
        const reply = options.answer(query);
        if (!reply) return void socket.end();
        const length = Buffer.alloc(2);
        length.writeUInt16BE(reply.length);
        socket.end(Buffer.concat([length, reply]));
      });
    },
  );
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: listeningPort(server),
    connections,
    queries,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A DoH request as the server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  scheme: string;
  contentType?: string;
  accept?: string;
  /** The value of ?dns= for GET. */
  dnsParam?: string;
  /** The DNS query, from the body (POST) or ?dns= (GET). */
  query: Uint8Array;
}

/** Options of the DoH server. */
export interface DohServerOptions {
  answer: Answerer;
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
export async function startDohServer(options: DohServerOptions): Promise<SecureServer & { requests: SeenRequest[] }> {
  const connections: SeenConnection[] = [];
  const requests: SeenRequest[] = [];
  const sessions = new Set<ServerHttp2Session>();
  const server: Http2Server | Http2SecureServer = options.secure
    ? createSecureServer({ ...serverCredentials(options.cert ?? 'server') })
    : createH2Server();
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
    if (options.secure) connections.push(seen(session.socket as TLSSocket));
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const url = new URL(String(headers[':path']), 'http://test');
      const method = String(headers[':method']);
      const dnsParam = url.searchParams.get('dns') ?? undefined;
      const query = method === 'GET' ? Buffer.from(dnsParam ?? '', 'base64url') : Buffer.concat(chunks);
      const entry: SeenRequest = { method, path: String(headers[':path']), scheme: String(headers[':scheme']), query };
      if (headers['content-type'] !== undefined) entry.contentType = String(headers['content-type']);
      if (headers.accept !== undefined) entry.accept = String(headers.accept);
      if (dnsParam !== undefined) entry.dnsParam = dnsParam;
      requests.push(entry);
      if (!(options.paths ?? ['/dns-query']).includes(url.pathname)) {
        stream.respond({ ':status': 404, 'content-type': 'text/plain' });
        return void stream.end('not found\n');
      }
      if (options.status !== undefined && options.status !== 200) {
        stream.respond({ ':status': options.status, 'content-type': 'text/plain' });
        return void stream.end('no\n');
      }
      const reply = options.answer(query);
      if (!reply) {
        stream.respond({ ':status': 400, 'content-type': 'text/plain' });
        return void stream.end('bad query\n');
      }
      stream.respond({
        ':status': 200,
        'content-type': options.contentType ?? 'application/dns-message',
        'content-length': reply.length,
      });
      stream.end(reply);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: listeningPort(server),
    connections,
    requests,
    close: async () => {
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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
  return {
    port: listeningPort(server),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
