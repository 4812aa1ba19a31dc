/** The one interface every transport implements, and the facts of one exchange. */
import { TsdigError, type TransportFailure } from '../errors.js';

/** A server to talk to. `name` is what the user or a referral called it, for display only. */
export interface Endpoint {
  address: string;
  port: number;
  name?: string;
}

/** How a query travels: plain UDP/TCP, DNS over TLS (RFC 7858), or DNS over HTTPS / plain HTTP (RFC 8484). */
export type Protocol = 'udp' | 'tcp' | 'tls' | 'https' | 'http';

/** TLS set-up for DoT and DoH, with any files already read (dig's +tls-ca, +tls-hostname, +tls-certfile, +tls-keyfile). */
export interface TlsOptions {
  /** Check the server's certificate; off means opportunistic privacy (encrypted, not authenticated), dig's default. */
  verify: boolean;
  /** PEM text of the CAs to trust; undefined: the CAs Node.js trusts by default. */
  ca?: string;
  /** The name to verify and send as SNI; undefined: the address (verified against the certificate's IP names, no SNI). */
  hostname?: string;
  /** Client certificate chain and its private key, PEM text. */
  cert?: string;
  key?: string;
}

/** The HTTP side of DoH: method and path (RFC 8484 section 4.1). */
export interface HttpOptions {
  method: 'GET' | 'POST';
  /** Absolute path of the endpoint, e.g. /dns-query. */
  path: string;
}

/** Verdict of the caller on a datagram/frame that arrived: accept it, or ignore it with a warning. */
export type ReplyCheck = { ok: true } | { ok: false; warning: string };

/** One request over one transport. */
export interface TransportRequest {
  payload: Uint8Array;
  server: Endpoint;
  /** Whole-exchange deadline in ms (covers connect, send, and a slow drip of bytes). */
  timeoutMs: number;
  source?: { address: string; port: number };
  signal?: AbortSignal;
  /**
   * Called for every reply that arrives. UDP: a rejected reply is reported via onWarning and the
   * transport keeps waiting. TCP: a rejected reply fails the exchange (TransportError 'mismatch').
   */
  check: (reply: Uint8Array) => ReplyCheck;
  onWarning?: (text: string) => void;
  /** DoT and DoH over TLS: how to set up TLS. */
  tls?: TlsOptions;
  /** DoH: method and endpoint. */
  http?: HttpOptions;
}

/** A raw reply and how long it took. */
export interface TransportReply {
  raw: Uint8Array;
  rttMs: number;
}

/** A transport failure with a stable kind and a dig-like human text ("timed out", "connection refused"). */
export class TransportError extends TsdigError {
  constructor(
    readonly kind: TransportFailure,
    message: string,
  ) {
    super(`transport.${kind}`, message);
    this.name = 'TransportError';
  }
}

/** Sends one DNS message and returns the first acceptable reply. */
export interface Transport {
  send(request: TransportRequest): Promise<TransportReply>;
}
