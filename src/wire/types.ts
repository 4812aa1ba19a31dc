/** Typed DNS message model shared by every stage; produced only by src/wire. */

import type { Rdata } from './rdata/rdata.js';

/** A question as it goes on the wire. `name` is absolute presentation format (escaped, trailing dot). */
export interface Question {
  name: string;
  type: number;
  class: number;
}

/** One resource record, decoded strictly. */
export interface ResourceRecord {
  /** Owner name, absolute presentation format, lossless (`\DDD` / `\.` escapes). */
  name: string;
  type: number;
  class: number;
  /** Unsigned 32-bit TTL exactly as received. */
  ttl: number;
  /** The record data as a typed value (`{type: 'MX', preference, exchange}`); render/ presents it. */
  rdata: Rdata;
  /** The RDATA octets with names expanded (uncompressed): for RDATAHEX, RFC 3597 output and DNSSEC's canonical form. */
  rdataWire: Uint8Array;
}

/** One EDNS option from the OPT record. */
export interface EdnsOption {
  code: number;
  data: Uint8Array;
}

/** The OPT pseudo-record, decoded. */
export interface Edns {
  version: number;
  udpSize: number;
  do: boolean;
  /** The remaining 15 flag bits (MBZ) as received. */
  flags: number;
  options: EdnsOption[];
}

/** A decoded DNS message. */
export interface Message {
  id: number;
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  z: boolean;
  ad: boolean;
  cd: boolean;
  /** Full RCODE: header 4 bits plus the OPT extended bits (e.g. 16 = BADVERS). */
  rcode: number;
  question: Question[];
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  /** Additional records, without the OPT record (see `edns`). */
  additional: ResourceRecord[];
  edns?: Edns;
  /** Octets on the wire. */
  size: number;
  /** Legal-but-odd findings (e.g. trailing bytes), already escaped; dig-style `;; Warning: ...` text without the prefix. */
  warnings: string[];
}

/** Everything needed to build one query packet. */
export interface QueryPacketSpec {
  id: number;
  /** Absolute presentation-format name, already validated by parseName. */
  name: string;
  type: number;
  class: number;
  opcode?: number;
  rd: boolean;
  cd: boolean;
  ad: boolean;
  /** Header bits a query normally leaves clear, set on request (dig's +aaflag, +raflag, +tcflag, +zflag). */
  aa?: boolean;
  ra?: boolean;
  tc?: boolean;
  z?: boolean;
  /** dig's +header-only: QDCOUNT 0 and no question on the wire (name, type and class are still what the reply is held to). */
  headerOnly?: boolean;
  /** null: no OPT record (+noedns). */
  edns: null | {
    version: number;
    udpSize: number;
    do: boolean;
    nsid: boolean;
    /** Client cookie (8 bytes) plus optional server cookie; absent: no COOKIE option. */
    cookie?: Uint8Array;
    /** EDNS Client Subnet (RFC 7871). */
    subnet?: { family: 1 | 2; sourcePrefix: number; address: Uint8Array };
    /** Extra raw options (+ednsopt). */
    extra?: EdnsOption[];
    /** The flag bits besides DO (dig's +ednsflags, CO for +coflag); absent: 0. */
    flags?: number;
    /** An empty EXPIRE option (RFC 7314, dig's +expire). */
    expire?: boolean;
    /** An empty edns-tcp-keepalive option (RFC 7828, dig's +keepalive). */
    keepalive?: boolean;
    /** Pad the query to a multiple of this many octets with a PADDING option (RFC 7830/8467, dig's +padding); 0 or absent: none. */
    padding?: number;
  };
}
