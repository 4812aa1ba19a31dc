/** TSIG RDATA (RFC 8945 section 4.2) as BIND prints it: the MAC and other data in base64, the error by name. */
import type { PresentedRdata } from './rdata.js';
import { base64, type RdataCursor } from './rdata-text.js';
import { rcodeName } from './rrtypes.js';

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
export function tsigErrorName(error: number): string {
  return error < 16 ? rcodeName(error) : (TSIG_ERRORS[error] ?? String(error));
}

/** `hmac-sha256. 1795701969 300 32 MAC= 52777 NOERROR 0 `: dig's TSIG line (the MAC left out when empty, a space after the other length). */
export function presentTsig(c: RdataCursor): PresentedRdata {
  const algorithm = c.name('algorithm');
  const timeSigned = c.u16('time signed') * 2 ** 32 + c.u32('time signed');
  const fudge = c.u16('fudge');
  const mac = c.bytes(c.u16('MAC size'), 'MAC');
  const originalId = c.u16('original ID');
  const error = c.u16('error');
  const other = c.bytes(c.u16('other length'), 'other data');
  const macText = mac.length > 0 ? `${base64(mac)} ` : '';
  const data = `${algorithm} ${timeSigned} ${fudge} ${mac.length} ${macText}${originalId} ${tsigErrorName(error)} ${other.length} ${base64(other)}`;
  return {
    data,
    fields: {
      algorithm,
      timeSigned,
      fudge,
      mac: base64(mac),
      originalId,
      error: tsigErrorName(error),
      other: base64(other),
    },
  };
}
