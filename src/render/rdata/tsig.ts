/** Presenter of TSIG RDATA as BIND prints it: the MAC and other data in base64, the error by name. */

import { base64 } from '../../wire/encoding.js';
import type { TsigRdata } from '../../wire/rdata/tsig.js';
import { rcodeName } from '../../wire/rrtypes.js';
import type { Presenter } from './presenter.js';

/** TSIG error names above the RCODE range (RFC 8945, RFC 7873). */
const TSIG_ERRORS: Readonly<Record<number, string>> = {
  16: 'BADSIG',
  17: 'BADKEY',
  18: 'BADTIME',
  19: 'BADMODE',
  20: 'BADNAME',
  21: 'BADALG',
  22: 'BADTRUNC',
  23: 'BADCOOKIE',
};

/** The name of a TSIG error field. */
function tsigErrorName(error: number): string {
  return error < 16 ? rcodeName(error) : (TSIG_ERRORS[error] ?? String(error));
}

/** `hmac-sha256. 1795701969 300 32 MAC= 52777 NOERROR 0 `: dig's TSIG line (the MAC left out when empty, a space after the other length). */
export const tsig: Presenter<TsigRdata> = {
  text(r) {
    const macText = r.mac.length > 0 ? `${base64(r.mac)} ` : '';
    return `${r.algorithm} ${r.timeSigned} ${r.fudge} ${r.mac.length} ${macText}${r.originalId} ${tsigErrorName(r.error)} ${r.other.length} ${base64(r.other)}`;
  },
  fields: (r) => ({
    algorithm: r.algorithm,
    timeSigned: r.timeSigned,
    fudge: r.fudge,
    mac: base64(r.mac),
    originalId: r.originalId,
    error: tsigErrorName(r.error),
    other: base64(r.other),
  }),
};
