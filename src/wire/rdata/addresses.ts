/** RDATA that is an address or locator: A, AAAA, WKS, EUI48, EUI64, NID, L64, L32. */

import { ipv4Text, ipv6Text } from '../address.js';
import type { RdataCursor } from './cursor.js';

/** An IPv4 address (RFC 1035 3.4.1), dotted quad. */
export interface ARdata {
  type: 'A';
  address: string;
}

/** An IPv6 address (RFC 3596), in inet_ntop's compressed text. */
export interface AaaaRdata {
  type: 'AAAA';
  address: string;
}

/** WKS (RFC 1035 3.4.2): an address, a protocol and the ports its bitmap lists. */
export interface WksRdata {
  type: 'WKS';
  address: string;
  protocol: number;
  ports: number[];
}

/** EUI48 and EUI64 (RFC 7043): a hardware address, hex pairs joined by `-`. */
export interface EuiRdata<T extends 'EUI48' | 'EUI64'> {
  type: T;
  address: string;
}

/** NID and L64 (RFC 6742): a preference and 64 bits written as four hex groups. */
export interface Locator64Rdata<T extends 'NID' | 'L64'> {
  type: T;
  preference: number;
  locator: string;
}

/** L32 (RFC 6742): a preference and a 32-bit locator written as an IPv4 address. */
export interface L32Rdata {
  type: 'L32';
  preference: number;
  locator: string;
}

export function decodeA(c: RdataCursor): ARdata {
  c.fixedLength(4);
  return { type: 'A', address: ipv4Text(c.data, c.skip(4, 'address')) };
}

export function decodeAaaa(c: RdataCursor): AaaaRdata {
  c.fixedLength(16);
  return { type: 'AAAA', address: ipv6Text(c.data, c.skip(16, 'address')) };
}

export function decodeWks(c: RdataCursor): WksRdata {
  const address = ipv4Text(c.bytes(4, 'address'));
  const protocol = c.u8('protocol');
  const ports: number[] = [];
  c.rest().forEach((byte, i) => {
    for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) ports.push(i * 8 + bit);
  });
  return { type: 'WKS', address, protocol, ports };
}

/** Decoder of EUI48 (6 octets) or EUI64 (8). */
export function decodeEui<T extends 'EUI48' | 'EUI64'>(type: T, size: number): (c: RdataCursor) => EuiRdata<T> {
  return (c) => {
    c.fixedLength(size);
    const address = Array.from(c.bytes(size, 'address'), (b) => b.toString(16).padStart(2, '0')).join('-');
    return { type, address };
  };
}

/** Decoder of NID or L64. */
export function decodeLocator64<T extends 'NID' | 'L64'>(type: T): (c: RdataCursor) => Locator64Rdata<T> {
  return (c) => {
    c.fixedLength(10);
    const preference = c.u16('preference');
    const groups: string[] = [];
    for (let i = 0; i < 4; i++) groups.push(c.u16('locator').toString(16));
    return { type, preference, locator: groups.join(':') };
  };
}

export function decodeL32(c: RdataCursor): L32Rdata {
  c.fixedLength(6);
  const preference = c.u16('preference');
  return { type: 'L32', preference, locator: ipv4Text(c.bytes(4, 'locator')) };
}
