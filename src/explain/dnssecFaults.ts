/**
 * DNSSEC culprits of a bogus trace, link by link from the replies the validator judged: a DS set in
 * the parent that matches no DNSKEY of the child, and signatures (over the answer or over a zone's
 * DNSKEY set) that expired, are not valid yet, or do not verify (RFC 4035 5.2, 5.3).
 */
import { signatureDate } from '../wire/encoding.js';
import { digestCheck, signatureCheck, type SignatureCheck } from '../dnssec/linkChecks.js';
import { readDnskey, readDs, readRrsig, type RrsigData } from '../dnssec/rrsig.js';
import type { DnssecEvidence, TraceValidation } from '../dnssec/types.js';
import type { TraceResult } from '../resolve/traceTypes.js';
import { namesEqual } from '../wire/name.js';
import { TYPE, typeName } from '../wire/rrtypes.js';
import type { ResourceRecord } from '../wire/types.js';
import type { Culprit } from './types.js';

/** The records of one name and type in a reply the validator got. */
function evidenceSet(evidence: DnssecEvidence | undefined, name: string, type: number): ResourceRecord[] {
  const reply = evidence?.replies.get(`${name.toLowerCase()} ${type}`);
  return reply?.answer.filter((rr) => rr.type === type && namesEqual(rr.name, name)) ?? [];
}

/** The RRSIGs over `rrset` among `records`. */
function signaturesOver(records: readonly ResourceRecord[], name: string, type: number): RrsigData[] {
  return records
    .filter((rr) => rr.type === TYPE.RRSIG && namesEqual(rr.name, name))
    .flatMap((rr) => {
      const sig = readRrsig(rr);
      return sig && sig.typeCovered === type ? [sig] : [];
    });
}

/** Why none of an RRset's signatures holds, as a culprit; undefined when one does, or none can be judged. */
function signatureFault(
  name: string,
  type: number,
  records: readonly ResourceRecord[],
  evidence: DnssecEvidence,
): Culprit | undefined {
  const rrset = records.filter((rr) => rr.type === type && namesEqual(rr.name, name));
  const sigs = signaturesOver(records, name, type);
  if (rrset.length === 0 || sigs.length === 0) return undefined;
  const checks = sigs.map((sig) => ({
    sig,
    check: signatureCheck(rrset, sig, evidenceSet(evidence, sig.signer, TYPE.DNSKEY), evidence.now),
  }));
  if (checks.some(({ check }) => check === 'valid')) return undefined;
  const order: SignatureCheck[] = ['expired', 'premature', 'invalid', 'noKey', 'unsupported'];
  const worst = order.map((check) => checks.find((c) => c.check === check)).find(Boolean);
  if (!worst) return undefined;
  const { sig, check } = worst;
  const over = `RRSIG over ${name} ${typeName(type)} by key ${sig.keyTag}`;
  const evidenceLines = checks.map(
    (c) =>
      `RRSIG ${typeName(type)} key ${c.sig.keyTag} (${c.sig.signer}): ${c.check}, valid ${signatureDate(c.sig.inception, evidence.now)} to ${signatureDate(c.sig.expiration, evidence.now)}`,
  );
  const base = { zone: sig.signer, evidence: evidenceLines };
  switch (check) {
    case 'expired':
      return { kind: 'expired', line: `${over} expired on ${signatureDate(sig.expiration, evidence.now)}.`, ...base };
    case 'premature':
      return {
        kind: 'premature',
        line: `${over} is not valid before ${signatureDate(sig.inception, evidence.now)}.`,
        ...base,
      };
    case 'noKey':
      return { kind: 'badSignature', line: `${over}: ${sig.signer} has no such DNSKEY.`, ...base };
    case 'unsupported':
      return {
        kind: 'badSignature',
        line: `${over} uses algorithm ${sig.algorithm}, which is not supported.`,
        ...base,
      };
    default:
      return { kind: 'badSignature', line: `${over} does not verify.`, ...base };
  }
}

/** The DS set of `zone` in `parent` against the child's DNSKEYs: a culprit when no DS matches a key. */
function dsFault(zone: string, parent: string, evidence: DnssecEvidence): Culprit | undefined {
  const ds = evidenceSet(evidence, zone, TYPE.DS).flatMap((rr) => {
    const data = readDs(rr);
    return data ? [data] : [];
  });
  const keys = evidenceSet(evidence, zone, TYPE.DNSKEY);
  if (ds.length === 0 || keys.length === 0) return undefined;
  if (ds.some((d) => keys.some((key) => digestCheck(d, zone, key) === 'match'))) return undefined;
  const evidenceLines = [
    `DS in ${parent}: ${ds.map((d) => `key ${d.keyTag} algorithm ${d.algorithm} digest type ${d.digestType}`).join('; ')}`,
    `DNSKEY in ${zone}: ${keys.map((key) => `key ${readDnskey(key)?.tag}`).join('; ')}`,
  ];
  return {
    kind: 'dsMismatch',
    line: `DS for ${zone} in ${parent} matches no DNSKEY.`,
    zone,
    evidence: evidenceLines,
  };
}

/** A zone's DNSKEY set whose signatures do not hold. */
function zoneKeyFault(zone: string, evidence: DnssecEvidence): Culprit | undefined {
  const answer = evidence.replies.get(`${zone.toLowerCase()} ${TYPE.DNSKEY}`)?.answer ?? [];
  return signatureFault(zone, TYPE.DNSKEY, answer, evidence);
}

/** The first link of a bogus delegation that does not hold, in chain order: parent keys, DS signature, DS digest, child keys. */
function cutFault(parent: string, child: string, evidence: DnssecEvidence): Culprit | undefined {
  const dsReply = evidence.replies.get(`${child.toLowerCase()} ${TYPE.DS}`)?.answer ?? [];
  return (
    zoneKeyFault(parent, evidence) ??
    signatureFault(child, TYPE.DS, dsReply, evidence) ??
    dsFault(child, parent, evidence) ??
    zoneKeyFault(child, evidence)
  );
}

/** The DNSSEC culprit of a trace the validator found bogus, or undefined when it is not bogus. */
export function dnssecFault(trace: TraceResult, dnssec: TraceValidation): Culprit | undefined {
  const evidence = dnssec.evidence;
  const bogusCut = dnssec.cuts.findIndex((cut) => cut?.status === 'bogus');
  if (bogusCut < 0 && dnssec.validation.status !== 'bogus') return undefined;
  // A root without any DNSKEY is a hierarchy unsigned from the top (a private one): no link of it can be at fault.
  if (evidence && !dnssec.validation.anchor && evidenceSet(evidence, '.', TYPE.DNSKEY).length === 0) return undefined;
  const cut = bogusCut >= 0 ? dnssec.cuts[bogusCut] : undefined;
  if (evidence && cut) {
    const fault = cutFault(trace.hops[bogusCut].zone, cut.zone, evidence);
    if (fault) return fault;
  }
  const last = trace.hops[trace.hops.length - 1];
  const reply = last?.exchange?.response;
  if (evidence && last && reply) {
    const { name, type } = trace.request;
    const fault = zoneKeyFault(last.zone, evidence) ?? signatureFault(name, type, reply.answer, evidence);
    if (fault) return fault;
  }
  const reason = cut?.reason ?? dnssec.validation.reason;
  return { kind: 'bogus', line: `the answer is bogus: ${reason}.`, evidence: [] };
}
