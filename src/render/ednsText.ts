/** EDNS options in dig 9.18's OPT PSEUDOSECTION style (without the leading "; "), always safe to print. */

import { ttlWords } from './rdata/style.js';
import { ipv4Text, ipv6Text } from '../wire/address.js';
import type { EdnsOption } from '../wire/types.js';
import { EDE_NAMES, EDNS_OPTION } from '../wire/rrtypes.js';

/** dig 9.18 knows the first 25 codes of RFC 8914 and names two of them its own way; other codes print as a bare number. */
const DIG_EDE_NAMES: readonly string[] = EDE_NAMES.slice(0, 25).map((name, code) =>
  code === 0 ? 'Other' : code === 19 ? 'Stale NXDOMAIN Answer' : name,
);

function u16(data: Uint8Array, at: number): number {
  return (data[at] << 8) | data[at + 1];
}

/** Bytes as dig shows them inside ("..."): printable ASCII kept, anything else a dot. */
export function dottedAscii(data: Uint8Array): string {
  let out = '';
  for (const b of data) out += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
  return out;
}

/** `6e 73 31 ("ns1")`, or nothing for empty data. */
export function hexAndAscii(data: Uint8Array): string {
  if (data.length === 0) return '';
  const hex = Array.from(data, (b) => b.toString(16).padStart(2, '0')).join(' ');
  return ` ${hex} ("${dottedAscii(data)}")`;
}

/** `192.0.2.0/24/0`, or undefined when the option does not hold a well-formed subnet. */
function clientSubnet(data: Uint8Array): string | undefined {
  if (data.length < 4) return undefined;
  const family = u16(data, 0);
  const source = data[2];
  const scope = data[3];
  const size = family === 1 ? 4 : family === 2 ? 16 : 0;
  const octets = data.length - 4;
  if (size === 0 || source > size * 8 || scope > size * 8 || octets !== Math.ceil(source / 8)) return undefined;
  const address = new Uint8Array(size);
  address.set(data.subarray(4));
  return `${family === 1 ? ipv4Text(address) : ipv6Text(address)}/${source}/${scope}`;
}

/** One EDNS option as dig prints it: `NSID: 6e 73 31 ("ns1")`, `EDE: 18 (Prohibited): (text)`, `OPT=65001: ...`. */
export function ednsOptionText(opt: EdnsOption): string {
  const { code, data } = opt;
  switch (code) {
    case 3:
      return `NSID:${hexAndAscii(data)}`;
    case 8:
      return `CLIENT-SUBNET:${data.length === 0 ? '' : ` ${clientSubnet(data) ?? hexAndAscii(data).trimStart()}`}`;
    case 9:
      if (data.length === 4) {
        const seconds = u16(data, 0) * 0x10000 + u16(data, 2);
        return `EXPIRE: ${seconds} (${ttlWords(seconds)})`;
      }
      return `EXPIRE:${hexAndAscii(data)}`;
    case 10:
      return `COOKIE:${data.length === 0 ? '' : ` ${Buffer.from(data).toString('hex')}`}`;
    case 11:
      if (data.length === 2) {
        const tenths = u16(data, 0);
        return `TCP KEEPALIVE: ${Math.floor(tenths / 10)}.${tenths % 10} secs`;
      }
      return `TCP KEEPALIVE:${hexAndAscii(data)}`;
    case 12:
      return data.length === 0 ? 'PAD:' : `PAD: (${data.length} bytes)`;
    case 14: {
      if (data.length === 0 || data.length % 2 !== 0) return `KEY-TAG:${hexAndAscii(data)}`;
      const tags: number[] = [];
      for (let at = 0; at < data.length; at += 2) tags.push(u16(data, at));
      return `KEY-TAG: ${tags.join(', ')}`;
    }
    case 15: {
      if (data.length < 2) return `EDE:${hexAndAscii(data)}`;
      const info = u16(data, 0);
      const name = DIG_EDE_NAMES[info];
      const text = data.length > 2 ? `: (${dottedAscii(data.subarray(2))})` : '';
      return `EDE: ${info}${name ? ` (${name})` : ''}${text}`;
    }
    case 16:
    case 17: {
      // RFC 8914's tags: one 16-bit number; anything else in hex.
      const name = code === 16 ? 'CLIENT-TAG' : 'SERVER-TAG';
      return data.length === 2 ? `${name}: ${u16(data, 0)}` : `${name}:${hexAndAscii(data)}`;
    }
    default:
      return `OPT=${code}:${hexAndAscii(data)}`;
  }
}

/** A reply's extended DNS errors (RFC 8914): each INFO-CODE (-1 when too short to hold one) and its line as dig prints it. */
export function extendedErrors(options: readonly EdnsOption[]): Array<{ code: number; text: string }> {
  return options
    .filter((opt) => opt.code === EDNS_OPTION.EDE)
    .map((opt) => ({ code: opt.data.length >= 2 ? u16(opt.data, 0) : -1, text: ednsOptionText(opt) }));
}
