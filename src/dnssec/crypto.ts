/** The cryptography of DNSSEC with node:crypto: public keys from DNSKEY data, RRSIG signatures, DS digests. */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalNameWire } from './canonical.js';
import type { DnskeyData, DsData } from './rrsig.js';

/** Signing algorithms this validator checks (RFC 8624's MUST and RECOMMENDED ones, and Ed448). */
export const SUPPORTED_ALGORITHMS: ReadonlySet<number> = new Set([5, 7, 8, 10, 13, 14, 15, 16]);
/** DS digest types this validator computes: SHA-1, SHA-256, SHA-384. */
export const SUPPORTED_DIGESTS: ReadonlySet<number> = new Set([1, 2, 4]);

const HASH_OF_ALGORITHM: Readonly<Record<number, string | null>> = {
  5: 'sha1',
  7: 'sha1',
  8: 'sha256',
  10: 'sha512',
  13: 'sha256',
  14: 'sha384',
  15: null,
  16: null,
};
const HASH_OF_DIGEST: Readonly<Record<number, string>> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** RSA public key from RFC 3110 form: exponent length (1 or 3 octets), exponent, modulus. */
function rsaKey(key: Uint8Array): KeyObject {
  let at = 1;
  let length = key[0];
  if (length === 0) {
    length = (key[1] << 8) | key[2];
    at = 3;
  }
  const e = key.subarray(at, at + length);
  const n = key.subarray(at + length);
  if (e.length === 0 || n.length === 0) throw new RangeError('RSA key too short');
  return createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
}

function ecKey(key: Uint8Array, curve: 'P-256' | 'P-384', size: number): KeyObject {
  if (key.length !== size * 2) throw new RangeError(`${curve} key must be ${size * 2} octets, got ${key.length}`);
  return createPublicKey({
    key: { kty: 'EC', crv: curve, x: b64url(key.subarray(0, size)), y: b64url(key.subarray(size)) },
    format: 'jwk',
  });
}

function okpKey(key: Uint8Array, curve: 'Ed25519' | 'Ed448', size: number): KeyObject {
  if (key.length !== size) throw new RangeError(`${curve} key must be ${size} octets, got ${key.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: curve, x: b64url(key) }, format: 'jwk' });
}

/** The node:crypto public key of a DNSKEY; throws RangeError for an unsupported algorithm or a malformed key. */
export function publicKeyOf(dnskey: DnskeyData): KeyObject {
  switch (dnskey.algorithm) {
    case 5:
    case 7:
    case 8:
    case 10:
      return rsaKey(dnskey.publicKey);
    case 13:
      return ecKey(dnskey.publicKey, 'P-256', 32);
    case 14:
      return ecKey(dnskey.publicKey, 'P-384', 48);
    case 15:
      return okpKey(dnskey.publicKey, 'Ed25519', 32);
    case 16:
      return okpKey(dnskey.publicKey, 'Ed448', 57);
    default:
      throw new RangeError(`algorithm ${dnskey.algorithm} is not supported`);
  }
}

/** Whether `signature` over `data` verifies with the DNSKEY (ECDSA signatures are r||s, as RFC 6605 writes them). */
export function verifySignature(dnskey: DnskeyData, data: Uint8Array, signature: Uint8Array): boolean {
  const hash = HASH_OF_ALGORITHM[dnskey.algorithm];
  if (hash === undefined) throw new RangeError(`algorithm ${dnskey.algorithm} is not supported`);
  const key = publicKeyOf(dnskey);
  const ecdsa = dnskey.algorithm === 13 || dnskey.algorithm === 14;
  try {
    return verify(hash, data, ecdsa ? { key, dsaEncoding: 'ieee-p1363' } : key, signature);
  } catch {
    // A signature of the wrong size for the key is a failed signature, not an error.
    return false;
  }
}

/** The DS digest of a DNSKEY (RFC 4034 5.1.4): hash of the owner in canonical form and the DNSKEY RDATA. */
export function dsDigest(owner: string, dnskeyRdata: Uint8Array, digestType: number): Uint8Array {
  const hash = HASH_OF_DIGEST[digestType];
  if (!hash) throw new RangeError(`DS digest type ${digestType} is not supported`);
  return createHash(hash).update(canonicalNameWire(owner)).update(dnskeyRdata).digest();
}

/** Whether a DS record names this DNSKEY: same key tag and algorithm, and a matching digest. */
export function dsMatches(ds: DsData, owner: string, dnskeyRdata: Uint8Array, tag: number, algorithm: number): boolean {
  if (ds.keyTag !== tag || ds.algorithm !== algorithm || !SUPPORTED_DIGESTS.has(ds.digestType)) return false;
  return Buffer.from(dsDigest(owner, dnskeyRdata, ds.digestType)).equals(Buffer.from(ds.digest));
}
