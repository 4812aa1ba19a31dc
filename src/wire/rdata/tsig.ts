/** TSIG RDATA (RFC 8945 section 4.2): the algorithm, when and how long it holds, the MAC and the error. */

import type { RdataCursor } from './cursor.js';

/** A transaction signature. */
export interface TsigRdata {
  type: 'TSIG';
  algorithm: string;
  /** Seconds since the epoch (48 bits). */
  timeSigned: number;
  fudge: number;
  mac: Uint8Array;
  originalId: number;
  /** An RCODE, or a TSIG error (BADSIG 16 and above). */
  error: number;
  other: Uint8Array;
}

export function decodeTsig(c: RdataCursor): TsigRdata {
  const algorithm = c.name('algorithm');
  const timeSigned = c.u16('time signed') * 2 ** 32 + c.u32('time signed');
  const fudge = c.u16('fudge');
  const mac = c.bytes(c.u16('MAC size'), 'MAC');
  const originalId = c.u16('original ID');
  const error = c.u16('error');
  const other = c.bytes(c.u16('other length'), 'other data');
  return { type: 'TSIG', algorithm, timeSigned, fudge, mac, originalId, error, other };
}
