/**
 * A server that replays hand-made bytes, for transport and decoder fault tests: wrong IDs, wrong
 * questions, silence, TC, and TCP framing faults (early close, bad length prefix, slow drip).
 */
import type { Socket } from 'node:net';
import dnsPacket from 'dns-packet';
import { bindUdpAndTcp, serverCloser } from './ports.js';
import { parseQuery, type ParsedQuery } from './zoneReply.js';
import { hexToBytes } from '../fixtures/packets/hex.js';

/** TCP framing faults for one reply. */
export interface FrameFault {
  /** Added to the true length in the 2-byte prefix (negative: short, positive: long). */
  lengthDelta?: number;
  /** Send the framed reply one byte at a time, this many ms apart. */
  dripMs?: number;
  /** Send only this many bytes of the framed reply (prefix included), then close. */
  cutAfter?: number;
}

/** One reply to send. */
export interface HostileReply {
  /** The whole message: a hex string (fixtures) or bytes. */
  bytes: string | Uint8Array;
  /** 'query' (default) patches the query's ID in at offset 0; 'wrong' sends a different ID; a number sends that ID. */
  id?: 'query' | 'wrong' | number;
  /**
   * 'keep' (default): the bytes' own question; 'copy': the query's question; or another question.
   * Replacing with a question of a different length moves every later offset (fixtures assume example.test. A).
   */
  question?: 'keep' | 'copy' | { name: string; type: string };
  /** Force the TC bit. */
  tc?: boolean;
  delayMs?: number;
  /** TCP only. */
  frame?: FrameFault;
}

/** What to do for one query: replies in order (none: silence), then on TCP optionally close. */
export interface HostileAction {
  replies: HostileReply[];
  close?: boolean;
}

/** What the script sees of each query. */
export interface HostileContext {
  protocol: 'udp' | 'tcp';
  /** 0-based count of queries received before this one (both protocols). */
  index: number;
  query: ParsedQuery;
}

/** Per-query actions: a list indexed by query number (the last repeats), or a function. */
export type HostileScript = HostileAction[] | ((context: HostileContext) => HostileAction);

/** How to start a hostile server. */
export interface HostileServerOptions {
  address: string;
  port?: number;
  script: HostileScript;
}

/** A running hostile server. */
export interface HostileServer {
  address: string;
  port: number;
  queries: Array<{ protocol: 'udp' | 'tcp'; id: number; name: string; type: string }>;
  count(): number;
  close(): Promise<void>;
}

/** Byte offset just past the question section of `message` (uncompressed question names). */
function questionEnd(message: Uint8Array): number {
  const count = (message[4]! << 8) | message[5]!;
  let offset = 12;
  for (let i = 0; i < count; i++) {
    while (message[offset] !== 0) {
      if (offset >= message.length || (message[offset]! & 0xc0) !== 0)
        throw new Error('fixture question must be uncompressed and complete');
      offset += message[offset]! + 1;
    }
    offset += 5;
  }
  return offset;
}

function replaceQuestion(message: Uint8Array, question: Uint8Array, count: number): Uint8Array {
  const end = questionEnd(message);
  const out = new Uint8Array(12 + question.length + (message.length - end));
  out.set(message.subarray(0, 12), 0);
  out[4] = count >> 8;
  out[5] = count & 0xff;
  out.set(question, 12);
  out.set(message.subarray(end), 12 + question.length);
  return out;
}

/** The bytes of one reply to `query`, with ID, question and TC applied. */
export function renderReply(reply: HostileReply, query: ParsedQuery): Uint8Array {
  let out = typeof reply.bytes === 'string' ? hexToBytes(reply.bytes) : Uint8Array.from(reply.bytes);
  if (reply.question === 'copy')
    out = replaceQuestion(out, query.questionBytes.subarray(12), query.questionCount > 0 ? 1 : 0);
  else if (reply.question && reply.question !== 'keep') {
    const encoded = dnsPacket.encode({
      questions: [{ name: reply.question.name, type: reply.question.type as dnsPacket.RecordType, class: 'IN' }],
    });
    out = replaceQuestion(out, encoded.subarray(12), 1);
  }
  const id =
    reply.id === undefined || reply.id === 'query' ? query.id : reply.id === 'wrong' ? query.id ^ 0xffff : reply.id;
  out[0] = (id >> 8) & 0xff;
  out[1] = id & 0xff;
  if (reply.tc !== undefined) out[2] = reply.tc ? out[2]! | 0x02 : out[2]! & ~0x02;
  return out;
}

function actionFor(script: HostileScript, context: HostileContext): HostileAction {
  if (typeof script === 'function') return script(context);
  return script[Math.min(context.index, script.length - 1)] ?? { replies: [] };
}

/** Starts the server on `address` (UDP and TCP on one port). Close it in `after`/finally. */
export async function startHostileServer(options: HostileServerOptions): Promise<HostileServer> {
  const queries: HostileServer['queries'] = [];
  const connections = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (!ms) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const receive = (raw: Uint8Array, protocol: 'udp' | 'tcp'): { action: HostileAction; query: ParsedQuery } | null => {
    const query = parseQuery(raw);
    if (!query) return null;
    const index = queries.length;
    queries.push({ protocol, id: query.id, name: query.name, type: query.type });
    return { action: actionFor(options.script, { protocol, index, query }), query };
  };

  const { udp, tcp } = await bindUdpAndTcp(options.address, options.port ?? 0);
  udp.on('message', async (msg, rinfo) => {
    const received = receive(msg, 'udp');
    if (!received) return;
    for (const reply of received.action.replies) {
      await sleep(reply.delayMs ?? 0);
      if (closed) return;
      udp.send(renderReply(reply, received.query), rinfo.port, rinfo.address);
    }
  });
  tcp.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = Buffer.alloc(0);
    let chain = Promise.resolve();
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const message = pending.subarray(2, 2 + pending.readUInt16BE(0));
        pending = pending.subarray(2 + message.length);
        const received = receive(message, 'tcp');
        if (received) chain = chain.then(() => playTcp(socket, received.action, received.query, sleep, () => closed));
      }
    });
  });

  return {
    address: options.address,
    port: (udp.address() as { port: number }).port,
    queries,
    count: () => queries.length,
    close: serverCloser(udp, tcp, timers, connections, () => (closed = true)),
  };
}

/** Sends an action's replies on a TCP connection, applying framing faults. */
async function playTcp(
  socket: Socket,
  action: HostileAction,
  query: ParsedQuery,
  sleep: (ms: number) => Promise<void>,
  isClosed: () => boolean,
): Promise<void> {
  for (const reply of action.replies) {
    await sleep(reply.delayMs ?? 0);
    if (isClosed() || socket.destroyed) return;
    const body = renderReply(reply, query);
    const prefixed = Buffer.alloc(body.length + 2);
    prefixed.writeUInt16BE(Math.max(0, Math.min(0xffff, body.length + (reply.frame?.lengthDelta ?? 0))), 0);
    prefixed.set(body, 2);
    const cut = reply.frame?.cutAfter;
    const toSend = cut === undefined ? prefixed : prefixed.subarray(0, cut);
    if (reply.frame?.dripMs) {
      for (const byte of toSend) {
        if (isClosed() || socket.destroyed) return;
        socket.write(Buffer.from([byte]));
        await sleep(reply.frame.dripMs);
      }
    } else {
      socket.write(toSend);
    }
    if (cut !== undefined) {
      socket.end();
      return;
    }
  }
  if (action.close) socket.end();
}

/** Replies with `bytes` (ID patched) to every query. */
export function replyWith(bytes: string | Uint8Array, extra: Omit<HostileReply, 'bytes'> = {}): HostileAction {
  return { replies: [{ bytes, ...extra }] };
}

/** A reply with the wrong ID first, then the right one (a client must skip the first). */
export function wrongIdThenRight(bytes: string | Uint8Array): HostileAction {
  return { replies: [{ bytes, id: 'wrong' }, { bytes }] };
}

/** A reply for another question first, then the right one. */
export function wrongQuestionThenRight(
  bytes: string | Uint8Array,
  other = { name: 'other.test.', type: 'A' },
): HostileAction {
  return { replies: [{ bytes, question: other }, { bytes }] };
}

/** No reply at all. */
export const SILENT: HostileAction = { replies: [] };

/** UDP gets `truncated` (TC forced), TCP gets `full`: the TC -> TCP retry path. */
export function tcThenTcp(truncated: string | Uint8Array, full: string | Uint8Array): HostileScript {
  return ({ protocol }) =>
    protocol === 'udp' ? { replies: [{ bytes: truncated, tc: true }] } : { replies: [{ bytes: full }] };
}

/** TCP: close the connection without replying. */
export const TCP_CLOSE_EARLY: HostileAction = { replies: [], close: true };

/** TCP: a length prefix `delta` off the truth (then close, so a short read ends). */
export function tcpBadLength(bytes: string | Uint8Array, delta: number): HostileAction {
  return { replies: [{ bytes, frame: { lengthDelta: delta } }], close: delta > 0 };
}

/** TCP: the reply one byte every `ms` milliseconds (a deadline must cover the whole drip). */
export function tcpDrip(bytes: string | Uint8Array, ms: number): HostileAction {
  return { replies: [{ bytes, frame: { dripMs: ms } }] };
}

/** TCP: the reply with TC set (a client must not retry TCP over TCP). */
export function tcOverTcp(bytes: string | Uint8Array): HostileAction {
  return { replies: [{ bytes, tc: true }] };
}
