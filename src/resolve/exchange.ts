/** One question to one server: UDP tries, TC -> TCP, strict decode. The QueryFn every lookup and trace uses. */
import { BadPacketError, ExchangeError, isAborted } from '../errors.js';
import { checkReply } from '../transport/replyCheck.js';
import { decodeMessage } from '../wire/decode.js';
import { EDNS_OPTION, RCODE } from '../wire/rrtypes.js';
import type { QueryPacketSpec, Message, Question } from '../wire/types.js';
import {
  TransportError,
  type Endpoint,
  type Protocol,
  type Transport,
  type TransportReply,
  type TransportRequest,
} from '../transport/types.js';
import { buildQuery, type OutgoingQuery, replyTsigVerdict } from './outgoingQuery.js';
import type { EncryptedChannel, Exchange, ExchangeSettings, LookupEvent, QueryFn } from './types.js';

/** The transports a QueryFn may use; tests swap them for fakes. TLS and HTTP(S) default to the real ones. */
export interface Transports {
  udp: Transport;
  tcp: Transport;
  /** TCP over connections kept open for the run (+keepopen); without it, +keepopen queries use `tcp`. */
  tcpKept?: Transport;
  tls?: Transport;
  https?: Transport;
  http?: Transport;
}

/** The real TLS and HTTP(S) transports, whose modules (and node:tls, node:http2) load on the first query over them. */
const encryptedTransports: Record<EncryptedChannel['protocol'], Transport> = {
  tls: { send: async (request) => (await import('../transport/tls.js')).tlsTransport.send(request) },
  https: { send: async (request) => (await import('../transport/https.js')).httpsTransport.send(request) },
  http: { send: async (request) => (await import('../transport/https.js')).httpPlainTransport.send(request) },
};

/** The transport for an encrypted channel. */
function channelTransport(transports: Transports, channel: EncryptedChannel): Transport {
  return transports[channel.protocol] ?? encryptedTransports[channel.protocol];
}

/** `ADDR#PORT` as dig prints it. */
export function endpointText(server: Endpoint): string {
  return `${server.address}#${server.port}`;
}

/** A reply accepted and decoded. */
interface Received {
  raw: Uint8Array;
  response: Message;
  rttMs: number;
}

/**
 * One attempt over one protocol: send, accept a matching reply, decode it strictly. Failures are
 * reported (dig's `communications error` / `Got bad packet` lines) and thrown as ExchangeError;
 * an abort is thrown as it is.
 */
async function attempt(
  transport: Transport,
  server: Endpoint,
  spec: QueryPacketSpec,
  payload: Uint8Array,
  settings: ExchangeSettings,
  emit: (event: LookupEvent) => void,
): Promise<Received> {
  let reply: TransportReply;
  const request: TransportRequest = {
    payload,
    server,
    timeoutMs: settings.timeoutMs,
    source: settings.source,
    signal: settings.signal,
    check: (raw) => checkReply(spec, raw, payload),
    onWarning: (text) => emit({ kind: 'warning', text: `Warning: ${text}`, server }),
  };
  // Set only when there (no spread of a maybe-object per query): a plain UDP request keeps one shape.
  const channel = settings.channel;
  if (channel?.tls) request.tls = channel.tls;
  if (channel?.http) request.http = channel.http;
  try {
    reply = await transport.send(request);
  } catch (error) {
    if (!(error instanceof TransportError) || isAborted(error)) throw error;
    emit({ kind: 'commError', text: `communications error to ${endpointText(server)}: ${error.message}`, server });
    throw new ExchangeError(error.kind, error.message);
  }
  try {
    return { raw: reply.raw, response: decodeMessage(reply.raw), rttMs: reply.rttMs };
  } catch (error) {
    if (error instanceof BadPacketError) {
      emit({ kind: 'badPacket', text: `Got bad packet from ${endpointText(server)}: ${error.message}`, server });
      throw new ExchangeError('malformed', `bad packet: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Creates the QueryFn: UDP with `tries` attempts (TC -> one TCP retry unless +ignore), or TCP only with
 * +tcp, or one attempt over TLS or HTTP(S) when the settings name a channel.
 */
export function createQueryFn(transports: Transports): QueryFn {
  const once = exchangeOnce(transports);
  return async (server, question, settings, onEvent) => {
    let exchange = await once(server, question, settings, onEvent);
    let cookieRetries = 0;
    // Each reply is read afresh, as dig reads it: a retry may meet the other condition.
    for (;;) {
      // BADVERS: the server speaks a lower EDNS version; ask again with the version it named (ends: the version only falls).
      const offered = exchange.response.edns?.version ?? 0;
      if (exchange.response.rcode === RCODE.BADVERS && settings.edns !== null && settings.edns > offered) {
        onEvent?.({
          kind: 'retry',
          text: `BADVERS, retrying with EDNS version ${offered}.`,
          server,
          rcode: RCODE.BADVERS,
        });
        settings = { ...settings, edns: offered };
        exchange = await once(server, question, settings, onEvent);
        continue;
      }
      // BADCOOKIE (RFC 7873 section 5.3): ask again with the server's cookie, then over TCP, as dig does.
      const cookie = cookieRetries < 2 ? badCookieRetry(exchange, settings) : undefined;
      if (!cookie) return exchange;
      const how = cookieRetries++ === 0 ? '' : ' in TCP mode';
      onEvent?.({ kind: 'retry', text: `BADCOOKIE, retrying${how}.`, server, rcode: RCODE.BADCOOKIE });
      settings = { ...settings, ...cookie, ...(how && { tcp: true }) };
      exchange = await once(server, question, settings, onEvent);
    }
  };
}

/**
 * The cookie to ask again with after a BADCOOKIE reply over UDP: the client cookie sent and the server
 * cookie received, when the reply echoed our client cookie (anyone else's BADCOOKIE is not acted on).
 */
function badCookieRetry(
  exchange: Exchange,
  settings: ExchangeSettings,
): Pick<ExchangeSettings, 'cookie' | 'clientCookie'> | undefined {
  const sent = exchange.sentCookie;
  if (exchange.response.rcode !== RCODE.BADCOOKIE || exchange.protocol !== 'udp' || settings.badcookie === false)
    return undefined;
  const cookie = exchange.response.edns?.options.find((option) => option.code === EDNS_OPTION.COOKIE)?.data;
  if (!sent || !cookie || cookie.length < 16 || cookie.length > 40) return undefined;
  const client = sent.subarray(0, 8);
  if (!Buffer.from(cookie.subarray(0, 8)).equals(Buffer.from(client))) return undefined;
  return { clientCookie: Uint8Array.from(client), cookie: Buffer.from(cookie.subarray(8)).toString('hex') };
}

/** What an exchange is made of besides the reply: the question asked, how, and of whom. */
interface Asked {
  server: Endpoint;
  question: Question;
  outgoing: OutgoingQuery;
  channel: EncryptedChannel | undefined;
  emit: (event: LookupEvent) => void;
}

/**
 * The Exchange of a reply received over `protocol`. Built without spreads of maybe-objects (a cost
 * on every query): a DoH exchange gets its method afterwards.
 */
function exchangeOf(asked: Asked, protocol: Protocol, result: Received): Exchange {
  const { server, question, outgoing, channel } = asked;
  const { spec, payload, signed } = outgoing;
  const exchange: Exchange = {
    server,
    protocol,
    question,
    query: payload,
    sentCookie: spec.edns?.cookie,
    raw: result.raw,
    response: result.response,
    rttMs: result.rttMs,
    receivedAt: new Date(),
  };
  if (protocol === channel?.protocol && channel.http) exchange.httpMethod = channel.http.method;
  if (signed) exchange.tsig = replyTsigVerdict(signed, result.raw, server, asked.emit);
  return exchange;
}

/** The exchange over TCP (+tcp, or after a truncated UDP reply): on the run's kept connections with +keepopen. */
async function overTcp(transports: Transports, asked: Asked, settings: ExchangeSettings): Promise<Exchange> {
  const { server, outgoing, emit } = asked;
  const transport = (settings.keepopen && transports.tcpKept) || transports.tcp;
  return exchangeOf(asked, 'tcp', await attempt(transport, server, outgoing.spec, outgoing.payload, settings, emit));
}

/** One exchange with one server: UDP tries and TC -> TCP, or TCP only, or the encrypted channel. */
function exchangeOnce(transports: Transports): QueryFn {
  return async (server, question, settings, onEvent) => {
    const emit = onEvent ?? (() => {});
    const channel = settings.channel;
    // DoH uses message ID 0, so that the same question makes the same GET request (RFC 8484 section 4.1).
    const outgoing = buildQuery(question, settings, channel?.http ? 0 : undefined);
    const { spec, payload } = outgoing;
    const asked: Asked = { server, question, outgoing, channel, emit };
    if (channel)
      return exchangeOf(
        asked,
        channel.protocol,
        await attempt(channelTransport(transports, channel), server, spec, payload, settings, emit),
      );
    if (settings.tcp) return overTcp(transports, asked, settings);
    let last: ExchangeError | undefined;
    for (let i = 0; i < Math.max(1, settings.tries); i++) {
      let result: Received;
      try {
        result = await attempt(transports.udp, server, spec, payload, settings, emit);
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        last = error;
        continue;
      }
      if (!result.response.tc || settings.ignoreTc) return exchangeOf(asked, 'udp', result);
      // The truncated reply is never passed off as the answer: TCP answers, or this server fails.
      emit({ kind: 'truncated', text: 'Truncated, retrying in TCP mode.', server });
      try {
        return await overTcp(transports, asked, settings);
      } catch (error) {
        // Whoever reads only the failure (a trace hop, +nssearch) still learns that UDP came first.
        if (!(error instanceof ExchangeError)) throw error;
        throw new ExchangeError(error.kind, `UDP reply truncated, then over TCP: ${error.message}`);
      }
    }
    throw last ?? new ExchangeError('timeout', 'timed out');
  };
}
