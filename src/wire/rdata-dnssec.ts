/** DNSSEC and key-related RDATA presenters: DS, DNSKEY, RRSIG, NSEC, NSEC3, NSEC3PARAM, CSYNC, CERT. */

import type { Presenter } from './rdata.js';
import { typeName } from './rrtypes.js';
import { WireError } from './reader.js';
import { base64, hexUpper, keyIdText, keyTag, type RdataCursor } from './rdata-text.js';

/** Digest sizes BIND enforces for DS digest types it knows. */
const DS_DIGEST_OCTETS: Readonly<Record<number, number>> = { 1: 20, 2: 32, 3: 32, 4: 48 };

const ds: Presenter = (c) => {
  const keyTag = c.u16('key tag');
  const algorithm = c.u8('algorithm');
  const digestType = c.u8('digest type');
  const raw = c.rest();
  const expected = DS_DIGEST_OCTETS[digestType];
  if (expected !== undefined && raw.length !== expected) {
    throw new WireError(`${c.typeLabel} digest type ${digestType} must be ${expected} bytes, got ${raw.length}`);
  }
  const digest = hexUpper(raw);
  return {
    data: [keyTag, algorithm, digestType, c.secret(digest)].join(' ').trimEnd(),
    fields: { keyTag, algorithm, digestType, digest },
  };
};

const dnskey: Presenter = (c) => {
  const flags = c.u16('flags');
  const protocol = c.u8('protocol');
  const algorithm = c.u8('algorithm');
  const key = base64(c.rest());
  // +nocrypto: the key tag instead of the key; a KEY whose flags say "no key" has nothing to replace.
  const noKey = c.typeLabel === 'KEY' && (flags & 0xc000) === 0xc000;
  const shown = c.style.crypto === false && !noKey ? keyIdText(keyTag(c.data)) : c.words(key);
  return {
    data: [flags, protocol, algorithm, shown].join(' ').trimEnd(),
    fields: { flags, protocol, algorithm, key },
  };
};

/** YYYYMMDDHHMMSS in UTC, as RRSIG times are written (seconds taken as unsigned, valid to 2106). */
export function signatureTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

const rrsig: Presenter = (c) => {
  const typeCovered = typeName(c.u16('type covered'));
  const algorithm = c.u8('algorithm');
  const labels = c.u8('labels');
  const originalTtl = c.u32('original TTL');
  const expiration = signatureTime(c.u32('expiration'));
  const inception = signatureTime(c.u32('inception'));
  const keyTag = c.u16('key tag');
  const signer = c.name('signer');
  const signature = base64(c.rest());
  return {
    // SIG keeps its signature under +nocrypto, as in BIND; RRSIG's gives way to [omitted].
    data: [
      typeCovered,
      algorithm,
      labels,
      originalTtl,
      expiration,
      inception,
      keyTag,
      signer,
      c.typeLabel === 'RRSIG' ? c.secret(signature) : c.words(signature),
    ]
      .join(' ')
      .trimEnd(),
    fields: { typeCovered, algorithm, labels, originalTtl, expiration, inception, keyTag, signer, signature },
  };
};

/** Type bitmap (RFC 4034 4.1.2) to mnemonics; windows must increase and blocks be 1-32 octets. */
export function typeBitmap(c: RdataCursor): string[] {
  const types: string[] = [];
  let lastWindow = -1;
  while (c.left > 0) {
    const window = c.u8('bitmap window');
    const length = c.u8('bitmap length');
    if (window <= lastWindow) throw new WireError(`${c.typeLabel} type bitmap windows out of order`);
    if (length < 1 || length > 32) throw new WireError(`${c.typeLabel} type bitmap block length ${length} is not 1-32`);
    const block = c.bytes(length, 'type bitmap');
    if (block[length - 1] === 0) throw new WireError(`${c.typeLabel} type bitmap block ends with a zero octet`);
    lastWindow = window;
    block.forEach((byte, i) => {
      for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) types.push(typeName(window * 256 + i * 8 + bit));
    });
  }
  return types;
}

const nsec: Presenter = (c) => {
  const next = c.name('next domain');
  const types = typeBitmap(c);
  return { data: [next, ...types].join(' '), fields: { next, types } };
};

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

function saltText(salt: Uint8Array): string {
  return salt.length === 0 ? '-' : hexUpper(salt);
}

const nsec3: Presenter = (c) => {
  const hashAlgorithm = c.u8('hash algorithm');
  const flags = c.u8('flags');
  const iterations = c.u16('iterations');
  const salt = saltText(c.string('salt'));
  const hash = c.string('next hashed owner');
  if (hash.length === 0) throw new WireError('NSEC3 next hashed owner is empty');
  const next = base32hex(hash);
  const types = typeBitmap(c);
  return {
    data: [hashAlgorithm, flags, iterations, salt, next, ...types].join(' '),
    fields: { hashAlgorithm, flags, iterations, salt, next, types },
  };
};

const nsec3param: Presenter = (c) => {
  const hashAlgorithm = c.u8('hash algorithm');
  const flags = c.u8('flags');
  const iterations = c.u16('iterations');
  const salt = saltText(c.string('salt'));
  return {
    data: `${hashAlgorithm} ${flags} ${iterations} ${salt}`,
    fields: { hashAlgorithm, flags, iterations, salt },
  };
};

const csync: Presenter = (c) => {
  const serial = c.u32('serial');
  const flags = c.u16('flags');
  const types = typeBitmap(c);
  return { data: [serial, flags, ...types].join(' '), fields: { serial, flags, types } };
};

/** CERT record types by number (RFC 4398), as BIND writes them. */
export const CERT_TYPES: Readonly<Record<number, string>> = {
  1: 'PKIX',
  2: 'SPKI',
  3: 'PGP',
  4: 'IPKIX',
  5: 'ISPKI',
  6: 'IPGP',
  7: 'ACPKIX',
  8: 'IACPKIX',
  253: 'URI',
  254: 'OID',
};
/** BIND's mnemonics for DNSSEC algorithm numbers. */
export const ALGORITHMS: Readonly<Record<number, string>> = {
  1: 'RSAMD5',
  2: 'DH',
  3: 'DSA',
  5: 'RSASHA1',
  6: 'NSEC3DSA',
  7: 'NSEC3RSASHA1',
  8: 'RSASHA256',
  10: 'RSASHA512',
  12: 'ECCGOST',
  13: 'ECDSAP256SHA256',
  14: 'ECDSAP384SHA384',
  15: 'ED25519',
  16: 'ED448',
  252: 'INDIRECT',
  253: 'PRIVATEDNS',
  254: 'PRIVATEOID',
};

const cert: Presenter = (c) => {
  const certType = c.u16('type');
  const keyTag = c.u16('key tag');
  const algorithm = c.u8('algorithm');
  const certificate = base64(c.rest());
  const typeText = CERT_TYPES[certType] ?? String(certType);
  const algorithmText = ALGORITHMS[algorithm] ?? String(algorithm);
  return {
    data: [typeText, keyTag, algorithmText, c.words(certificate)].join(' ').trimEnd(),
    fields: { certType, keyTag, algorithm, certificate },
  };
};

/** Presenters by type number. */
export const DNSSEC_PRESENTERS: Readonly<Record<number, Presenter>> = {
  24: rrsig,
  46: rrsig,
  25: dnskey,
  48: dnskey,
  60: dnskey,
  37: cert,
  43: ds,
  59: ds,
  32768: ds,
  32769: ds,
  47: nsec,
  50: nsec3,
  51: nsec3param,
  62: csync,
};
