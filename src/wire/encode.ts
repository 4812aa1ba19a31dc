/**
 * Query packets: encoding (header and OPT through dns-packet), random IDs, and the cheap
 * check of a reply's header and question against the query it answers.
 */

import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';
import type { EdnsOption, QueryPacketSpec } from './types.js';
import type { ReplyCheck } from '../transport/types.js';
import { nameToWire, namesEqual } from './name.js';
import { readName, WireError } from './reader.js';
import { className, opcodeName, typeName } from './rrtypes.js';

const OPTION_NSID = 3;
const OPTION_CLIENT_SUBNET = 8;
const OPTION_COOKIE = 10;
const FLAG_RD = 0x0100;
const FLAG_AD = 0x0020;
const FLAG_CD = 0x0010;
const EDNS_DO = 0x8000;

/** A query ID from the CSPRNG, so off-path spoofers cannot predict it. */
export function randomId(): number {
  return randomInt(0, 0x10000);
}

/** ECS option payload (RFC 7871): address cut to the prefix, bits past the prefix zeroed. */
function clientSubnetData(subnet: { family: 1 | 2; sourcePrefix: number; address: Uint8Array }): Buffer {
  const octets = Math.ceil(subnet.sourcePrefix / 8);
  const data = Buffer.alloc(4 + octets);
  data.writeUInt16BE(subnet.family, 0);
  data[2] = subnet.sourcePrefix;
  data[3] = 0;
  for (let i = 0; i < octets; i++) data[4 + i] = subnet.address[i] ?? 0;
  const spare = octets * 8 - subnet.sourcePrefix;
  if (octets > 0 && spare > 0) data[3 + octets] &= (0xff << spare) & 0xff;
  return data;
}

function ednsOptions(edns: NonNullable<QueryPacketSpec['edns']>): Array<{ code: number; data: Buffer }> {
  const options: EdnsOption[] = [];
  if (edns.nsid) options.push({ code: OPTION_NSID, data: new Uint8Array(0) });
  if (edns.subnet) options.push({ code: OPTION_CLIENT_SUBNET, data: clientSubnetData(edns.subnet) });
  if (edns.cookie) options.push({ code: OPTION_COOKIE, data: edns.cookie });
  options.push(...(edns.extra ?? []));
  return options.map((o) => ({ code: o.code, data: Buffer.from(o.data.buffer, o.data.byteOffset, o.data.length) }));
}

/**
 * Encodes a query. dns-packet writes the header and the OPT record; the question is written here
 * from nameToWire because dns-packet maps types and classes by mnemonic (TYPE65280 would become 0)
 * and cannot express escaped labels (`\.`, `\000`).
 */
export function encodeQuery(spec: QueryPacketSpec): Uint8Array {
  let flags = ((spec.opcode ?? 0) & 0xf) << 11;
  if (spec.rd) flags |= FLAG_RD;
  if (spec.ad) flags |= FLAG_AD;
  if (spec.cd) flags |= FLAG_CD;
  const additionals: dnsPacket.Answer[] = [];
  if (spec.edns) {
    additionals.push({
      type: 'OPT',
      name: '.',
      udpPayloadSize: spec.edns.udpSize,
      extendedRcode: 0,
      ednsVersion: spec.edns.version,
      flags: spec.edns.do ? EDNS_DO : 0,
      options: ednsOptions(spec.edns),
    } as dnsPacket.Answer);
  }
  const shell = dnsPacket.encode({ type: 'query', id: spec.id, flags, questions: [], additionals });
  const qname = nameToWire(spec.name);
  const out = new Uint8Array(shell.length + qname.length + 4);
  out.set(shell.subarray(0, 12), 0);
  out[5] = 1; // QDCOUNT
  out.set(qname, 12);
  let at = 12 + qname.length;
  out[at++] = spec.type >> 8;
  out[at++] = spec.type & 0xff;
  out[at++] = spec.class >> 8;
  out[at++] = spec.class & 0xff;
  out.set(shell.subarray(12), at);
  return out;
}

/**
 * Whether a datagram/frame answers `query`, reading only the header and first question and
 * never throwing: ID, QR, opcode and the question (name case-insensitively, type, class).
 * A reply without a question (common with FORMERR) is accepted, as dig does.
 */
export function checkReply(query: QueryPacketSpec, reply: Uint8Array): ReplyCheck {
  if (reply.length < 12) return { ok: false, warning: `reply of ${reply.length} bytes is shorter than a DNS header` };
  const id = (reply[0] << 8) | reply[1];
  if (id !== query.id) return { ok: false, warning: `ID mismatch: expected ID ${query.id}, got ${id}` };
  if ((reply[2] & 0x80) === 0) return { ok: false, warning: 'query response not set' };
  const opcode = (reply[2] >> 3) & 0xf;
  const expectedOpcode = query.opcode ?? 0;
  if (opcode !== expectedOpcode) {
    return { ok: false, warning: `Opcode mismatch: expected ${opcodeName(expectedOpcode)}, got ${opcodeName(opcode)}` };
  }
  const qdcount = (reply[4] << 8) | reply[5];
  if (qdcount === 0) return { ok: true };
  try {
    const name = readName(reply, 12, reply.length, false);
    if (name.next + 4 > reply.length) return { ok: false, warning: 'Question section runs past end of reply' };
    const type = (reply[name.next] << 8) | reply[name.next + 1];
    const klass = (reply[name.next + 2] << 8) | reply[name.next + 3];
    if (type !== query.type || klass !== query.class || !namesEqual(name.text, query.name)) {
      return { ok: false, warning: `Question section mismatch: got ${name.text}/${typeName(type)}/${className(klass)}` };
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof WireError) return { ok: false, warning: `Question section is malformed: ${error.reason}` };
    throw error;
  }
}
