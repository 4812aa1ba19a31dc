/** What a reply from a zone's name server means for an iterative resolution (pure). */
import type { Message, Question, ResourceRecord } from '../wire/types.js';
import { RCODE, RRType, TYPE, rcodeName } from '../wire/rrtypes.js';
import { isSubdomain, MAX_NAME_OCTETS, namesEqual } from '../wire/name.js';
import { isRecordOf, type RecordOf } from '../wire/rdata/rdata.js';
import { inBailiwickGlue } from './bailiwick.js';
import { overflowingDname, synthesizedCname } from './dname.js';

/** CNAMEs followed inside one reply; a longer chain in a single reply is a loop or abuse. */
const MAX_CHAIN_IN_REPLY = 32;

/**
 * What the classifier set aside or made up while reading an answer section; present only when
 * something was.
 */
export interface AnswerReading {
  /**
   * Answer records whose owner lies outside the zone asked: not that server's to give (RFC 2181
   * section 5.4.1, the rule Unbound's scrubber applies), so they are neither used nor followed.
   */
  outOfZone: ResourceRecord[];
  /** CNAMEs synthesized from a DNAME that came without them (RFC 6672 section 3.4), in chain order. */
  synthesized: ResourceRecord[];
}

/** The meaning of one reply, with the data the next step needs. */
export type Outcome =
  /** Authoritative data for the name (after the CNAMEs in `chain`, if any). */
  | { kind: 'answer'; name: string; records: ResourceRecord[]; chain: ResourceRecord[]; reading?: AnswerReading }
  /** Authoritative CNAME(s) ending at `target`, whose data this server did not give (or may not give). */
  | { kind: 'cname'; target: string; chain: ResourceRecord[]; reading?: AnswerReading }
  /** A delegation one or more cuts down: the child zone, its NS names and the glue worth using. */
  | {
      kind: 'referral';
      zone: string;
      nsNames: string[];
      glue: ResourceRecord[];
      ignoredGlue: ResourceRecord[];
      reading?: AnswerReading;
    }
  /** Authoritative: `name` does not exist. */
  | { kind: 'nxdomain'; name: string; chain: ResourceRecord[]; soa?: ResourceRecord; reading?: AnswerReading }
  /** Authoritative: `name` exists but has no records of the type. */
  | { kind: 'nodata'; name: string; chain: ResourceRecord[]; soa?: ResourceRecord; reading?: AnswerReading }
  /**
   * Authoritative: `name` cannot exist, because the DNAME above it would make it `octets` long, more
   * than 255 (YXDOMAIN, RFC 6672 section 2.2); proven by the DNAME itself, not taken on the RCODE's word.
   */
  | {
      kind: 'yxdomain';
      name: string;
      dname: ResourceRecord;
      octets: number;
      chain: ResourceRecord[];
      soa?: ResourceRecord;
      reading?: AnswerReading;
    }
  /** A reply against the protocol that no honest server gives (a YXDOMAIN without its proof, say): ask another. */
  | { kind: 'misbehaving'; reason: string }
  /** The server is not authoritative for the zone it was asked about. */
  | { kind: 'lame'; reason: string }
  /** A referral to the zone itself or to one of its ancestors: following it would loop. */
  | { kind: 'badReferral'; zone: string; direction: 'upward' | 'same' }
  | { kind: 'refused' }
  | { kind: 'servfail' }
  | { kind: 'otherRcode'; rcode: number };

/** The outcomes that settle a question: authoritative data, a CNAME, NXDOMAIN, NODATA or YXDOMAIN. */
export type FinalOutcome = Extract<Outcome, { kind: 'answer' | 'cname' | 'nxdomain' | 'nodata' | 'yxdomain' }>;

const FINAL_KINDS: ReadonlySet<string> = new Set<FinalOutcome['kind']>([
  'answer',
  'cname',
  'nxdomain',
  'nodata',
  'yxdomain',
]);

/** Whether a walk that ended on `outcome` got its reply (as opposed to a referral, a failure or a limit). */
export function isFinalOutcome(outcome: { kind: string }): outcome is FinalOutcome {
  return FINAL_KINDS.has(outcome.kind);
}

/** Outcome kinds that end the trace (or lead on) rather than sending the resolver to another server of the zone. */
export function isUsableOutcome(outcome: Outcome): boolean {
  return !['lame', 'misbehaving', 'refused', 'servfail', 'otherRcode'].includes(outcome.kind);
}

interface Chase {
  name: string;
  records: ResourceRecord[];
  chain: ResourceRecord[];
  reading?: AnswerReading;
  /** The chain came back to a name it had left: a loop inside the reply (the trace names it). */
  looped?: true;
  /** The chain ends at a name that a DNAME of the zone would make longer than 255 octets. */
  overflow?: { dname: ResourceRecord; octets: number };
}

/** The name a CNAME points to ('' for one without data). */
export function cnameTarget(cname: ResourceRecord): string {
  return cname.rdata.type === 'CNAME' ? cname.rdata.target : '';
}

/** The CNAME for `name` in `answer`, or one synthesized from a DNAME above it (RFC 6672), or undefined. */
function nextCname(
  name: string,
  answer: readonly ResourceRecord[],
  synthesized: ResourceRecord[],
): ResourceRecord | undefined {
  const cname = answer.find((rr) => rr.type === RRType.CNAME && namesEqual(rr.name, name));
  if (cname) return cname;
  for (const dname of answer) {
    if (dname.type !== RRType.DNAME) continue;
    const made = synthesizedCname(dname, name);
    if (made) {
      synthesized.push(made);
      return made;
    }
  }
  return undefined;
}

/**
 * Follows the CNAMEs (and DNAMEs) of the answer section from the question name, as far as the
 * reply goes and no further than the zone asked: a record outside it is not that server's to give.
 */
function chaseAnswer(question: Question, zone: string, answer: readonly ResourceRecord[]): Chase {
  const inZone = answer.filter((rr) => isSubdomain(rr.name, zone));
  const outOfZone = answer.filter((rr) => !inZone.includes(rr));
  const synthesized: ResourceRecord[] = [];
  let name = question.name;
  const chain: ResourceRecord[] = [];
  let records: ResourceRecord[] = [];
  let looped = false;
  for (let step = 0; step <= MAX_CHAIN_IN_REPLY && isSubdomain(name, zone); step++) {
    records = inZone.filter(
      (rr) =>
        namesEqual(rr.name, name) &&
        (question.type === TYPE.ANY ? rr.type !== RRType.RRSIG : rr.type === question.type),
    );
    if (records.length > 0) break;
    const cname = question.type === RRType.CNAME ? undefined : nextCname(name, inZone, synthesized);
    if (!cname) break;
    if (chain.some((link) => namesEqual(link.name, cname.name))) {
      looped = true;
      break;
    }
    chain.push(cname);
    name = cnameTarget(cname);
  }
  const overflow = records.length === 0 && !looped ? overflowingDname(inZone, name) : undefined;
  const chase: Chase = { name, records, chain, ...(looped && { looped }), ...(overflow && { overflow }) };
  if (outOfZone.length > 0 || synthesized.length > 0) chase.reading = { outOfZone, synthesized };
  return chase;
}

/**
 * The SOA that speaks for a denial of `name` by a server of `zone`: owned at or below `zone` and at
 * or above `name`. Another (a lying server's SOA of a zone it was not asked about) is not evidence of
 * where `name` lives and is left out.
 */
function findSoa(msg: Message, zone: string, name: string): ResourceRecord | undefined {
  return msg.authority.find((rr) => rr.type === RRType.SOA && isSubdomain(rr.name, zone) && isSubdomain(name, rr.name));
}

/** Classifies a reply with an answer section that leads somewhere (data or CNAMEs). */
function classifyAnswer(zone: string, msg: Message, chase: Chase): Outcome {
  if (!msg.aa) return { kind: 'lame', reason: 'answer without the aa flag' };
  const { name, chain } = chase;
  const reading = chase.reading && { reading: chase.reading };
  if (chase.records.length > 0) return { kind: 'answer', name, records: chase.records, chain, ...reading };
  // A loop has no data to find: the chain is handed on as a CNAME, and the trace names the loop.
  if (chase.looped) return { kind: 'cname', target: name, chain, ...reading };
  const soa = findSoa(msg, zone, name);
  const inZone = isSubdomain(name, zone);
  // NXDOMAIN speaks for the last name of the chain only when that name is the server's to judge.
  if (msg.rcode === RCODE.NXDOMAIN && inZone) return { kind: 'nxdomain', name, chain, soa, ...reading };
  // An in-zone target with the zone's SOA: the server followed the CNAME and found nothing of the type.
  if (soa && inZone) return { kind: 'nodata', name, chain, soa, ...reading };
  return { kind: 'cname', target: name, chain, ...reading };
}

/** Why a DNAME cannot rewrite `name`, in words. */
function dnameFault(name: string, overflow: { dname: ResourceRecord; octets: number }): string {
  return `the DNAME at ${overflow.dname.name} makes ${name} ${overflow.octets} octets long, over ${MAX_NAME_OCTETS}`;
}

/**
 * Classifies a YXDOMAIN reply (RFC 6672 section 2.2). Judged, not trusted: it ends the resolution
 * only with the aa flag and, in the answer, a DNAME of the zone above the name (or the last name of
 * the CNAME chain) whose substitution really is longer than 255 octets.
 */
function classifyYxdomain(zone: string, msg: Message, chase: Chase): Outcome {
  if (!msg.aa) return { kind: 'lame', reason: 'YXDOMAIN without the aa flag' };
  const { name, chain, overflow } = chase;
  if (overflow) {
    const soa = findSoa(msg, zone, name);
    const reading = chase.reading && { reading: chase.reading };
    return { kind: 'yxdomain', name, dname: overflow.dname, octets: overflow.octets, chain, soa, ...reading };
  }
  const made = chase.reading?.synthesized.at(-1);
  const reason = made
    ? `YXDOMAIN, though the DNAME substitution of ${made.name} fits in ${MAX_NAME_OCTETS} octets (${cnameTarget(made)})`
    : `YXDOMAIN without a DNAME that makes ${name} longer than ${MAX_NAME_OCTETS} octets`;
  return { kind: 'misbehaving', reason };
}

/** Classifies an NS set in the authority section (no answer, no SOA) against the zone that was asked. */
function classifyDelegation(question: Question, zone: string, msg: Message, ns: ResourceRecord[]): Outcome {
  const child = ns[0].name;
  if (namesEqual(child, zone)) {
    return msg.aa
      ? { kind: 'nodata', name: question.name, chain: [] }
      : { kind: 'badReferral', zone: child, direction: 'same' };
  }
  if (isSubdomain(zone, child)) return { kind: 'badReferral', zone: child, direction: 'upward' };
  if (!isSubdomain(child, zone)) return { kind: 'lame', reason: `referral to ${child}, outside ${zone}` };
  if (!isSubdomain(question.name, child))
    return { kind: 'lame', reason: `referral to ${child}, which does not contain ${question.name}` };
  const nsNames = ns
    .filter((rr): rr is RecordOf<'NS'> => isRecordOf(rr, 'NS') && namesEqual(rr.name, child))
    .map((rr) => rr.rdata.target);
  const { glue, ignored } = inBailiwickGlue(child, nsNames, msg.additional);
  return { kind: 'referral', zone: child, nsNames, glue, ignoredGlue: ignored };
}

/**
 * Classifies the reply of a server of `zone` to `question` (asked with RD=0).
 * Only authoritative (aa) replies end a resolution; a referral must lead strictly below `zone`
 * and toward the question name.
 */
export function classifyReply(question: Question, zone: string, msg: Message): Outcome {
  if (msg.rcode === RCODE.REFUSED) return { kind: 'refused' };
  if (msg.rcode === RCODE.SERVFAIL) return { kind: 'servfail' };
  const known: number[] = [RCODE.NOERROR, RCODE.NXDOMAIN, RCODE.YXDOMAIN];
  if (!known.includes(msg.rcode)) return { kind: 'otherRcode', rcode: msg.rcode };
  const chase = chaseAnswer(question, zone, msg.answer);
  if (msg.rcode === RCODE.YXDOMAIN) return classifyYxdomain(zone, msg, chase);
  const overflow = chase.overflow;
  if (overflow) {
    if (!msg.aa) return { kind: 'lame', reason: 'answer without the aa flag' };
    // RFC 6672 2.2: the name cannot be rewritten, so the server must say YXDOMAIN, not that it leads somewhere.
    return {
      kind: 'misbehaving',
      reason: `${rcodeName(msg.rcode)}, not YXDOMAIN, though ${dnameFault(chase.name, overflow)}`,
    };
  }
  if (chase.records.length > 0 || chase.chain.length > 0) return classifyAnswer(zone, msg, chase);
  // An answer section of nothing but out-of-zone records is read as if it were empty; the records are reported.
  const reading = chase.reading && { reading: chase.reading };
  const soa = findSoa(msg, zone, question.name);
  // aa with only the SOA of another zone: the server claims a zone it was not asked about, not this one.
  const foreign = soa ? undefined : msg.authority.find((rr) => rr.type === RRType.SOA);
  if (msg.aa && foreign) return { kind: 'lame', reason: `aa with the SOA of ${foreign.name}, not of ${zone}` };
  if (msg.rcode === RCODE.NXDOMAIN) {
    return msg.aa
      ? { kind: 'nxdomain', name: question.name, chain: [], soa, ...reading }
      : { kind: 'lame', reason: 'NXDOMAIN without the aa flag' };
  }
  const ns = msg.authority.filter((rr) => rr.type === RRType.NS);
  if (ns.length > 0 && !soa) {
    const delegation = classifyDelegation(question, zone, msg, ns);
    return delegation.kind === 'referral' && reading ? { ...delegation, ...reading } : delegation;
  }
  if (msg.aa) return { kind: 'nodata', name: question.name, chain: [], soa, ...reading };
  return { kind: 'lame', reason: 'no aa flag and no referral' };
}
