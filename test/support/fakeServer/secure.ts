/**
 * The fake server's DNS over TLS (RFC 7858) and DNS over HTTP/2 (RFC 8484, TLS or plain) listeners.
 * They log what they saw (SNI, ALPN, client certificate, HTTP method, path, headers) so tests can
 * check the request itself, and let a script take a connection or stream over for faults below DNS.
 *
 * The certificates are test/fixtures/tls/*.pem, made once by test/fixtures/tls/make-certs.sh
 * (a test CA valid 2020-2120 signing server.pem for localhost/127.0.0.1/::1, expired.pem valid
 * 2000-2001, wrongname.pem for wrong.example, and client.pem; other-ca.pem is an unrelated CA).
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import {
  constants as http2Constants,
  createSecureServer,
  createServer as createH2Server,
  type Http2SecureServer,
  type Http2Server,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import { join } from 'node:path';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { repoRoot } from '../runCli.js';
import { renderReply } from './authority.js';
import { playFramed, readFramed, type Waits } from './play.js';
import type { Receiver } from './receiver.js';

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

/** TLS knobs of the DoT and HTTPS listeners. */
export interface TlsSide {
  cert?: ServerCert;
  /** Ask for a client certificate (verified against the test CA, not required). */
  requestCert?: boolean;
  /** ALPN protocols the DoT listener offers; default dot. */
  alpn?: string[];
}

/** HTTP knobs of the DoH listeners. */
export interface HttpSide {
  /** Answer with this status instead of 200 (a short text body). */
  status?: number;
  /** Answer with this content type instead of application/dns-message. */
  contentType?: string;
  /** Paths that answer; others get 404. Default /dns-query. */
  paths?: string[];
}

/** Takes a DoT connection over once a query came on it. */
export type DotScript = (socket: TLSSocket, query: Uint8Array) => void;

/** Takes a DoH request stream over (its headers not yet sent), with the query it carried. */
export type DohScript = (stream: ServerHttp2Stream, query: Uint8Array, session: ServerHttp2Session) => void;

/** A TLS connection as the server saw it. */
export interface SeenConnection {
  sni: string | false;
  alpn: string | false | null;
  /** CN of the client certificate, when one was presented and verified against the test CA. */
  clientCertificate?: string;
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

/** What the secure listeners share with the server. */
export interface SecureContext {
  address: string;
  receiver: Receiver;
  waits: Waits;
  connections: SeenConnection[];
  requests: SeenRequest[];
  tls: TlsSide;
  http: HttpSide;
  tlsScript?: DotScript;
  httpScript?: DohScript;
}

/** A running listener. */
export interface Listener {
  port: number;
  close(): Promise<void>;
}

function credentials(cert: ServerCert): { cert: string; key: string } {
  return { cert: tlsFixtureText(`${cert}.pem`), key: tlsFixtureText(`${cert}.key`) };
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

async function listening(
  server: { listen(port: number, host: string): unknown; address(): unknown; close(cb: () => void): unknown },
  address: string,
  destroyAll: () => void,
): Promise<Listener> {
  server.listen(0, address);
  await once(server as unknown as NodeJS.EventEmitter, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A DoT listener: length-framed queries inside TLS, answered as over TCP. */
export function listenTls(context: SecureContext): Promise<Listener> {
  const sockets = new Set<TLSSocket>();
  const server = createTlsServer(
    {
      ...credentials(context.tls.cert ?? 'server'),
      ALPNProtocols: context.tls.alpn ?? ['dot'],
      requestCert: context.tls.requestCert ?? false,
      rejectUnauthorized: false,
      ca: tlsFixtureText('ca.pem'),
    },
    (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      context.connections.push(seen(socket));
      const source = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0, protocol: 'tls' as const };
      let chain = Promise.resolve();
      readFramed(socket, (message) => {
        if (context.tlsScript) {
          context.receiver.log(message, source);
          return context.tlsScript(socket, message);
        }
        const received = context.receiver.receive(message, source);
        if (received) chain = chain.then(() => playFramed(socket, received.action, received.query, context.waits));
      });
    },
  );
  server.on('tlsClientError', () => undefined);
  return listening(server, context.address, () => {
    for (const socket of sockets) socket.destroy();
  });
}

/** The request as logged, with the query it carries. */
function seenRequest(headers: Record<string, unknown>, body: Buffer): { entry: SeenRequest; url: URL } {
  const url = new URL(String(headers[':path']), 'http://test');
  const method = String(headers[':method']);
  const dnsParam = url.searchParams.get('dns') ?? undefined;
  const query = method === 'GET' ? Buffer.from(dnsParam ?? '', 'base64url') : body;
  const entry: SeenRequest = { method, path: String(headers[':path']), scheme: String(headers[':scheme']), query };
  if (headers['content-type'] !== undefined) entry.contentType = String(headers['content-type']);
  if (headers.accept !== undefined) entry.accept = String(headers.accept);
  if (dnsParam !== undefined) entry.dnsParam = dnsParam;
  return { entry, url };
}

/**
 * Answers one DoH stream: the HTTP knobs first, then the server's action: its first reply (framing
 * faults do not apply, and one meant to come from elsewhere cannot come on this stream), or none
 * (silence; with `close`, the stream is reset instead).
 */
async function answerStream(context: SecureContext, stream: ServerHttp2Stream, entry: SeenRequest, url: URL) {
  const plainText = (status: number, text: string): void => {
    stream.respond({ ':status': status, 'content-type': 'text/plain' });
    stream.end(text);
  };
  if (!(context.http.paths ?? ['/dns-query']).includes(url.pathname)) return plainText(404, 'not found\n');
  if (context.http.status !== undefined && context.http.status !== 200) return plainText(context.http.status, 'no\n');
  const secure = entry.scheme === 'https';
  const source = { address: context.address, port: 0, protocol: secure ? ('https' as const) : ('http' as const) };
  const received = context.receiver.receive(entry.query, source);
  if (!received) return plainText(400, 'bad query\n');
  const reply = received.action.replies.find((r) => !r.fromElsewhere);
  if (!reply) {
    if (received.action.close) stream.close(http2Constants.NGHTTP2_CANCEL);
    return;
  }
  await context.waits.sleep(reply.delayMs ?? 0);
  if (context.waits.closed() || stream.destroyed) return;
  const body = renderReply(reply, received.query);
  stream.respond({
    ':status': 200,
    'content-type': context.http.contentType ?? 'application/dns-message',
    'content-length': body.length,
  });
  stream.end(body);
}

/** A DoH listener over HTTP/2: HTTPS (`secure`) or plain. */
export function listenHttp(context: SecureContext, secure: boolean): Promise<Listener> {
  const sessions = new Set<ServerHttp2Session>();
  const server: Http2Server | Http2SecureServer = secure
    ? createSecureServer(credentials(context.tls.cert ?? 'server'))
    : createH2Server();
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
    if (secure) context.connections.push(seen(session.socket as TLSSocket));
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const { entry, url } = seenRequest(headers, Buffer.concat(chunks));
      context.requests.push(entry);
      if (context.httpScript) {
        context.receiver.log(entry.query, { address: context.address, port: 0, protocol: secure ? 'https' : 'http' });
        return context.httpScript(stream, entry.query, stream.session as ServerHttp2Session);
      }
      void answerStream(context, stream, entry, url);
    });
  });
  return listening(server, context.address, () => {
    for (const session of sessions) session.destroy();
  });
}

/** Response headers of a DoH answer, for scripts: 200 and the DNS media type (with a content length when given). */
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
