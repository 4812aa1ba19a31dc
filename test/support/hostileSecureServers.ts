/**
 * DNS over TLS and DNS over HTTP/2 servers on loopback that misbehave on purpose: each query is
 * handed to a script that decides what goes back on the wire (a bare length prefix, a body that is
 * not DNS, RST_STREAM, GOAWAY, headers and then nothing). For the hostile end-to-end tests.
 */
import { once } from 'node:events';
import {
  constants as http2Constants,
  createSecureServer,
  createServer as createH2Server,
  type Http2Server,
  type Http2SecureServer,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { tlsFixtureText } from './secureServers.js';

/** A running hostile server; `queries` counts the DNS queries it received. */
export interface HostileSecureServer {
  port: number;
  queries: Uint8Array[];
  close(): Promise<void>;
}

/** What a DoT script may do with one connection after a query arrived. */
export type DotScript = (socket: TLSSocket, query: Uint8Array) => void;

/** What a DoH script may do with one request stream (its headers not yet sent) and the query it carried. */
export type DohScript = (stream: ServerHttp2Stream, query: Uint8Array, session: ServerHttp2Session) => void;

function credentials(): { cert: string; key: string } {
  return { cert: tlsFixtureText('server.pem'), key: tlsFixtureText('server.key') };
}

function portOf(server: { address(): unknown }): number {
  return (server.address() as { port: number }).port;
}

/** A DoT server on 127.0.0.1 (random port) that reads one framed query per connection and runs `script` with it. */
export async function startHostileDotServer(script: DotScript): Promise<HostileSecureServer> {
  const queries: Uint8Array[] = [];
  const sockets = new Set<TLSSocket>();
  const server = createTlsServer({ ...credentials(), ALPNProtocols: ['dot'] }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    let seen = false;
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (seen || buffered.length < 2 || buffered.length < 2 + buffered.readUInt16BE(0)) return;
      seen = true;
      const query = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
      queries.push(query);
      script(socket, query);
    });
  });
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: portOf(server),
    queries,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A DoH server on 127.0.0.1 (random port), HTTPS or plain HTTP/2, that hands every request to `script`. */
export async function startHostileDohServer(secure: boolean, script: DohScript): Promise<HostileSecureServer> {
  const queries: Uint8Array[] = [];
  const sessions = new Set<ServerHttp2Session>();
  const server: Http2Server | Http2SecureServer = secure ? createSecureServer(credentials()) : createH2Server();
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const url = new URL(String(headers[':path']), 'http://test');
      const query =
        headers[':method'] === 'GET'
          ? Buffer.from(url.searchParams.get('dns') ?? '', 'base64url')
          : Buffer.concat(chunks);
      queries.push(query);
      script(stream, query, stream.session as ServerHttp2Session);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: portOf(server),
    queries,
    close: async () => {
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Response headers of a DoH answer: 200 and the DNS media type (with a content length when given). */
export function dohHeaders(length?: number): Record<string, string | number> {
  return {
    ':status': 200,
    'content-type': 'application/dns-message',
    ...(length === undefined ? {} : { 'content-length': length }),
  };
}

/** RST_STREAM error codes, by the names of RFC 9113. */
export const RST = {
  noError: http2Constants.NGHTTP2_NO_ERROR,
  cancel: http2Constants.NGHTTP2_CANCEL,
  internal: http2Constants.NGHTTP2_INTERNAL_ERROR,
};
