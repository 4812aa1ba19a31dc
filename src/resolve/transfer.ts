/**
 * A zone transfer (AXFR, or IXFR over TCP) as dig runs one: one query over one TCP connection, then
 * message after message until the transfer is complete, each message handed on as soon as it is
 * checked, so a zone of any size passes through without being held. Each message must arrive within
 * the per-try timeout of the one before (dig's idle timeout); a connection that fails or goes quiet is
 * tried again `tries` times, then the next server.
 */
import { BadPacketError, type Failure, isAborted } from '../errors.js';
import { TransportError, type Endpoint } from '../transport/types.js';
import type { FrameStream, OpenFrameStream } from '../transport/tcpStream.js';
import { decodeMessage } from '../wire/decode.js';
import { namesEqual } from '../wire/name.js';
import { className, OPCODE, opcodeName, RCODE, rcodeName, typeName } from '../wire/rrtypes.js';
import type { Message, Question, QueryPacketSpec } from '../wire/types.js';
import { endpointText } from './exchange.js';
import { buildQuery, replyTsigVerdict, type SignedQuery } from './outgoingQuery.js';
import type { ExchangeSettings, LookupEvent, TsigVerdict } from './types.js';
import { TSIG_FAILURE } from '../wire/tsig.js';
import { startXfr, TRANSFER_FAILED, type XfrProgress, type XfrShape } from './xfrProgress.js';
import { monotonicMs } from '../system/clock.js';

/** A transfer, fully planned. */
export interface TransferPlan {
  /** The zone, AXFR or IXFR, and the class. */
  question: Question;
  servers: Endpoint[];
  /** With an IXFR, `ixfrSerial`: the serial the client has. */
  settings: ExchangeSettings;
}

/** Where a transfer's output goes while it runs; the renderer behind it writes as things happen. */
export interface TransferSink {
  /** The query as it is about to be sent to `server` (for +qr). */
  query?(query: Uint8Array, spec: QueryPacketSpec, server: Endpoint): void;
  /** A message accepted; `index` counts the accepted messages of this connection from 0. May wait for the output to drain. */
  message(message: Message, raw: Uint8Array, index: number): void | Promise<void>;
  /** A warning or communications error, in order with the messages. */
  event(event: LookupEvent): void;
  /** A line of dig's own (`; Transfer failed.`). */
  line(text: string): void;
}

/** How a transfer ended. */
export type TransferOutcome = 'complete' | 'failed' | 'unreachable';

/** What a transfer did: counts as dig's `XFR size` line gives them, and why it stopped. */
export interface TransferResult {
  question: Question;
  ixfrSerial?: number;
  outcome: TransferOutcome;
  /** The server of the last connection. */
  server?: Endpoint;
  shape?: XfrShape;
  messages: number;
  records: number;
  bytes: number;
  /** RCODE of the last message accepted. */
  rcode?: number;
  /** From the query to the last message. */
  rttMs: number;
  receivedAt: Date;
  /** The COOKIE option as sent, to judge the server's. */
  sentCookie?: Uint8Array;
  events: LookupEvent[];
  /** Signed with TSIG: whether every signed message verified (the first failure is kept). */
  tsig?: TsigVerdict;
  /** Why it did not complete, in one line. */
  failure?: Failure;
}

/** One connection's end: done (complete or failed for good), or worth another try. */
type AttemptEnd = { kind: 'complete' } | ({ kind: 'failed' } & Failure) | { kind: 'retry'; error: TransportError };

/**
 * TSIG across the transfer: every message goes through the verifier in order (dig's `Couldn't
 * verify signature` for each that fails); at the end, messages left unsigned after the last signed
 * one are a failure too (RFC 8945 5.3.1: the last message is signed).
 */
function checkTsig(signed: SignedQuery, server: Endpoint, emit: (event: LookupEvent) => void, result: TransferResult) {
  const keep = (verdict: TsigVerdict): void => {
    if (!result.tsig || (result.tsig.verified && !verdict.verified)) result.tsig = verdict;
  };
  return {
    message: (raw: Uint8Array): void => keep(replyTsigVerdict(signed, raw, server, emit)),
    end: (): void => {
      if (signed.verifier.pendingUnsigned === 0) return;
      emit({ kind: 'warning', text: `Couldn't verify signature: ${TSIG_FAILURE.expected}`, server });
      keep({ key: signed.key.name, algorithm: signed.key.algorithm, verified: false, error: TSIG_FAILURE.expected });
    },
  };
}

/** Reads the header's ID. */
function u16(raw: Uint8Array, at: number): number {
  return (raw[at] << 8) | raw[at + 1];
}

/** Runs one transfer against the plan's servers. Never throws for anything the server does. */
export async function transfer(plan: TransferPlan, open: OpenFrameStream, sink: TransferSink): Promise<TransferResult> {
  const events: LookupEvent[] = [];
  const result: TransferResult = {
    question: plan.question,
    ...(plan.settings.ixfrSerial !== undefined && { ixfrSerial: plan.settings.ixfrSerial }),
    outcome: 'unreachable',
    messages: 0,
    records: 0,
    bytes: 0,
    rttMs: 0,
    receivedAt: new Date(),
    events,
  };
  const emit = (event: LookupEvent): void => {
    events.push(event);
    sink.event(event);
  };
  let last: TransportError | undefined;
  for (const server of plan.servers) {
    for (let attempt = 0; attempt < Math.max(1, plan.settings.tries); attempt++) {
      const end = await connection(plan, server, open, sink, emit, result);
      if (end.kind === 'retry') {
        last = end.error;
        emit({
          kind: 'commError',
          text: `communications error to ${endpointText(server)}: ${end.error.message}`,
          server,
        });
        continue;
      }
      result.outcome = end.kind;
      if (end.kind === 'failed') result.failure = { code: end.code, message: end.message };
      return result;
    }
  }
  result.failure = { code: `transport.${last?.kind ?? 'noservers'}`, message: 'no servers could be reached' };
  return result;
}

/** One connection to one server: the query, then messages until the transfer ends or the connection fails. */
async function connection(
  plan: TransferPlan,
  server: Endpoint,
  open: OpenFrameStream,
  sink: TransferSink,
  emit: (event: LookupEvent) => void,
  result: TransferResult,
): Promise<AttemptEnd> {
  const settings = plan.settings;
  const { spec, payload, signed } = buildQuery(plan.question, settings);
  const verify = signed && checkTsig(signed, server, emit, result);
  const progress = startXfr(settings.ixfrSerial);
  Object.assign(result, { server, messages: 0, records: 0, bytes: 0, sentCookie: spec.edns?.cookie });
  delete result.tsig;
  sink.query?.(payload, spec, server);
  let stream: FrameStream;
  try {
    stream = await open({
      server,
      payload,
      timeoutMs: settings.timeoutMs,
      source: settings.source,
      signal: settings.signal,
    });
  } catch (error) {
    if (error instanceof TransportError && !isAborted(error)) return { kind: 'retry', error };
    throw error;
  }
  try {
    const end = await readMessages(plan, server, spec, stream, progress, sink, emit, result, verify?.message);
    if (end.kind === 'complete') verify?.end();
    return end;
  } finally {
    stream.close();
    Object.assign(result, {
      messages: progress.messages,
      records: progress.records,
      bytes: progress.bytes,
      shape: progress.shape,
    });
  }
}

async function readMessages(
  plan: TransferPlan,
  server: Endpoint,
  spec: QueryPacketSpec,
  stream: FrameStream,
  progress: XfrProgress,
  sink: TransferSink,
  emit: (event: LookupEvent) => void,
  result: TransferResult,
  verify?: (raw: Uint8Array) => void,
): Promise<AttemptEnd> {
  let warnId = true;
  let accepted = 0;
  for (;;) {
    let raw: Uint8Array;
    try {
      raw = await stream.next(plan.settings.timeoutMs);
    } catch (error) {
      if (error instanceof TransportError && !isAborted(error)) return { kind: 'retry', error };
      throw error;
    }
    result.rttMs = monotonicMs() - stream.sentAt;
    result.receivedAt = new Date();
    if (raw.length < 12) {
      emit({ kind: 'badPacket', text: 'ERROR: short (< header size) message', server });
      return { kind: 'failed', code: 'wire.short', message: 'short (< header size) message' };
    }
    const id = u16(raw, 0);
    if (id !== spec.id) {
      // Before the first SOA a wrong ID ends the transfer; later dig warns once and goes on.
      const text = `ID mismatch: expected ID ${spec.id}, got ${id}`;
      if (progress.records === 0) {
        emit({ kind: 'warning', text: `ERROR: ${text}`, server });
        return { kind: 'failed', code: 'wire.id', message: text };
      }
      if (warnId) emit({ kind: 'warning', text: `WARNING: ${text}`, server });
      warnId = false;
    }
    if ((raw[2] & 0x80) === 0) emit({ kind: 'warning', text: 'Warning: query response not set', server });
    let message: Message;
    try {
      message = decodeMessage(raw);
    } catch (error) {
      if (!(error instanceof BadPacketError)) throw error;
      emit({ kind: 'badPacket', text: `Got bad packet: ${error.message}`, server });
      return { kind: 'failed', code: 'wire.malformed', message: `bad packet: ${error.message}` };
    }
    if (message.opcode !== OPCODE.QUERY) {
      emit({
        kind: 'warning',
        text: `Warning: Opcode mismatch: expected QUERY, got ${opcodeName(message.opcode)}`,
        server,
      });
      continue;
    }
    const stray = message.question.find(
      (q) => q.type !== spec.type || q.class !== spec.class || !namesEqual(q.name, spec.name),
    );
    if (stray) {
      // dig's own wording, doubled prefix included.
      const name = stray.name === '.' ? '.' : stray.name.replace(/\.$/, '');
      const got = `${name}/${typeName(stray.type)}/${className(stray.class)}`;
      emit({ kind: 'warning', text: `;; Question section mismatch: got ${got}`, server });
      return { kind: 'failed', code: 'wire.question', message: `question section mismatch: got ${got}` };
    }
    result.rcode = message.rcode;
    verify?.(raw);
    await sink.message(message, raw, accepted++);
    const verdict = progress.track(message, raw.length);
    // RFC 5936 section 2.2: an error RCODE in any message ends the transfer, records or not.
    if (message.rcode !== RCODE.NOERROR && verdict.kind !== 'failed') {
      sink.line(TRANSFER_FAILED);
      return {
        kind: 'failed',
        code: 'xfr.rcode',
        message: `transfer failed: the server answered ${rcodeName(message.rcode)}`,
      };
    }
    if (verdict.kind === 'done') return { kind: 'complete' };
    if (verdict.kind === 'failed') {
      sink.line(verdict.line);
      return { kind: 'failed', code: 'xfr.failed', message: verdict.line.replace(/^; /, '').replace(/ {2}/, ' ') };
    }
  }
}
