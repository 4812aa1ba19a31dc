/** RDATA made of domain names, alone or after a preference: NS, CNAME, PTR, DNAME and kin, MX, KX, RT, AFSDB, LP, PX, MINFO, RP. */

import type { RdataCursor } from './cursor.js';

/** Types whose RDATA is one name (RFC 1035 3.3, RFC 6672 for DNAME). */
export type SingleNameType = 'NS' | 'MD' | 'MF' | 'CNAME' | 'MB' | 'MG' | 'MR' | 'PTR' | 'DNAME';

/** One name: the name server, alias target, pointer or mailbox. */
export interface NameRdata<T extends SingleNameType> {
  type: T;
  target: string;
}

/** Any of the one-name types, each its own member so that `rdata.type === 'NS'` narrows. */
export type SingleNameRdata = { [T in SingleNameType]: NameRdata<T> }[SingleNameType];

/** MX and KX (RFC 1035, RFC 2230): a preference and a host. */
export interface ExchangeRdata<T extends 'MX' | 'KX'> {
  type: T;
  preference: number;
  exchange: string;
}

/** RT (RFC 1183): a preference and an intermediate host. */
export interface RtRdata {
  type: 'RT';
  preference: number;
  host: string;
}

/** LP (RFC 6742): a preference and a locator's name. */
export interface LpRdata {
  type: 'LP';
  preference: number;
  fqdn: string;
}

/** AFSDB (RFC 1183): a subtype and a server. */
export interface AfsdbRdata {
  type: 'AFSDB';
  subtype: number;
  hostname: string;
}

/** PX (RFC 2163): a preference and the two mapping names. */
export interface PxRdata {
  type: 'PX';
  preference: number;
  map822: string;
  mapx400: string;
}

/** MINFO (RFC 1035): the responsible and error mailboxes. */
export interface MinfoRdata {
  type: 'MINFO';
  rmailbx: string;
  emailbx: string;
}

/** RP (RFC 1183): the responsible person's mailbox and a TXT name. */
export interface RpRdata {
  type: 'RP';
  mbox: string;
  txt: string;
}

/** Decoder of a one-name type. */
export function decodeName<T extends SingleNameType>(type: T): (c: RdataCursor) => NameRdata<T> {
  return (c) => ({ type, target: c.name('target') });
}

/** Decoder of MX or KX. */
export function decodeExchange<T extends 'MX' | 'KX'>(type: T): (c: RdataCursor) => ExchangeRdata<T> {
  return (c) => {
    const preference = c.u16('preference');
    return { type, preference, exchange: c.name('exchange') };
  };
}

export function decodeRt(c: RdataCursor): RtRdata {
  const preference = c.u16('preference');
  return { type: 'RT', preference, host: c.name('host') };
}

export function decodeLp(c: RdataCursor): LpRdata {
  const preference = c.u16('preference');
  return { type: 'LP', preference, fqdn: c.name('fqdn') };
}

export function decodeAfsdb(c: RdataCursor): AfsdbRdata {
  const subtype = c.u16('subtype');
  return { type: 'AFSDB', subtype, hostname: c.name('hostname') };
}

export function decodePx(c: RdataCursor): PxRdata {
  const preference = c.u16('preference');
  const map822 = c.name('map822');
  return { type: 'PX', preference, map822, mapx400: c.name('mapx400') };
}

export function decodeMinfo(c: RdataCursor): MinfoRdata {
  const rmailbx = c.name('rmailbx');
  return { type: 'MINFO', rmailbx, emailbx: c.name('emailbx') };
}

export function decodeRp(c: RdataCursor): RpRdata {
  const mbox = c.name('mbox');
  return { type: 'RP', mbox, txt: c.name('txt') };
}
