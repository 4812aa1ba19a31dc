/** SOA (RFC 1035 3.3.13): the zone's primary server, its contact mailbox and five timers. */

import type { RdataCursor } from './cursor.js';

/** The start of authority of a zone. */
export interface SoaRdata {
  type: 'SOA';
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export function decodeSoa(c: RdataCursor): SoaRdata {
  const mname = c.name('mname');
  const rname = c.name('rname');
  const serial = c.u32('serial');
  const refresh = c.u32('refresh');
  const retry = c.u32('retry');
  const expire = c.u32('expire');
  const minimum = c.u32('minimum');
  return { type: 'SOA', mname, rname, serial, refresh, retry, expire, minimum };
}
