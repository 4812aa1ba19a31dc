/** Query parsing and reply building for the test servers: the question is echoed byte for byte (client's case). */
import dnsPacket from 'dns-packet';
import { createRequire } from 'node:module';
import type { AnswerPlan, PacketRecord } from './zoneAnswer.js';

const typeTable = createRequire(import.meta.url)('dns-packet/types.js') as { toString(type: number): string };

/** The parts of a query the servers act on, plus the raw question to echo. */
export interface ParsedQuery {
  raw: Uint8Array;
  id: number;
  opcode: number;
  rd: boolean;
  cd: boolean;
  /** QDCOUNT as sent. */
  questionCount: number;
  /** Dotted name as sent (case kept), '.' for the root; '' when the question could not be read. */
  name: string;
  /** Type mnemonic ('A', 'UNKNOWN_65280', ...). */
  type: string;
  typeCode: number;
  classCode: number;
  /** Header plus first question, exactly as received. */
  questionBytes: Uint8Array;
  /** The OPT record: its size, DO bit, version, and the COOKIE option's data when one was sent. */
  edns?: { udpSize: number; do: boolean; version: number; cookie?: Uint8Array };
  /** The rest of the message did not decode. */
  malformed: boolean;
}

/** Response codes the servers send; BADVERS and BADCOOKIE need the OPT extended bits. */
export type ReplyRcode =
  | 'NOERROR'
  | 'FORMERR'
  | 'SERVFAIL'
  | 'NXDOMAIN'
  | 'NOTIMP'
  | 'REFUSED'
  | 'YXDOMAIN'
  | 'BADVERS'
  | 'BADCOOKIE';

const RCODE_VALUES: Record<ReplyRcode, number> = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  YXDOMAIN: 6,
  BADVERS: 16,
  BADCOOKIE: 23,
};

/** The UDP payload size the servers advertise (the DNS flag day value). */
export const SERVER_UDP_SIZE = 1232;

/** Reads a query; null when it is shorter than a header (nothing to answer). */
export function parseQuery(raw: Uint8Array): ParsedQuery | null {
  if (raw.length < 12) return null;
  const view = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const flags = view.readUInt16BE(2);
  const base = {
    raw,
    id: view.readUInt16BE(0),
    opcode: (flags >> 11) & 0xf,
    rd: (flags & 0x100) !== 0,
    cd: (flags & 0x10) !== 0,
    questionCount: view.readUInt16BE(4),
  };
  const labels: string[] = [];
  let offset = 12;
  while (base.questionCount > 0 && offset < view.length) {
    const len = view[offset]!;
    if (len === 0 || (len & 0xc0) !== 0 || offset + 1 + len > view.length) break;
    labels.push(view.toString('latin1', offset + 1, offset + 1 + len));
    offset += 1 + len;
  }
  if (base.questionCount === 0 || view[offset] !== 0 || offset + 5 > view.length) {
    return { ...base, name: '', type: '', typeCode: 0, classCode: 0, questionBytes: raw.slice(0, 12), malformed: true };
  }
  const typeCode = view.readUInt16BE(offset + 1);
  const parsed: ParsedQuery = {
    ...base,
    name: labels.length === 0 ? '.' : labels.join('.'),
    type: typeTable.toString(typeCode),
    typeCode,
    classCode: view.readUInt16BE(offset + 3),
    questionBytes: raw.slice(0, offset + 5),
    malformed: false,
  };
  try {
    const decoded = dnsPacket.decode(Buffer.from(raw));
    const opt = (decoded.additionals ?? []).find((r) => r.type === 'OPT') as dnsPacket.OptAnswer | undefined;
    if (opt) {
      parsed.edns = { udpSize: opt.udpPayloadSize, do: opt.flag_do, version: opt.ednsVersion };
      // dns-packet's option types list only the options it parses; a COOKIE comes as code and data.
      const options = opt.options as unknown as Array<{ code: number; data?: Uint8Array }>;
      const cookie = options.find((option) => option.code === OPTION_COOKIE);
      if (cookie?.data) parsed.edns.cookie = Uint8Array.from(cookie.data);
    }
  } catch {
    parsed.malformed = true;
  }
  return parsed;
}

const OPTION_COOKIE = 10;

/** Largest reply allowed over UDP: 512 without EDNS, else the client's size (never below 512). */
export function udpLimit(query: ParsedQuery): number {
  return query.edns ? Math.max(512, query.edns.udpSize) : 512;
}

/** Header flags and sections of a reply; the question always comes from the query. */
export interface ReplyParts {
  rcode: ReplyRcode;
  aa?: boolean;
  tc?: boolean;
  /** RA: the server says it resolves (a resolver's reply). */
  ra?: boolean;
  /** Options for the OPT record (a COOKIE, say); the OPT record is added only when the query had one. */
  ednsOptions?: Array<{ code: number; data: Uint8Array }>;
  /** No OPT record even for a query with one (an old server's FORMERR or NOTIMP). */
  noEdns?: boolean;
  answers?: PacketRecord[];
  authorities?: PacketRecord[];
  additionals?: PacketRecord[];
}

/** Encodes a reply: ID, opcode, RD and CD echoed; OPT added when the query had one. */
export function encodeReply(query: ParsedQuery, parts: ReplyParts): Uint8Array {
  const rcode = RCODE_VALUES[parts.rcode];
  const flags =
    (query.opcode << 11) |
    (parts.aa ? 0x400 : 0) |
    (parts.tc ? 0x200 : 0) |
    (query.rd ? 0x100 : 0) |
    (parts.ra ? 0x80 : 0) |
    (query.cd ? 0x10 : 0) |
    (rcode & 0xf);
  const additionals: dnsPacket.Answer[] = [...((parts.additionals ?? []) as dnsPacket.Answer[])];
  if (query.edns && !parts.noEdns) {
    additionals.push({
      type: 'OPT',
      name: '.',
      udpPayloadSize: SERVER_UDP_SIZE,
      extendedRcode: rcode >> 4,
      ednsVersion: 0,
      flags: query.edns.do ? 0x8000 : 0,
      flag_do: query.edns.do,
      options: (parts.ednsOptions ?? []).map(({ code, data }) => ({
        code,
        data: Buffer.from(data),
      })) as unknown as dnsPacket.PacketOpt[],
    });
  }
  const body = dnsPacket.encode({
    type: 'response',
    id: query.id,
    flags,
    questions: [],
    answers: (parts.answers ?? []) as dnsPacket.Answer[],
    authorities: (parts.authorities ?? []) as dnsPacket.Answer[],
    additionals,
  });
  return spliceQuestion(body, query);
}

/** Inserts the query's question section (raw bytes) after the reply header and sets QDCOUNT. */
function spliceQuestion(body: Uint8Array, query: ParsedQuery): Uint8Array {
  const question = query.questionBytes.subarray(12);
  const out = Buffer.alloc(body.length + question.length);
  out.set(body.subarray(0, 12), 0);
  out.writeUInt16BE(question.length > 0 ? 1 : 0, 4);
  out.set(question, 12);
  out.set(body.subarray(12), 12 + question.length);
  return out;
}

/** The reply for an answer plan, truncated BIND-style (TC, question and OPT only) when it exceeds `limit`. */
export function encodePlan(query: ParsedQuery, plan: AnswerPlan, limit: number): Uint8Array {
  const full = encodeReply(query, plan);
  if (full.length <= limit) return full;
  return encodeReply(query, { rcode: plan.rcode, aa: plan.aa, tc: true });
}
