/**
 * An in-process authoritative DNS server for tests, over UDP and TCP on one loopback address,
 * built from plain zone data, with fault behaviours and a per-server query log.
 */
import type { Socket } from 'node:net';
import { answerFromZones, indexZone, type IndexedZone, type ZoneData } from './zoneAnswer.js';
import { encodePlan, encodeReply, parseQuery, udpLimit, type ParsedQuery } from './zoneReply.js';
import { bindUdpAndTcp, serverCloser } from './ports.js';

export type { ZoneData, ZoneRecord } from './zoneAnswer.js';
export type { ParsedQuery } from './zoneReply.js';

/**
 * How a server misbehaves: 'silent' never answers; 'refused'/'servfail' answer that rcode to everything;
 * 'lame' answers NOERROR with no aa and no referral; 'tc-always' sets TC on every UDP reply;
 * 'drop-first-udp' ignores the first UDP query only.
 */
export type Behaviour = 'normal' | 'silent' | 'refused' | 'servfail' | 'lame' | 'tc-always' | 'drop-first-udp';

/** Where a query came from. */
export interface QuerySource {
  address: string;
  port: number;
  protocol: 'udp' | 'tcp';
}

/** Override hook: bytes to send, null to stay silent, undefined to answer normally. */
export type RespondHook = (query: ParsedQuery, source: QuerySource) => Uint8Array | null | undefined;

/** One query as the server saw it (logged before any behaviour applies, so silent servers count too). */
export interface ReceivedQuery {
  name: string;
  type: string;
  protocol: 'udp' | 'tcp';
  rd: boolean;
  id: number;
  /** EDNS DO bit. */
  do: boolean;
  edns: boolean;
  from: string;
}

/** How to start a server. */
export interface ZoneServerOptions {
  address: string;
  /** 0 or absent: choose a free port (the same for UDP and TCP). */
  port?: number;
  zones: ZoneData[];
  behaviour?: Behaviour;
  /** Wait this long before each reply. */
  delayMs?: number;
  respond?: RespondHook;
}

/** A running server. */
export interface ZoneServer {
  address: string;
  port: number;
  queries: ReceivedQuery[];
  /** Number of queries received so far (UDP and TCP). */
  count(): number;
  close(): Promise<void>;
}

/** What to send for one query, or null for nothing. Pure apart from the drop-first counter. */
function replyFor(
  query: ParsedQuery,
  source: QuerySource,
  zones: IndexedZone[],
  options: ZoneServerOptions,
  state: { udpSeen: number },
): Uint8Array | null {
  const hooked = options.respond?.(query, source);
  if (hooked !== undefined) return hooked;
  const behaviour = options.behaviour ?? 'normal';
  if (source.protocol === 'udp') state.udpSeen++;
  if (behaviour === 'silent') return null;
  if (behaviour === 'drop-first-udp' && source.protocol === 'udp' && state.udpSeen === 1) return null;
  if (query.malformed) return encodeReply(query, { rcode: 'FORMERR' });
  if (query.edns && query.edns.version > 0) return encodeReply(query, { rcode: 'BADVERS' });
  if (behaviour === 'refused') return encodeReply(query, { rcode: 'REFUSED' });
  if (behaviour === 'servfail') return encodeReply(query, { rcode: 'SERVFAIL' });
  if (behaviour === 'lame') return encodeReply(query, { rcode: 'NOERROR' });
  if (query.opcode !== 0) return encodeReply(query, { rcode: 'NOTIMP' });
  if (behaviour === 'tc-always' && source.protocol === 'udp') return encodeReply(query, { rcode: 'NOERROR', tc: true });
  if (query.classCode !== 1) return encodeReply(query, { rcode: 'REFUSED' });
  const plan = answerFromZones(zones, query.name, query.type, query.edns?.do ?? false);
  return encodePlan(query, plan, source.protocol === 'udp' ? udpLimit(query) : 65535);
}

function logEntry(query: ParsedQuery, source: QuerySource): ReceivedQuery {
  return {
    name: query.name,
    type: query.type,
    protocol: source.protocol,
    rd: query.rd,
    id: query.id,
    do: query.edns?.do ?? false,
    edns: query.edns !== undefined,
    from: source.address,
  };
}

/** Starts an authoritative server on `address` (UDP and TCP, same port). Close it in `after`/finally. */
export async function startZoneServer(options: ZoneServerOptions): Promise<ZoneServer> {
  const zones = options.zones.map(indexZone);
  const queries: ReceivedQuery[] = [];
  const state = { udpSeen: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const connections = new Set<Socket>();
  let closed = false;

  const later = (send: () => void): void => {
    if (!options.delayMs) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) send();
    }, options.delayMs);
    timers.add(timer);
  };
  const handle = (raw: Uint8Array, source: QuerySource, send: (reply: Uint8Array) => void): void => {
    const query = parseQuery(raw);
    if (!query) return;
    queries.push(logEntry(query, source));
    const reply = replyFor(query, source, zones, options, state);
    if (reply) later(() => send(reply));
  };

  const { udp, tcp } = await bindUdpAndTcp(options.address, options.port ?? 0);
  udp.on('message', (msg, rinfo) => {
    handle(msg, { address: rinfo.address, port: rinfo.port, protocol: 'udp' }, (reply) => {
      if (!closed) udp.send(reply, rinfo.port, rinfo.address);
    });
  });
  tcp.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const message = pending.subarray(2, 2 + pending.readUInt16BE(0));
        pending = pending.subarray(2 + message.length);
        handle(
          message,
          { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0, protocol: 'tcp' },
          (reply) => {
            if (socket.destroyed) return;
            const framed = Buffer.alloc(reply.length + 2);
            framed.writeUInt16BE(reply.length, 0);
            framed.set(reply, 2);
            socket.write(framed);
          },
        );
      }
    });
  });

  const port = (udp.address() as { port: number }).port;
  return {
    address: options.address,
    port,
    queries,
    count: () => queries.length,
    close: serverCloser(udp, tcp, timers, connections, () => (closed = true)),
  };
}
