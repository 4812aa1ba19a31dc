/**
 * Query packets: encoding (header, question, OPT record), random IDs, and the cheap check of a
 * reply's header and question against the query it answers.
 */

import { randomInt } from 'node:crypto';
import type { EdnsOption, QueryPacketSpec } from './types.js';
import type { ReplyCheck } from '../transport/types.js';
import { MAX_LABEL_OCTETS, MAX_NAME_OCTETS, nameToWire, namesEqual } from './name.js';
import { readName, WireError } from './reader.js';
import { className, opcodeName, typeName } from './rrtypes.js';

const HEADER_OCTETS = 12;
/** OPT record without options: root owner, type, class (UDP size), TTL (extended RCODE, version, flags), RDLENGTH. */
const OPT_OCTETS = 11;
const TYPE_OPT = 41;
const OPTION_NSID = 3;
const OPTION_CLIENT_SUBNET = 8;
const OPTION_COOKIE = 10;
const OPTION_EXPIRE = 9;
const OPTION_KEEPALIVE = 11;
const OPTION_PADDING = 12;
const FLAG_AA = 0x0400;
const FLAG_TC = 0x0200;
const FLAG_RD = 0x0100;
const FLAG_RA = 0x0080;
const FLAG_Z = 0x0040;
const FLAG_AD = 0x0020;
const FLAG_CD = 0x0010;
const EDNS_DO = 0x8000;
const EMPTY = new Uint8Array(0);

/** A query ID from the CSPRNG, so off-path spoofers cannot predict it. */
export function randomId(): number {
  return randomInt(0, 0x10000);
}

/** ECS option payload (RFC 7871): address cut to the prefix, bits past the prefix zeroed. */
function clientSubnetData(subnet: { family: 1 | 2; sourcePrefix: number; address: Uint8Array }): Uint8Array {
  const octets = Math.ceil(subnet.sourcePrefix / 8);
  const data = new Uint8Array(4 + octets);
  data[0] = subnet.family >> 8;
  data[1] = subnet.family & 0xff;
  data[2] = subnet.sourcePrefix;
  data[3] = 0;
  for (let i = 0; i < octets; i++) data[4 + i] = subnet.address[i] ?? 0;
  const spare = octets * 8 - subnet.sourcePrefix;
  if (octets > 0 && spare > 0) data[3 + octets] &= (0xff << spare) & 0xff;
  return data;
}

/** The EDNS options in the order dig sends them: NSID, CLIENT-SUBNET, COOKIE, EXPIRE, KEEPALIVE, then +ednsopt ones (PADDING comes last, once the length is known). */
function ednsOptions(edns: NonNullable<QueryPacketSpec['edns']>): EdnsOption[] {
  const options: EdnsOption[] = [];
  if (edns.nsid) options.push({ code: OPTION_NSID, data: EMPTY });
  if (edns.subnet) options.push({ code: OPTION_CLIENT_SUBNET, data: clientSubnetData(edns.subnet) });
  if (edns.cookie) options.push({ code: OPTION_COOKIE, data: edns.cookie });
  if (edns.expire) options.push({ code: OPTION_EXPIRE, data: EMPTY });
  if (edns.keepalive) options.push({ code: OPTION_KEEPALIVE, data: EMPTY });
  if (edns.extra) for (const option of edns.extra) options.push(option);
  return options;
}

/**
 * Octets of zeros a PADDING option must carry so that a message of `unpadded` octets plus the
 * option's own 4-octet header is a multiple of `block` (RFC 7830, block-length policy of RFC 8467).
 * dig sends the option even when no padding is needed.
 */
export function paddingOctets(unpadded: number, block: number): number {
  const over = (unpadded + 4) % block;
  return over === 0 ? 0 : block - over;
}

/**
 * The wire length of a name that needs no parsing: ASCII without escapes, every label 1-63
 * octets, 255 octets in all. Anything else (escapes, UTF-8, bad names) returns -1 and goes
 * through nameToWire, which handles escapes and names the mistake.
 */
function plainNameOctets(name: string): number {
  if (name === '' || name === '.') return 1;
  let label = 0;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 0x2e) {
      if (label === 0) return -1;
      label = 0;
    } else {
      if (code === 0x5c || code >= 0x80 || ++label > MAX_LABEL_OCTETS) return -1;
    }
  }
  // An absolute name ends in the root label; a relative one is taken as absolute.
  const octets = name.charCodeAt(name.length - 1) === 0x2e ? name.length + 1 : name.length + 2;
  return octets > MAX_NAME_OCTETS ? -1 : octets;
}

/** Writes a name plainNameOctets accepted, uncompressed, at `at`; returns the offset after it. */
function writePlainName(out: Uint8Array, at: number, name: string): number {
  if (name === '' || name === '.') {
    out[at] = 0;
    return at + 1;
  }
  let lengthAt = at;
  let pos = at + 1;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === 0x2e) {
      out[lengthAt] = pos - lengthAt - 1;
      lengthAt = pos++;
    } else {
      out[pos++] = code;
    }
  }
  if (pos - lengthAt - 1 > 0) {
    out[lengthAt] = pos - lengthAt - 1;
    out[pos++] = 0;
  } else {
    out[lengthAt] = 0;
  }
  return pos;
}

function writeU16(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >> 8) & 0xff;
  out[at + 1] = value & 0xff;
}

/** Throws RangeError when `value` cannot be written in `bits` bits, so a bad spec never goes out silently cut. */
function checkRange(what: string, value: number, bits: 4 | 8 | 16): void {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits)
    throw new RangeError(`${what} ${value} does not fit in ${bits} bits`);
}

/** The header's second 16 bits: opcode and the flags the spec asks for (QR and RCODE stay 0). */
function headerFlags(spec: QueryPacketSpec): number {
  checkRange('opcode', spec.opcode ?? 0, 4);
  let flags = (spec.opcode ?? 0) << 11;
  if (spec.aa) flags |= FLAG_AA;
  if (spec.tc) flags |= FLAG_TC;
  if (spec.rd) flags |= FLAG_RD;
  if (spec.ra) flags |= FLAG_RA;
  if (spec.z) flags |= FLAG_Z;
  if (spec.ad) flags |= FLAG_AD;
  if (spec.cd) flags |= FLAG_CD;
  return flags;
}

/**
 * Encodes a query: header, one question, and the OPT record when EDNS is on. Written byte by
 * byte because a query is built for every lookup: a batch sends tens of thousands.
 */
export function encodeQuery(spec: QueryPacketSpec): Uint8Array {
  checkRange('query ID', spec.id, 16);
  checkRange('type', spec.type, 16);
  checkRange('class', spec.class, 16);
  const plain = plainNameOctets(spec.name);
  const qname = plain < 0 ? nameToWire(spec.name) : undefined;
  // +header-only still checks the name (a bad one is refused before anything is sent), but sends no question.
  const questionOctets = spec.headerOnly ? 0 : (qname ? qname.length : plain) + 4;
  const edns = spec.edns;
  const options = edns ? ednsOptions(edns) : [];
  let optionOctets = 0;
  for (const option of options) {
    checkRange('EDNS option code', option.code, 16);
    optionOctets += 4 + option.data.length;
  }
  if (edns) {
    checkRange('EDNS UDP size', edns.udpSize, 16);
    checkRange('EDNS version', edns.version, 8);
    checkRange('EDNS flags', edns.flags ?? 0, 16);
    if (edns.padding) {
      checkRange('padding block', edns.padding, 16);
      const pad = paddingOctets(HEADER_OCTETS + questionOctets + OPT_OCTETS + optionOctets, edns.padding);
      options.push({ code: OPTION_PADDING, data: new Uint8Array(pad) });
      optionOctets += 4 + pad;
    }
    checkRange('EDNS option length', optionOctets, 16);
  }
  const length = HEADER_OCTETS + questionOctets + (edns ? OPT_OCTETS + optionOctets : 0);
  // The most a DNS message can be: a TCP length prefix holds no more, and a UDP datagram holds less.
  checkRange('message length', length, 16);
  const out = new Uint8Array(length);
  writeU16(out, 0, spec.id);
  writeU16(out, 2, headerFlags(spec));
  if (!spec.headerOnly) out[5] = 1; // QDCOUNT
  if (edns) out[11] = 1; // ARCOUNT
  let at = HEADER_OCTETS;
  if (spec.headerOnly) {
    // nothing: the question stays off the wire
  } else if (qname) {
    out.set(qname, at);
    at += qname.length;
  } else {
    at = writePlainName(out, at, spec.name);
  }
  if (!spec.headerOnly) {
    writeU16(out, at, spec.type);
    writeU16(out, at + 2, spec.class);
    at += 4;
  }
  if (!edns) return out;
  at += 1; // root owner
  writeU16(out, at, TYPE_OPT);
  writeU16(out, at + 2, edns.udpSize);
  out[at + 4] = 0; // extended RCODE
  out[at + 5] = edns.version;
  writeU16(out, at + 6, (edns.do ? EDNS_DO : 0) | ((edns.flags ?? 0) & ~EDNS_DO));
  writeU16(out, at + 8, optionOctets);
  at += 10;
  for (const option of options) {
    writeU16(out, at, option.code);
    writeU16(out, at + 2, option.data.length);
    out.set(option.data, at + 4);
    at += 4 + option.data.length;
  }
  return out;
}

/**
 * Whether a datagram/frame answers `query`, reading only the header and first question and
 * never throwing: ID, QR, opcode and the question (name case-insensitively, type, class).
 * A reply without a question (common with FORMERR) is accepted, as dig does, and so is any
 * question when the query had none (+header-only).
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
  // A query sent without a question (+header-only) has none to hold the reply's to.
  if (qdcount === 0 || query.headerOnly) return { ok: true };
  try {
    const name = readName(reply, 12, reply.length, false);
    if (name.next + 4 > reply.length) return { ok: false, warning: 'Question section runs past end of reply' };
    const type = (reply[name.next] << 8) | reply[name.next + 1];
    const klass = (reply[name.next + 2] << 8) | reply[name.next + 3];
    if (type !== query.type || klass !== query.class || !namesEqual(name.text, query.name)) {
      return {
        ok: false,
        warning: `Question section mismatch: got ${name.text}/${typeName(type)}/${className(klass)}`,
      };
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof WireError) return { ok: false, warning: `Question section is malformed: ${error.reason}` };
    throw error;
  }
}
