/** One question to one server: UDP tries, TC -> TCP, strict decode. The QueryFn every lookup and trace uses. */
import { randomBytes } from 'node:crypto';
import { BadPacketError, ExchangeError, isAborted } from '../errors.js';
import { checkReply } from '../transport/replyCheck.js';
import { encodeQuery, randomId } from '../wire/encode.js';
import { decodeMessage } from '../wire/decode.js';
import { withIxfrSoa } from '../wire/xfrQuery.js';
import { signQuery, TsigVerifier, type TsigKey } from '../wire/tsig.js';
import { ipv6Bytes } from '../wire/address.js';
import { EDNS_OPTION, RCODE } from '../wire/rrtypes.js';
import type { Question, QueryPacketSpec, Message } from '../wire/types.js';
import {
  TransportError,
  type Endpoint,
  type Protocol,
  type Transport,
  type TransportReply,
} from '../transport/types.js';
import { httpPlainTransport, httpsTransport } from '../transport/https.js';
import { tlsTransport } from '../transport/tls.js';
import type { EncryptedChannel, Exchange, ExchangeSettings, LookupEvent, QueryFn, TsigVerdict } from './types.js';

/** The transports a QueryFn may use; tests swap them for fakes. TLS and HTTP(S) default to the real ones. */
export interface Transports {
  udp: Transport;
  tcp: Transport;
  tls?: Transport;
  https?: Transport;
  http?: Transport;
}

/** The transport for an encrypted channel (the modules behind it load node:tls / node:http2 only when used). */
function channelTransport(transports: Transports, channel: EncryptedChannel): Transport {
  switch (channel.protocol) {
    case 'tls':
      return transports.tls ?? tlsTransport;
    case 'https':
      return transports.https ?? httpsTransport;
    case 'http':
      return transports.http ?? httpPlainTransport;
  }
}

/** `ADDR#PORT` as dig prints it. */
export function endpointText(server: Endpoint): string {
  return `${server.address}#${server.port}`;
}

let cookieBytes = Buffer.alloc(0);

/** 8 fresh CSPRNG bytes for a client cookie, cut from a larger draw: one randomBytes call per 512 queries. */
function clientCookie(): Buffer {
  if (cookieBytes.length < 8) cookieBytes = randomBytes(4096);
  const cookie = Buffer.from(cookieBytes.subarray(0, 8));
  cookieBytes = cookieBytes.subarray(8);
  return cookie;
}

/** Builds the wire-level spec of a query from the lookup settings; a +qid ID wins over `id`. */
export function packetSpec(question: Question, settings: ExchangeSettings, id: number = randomId()): QueryPacketSpec {
  let cookie: Uint8Array | undefined;
  if (settings.cookie !== false) {
    const client = settings.clientCookie ?? clientCookie();
    cookie =
      typeof settings.cookie === 'string' ? Buffer.concat([client, Buffer.from(settings.cookie, 'hex')]) : client;
  }
  const header = settings.header;
  const spec: QueryPacketSpec = {
    id: header?.id ?? id,
    name: question.name,
    type: question.type,
    class: question.class,
    rd: settings.rd,
    cd: settings.cd,
    ad: settings.ad,
    edns:
      settings.edns === null
        ? null
        : {
            version: settings.edns,
            udpSize: settings.bufsize,
            do: settings.dnssec,
            nsid: settings.nsid,
            cookie,
            subnet: settings.subnet && subnetOption(settings.subnet),
          },
  };
  if (header) {
    const { opcode, aa, ra, tc, z, headerOnly } = header;
    Object.assign(spec, { opcode, aa, ra, tc, z, headerOnly });
  }
  const extras = settings.ednsExtras;
  if (extras && spec.edns) {
    const { flags, expire, keepalive, padding, options } = extras;
    Object.assign(spec.edns, { flags, expire, keepalive, padding, extra: options });
  }
  return spec;
}

function subnetOption(subnet: NonNullable<ExchangeSettings['subnet']>): {
  family: 1 | 2;
  sourcePrefix: number;
  address: Uint8Array;
} {
  const bytes =
    subnet.family === 1 ? Uint8Array.from(subnet.address.split('.').map(Number)) : ipv6Bytes(subnet.address);
  const keep = Math.ceil(subnet.sourcePrefix / 8);
  const address = bytes.slice(0, keep);
  const spare = keep * 8 - subnet.sourcePrefix;
  if (keep > 0 && spare > 0) address[keep - 1] &= (0xff << spare) & 0xff;
  return { family: subnet.family, sourcePrefix: subnet.sourcePrefix, address };
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
  try {
    reply = await transport.send({
      payload,
      server,
      timeoutMs: settings.timeoutMs,
      source: settings.source,
      signal: settings.signal,
      check: (raw) => checkReply(spec, raw),
      onWarning: (text) => emit({ kind: 'warning', text: `Warning: ${text}`, server }),
      ...(settings.channel?.tls && { tls: settings.channel.tls }),
      ...(settings.channel?.http && { http: settings.channel.http }),
    });
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
        onEvent?.({ kind: 'retry', text: `BADVERS, retrying with EDNS version ${offered}.`, server });
        settings = { ...settings, edns: offered };
        exchange = await once(server, question, settings, onEvent);
        continue;
      }
      // BADCOOKIE (RFC 7873 section 5.3): ask again with the server's cookie, then over TCP, as dig does.
      const cookie = cookieRetries < 2 ? badCookieRetry(exchange, settings) : undefined;
      if (!cookie) return exchange;
      const how = cookieRetries++ === 0 ? '' : ' in TCP mode';
      onEvent?.({ kind: 'retry', text: `BADCOOKIE, retrying${how}.`, server });
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

/** Verifies one signed reply; a failure is reported in dig's words (`Couldn't verify signature: ...`) and kept in the verdict. */
export function tsigVerdict(
  key: TsigKey,
  verifier: TsigVerifier,
  raw: Uint8Array,
  server: Endpoint,
  emit: (event: LookupEvent) => void,
): TsigVerdict {
  const verdict = verifier.verify(raw, Date.now());
  const base = { key: key.name, algorithm: key.algorithm };
  if (verdict.ok) return { ...base, verified: true };
  emit({ kind: 'warning', text: `Couldn't verify signature: ${verdict.reason}`, server });
  return { ...base, verified: false, error: verdict.reason };
}

/** One exchange with one server: UDP tries and TC -> TCP, or TCP only, or the encrypted channel. */
function exchangeOnce(transports: Transports): QueryFn {
  return async (server, question, settings, onEvent) => {
    const emit = onEvent ?? (() => {});
    const channel = settings.channel;
    // DoH uses message ID 0, so that the same question makes the same GET request (RFC 8484 section 4.1).
    const spec = channel?.http ? packetSpec(question, settings, 0) : packetSpec(question, settings);
    const plain = encodeQuery(spec);
    const unsigned =
      settings.ixfrSerial === undefined ? plain : withIxfrSoa(plain, question.class, settings.ixfrSerial);
    const signing = settings.tsig && signQuery(unsigned, settings.tsig, Date.now());
    const payload = signing ? signing.signed : unsigned;
    const done = (protocol: Protocol, result: Received): Exchange => ({
      server,
      protocol,
      question,
      query: payload,
      sentCookie: spec.edns?.cookie,
      raw: result.raw,
      response: result.response,
      rttMs: result.rttMs,
      ...(protocol === channel?.protocol && channel.http && { httpMethod: channel.http.method }),
      receivedAt: new Date(),
      ...(signing &&
        settings.tsig && {
          tsig: tsigVerdict(settings.tsig, new TsigVerifier(settings.tsig, signing.mac), result.raw, server, emit),
        }),
    });
    if (channel)
      return done(
        channel.protocol,
        await attempt(channelTransport(transports, channel), server, spec, payload, settings, emit),
      );
    const tcp = async (): Promise<Exchange> =>
      done('tcp', await attempt(transports.tcp, server, spec, payload, settings, emit));
    if (settings.tcp) return tcp();
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
      if (!result.response.tc || settings.ignoreTc) return done('udp', result);
      // The truncated reply is never passed off as the answer: TCP answers, or this server fails.
      emit({ kind: 'truncated', text: 'Truncated, retrying in TCP mode.', server });
      try {
        return await tcp();
      } catch (error) {
        // Whoever reads only the failure (a trace hop, +nssearch) still learns that UDP came first.
        if (!(error instanceof ExchangeError)) throw error;
        throw new ExchangeError(error.kind, `UDP reply truncated, then over TCP: ${error.message}`);
      }
    }
    throw last ?? new ExchangeError('timeout', 'timed out');
  };
}
