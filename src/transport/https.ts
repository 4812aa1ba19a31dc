/**
 * DNS over HTTPS (RFC 8484) over HTTP/2, and the same over plain HTTP/2 without TLS (dig's +http-plain):
 * one query per connection, POST with the message as body or GET with it in ?dns= (base64url, no padding).
 */
import type { ClientHttp2Session, ClientHttp2Stream, IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http2';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { escapeText } from '../wire/escape.js';
import { startLifetime, type Finish } from './lifetime.js';
import { connectOptions, tlsFailure } from './tlsSetup.js';
import { socketFailure } from './udp.js';
import {
  TransportError,
  type HttpOptions,
  type Transport,
  type TransportReply,
  type TransportRequest,
} from './types.js';
import { monotonicMs } from '../system/clock.js';

/** RFC 8484's media type, for the request body and the reply. */
export const DNS_MESSAGE = 'application/dns-message';

/** The largest DNS message; a longer body is not one. */
const MAX_MESSAGE = 65535;

/** The HTTP/2 request headers for one query (RFC 8484 section 4.1): the path, and the body for POST. */
export function dohRequest(
  payload: Uint8Array,
  http: HttpOptions,
): { headers: OutgoingHttpHeaders; body?: Uint8Array } {
  if (http.method === 'GET') {
    const dns = Buffer.from(payload.buffer, payload.byteOffset, payload.length).toString('base64url');
    return { headers: { ':method': 'GET', ':path': `${http.path}?dns=${dns}`, accept: DNS_MESSAGE } };
  }
  return {
    headers: {
      ':method': 'POST',
      ':path': http.path,
      accept: DNS_MESSAGE,
      'content-type': DNS_MESSAGE,
      'content-length': payload.length,
    },
    body: payload,
  };
}

/** Why the reply's headers say it holds no DNS message, or undefined when they are fine. */
export function replyHeadersProblem(headers: IncomingHttpHeaders): string | undefined {
  // node:http2 gives :status as a number, though the header type says string.
  const status = headers[':status'] as unknown;
  if (status !== 200) return `HTTP status ${status ?? 'missing'} from the server (expected 200)`;
  const type = headers['content-type'];
  const mediaType = type?.split(';')[0].trim().toLowerCase();
  if (mediaType === DNS_MESSAGE) return undefined;
  return type === undefined
    ? `reply without a content type (expected ${DNS_MESSAGE})`
    : `reply of content type '${escapeText(type)}' (expected ${DNS_MESSAGE})`;
}

/** `address:port` as the :authority of a URL (IPv6 in brackets). */
function authority(address: string, port: number): string {
  return `${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/** A DoH transport: over TLS (`secure`, ALPN h2) or plain TCP. */
export function dohTransport(secure: boolean): Transport {
  return {
    async send(request: TransportRequest): Promise<TransportReply> {
      // node:http2 (and node:tls or node:net) are loaded only when a query goes over HTTP.
      const http2 = await import('node:http2');
      const link = secure
        ? { secure: true as const, tls: await import('node:tls') }
        : { secure: false as const, net: await import('node:net') };
      const http = request.http ?? { method: 'POST', path: '/dns-query' };
      const tls = request.tls ?? { verify: false };
      return new Promise((resolve, reject) => {
        let started = monotonicMs();
        let secured = !secure;
        let session: ClientHttp2Session | undefined;
        let socket: Duplex | undefined;
        const finish = startLifetime(request, () => (session ? session.destroy() : socket?.destroy()), resolve, reject);
        if (!finish) return;
        try {
          if (link.secure) {
            const tlsSocket: TLSSocket = link.tls.connect(
              connectOptions(request, tls, link.tls.checkServerIdentity, 'h2'),
            );
            tlsSocket.on('secureConnect', () => {
              secured = true;
              if (tlsSocket.alpnProtocol !== 'h2')
                finish(
                  new TransportError('handshake', 'TLS handshake failed: the server does not speak HTTP/2 (ALPN h2)'),
                );
            });
            socket = tlsSocket;
          } else {
            socket = link.net.connect({
              host: request.server.address,
              port: request.server.port,
              ...(request.source
                ? { localAddress: request.source.address, localPort: request.source.port || undefined }
                : {}),
            });
          }
        } catch (error) {
          finish(new TransportError('handshake', `TLS set-up failed: ${(error as Error).message}`));
          return;
        }
        socket.on('error', (error: NodeJS.ErrnoException) =>
          finish(secure ? tlsFailure(error, secured) : socketFailure(error)),
        );
        const connected = socket;
        session = http2.connect(
          `${secure ? 'https' : 'http'}://${authority(request.server.address, request.server.port)}`,
          {
            createConnection: () => connected,
          },
        );
        session.on('error', (error: NodeJS.ErrnoException) => finish(sessionFailure(error, secure, secured)));
        session.on('close', () => finish(new TransportError('closed', 'connection closed before a reply')));
        const { headers, body } = dohRequest(request.payload, http);
        const stream = session.request(headers, { endStream: body === undefined });
        if (body) stream.end(body);
        // As dig counts it: from the query, not from the handshakes before it.
        stream.on('ready', () => (started = monotonicMs()));
        readReply(stream, request, finish, () => started);
      });
    },
  };
}

/** A session-level failure: TLS problems in TLS terms, anything else as an HTTP/2 failure. */
function sessionFailure(error: NodeJS.ErrnoException, secure: boolean, secured: boolean): TransportError {
  if (error.code?.startsWith('ERR_HTTP2')) return new TransportError('http', `HTTP/2 failed: ${error.message}`);
  return secure ? tlsFailure(error, secured) : socketFailure(error);
}

/** The reply's content-length, when it sent a well-formed one. */
function declaredLength(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['content-length'];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Reads the reply on `stream`: status 200, content type application/dns-message, a body the caller accepts. */
function readReply(stream: ClientHttp2Stream, request: TransportRequest, finish: Finish, started: () => number): void {
  const chunks: Buffer[] = [];
  let length = 0;
  let declared: number | undefined;
  const tooLong = (): void => finish(new TransportError('http', `reply body longer than ${MAX_MESSAGE} bytes`));
  stream.on('response', (headers) => {
    const problem = replyHeadersProblem(headers);
    if (problem) return finish(new TransportError('http', problem));
    declared = declaredLength(headers);
    if (declared !== undefined && declared > MAX_MESSAGE) tooLong();
  });
  stream.on('data', (chunk: Buffer) => {
    length += chunk.length;
    if (length > MAX_MESSAGE) tooLong();
    else chunks.push(chunk);
  });
  stream.on('end', () => {
    // node:http2 ends the body alike on END_STREAM and on RST_STREAM(NO_ERROR); only the first completes a reply
    // (RFC 9113 section 8.1), and nghttp2 checks the declared length against END_STREAM, so a short body here was cut off.
    if (declared !== undefined && length !== declared) {
      return finish(
        new TransportError('http', `reply body of ${length} bytes, but its content-length said ${declared}`),
      );
    }
    if (length === 0) return finish(new TransportError('http', 'reply with an empty body'));
    const raw = Buffer.concat(chunks);
    const verdict = request.check(raw);
    if (verdict.ok) finish({ raw, rttMs: monotonicMs() - started() });
    else finish(new TransportError('mismatch', verdict.warning));
  });
  stream.on('error', (error: NodeJS.ErrnoException) =>
    finish(new TransportError('http', `HTTP/2 stream failed: ${error.message}`)),
  );
}

/** DoH over TLS: dig's +https. */
export const httpsTransport: Transport = dohTransport(true);

/** DoH over plain TCP: dig's +http-plain. */
export const httpPlainTransport: Transport = dohTransport(false);
