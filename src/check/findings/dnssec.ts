/**
 * DNSSEC with the validator's own rules: a DS in the parent matches a DNSKEY of the child that signs
 * the key set, every server serves the same keys, signatures verify and are not about to expire,
 * NSEC3 parameters follow RFC 9276, algorithms and digests follow RFC 8624.
 */
import { signatureDate } from '../../wire/encoding.js';
import { SUPPORTED_ALGORITHMS, SUPPORTED_DIGESTS } from '../../dnssec/crypto.js';
import { digestCheck } from '../../dnssec/linkChecks.js';
import { type DsData, readDnskey, readDs, readRrsig, type RrsigData } from '../../dnssec/rrsig.js';
import { checkSignature } from '../../dnssec/validate.js';
import { TYPE, typeName } from '../../wire/rrtypes.js';
import type { ResourceRecord } from '../../wire/types.js';
import { nsec3ParamOf, recordsAt } from '../records.js';
import type { CheckData, CutData, Finding } from '../types.js';
import { count, finding, listText, replyOf, serverLabel } from './finding.js';

const DAY = 86400;
/** Algorithms RFC 8624 3.1 says MUST NOT be used to sign, and those NOT RECOMMENDED. */
const FORBIDDEN_ALGORITHMS = new Set([1, 3, 6, 12]);
const OLD_ALGORITHMS = new Set([5, 7]);

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The parent's DS records (unique by RDATA), over every parent server that answered. */
function parentDs(cut: CutData): DsData[] {
  const seen = new Map<string, DsData>();
  for (const server of cut.parentServers) {
    const reply = replyOf(server.ds);
    if (!reply) continue;
    for (const rr of recordsAt(reply.message.answer, cut.zone, TYPE.DS)) {
      const ds = readDs(rr);
      if (ds) seen.set(hex(rr.rdataWire), ds);
    }
  }
  return [...seen.values()];
}

/** The key tags of the DNSKEY records among `keys`. */
function keyTags(keys: readonly ResourceRecord[]): number[] {
  return keys.flatMap((k) => readDnskey(k)?.tag ?? []);
}

/** Each authoritative server's DNSKEY set and its signatures. */
function keySets(cut: CutData): Array<{ label: string; keys: ResourceRecord[]; sigs: ResourceRecord[] }> {
  const out: Array<{ label: string; keys: ResourceRecord[]; sigs: ResourceRecord[] }> = [];
  for (const server of cut.servers) {
    const reply = replyOf(server.probes.dnskey);
    if (!reply?.message.aa) continue;
    const keys = recordsAt(reply.message.answer, cut.zone, TYPE.DNSKEY);
    const sigs = recordsAt(reply.message.answer, cut.zone, TYPE.RRSIG);
    out.push({ label: serverLabel(server), keys, sigs });
  }
  return out;
}

/** `12345/8/2`: a DS record's tag, algorithm and digest type. */
function dsText(ds: DsData): string {
  return `${ds.keyTag}/${ds.algorithm}/${ds.digestType}`;
}

/** Whether the DS names one of the keys, by the validator's own digest check. */
function dsMatchesAny(ds: DsData, zone: string, keys: readonly ResourceRecord[]): boolean {
  return keys.some((key) => digestCheck(ds, zone, key) === 'match');
}

/** DS against DNSKEY, and what the parent and child say about the zone being signed at all. */
function delegationFindings(cut: CutData, ds: DsData[], keys: ResourceRecord[]): Finding[] {
  const parent = cut.parent ?? 'the parent';
  // The root has no parent and no DS: validators start from a trust anchor for its keys.
  if (cut.parent === undefined && keys.length > 0)
    return [
      finding(
        cut,
        'dnssec.status',
        'ok',
        `${cut.zone} is signed; with no parent, validators trust its keys through a trust anchor`,
        'RFC 4035 4.4',
      ),
    ];
  if (ds.length === 0 && keys.length === 0)
    return [
      finding(
        cut,
        'dnssec.status',
        'notice',
        `${cut.zone} is not signed (no DS in ${parent}, no DNSKEY)`,
        'RFC 4033 5',
      ),
    ];
  if (ds.length === 0)
    return [
      finding(
        cut,
        'dnssec.status',
        'notice',
        `${cut.zone} has DNSKEYs but ${parent} has no DS for it: validators treat it as insecure`,
        'RFC 4035 5.2',
      ),
    ];
  if (keys.length === 0)
    return [
      finding(
        cut,
        'dnssec.ds-match',
        'error',
        `${parent} has DS ${listText(ds.map(dsText))} for ${cut.zone}, which serves no DNSKEY: validators see it as bogus`,
        'RFC 4035 5.2',
        [],
        { ds: ds.map(dsText) },
      ),
    ];
  // A DS whose digest or algorithm the validator does not know can be checked against no key (RFC 4035 5.2).
  const checkable = ds.filter((d) => SUPPORTED_DIGESTS.has(d.digestType) && SUPPORTED_ALGORITHMS.has(d.algorithm));
  const matching = checkable.filter((d) => dsMatchesAny(d, cut.zone, keys));
  const stale = checkable.filter((d) => !matching.includes(d));
  const evidence = { ds: ds.map(dsText), matching: matching.map(dsText) };
  const out: Finding[] = [];
  if (matching.length === 0 && checkable.length > 0)
    out.push(
      finding(
        cut,
        'dnssec.ds-match',
        'error',
        `no DS for ${cut.zone} in ${parent} (${listText(ds.map(dsText))}) matches a DNSKEY of ${cut.zone}: the delegation is bogus`,
        'RFC 4035 5.2',
        [],
        evidence,
      ),
    );
  else if (stale.length > 0)
    out.push(
      finding(
        cut,
        'dnssec.ds-match',
        'warning',
        `DS ${listText(stale.map(dsText))} in ${parent} matches no DNSKEY of ${cut.zone} (DS ${listText(matching.map(dsText))} does)`,
        'RFC 4035 5.2, RFC 7583',
        [],
        evidence,
      ),
    );
  else if (matching.length > 0)
    out.push(
      finding(
        cut,
        'dnssec.ds-match',
        'ok',
        `DS ${listText(matching.map(dsText))} in ${parent} matches a DNSKEY of ${cut.zone}`,
        'RFC 4035 5.2',
        [],
        evidence,
      ),
    );
  const sha1 = ds.filter((d) => d.digestType === 1);
  if (sha1.length > 0)
    out.push(
      finding(
        cut,
        'dnssec.digest',
        'notice',
        `DS ${listText(sha1.map(dsText))} uses SHA-1 (digest type 1), which RFC 8624 says not to publish`,
        'RFC 8624 3.3',
        [],
        {
          ds: sha1.map(dsText),
        },
      ),
    );
  return out;
}

/** Every server must serve the same key set. */
function consistencyFindings(cut: CutData, sets: ReturnType<typeof keySets>): Finding[] {
  const groups = new Map<string, string[]>();
  for (const set of sets) {
    const key = keyTags(set.keys).map(String).sort().join(', ');
    groups.set(key, [...(groups.get(key) ?? []), set.label]);
  }
  if (groups.size <= 1) return [];
  const text = [...groups].map(([tags, servers]) => `keys {${tags}} from ${listText(servers)}`).join('; ');
  return [
    finding(
      cut,
      'dnssec.dnskey-consistent',
      'error',
      `the servers of ${cut.zone} serve different DNSKEY sets: ${text}`,
      'RFC 4035 2.1',
      [...groups.values()].flat(),
      {
        sets: Object.fromEntries(groups),
      },
    ),
  ];
}

/** One signature as it was judged, with the servers that served it. */
interface SignatureVerdict {
  covered: string;
  sig: RrsigData;
  problem?: string;
  servers: string[];
}

/** Why one RRSIG does not validate, by the validator's rule (checkSignature); a key too short to read verifies nothing. */
function signatureProblem(
  rrset: readonly ResourceRecord[],
  sig: RrsigData,
  keys: readonly ResourceRecord[],
  now: number,
): string | undefined {
  try {
    return checkSignature(rrset, sig, keys, now >>> 0);
  } catch {
    return `the key ${sig.keyTag} of ${sig.signer} cannot be read`;
  }
}

/** Judges each RRSIG over the key set and the SOA, once per distinct signature. */
function signatureVerdicts(cut: CutData, data: CheckData): Map<string, SignatureVerdict> {
  const verdicts = new Map<string, SignatureVerdict>();
  for (const server of cut.servers) {
    const keyReply = replyOf(server.probes.dnskey);
    const keys = keyReply ? recordsAt(keyReply.message.answer, cut.zone, TYPE.DNSKEY) : [];
    if (keys.length === 0) continue;
    const soaReply = replyOf(server.probes.do);
    const rrsets: Array<{ rrset: ResourceRecord[]; sigs: ResourceRecord[] }> = [
      { rrset: keys, sigs: keyReply ? recordsAt(keyReply.message.answer, cut.zone, TYPE.RRSIG) : [] },
    ];
    if (soaReply)
      rrsets.push({
        rrset: recordsAt(soaReply.message.answer, cut.zone, TYPE.SOA),
        sigs: recordsAt(soaReply.message.answer, cut.zone, TYPE.RRSIG),
      });
    for (const { rrset, sigs } of rrsets) {
      if (rrset.length === 0) continue;
      for (const rr of sigs) {
        const sig = readRrsig(rr);
        if (sig?.typeCovered !== rrset[0].type) continue;
        const key = `${hex(rr.rdataWire)} ${rrset.map((r) => hex(r.rdataWire)).join(',')}`;
        const known = verdicts.get(key);
        if (known) {
          known.servers.push(serverLabel(server));
          continue;
        }
        const problem = signatureProblem(rrset, sig, keys, data.now);
        verdicts.set(key, { covered: typeName(sig.typeCovered), sig, problem, servers: [serverLabel(server)] });
      }
    }
  }
  return verdicts;
}

/** Signatures: each one verifies, and none is about to expire. */
function signatureFindings(cut: CutData, data: CheckData, ds: DsData[], keys: ResourceRecord[]): Finding[] {
  const verdicts = [...signatureVerdicts(cut, data).values()];
  if (verdicts.length === 0) return [];
  const ref = 'RFC 4035 5.3';
  const out: Finding[] = [];
  const keySigned = verdicts.some((v) => v.covered === 'DNSKEY' && !v.problem);
  for (const v of verdicts) {
    const what = `RRSIG over ${cut.zone} ${v.covered} by key ${v.sig.keyTag}`;
    const evidence = {
      covered: v.covered,
      keyTag: v.sig.keyTag,
      algorithm: v.sig.algorithm,
      inception: signatureDate(v.sig.inception, data.now),
      expiration: signatureDate(v.sig.expiration, data.now),
    };
    if (v.problem) {
      const expired = (v.sig.expiration - data.now) | 0;
      const text =
        expired < 0
          ? `${what} expired on ${signatureDate(v.sig.expiration, data.now)}`
          : `${what} does not validate: ${v.problem}`;
      // A DNSKEY signature that does not validate is harmless while another one over the key set does.
      const severity = v.covered === 'DNSKEY' && keySigned ? 'notice' : 'error';
      out.push(finding(cut, 'dnssec.signature', severity, text, ref, v.servers, evidence));
      continue;
    }
    const left = (v.sig.expiration - data.now) | 0;
    const validity = (v.sig.expiration - v.sig.inception) | 0;
    if (left < Math.min(7 * DAY, validity / 4))
      out.push(
        finding(
          cut,
          'dnssec.expiry',
          'warning',
          `${what} expires on ${signatureDate(v.sig.expiration, data.now)}, in ${(left / DAY).toFixed(1)} days`,
          ref,
          v.servers,
          evidence,
        ),
      );
  }
  // The chain needs a key the parent's DS names to sign the key set (RFC 4035 5.2).
  const named = new Set(ds.flatMap((d) => keyTags(keys.filter((k) => dsMatchesAny(d, cut.zone, [k])))));
  if (named.size > 0 && !verdicts.some((v) => v.covered === 'DNSKEY' && !v.problem && named.has(v.sig.keyTag)))
    out.push(
      finding(
        cut,
        'dnssec.chain',
        'error',
        `no key that a DS in ${cut.parent} names (${listText([...named].map(String))}) signs the DNSKEY set of ${cut.zone}`,
        'RFC 4035 5.2',
        [],
        { keyTags: [...named] },
      ),
    );
  if (!out.some((f) => f.severity !== 'ok')) {
    const earliest = Math.min(...verdicts.map((v) => v.sig.expiration));
    out.push(
      finding(
        cut,
        'dnssec.signature',
        'ok',
        `${count(verdicts.length, 'signature')} over the DNSKEY and SOA sets validate; the first expires on ${signatureDate(earliest, data.now)}`,
        ref,
      ),
    );
  }
  return out;
}

/** NSEC3 parameters (RFC 9276): no extra iterations, no salt, flags zero. */
function nsec3Findings(cut: CutData): Finding[] {
  const params = new Map<string, string[]>();
  for (const server of cut.servers) {
    const reply = replyOf(server.probes.nsec3param);
    const rr = reply && recordsAt(reply.message.answer, cut.zone, TYPE.NSEC3PARAM)[0];
    const param = rr && nsec3ParamOf(rr);
    if (!param) continue;
    const salt = param.salt.length === 0 ? '-' : hex(param.salt).toUpperCase();
    const key = `${param.hashAlgorithm} ${param.flags} ${param.iterations} ${salt}`;
    params.set(key, [...(params.get(key) ?? []), serverLabel(server)]);
  }
  const out: Finding[] = [];
  const ref = 'RFC 9276 3.1';
  for (const [key, servers] of params) {
    const [, flags, iterations, salt] = key.split(' ');
    const evidence = { flags: Number(flags), iterations: Number(iterations), salt };
    const advice: string[] = [];
    if (Number(iterations) > 0) advice.push(`${iterations} extra iterations (use 0)`);
    if (Number(flags) !== 0) advice.push(`flags ${flags} (NSEC3PARAM flags must be 0)`);
    const salted = salt !== '-' && salt !== '';
    if (advice.length > 0)
      out.push(
        finding(
          cut,
          'dnssec.nsec3',
          'warning',
          `NSEC3PARAM has ${advice.join(' and ')}${salted ? `, salt ${salt}` : ''}`,
          ref,
          servers,
          evidence,
        ),
      );
    else if (salted)
      out.push(
        finding(cut, 'dnssec.nsec3', 'notice', `NSEC3PARAM has salt ${salt} (use none)`, ref, servers, evidence),
      );
    else
      out.push(finding(cut, 'dnssec.nsec3', 'ok', 'NSEC3PARAM has 0 iterations and no salt', ref, servers, evidence));
  }
  return out;
}

/** Algorithms of the keys in use (RFC 8624 3.1). */
function algorithmFindings(cut: CutData, keys: ResourceRecord[]): Finding[] {
  const algorithms = [...new Set(keys.flatMap((k) => readDnskey(k)?.algorithm ?? []))].sort((a, b) => a - b);
  const forbidden = algorithms.filter((a) => FORBIDDEN_ALGORITHMS.has(a));
  const old = algorithms.filter((a) => OLD_ALGORITHMS.has(a));
  const ref = 'RFC 8624 3.1';
  if (forbidden.length > 0)
    return [
      finding(
        cut,
        'dnssec.algorithm',
        'warning',
        `DNSKEY algorithm ${listText(forbidden.map(String))} must not be used to sign`,
        ref,
        [],
        { algorithms },
      ),
    ];
  if (old.length > 0)
    return [
      finding(
        cut,
        'dnssec.algorithm',
        'notice',
        `DNSKEY algorithm ${listText(old.map(String))} (RSASHA1) is not recommended`,
        ref,
        [],
        { algorithms },
      ),
    ];
  return [];
}

/** Every DNSSEC finding of the zone being checked. */
export function dnssecFindings(cut: CutData, data: CheckData): Finding[] {
  if (cut.role !== 'zone') return [];
  const ds = parentDs(cut);
  const sets = keySets(cut);
  const keys = sets.flatMap((s) => s.keys);
  return [
    ...delegationFindings(cut, ds, keys),
    ...consistencyFindings(cut, sets),
    ...signatureFindings(cut, data, ds, keys),
    ...nsec3Findings(cut),
    ...algorithmFindings(cut, keys),
  ];
}
