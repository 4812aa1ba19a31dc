/**
 * Judgments on single links of a chain, for pictures of it: one RRSIG over one RRset, one DS against
 * one DNSKEY. The validator (validate.ts) decides the verdict; these say, piece by piece, which link
 * holds and why one does not, with the same rules (RFC 4034 3.1.5 serial times, RFC 4035 5.3).
 */
import type { ResourceRecord } from '../wire/types.js';
import { dsMatches, SUPPORTED_ALGORITHMS, SUPPORTED_DIGESTS } from './crypto.js';
import { type DsData, type RrsigData, readDnskey } from './rrsig.js';
import { checkSignature } from './validate.js';

/** How one RRSIG fares over its RRset with the signer's keys. */
export type SignatureCheck = 'valid' | 'expired' | 'premature' | 'invalid' | 'noKey' | 'unsupported';

/** How one DS fares against the DNSKEY with its key tag and algorithm. */
export type DigestCheck = 'match' | 'mismatch' | 'unsupported';

/** Whether serial time `a` is at or after `b` (RFC 4034 3.1.5: 32-bit serial arithmetic). */
function notBefore(a: number, b: number): boolean {
  return (a - b) >>> 0 < 0x80000000;
}

/** The keys that could have made `sig`: same tag and algorithm. */
export function signingCandidates(sig: RrsigData, keys: readonly ResourceRecord[]): ResourceRecord[] {
  return keys.filter((k) => {
    const key = readDnskey(k);
    return key !== undefined && key.tag === sig.keyTag && key.algorithm === sig.algorithm;
  });
}

/** One RRSIG over `rrset`, checked with `keys` (the signer's DNSKEY RRset) at `now` (seconds since the epoch). */
export function signatureCheck(
  rrset: readonly ResourceRecord[],
  sig: RrsigData,
  keys: readonly ResourceRecord[],
  now: number,
): SignatureCheck {
  if (rrset.length === 0) return 'invalid';
  let why: string | undefined;
  try {
    why = checkSignature(rrset, sig, keys, now >>> 0);
  } catch {
    // A key too short to read (hostile data) verifies nothing.
    why = 'malformed';
  }
  if (why === undefined) return 'valid';
  if (!notBefore(now >>> 0, sig.inception)) return 'premature';
  if (!notBefore(sig.expiration, now >>> 0)) return 'expired';
  if (!SUPPORTED_ALGORITHMS.has(sig.algorithm)) return 'unsupported';
  if (signingCandidates(sig, keys).length === 0) return 'noKey';
  return 'invalid';
}

/** One DS record against one DNSKEY RR of the child `owner`. */
export function digestCheck(ds: DsData, owner: string, key: ResourceRecord): DigestCheck {
  if (!SUPPORTED_DIGESTS.has(ds.digestType) || !SUPPORTED_ALGORITHMS.has(ds.algorithm)) return 'unsupported';
  const fields = readDnskey(key);
  if (!fields) return 'mismatch';
  try {
    return dsMatches(ds, owner, key.rdataWire, fields.tag, fields.algorithm) ? 'match' : 'mismatch';
  } catch {
    return 'mismatch';
  }
}
