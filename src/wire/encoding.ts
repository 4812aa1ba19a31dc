/** Octets to the text encodings DNS data is written in: hex, base64, base32hex (NSEC3) and RRSIG times. */

/** Upper-case hex, as dig prints digests and RFC 3597 data. */
export function hexUpper(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex').toUpperCase();
}

/** Standard padded base64. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
}

const BASE32HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

/** Base32hex (RFC 4648) without padding, upper case, as NSEC3 writes hashed names. */
export function base32hex(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out;
}

/** YYYYMMDDHHMMSS in UTC, as RRSIG times are written (RFC 4034 3.2; seconds taken as unsigned, valid to 2106). */
export function signatureTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

/** `2090-01-01`: a signature time as a date, the 32-bit value taken nearest to `now` (RFC 4034 3.1.5). */
export function signatureDate(time: number, now: number): string {
  const wraps = Math.round((now - time) / 2 ** 32);
  return new Date((time + wraps * 2 ** 32) * 1000).toISOString().slice(0, 10);
}
