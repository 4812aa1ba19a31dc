/** RDATA that points at a service or states a policy: SRV, NAPTR, URI, CAA. */

import { WireError } from '../reader.js';
import type { RdataCursor } from './cursor.js';

/** SRV (RFC 2782). */
export interface SrvRdata {
  type: 'SRV';
  priority: number;
  weight: number;
  port: number;
  target: string;
}

/** NAPTR (RFC 3403); flags, services and regexp are character-strings, raw octets. */
export interface NaptrRdata {
  type: 'NAPTR';
  order: number;
  preference: number;
  flags: Uint8Array;
  services: Uint8Array;
  regexp: Uint8Array;
  replacement: string;
}

/** URI (RFC 7553); the target is the rest of the RDATA, raw octets. */
export interface UriRdata {
  type: 'URI';
  priority: number;
  weight: number;
  target: Uint8Array;
}

/** CAA (RFC 8659): flags, a non-empty tag and a value, raw octets. */
export interface CaaRdata {
  type: 'CAA';
  flags: number;
  tag: Uint8Array;
  value: Uint8Array;
}

export function decodeSrv(c: RdataCursor): SrvRdata {
  const priority = c.u16('priority');
  const weight = c.u16('weight');
  const port = c.u16('port');
  return { type: 'SRV', priority, weight, port, target: c.name('target') };
}

export function decodeNaptr(c: RdataCursor): NaptrRdata {
  const order = c.u16('order');
  const preference = c.u16('preference');
  const flags = c.string('flags');
  const services = c.string('services');
  const regexp = c.string('regexp');
  return { type: 'NAPTR', order, preference, flags, services, regexp, replacement: c.name('replacement') };
}

export function decodeUri(c: RdataCursor): UriRdata {
  const priority = c.u16('priority');
  const weight = c.u16('weight');
  return { type: 'URI', priority, weight, target: c.rest() };
}

export function decodeCaa(c: RdataCursor): CaaRdata {
  const flags = c.u8('flags');
  const tag = c.string('tag');
  if (tag.length === 0) throw new WireError('CAA tag is empty');
  return { type: 'CAA', flags, tag, value: c.rest() };
}
