/**
 * What the fake server does with one query, whatever carries it (UDP, TCP, TLS, HTTP/2 or the
 * in-memory network): answer from its zones as an authoritative server, misbehave on purpose, or
 * follow a script. The answer is an Action: replies (with wire faults) and whether to close.
 */
import dnsPacket from 'dns-packet';
import { hexToBytes } from '../../fixtures/packets/hex.js';
import { answerFromZones, indexZone, type IndexedZone, type ZoneData } from '../zoneAnswer.js';
import { encodePlan, encodeReply, udpLimit, type ParsedQuery } from '../zoneReply.js';

/**
 * How a server misbehaves: 'silent' never answers; 'refused'/'servfail' answer that rcode to everything;
 * 'lame' answers NOERROR with no aa and no referral; 'tc-always' sets TC on every UDP reply;
 * 'drop-first-udp' ignores the first UDP query only; 'connectionRefused' is a server nobody listens
 * on (in-memory network only: on loopback, use a port where nothing listens).
 */
export type Behaviour =
  | 'normal'
  | 'silent'
  | 'refused'
  | 'servfail'
  | 'lame'
  | 'tc-always'
  | 'drop-first-udp'
  | 'connectionRefused';

/** What carried a query: 'udp' for the in-memory network too (it stands in for a UDP exchange). */
export type Carrier = 'udp' | 'tcp' | 'tls' | 'https' | 'http';

/** Where a query came from. */
export interface QuerySource {
  address: string;
  port: number;
  protocol: Carrier;
}

/** TCP and TLS framing faults for one reply. */
export interface FrameFault {
  /** Added to the true length in the 2-byte prefix (negative: short, positive: long). */
  lengthDelta?: number;
  /** Send the framed reply one byte at a time, this many ms apart. */
  dripMs?: number;
  /** Send only this many bytes of the framed reply (prefix included), then close. */
  cutAfter?: number;
}

/** One reply to send. */
export interface Reply {
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
  /** TCP and TLS only. */
  frame?: FrameFault;
  /** UDP only: send it from another socket (another source port), as an off-path spoofer would. */
  fromElsewhere?: boolean;
}

/** What to do for one query: replies in order (none: silence), then on a stream optionally close. */
export interface Action {
  replies: Reply[];
  close?: boolean;
}

/** What a script sees of each query. */
export interface ScriptContext {
  protocol: Carrier;
  /** 0-based count of queries this server received before this one (every transport). */
  index: number;
  query: ParsedQuery;
}

/** Per-query actions: a list indexed by query number (the last repeats), or a function. */
export type Script = Action[] | ((context: ScriptContext) => Action);

/** Override hook: bytes or an Action to send, null to stay silent, undefined to answer normally. */
export type RespondHook = (query: ParsedQuery, source: QuerySource) => Uint8Array | Action | null | undefined;

/** What one server does, wherever it listens. */
export interface ServerSpec {
  /** Zones it answers from, authoritatively. */
  zones?: ZoneData[];
  behaviour?: Behaviour;
  /** 'within-zone': a CNAME chain stops at the edge of the question's zone, as NSD and Knot do; default across zones. */
  cnames?: 'within-zone' | 'across-zones';
  /** Wait this long before each reply (unless the reply says otherwise). */
  delayMs?: number;
  /** Overrides the zones and behaviour for the queries it returns something for. */
  respond?: RespondHook;
  /** Decides every query by itself: zones, behaviour and respond are not consulted. */
  script?: Script;
}

/** A spec ready to answer: zones indexed, and the state of the behaviours that count. */
export interface Authority {
  spec: ServerSpec;
  zones: IndexedZone[];
  udpSeen: number;
}

/** Prepares a spec for answering. */
export function authority(spec: ServerSpec): Authority {
  return { spec, zones: (spec.zones ?? []).map(indexZone), udpSeen: 0 };
}

/** No reply at all. */
export const SILENT: Action = { replies: [] };

function scriptAction(script: Script, context: ScriptContext): Action {
  if (typeof script === 'function') return script(context);
  return script[Math.min(context.index, script.length - 1)] ?? SILENT;
}

/** The reply an authoritative server of these zones sends, after the behaviour had its say; null for none. */
function behaviourReply(server: Authority, query: ParsedQuery, source: QuerySource): Uint8Array | null {
  const behaviour = server.spec.behaviour ?? 'normal';
  const udp = source.protocol === 'udp';
  if (udp) server.udpSeen++;
  if (behaviour === 'silent' || behaviour === 'connectionRefused') return null;
  if (behaviour === 'drop-first-udp' && udp && server.udpSeen === 1) return null;
  if (query.malformed) return encodeReply(query, { rcode: 'FORMERR' });
  if (query.edns && query.edns.version > 0) return encodeReply(query, { rcode: 'BADVERS' });
  if (behaviour === 'refused') return encodeReply(query, { rcode: 'REFUSED' });
  if (behaviour === 'servfail') return encodeReply(query, { rcode: 'SERVFAIL' });
  if (behaviour === 'lame') return encodeReply(query, { rcode: 'NOERROR' });
  if (query.opcode !== 0) return encodeReply(query, { rcode: 'NOTIMP' });
  if (behaviour === 'tc-always' && udp) return encodeReply(query, { rcode: 'NOERROR', tc: true });
  if (query.classCode !== 1) return encodeReply(query, { rcode: 'REFUSED' });
  const withinZone = server.spec.cnames === 'within-zone';
  const plan = answerFromZones(server.zones, query.name, query.type, query.edns?.do ?? false, withinZone);
  return encodePlan(query, plan, udp ? udpLimit(query) : 65535);
}

/** What the server does with `query`: its script's action, else its hook's, else its zones' answer. */
export function decide(server: Authority, query: ParsedQuery, source: QuerySource, index: number): Action {
  const { spec } = server;
  if (spec.script) return scriptAction(spec.script, { protocol: source.protocol, index, query });
  const hooked = spec.respond?.(query, source);
  const delayed = (bytes: Uint8Array | null): Action =>
    bytes ? { replies: [{ bytes, delayMs: spec.delayMs }] } : SILENT;
  if (hooked === undefined) return delayed(behaviourReply(server, query, source));
  if (hooked === null || hooked instanceof Uint8Array) return delayed(hooked);
  return hooked;
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
export function renderReply(reply: Reply, query: ParsedQuery): Uint8Array {
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
