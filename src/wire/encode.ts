/** Query packets: encoding (header, question, OPT record). */

import type { EdnsOption, QueryPacketSpec } from './types.js';
import { MAX_LABEL_OCTETS, MAX_NAME_OCTETS, nameToWire } from './name.js';
import { EDNS_FLAG, EDNS_OPTION, OPCODE, TYPE } from './rrtypes.js';

const HEADER_OCTETS = 12;
/** OPT record without options: root owner, type, class (UDP size), TTL (extended RCODE, version, flags), RDLENGTH. */
const OPT_OCTETS = 11;
const FLAG_AA = 0x0400;
const FLAG_TC = 0x0200;
const FLAG_RD = 0x0100;
const FLAG_RA = 0x0080;
const FLAG_Z = 0x0040;
const FLAG_AD = 0x0020;
const FLAG_CD = 0x0010;
const EMPTY = new Uint8Array(0);

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
  if (edns.nsid) options.push({ code: EDNS_OPTION.NSID, data: EMPTY });
  if (edns.subnet) options.push({ code: EDNS_OPTION.ECS, data: clientSubnetData(edns.subnet) });
  if (edns.cookie) options.push({ code: EDNS_OPTION.COOKIE, data: edns.cookie });
  if (edns.expire) options.push({ code: EDNS_OPTION.EXPIRE, data: EMPTY });
  if (edns.keepalive) options.push({ code: EDNS_OPTION['TCP-KEEPALIVE'], data: EMPTY });
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
  // A shift, not 2 ** bits: the power is a call into the math library on every field of every query.
  if (!Number.isInteger(value) || value < 0 || value >= 1 << bits)
    throw new RangeError(`${what} ${value} does not fit in ${bits} bits`);
}

/** The header's second 16 bits: opcode and the flags the spec asks for (QR and RCODE stay 0). */
function headerFlags(spec: QueryPacketSpec): number {
  checkRange('opcode', spec.opcode ?? OPCODE.QUERY, 4);
  let flags = (spec.opcode ?? OPCODE.QUERY) << 11;
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
      options.push({ code: EDNS_OPTION.PADDING, data: new Uint8Array(pad) });
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
  writeU16(out, at, TYPE.OPT);
  writeU16(out, at + 2, edns.udpSize);
  out[at + 4] = 0; // extended RCODE
  out[at + 5] = edns.version;
  writeU16(out, at + 6, (edns.do ? EDNS_FLAG.DO : 0) | ((edns.flags ?? 0) & ~EDNS_FLAG.DO));
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
