/** The one interface every transport implements, and the facts of one exchange. */

/** A server to talk to. `name` is what the user or a referral called it, for display only. */
export interface Endpoint {
  address: string;
  port: number;
  name?: string;
}

export type Protocol = 'udp' | 'tcp';

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
}

/** A raw reply and how long it took. */
export interface TransportReply {
  raw: Uint8Array;
  rttMs: number;
}

/** Why a transport gave up. */
export type TransportFailure = 'timeout' | 'refused' | 'closed' | 'mismatch' | 'unreachable' | 'aborted' | 'error';

/** A transport failure with a stable kind and a dig-like human text ("timed out", "connection refused"). */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** Sends one DNS message and returns the first acceptable reply. */
export interface Transport {
  send(request: TransportRequest): Promise<TransportReply>;
}
