/** RRsets and their RRSIGs: grouping, finding the signatures over one RRset, and checking one signature (RFC 4035 5.3). Pure. */
import { isSubdomain, labelCount, nameToLabels, namesEqual } from '../wire/name.js';
import { signatureTime } from '../wire/encoding.js';
import { typeName, TYPE } from '../wire/rrtypes.js';
import type { ResourceRecord } from '../wire/types.js';
import { signedData } from './canonical.js';
import { SUPPORTED_ALGORITHMS, verifySignature } from './crypto.js';
import { readDnskey, readRrsig, type RrsigData } from './rrsig.js';

/** DNSKEY flags: a zone key (RFC 4034), revoked (RFC 5011). */
const DNSKEY_ZONE = 0x0100;
const DNSKEY_REVOKE = 0x0080;

/** Whether serial time `a` is at or after `b` (RFC 4034 3.1.5: 32-bit serial arithmetic). */
function notBefore(a: number, b: number): boolean {
  return (a - b) >>> 0 < 0x80000000;
}

/** Groups records into RRsets by owner and type, RRSIGs apart, keeping order. */
export function rrsets(records: readonly ResourceRecord[]): ResourceRecord[][] {
  const sets = new Map<string, ResourceRecord[]>();
  for (const rr of records) {
    if (rr.type === TYPE.RRSIG) continue;
    const key = `${rr.name.toLowerCase()} ${rr.type}`;
    const set = sets.get(key);
    if (set) set.push(rr);
    else sets.set(key, [rr]);
  }
  return [...sets.values()];
}

/** The RRSIGs in `records` that cover the RRset of `owner` and `type`; malformed ones cover nothing. */
export function signaturesFor(records: readonly ResourceRecord[], owner: string, type: number): RrsigData[] {
  const out: RrsigData[] = [];
  for (const rr of records) {
    if (rr.type !== TYPE.RRSIG || !namesEqual(rr.name, owner)) continue;
    // An RRSIG without its data covers nothing.
    const sig = readRrsig(rr);
    if (sig?.typeCovered === type) out.push(sig);
  }
  return out;
}

/** `owner TYPE` of an RRset, for reasons. */
export function describe(rrset: readonly ResourceRecord[]): string {
  return `${rrset[0].name} ${typeName(rrset[0].type)}`;
}

/** The owner's label count without a leading `*` (RFC 4034 3.1.3): what an RRSIG's labels field is compared with. */
export function ownerLabels(owner: string): number {
  const first = nameToLabels(owner)[0];
  return labelCount(owner) - (first?.length === 1 && first[0] === 0x2a ? 1 : 0);
}

/** Whether the RRSIG says its RRset was expanded from a wildcard (RFC 4035 5.3.4). */
export function isWildcardExpansion(sig: RrsigData, owner: string): boolean {
  return sig.labels < ownerLabels(owner);
}

/** Why one RRSIG does not validate the RRset with these keys, or undefined when it does. */
export function checkSignature(
  rrset: readonly ResourceRecord[],
  sig: RrsigData,
  keys: readonly ResourceRecord[],
  now: number,
): string | undefined {
  const label = `RRSIG ${describe(rrset)} (key ${sig.keyTag}, algorithm ${sig.algorithm})`;
  const owner = rrset[0].name;
  const labels = ownerLabels(owner);
  if (sig.labels > labels) return `${label}: labels field ${sig.labels} exceeds the owner's ${labels}`;
  if (!isSubdomain(owner, sig.signer)) return `${label}: signer ${sig.signer} is not above the owner`;
  if (!notBefore(now, sig.inception)) return `${label}: not valid before ${signatureTime(sig.inception)}`;
  if (!notBefore(sig.expiration, now)) return `${label}: expired at ${signatureTime(sig.expiration)}`;
  if (!SUPPORTED_ALGORITHMS.has(sig.algorithm)) return `${label}: unsupported algorithm`;
  // A revoked key (RFC 5011) signs nothing but its own DNSKEY RRset, where it announces the revocation.
  const revokedUsable = rrset[0].type === TYPE.DNSKEY;
  // A DNSKEY record without its data is no key.
  const candidates = keys.flatMap((k) => {
    const key = namesEqual(k.name, sig.signer) ? readDnskey(k) : undefined;
    if (!key) return [];
    const revoked = (key.flags & DNSKEY_REVOKE) !== 0;
    const fits =
      key.tag === sig.keyTag &&
      key.algorithm === sig.algorithm &&
      key.protocol === 3 &&
      (key.flags & DNSKEY_ZONE) !== 0 &&
      (!revoked || revokedUsable);
    return fits ? [key] : [];
  });
  if (candidates.length === 0) return `${label}: no DNSKEY of ${sig.signer} with that tag and algorithm`;
  const data = signedData(sig, rrset);
  for (const key of candidates) {
    try {
      if (verifySignature(key, data, sig.signature)) return undefined;
    } catch (error) {
      return `${label}: ${(error as Error).message}`;
    }
  }
  return `${label}: signature does not verify`;
}
