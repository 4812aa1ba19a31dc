/**
 * The signed fixture network on the wire: UDP and TCP servers on loopback addresses (one port for
 * all) that answer each query with what a QueryFn over the fixtures says (a resolver's view, or
 * the authoritative servers of signedAuthorities), through an `alter` hook that plays the attacker
 * on the path. Replies are encoded here, RDATA byte for byte, names uncompressed; a UDP reply larger
 * than the client's size is cut to its header and question with TC set, as servers do.
 */
import type { Socket as UdpSocket } from 'node:dgram';
import type { Socket } from 'node:net';
import type { QueryFn } from '../../src/resolve/types.js';
import { nameToWire } from '../../src/wire/name.js';
import type { Message, Question, ResourceRecord } from '../../src/wire/types.js';
import { bindUdpAndTcp, choosePort, closeTcp, closeUdp } from '../support/ports.js';
import { type ParsedQuery, parseQuery, udpLimit } from '../support/zoneReply.js';

/** What the attacker may do to one reply: change it, or (null) send nothing. */
export type Alter = (address: string, question: Question, reply: Message, protocol: 'udp' | 'tcp') => Message | null;

/** The running servers; `queries` lists `ADDRESS PROTOCOL NAME TYPE` per query received. */
export interface SignedServers {
  port: number;
  queries: string[];
  close(): Promise<void>;
}

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function encodeRecord(rr: ResourceRecord): number[] {
  return [
    ...nameToWire(rr.name),
    ...u16(rr.type),
    ...u16(rr.class),
    ...u16(Math.floor(rr.ttl / 65536)),
    ...u16(rr.ttl % 65536),
    ...u16(rr.rdataWire.length),
    ...rr.rdataWire,
  ];
}

/** The reply to `query` as octets: its question echoed, EDNS (DO echoed) when the query had it. */
export function encodeMessage(query: ParsedQuery, m: Message): Uint8Array {
  const flags =
    0x8000 |
    (query.opcode << 11) |
    (m.aa ? 0x400 : 0) |
    (m.tc ? 0x200 : 0) |
    (query.rd ? 0x100 : 0) |
    (m.ra ? 0x80 : 0) |
    (query.cd ? 0x10 : 0) |
    (m.rcode & 0xf);
  const opt = query.edns ? [0, ...u16(41), ...u16(1232), 0, 0, query.edns.do ? 0x80 : 0, 0, 0, 0] : [];
  const question = [...query.questionBytes.subarray(12)];
  const body = [
    ...m.answer.flatMap(encodeRecord),
    ...m.authority.flatMap(encodeRecord),
    ...m.additional.flatMap(encodeRecord),
    ...opt,
  ];
  return Uint8Array.from([
    ...u16(query.id),
    ...u16(flags),
    ...u16(question.length > 0 ? 1 : 0),
    ...u16(m.answer.length),
    ...u16(m.authority.length),
    ...u16(m.additional.length + (opt.length > 0 ? 1 : 0)),
    ...question,
    ...body,
  ]);
}

/** Starts servers on `addresses` (one free port for all) answering through `network`, altered by `alter`. */
export async function startSignedServers(addresses: string[], network: QueryFn, alter?: Alter): Promise<SignedServers> {
  const port = await choosePort(addresses);
  const queries: string[] = [];
  const sockets: Array<{ udp: UdpSocket; tcp: import('node:net').Server }> = [];
  const connections = new Set<Socket>();

  const respond = async (address: string, raw: Uint8Array, protocol: 'udp' | 'tcp'): Promise<Uint8Array | null> => {
    const query = parseQuery(raw);
    if (!query || query.malformed) return null;
    const question: Question = { name: query.name === '.' ? '.' : `${query.name}.`, type: query.typeCode, class: 1 };
    queries.push(`${address} ${protocol} ${question.name} ${question.type}`);
    const settings = { dnssec: query.edns?.do ?? false, cd: query.cd, rd: query.rd } as Parameters<QueryFn>[2];
    const exchange = await network({ address, port }, question, settings);
    const reply = alter ? alter(address, question, exchange.response, protocol) : exchange.response;
    if (!reply) return null;
    const bytes = encodeMessage(query, reply);
    if (protocol === 'udp' && bytes.length > udpLimit(query))
      return encodeMessage(query, { ...reply, tc: true, answer: [], authority: [], additional: [] });
    return bytes;
  };

  for (const address of addresses) {
    const { udp, tcp } = await bindUdpAndTcp(address, port);
    udp.on('message', (raw, rinfo) => {
      void respond(address, raw, 'udp').then((bytes) => {
        if (bytes) udp.send(bytes, rinfo.port, rinfo.address);
      });
    });
    tcp.on('connection', (socket: Socket) => {
      connections.add(socket);
      socket.on('close', () => connections.delete(socket));
      socket.on('error', () => undefined);
      let buffered = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
          const raw = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
          buffered = buffered.subarray(2 + raw.length);
          void respond(address, raw, 'tcp').then((bytes) => {
            if (bytes && !socket.destroyed) socket.write(Buffer.concat([Buffer.from(u16(bytes.length)), bytes]));
          });
        }
      });
    });
    sockets.push({ udp, tcp });
  }
  return {
    port,
    queries,
    close: async () => {
      for (const socket of connections) socket.destroy();
      await Promise.all(sockets.flatMap(({ udp, tcp }) => [closeUdp(udp), closeTcp(tcp)]));
    },
  };
}
