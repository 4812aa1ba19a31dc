/**
 * Typed record data from presentation text, for the hand-built records of the resolver and view tests
 * (`rr('example.test.', 'MX', '10 mail.example.test.')`). Covers the types those tests use; anything
 * else throws, so a test cannot silently build a record the views would show differently.
 */
import { ipv6Bytes } from '../../src/wire/address.js';
import { nameToLabels } from '../../src/wire/name.js';
import type { Rdata } from '../../src/wire/rdata/rdata.js';
import { parseType } from '../../src/wire/rrtypes.js';

/** YYYYMMDDHHMMSS (UTC) to seconds since the epoch. */
function signatureSeconds(text: string): number {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) => Number(text.slice(at, i === 0 ? 4 : at + 2)));
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

/** The character-strings of a TXT text: quoted strings with `\"`, `\\` and `\DDD` escapes, or bare words. */
function characterStrings(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/gu;
  for (const match of text.matchAll(pattern)) {
    const body = match[1] ?? match[2];
    const bytes: number[] = [];
    for (let i = 0; i < body.length; i++) {
      if (body[i] === '\\' && /^[0-9]{3}$/.test(body.slice(i + 1, i + 4))) {
        bytes.push(Number(body.slice(i + 1, i + 4)));
        i += 3;
      } else if (body[i] === '\\') {
        bytes.push(...Buffer.from(body[++i]));
      } else {
        const cp = body.codePointAt(i) ?? 0;
        bytes.push(...Buffer.from(String.fromCodePoint(cp)));
        if (cp > 0xffff) i++;
      }
    }
    out.push(Uint8Array.from(bytes));
  }
  return out;
}

const hexBytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

/** The typed data of a record of `type` written as `text`. */
export function rdataFromText(type: string, text: string): Rdata {
  const f = text.trim().split(/\s+/);
  switch (type) {
    case 'A':
    case 'AAAA':
      if (type === 'AAAA') ipv6Bytes(text);
      return { type, address: text };
    case 'NS':
    case 'CNAME':
    case 'PTR':
    case 'DNAME':
      nameToLabels(text);
      return { type, target: text };
    case 'MX':
      return { type, preference: Number(f[0]), exchange: f[1] };
    case 'SOA': {
      const [serial, refresh, retry, expire, minimum] = f.slice(2).map(Number);
      return { type, mname: f[0], rname: f[1], serial, refresh, retry, expire, minimum };
    }
    case 'TXT':
      return { type, strings: characterStrings(text) };
    case 'DS':
      return {
        type,
        keyTag: Number(f[0]),
        algorithm: Number(f[1]),
        digestType: Number(f[2]),
        digest: hexBytes(f.slice(3).join('')),
      };
    case 'RRSIG':
      return {
        type,
        typeCovered: parseType(f[0]) ?? 0,
        algorithm: Number(f[1]),
        labels: Number(f[2]),
        originalTtl: Number(f[3]),
        expiration: signatureSeconds(f[4]),
        inception: signatureSeconds(f[5]),
        keyTag: Number(f[6]),
        signer: f[7],
        signature: Uint8Array.from(Buffer.from(f.slice(8).join(''), 'base64')),
      };
    default:
      throw new Error(`rdataFromText: no text form for ${type} here`);
  }
}
