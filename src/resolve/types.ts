/** What a lookup produces: the exchange that answered, and everything that happened on the way. */
import type { Failure } from '../errors.js';
import type { Message, Question } from '../wire/types.js';
import type { TsigKey } from '../wire/tsig.js';
import type { Endpoint, HttpOptions, Protocol, TlsOptions } from '../transport/types.js';

/** One query sent and the reply accepted for it. */
export interface Exchange {
  server: Endpoint;
  protocol: Protocol;
  /** The question asked (absolute name). */
  question: Question;
  /** The query bytes as sent. */
  query: Uint8Array;
  /** The COOKIE option's data as sent (client cookie, then any server cookie), kept to judge the one that comes back. */
  sentCookie?: Uint8Array;
  /** The accepted reply, raw and decoded. */
  raw: Uint8Array;
  response: Message;
  rttMs: number;
  /** DoH only: the HTTP method used (dig's SERVER line says HTTPS-GET for GET). */
  httpMethod?: HttpOptions['method'];
  /** When the reply arrived (for ;; WHEN). */
  receivedAt: Date;
  /** Signed with TSIG: whether the reply verified, and if not dig's reason. */
  tsig?: TsigVerdict;
}

/** The TSIG verdict on the replies to a signed query. */
export interface TsigVerdict {
  key: string;
  algorithm: string;
  verified: boolean;
  error?: string;
}

/** Something worth telling the user that happened during a lookup, in order. */
export interface LookupEvent {
  /**
   * nextServer: dig's +nofail moving on after a SERVFAIL reply; retry: the same server asked again
   * (BADVERS, BADCOOKIE). truncated, nextServer and retry are comments: +nocomments hides them, as in dig.
   */
  kind: 'warning' | 'truncated' | 'commError' | 'badPacket' | 'nextServer' | 'retry';
  /** One line, already escaped, without the leading ';; '. */
  text: string;
  server?: Endpoint;
  /** retry: the RCODE the server gave that made the exchange ask again (BADVERS, BADCOOKIE). */
  rcode?: number;
}

/** DNS over TLS or HTTP(S) instead of UDP/TCP (dig's +tls, +https, +http-plain), and how to set it up. */
export interface EncryptedChannel {
  protocol: 'tls' | 'https' | 'http';
  /** For tls and https. */
  tls?: TlsOptions;
  /** For https and http. */
  http?: HttpOptions;
}

/** Header fields of a query that dig lets the user set. */
export interface QueryHeaderSettings {
  opcode?: number;
  aa?: boolean;
  ra?: boolean;
  tc?: boolean;
  z?: boolean;
  /** A fixed message ID instead of a random one (the reply must still carry it). */
  id?: number;
  /** Send no question section. */
  headerOnly?: boolean;
}

/** EDNS content beyond version, size, DO, NSID, cookie and subnet. */
export interface EdnsExtras {
  /** Flag bits besides DO (the must-be-zero ones, and CO). */
  flags?: number;
  expire?: boolean;
  keepalive?: boolean;
  /** Pad to a multiple of this many octets; 0: no PADDING option. */
  padding?: number;
  /** Raw options, by code, in the order given. */
  options?: Array<{ code: number; data: Uint8Array }>;
}

/** Per-query knobs for the network layer (derived from QuerySettings plus global options). */
export interface ExchangeSettings {
  rd: boolean;
  cd: boolean;
  ad: boolean;
  dnssec: boolean;
  edns: number | null;
  bufsize: number;
  nsid: boolean;
  cookie: boolean | string;
  /** The client cookie to send instead of a fresh one: a BADCOOKIE retry must send the client cookie the server cookie was made for. */
  clientCookie?: Uint8Array;
  /** false: a BADCOOKIE reply stands (dig's +nobadcookie); absent: asked again with the server cookie. */
  badcookie?: boolean;
  subnet?: { family: 1 | 2; address: string; sourcePrefix: number };
  /** The query's header as dig's +opcode, +aaflag, +raflag, +tcflag, +zflag, +qid and +header-only set it; absent: dig's defaults. */
  header?: QueryHeaderSettings;
  /** EDNS extras (dig's +ednsflags, +coflag, +expire, +keepalive, +padding, +ednsopt); absent: none. */
  ednsExtras?: EdnsExtras;
  tcp: boolean;
  ignoreTc: boolean;
  /** +keepopen: TCP queries go on the run's kept connections (when it has them); absent: one connection each. */
  keepopen?: boolean;
  /** Per-try timeout in ms. */
  timeoutMs: number;
  tries: number;
  source?: { address: string; port: number };
  /** Abandons the exchange (e.g. a hedged trace query whose sibling already answered); rejects with TransportError 'aborted'. */
  signal?: AbortSignal;
  /** Set when the query goes over TLS or HTTP(S); then `tcp`, `ignoreTc` and `tries` do not apply. */
  channel?: EncryptedChannel;
  /** IXFR: the client's serial, sent as an SOA record in the authority section (RFC 1995). */
  ixfrSerial?: number;
  /** -y / -k: sign the query with this key and verify the reply (RFC 8945). */
  tsig?: TsigKey;
}

/** The outcome of one question against a list of servers. */
export interface LookupResult {
  question: Question;
  events: LookupEvent[];
  /** Present when a usable reply arrived. */
  exchange?: Exchange;
  /** +showsearch: the NXDOMAIN replies of the search-list names tried before the last, in order. */
  searched?: Exchange[];
  /** Present when no usable reply arrived: stable code and one-line message. */
  error?: Failure;
}

/** Sends one question to one server (UDP with TC->TCP retry, or TCP) and returns the exchange; used by lookups and by the trace. */
export type QueryFn = (
  server: Endpoint,
  question: Question,
  settings: ExchangeSettings,
  onEvent?: (event: LookupEvent) => void,
) => Promise<Exchange>;
