/** A minimal DNS client for testing the test servers themselves (raw bytes in, raw bytes out, loopback only). */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import dnsPacket from 'dns-packet';

/** What to put in a test query. */
export interface TestQuery {
  name: string;
  type: string;
  id?: number;
  rd?: boolean;
  /** Absent: no OPT record. */
  edns?: { udpSize?: number; do?: boolean; version?: number };
  opcode?: number;
}

/** Encodes a query with dns-packet. */
export function buildQuery(query: TestQuery): Buffer {
  const flags = ((query.rd ?? false) ? dnsPacket.RECURSION_DESIRED : 0) | ((query.opcode ?? 0) << 11);
  const additionals: dnsPacket.Answer[] = [];
  if (query.edns) {
    additionals.push({
      type: 'OPT',
      name: '.',
      udpPayloadSize: query.edns.udpSize ?? 1232,
      extendedRcode: 0,
      ednsVersion: query.edns.version ?? 0,
      flags: query.edns.do ? dnsPacket.DNSSEC_OK : 0,
      flag_do: query.edns.do ?? false,
      options: [],
    });
  }
  return dnsPacket.encode({
    type: 'query',
    id: query.id ?? 0x1234,
    flags,
    questions: [{ name: query.name, type: query.type as dnsPacket.RecordType, class: 'IN' }],
    additionals,
  });
}

/** A loopback address and port. */
export interface Target {
  address: string;
  port: number;
}

/** Sends one datagram and collects every datagram that arrives within `waitMs` (none: empty list). */
export function udpExchange(target: Target, payload: Uint8Array, waitMs = 400, stopAfter = 1): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(target.address.includes(':') ? 'udp6' : 'udp4');
    const replies: Buffer[] = [];
    const finish = (): void => {
      clearTimeout(timer);
      socket.close();
      resolve(replies);
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
    socket.on('message', (msg) => {
      replies.push(msg);
      if (replies.length >= stopAfter) finish();
    });
    socket.send(payload, target.port, target.address);
  });
}

/** One UDP query; the first reply or null after `waitMs`. */
export async function udpQuery(target: Target, payload: Uint8Array, waitMs = 1000): Promise<Buffer | null> {
  const replies = await udpExchange(target, payload, waitMs, 1);
  return replies[0] ?? null;
}

/** What came back over one TCP connection. */
export interface TcpOutcome {
  /** Complete frames, in order. */
  frames: Buffer[];
  /** Bytes left over that did not make a complete frame. */
  leftover: Buffer;
  /** The server closed the connection. */
  closedByServer: boolean;
  /** Every byte received, unframed. */
  received: Buffer;
}

/** Sends several framed queries on one connection; waits until `expect` frames, a close, or `waitMs`. */
export function tcpExchange(
  target: Target,
  payloads: Uint8Array[],
  expect = payloads.length,
  waitMs = 1000,
): Promise<TcpOutcome> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.address, port: target.port });
    let received = Buffer.alloc(0);
    let closedByServer = false;
    let done = false;
    const outcome = (): TcpOutcome => {
      const frames: Buffer[] = [];
      let rest = received;
      while (rest.length >= 2 && rest.length >= 2 + rest.readUInt16BE(0)) {
        frames.push(rest.subarray(2, 2 + rest.readUInt16BE(0)));
        rest = rest.subarray(2 + rest.readUInt16BE(0));
      }
      return { frames, leftover: rest, closedByServer, received };
    };
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome());
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('error', (error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(error);
    });
    socket.on('connect', () => {
      for (const payload of payloads) {
        const framed = Buffer.alloc(payload.length + 2);
        framed.writeUInt16BE(payload.length, 0);
        framed.set(payload, 2);
        socket.write(framed);
      }
    });
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (outcome().frames.length >= expect) finish();
    });
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
  });
}

/** A decoded record, loosely typed for assertions (OPT fields included). */
export interface DecodedRecord {
  name: string;
  type: string;
  ttl?: number;
  data?: any;
  [field: string]: any;
}

/** A reply as dns-packet decodes it, with the fields its typings leave out. */
export interface DecodedReply
  extends Omit<dnsPacket.DecodedPacket, 'answers' | 'authorities' | 'additionals' | 'questions'> {
  rcode: string;
  opcode: string;
  questions: dnsPacket.Question[];
  answers: DecodedRecord[];
  authorities: DecodedRecord[];
  additionals: DecodedRecord[];
}

/** Decodes a reply with dns-packet (for assertions). */
export function decode(reply: Uint8Array): DecodedReply {
  return dnsPacket.decode(Buffer.from(reply)) as unknown as DecodedReply;
}

/** The RCODE (low 4 bits) of a raw reply. */
export function rcodeOf(reply: Uint8Array): number {
  return reply[3]! & 0xf;
}
