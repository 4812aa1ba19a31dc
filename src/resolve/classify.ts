/** What a reply from a zone's name server means for an iterative resolution (pure). */
import type { Message, Question, ResourceRecord } from '../wire/types.js';
import { RCODE, RRType, TYPE } from '../wire/rrtypes.js';
import { isSubdomain, namesEqual } from '../wire/name.js';
import { inBailiwickGlue } from './bailiwick.js';

/** CNAMEs followed inside one reply; a longer chain in a single reply is a loop or abuse. */
const MAX_CHAIN_IN_REPLY = 32;

/** The meaning of one reply, with the data the next step needs. */
export type Outcome =
  /** Authoritative data for the name (after the CNAMEs in `chain`, if any). */
  | { kind: 'answer'; name: string; records: ResourceRecord[]; chain: ResourceRecord[] }
  /** Authoritative CNAME(s) ending at `target`, whose data this server did not give. */
  | { kind: 'cname'; target: string; chain: ResourceRecord[] }
  /** A delegation one or more cuts down: the child zone, its NS names and the glue worth using. */
  | { kind: 'referral'; zone: string; nsNames: string[]; glue: ResourceRecord[]; ignoredGlue: ResourceRecord[] }
  /** Authoritative: `name` does not exist. */
  | { kind: 'nxdomain'; name: string; chain: ResourceRecord[]; soa?: ResourceRecord }
  /** Authoritative: `name` exists but has no records of the type. */
  | { kind: 'nodata'; name: string; chain: ResourceRecord[]; soa?: ResourceRecord }
  /** The server is not authoritative for the zone it was asked about. */
  | { kind: 'lame'; reason: string }
  /** A referral to the zone itself or to one of its ancestors: following it would loop. */
  | { kind: 'badReferral'; zone: string; direction: 'upward' | 'same' }
  | { kind: 'refused' }
  | { kind: 'servfail' }
  | { kind: 'otherRcode'; rcode: number };

/** Outcome kinds that end the trace (or lead on) rather than sending the resolver to another server of the zone. */
export function isUsableOutcome(outcome: Outcome): boolean {
  return !['lame', 'refused', 'servfail', 'otherRcode'].includes(outcome.kind);
}

interface Chase {
  name: string;
  records: ResourceRecord[];
  chain: ResourceRecord[];
}

/** Follows the CNAMEs of the answer section from the question name, as far as the reply goes. */
function chaseAnswer(question: Question, answer: readonly ResourceRecord[]): Chase {
  let name = question.name;
  const chain: ResourceRecord[] = [];
  for (let step = 0; step <= MAX_CHAIN_IN_REPLY; step++) {
    const records = answer.filter(
      (rr) =>
        namesEqual(rr.name, name) &&
        (question.type === TYPE.ANY ? rr.type !== RRType.RRSIG : rr.type === question.type),
    );
    if (records.length > 0) return { name, records, chain };
    const cname =
      question.type === RRType.CNAME
        ? undefined
        : answer.find((rr) => rr.type === RRType.CNAME && namesEqual(rr.name, name));
    if (!cname || chain.includes(cname)) break;
    chain.push(cname);
    name = cname.data;
  }
  return { name, records: [], chain };
}

function findSoa(msg: Message): ResourceRecord | undefined {
  return msg.authority.find((rr) => rr.type === RRType.SOA);
}

/** Classifies a reply with an answer section that leads somewhere (data or CNAMEs). */
function classifyAnswer(zone: string, msg: Message, chase: Chase): Outcome {
  if (!msg.aa) return { kind: 'lame', reason: 'answer without the aa flag' };
  if (chase.records.length > 0) return { kind: 'answer', name: chase.name, records: chase.records, chain: chase.chain };
  const soa = findSoa(msg);
  if (msg.rcode === RCODE.NXDOMAIN) return { kind: 'nxdomain', name: chase.name, chain: chase.chain, soa };
  // An in-zone target with the zone's SOA: the server followed the CNAME and found nothing of the type.
  if (soa && isSubdomain(chase.name, zone)) return { kind: 'nodata', name: chase.name, chain: chase.chain, soa };
  return { kind: 'cname', target: chase.name, chain: chase.chain };
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
  const nsNames = ns.filter((rr) => namesEqual(rr.name, child)).map((rr) => rr.data);
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
  if (msg.rcode !== RCODE.NOERROR && msg.rcode !== RCODE.NXDOMAIN) return { kind: 'otherRcode', rcode: msg.rcode };
  const chase = chaseAnswer(question, msg.answer);
  if (chase.records.length > 0 || chase.chain.length > 0) return classifyAnswer(zone, msg, chase);
  if (msg.rcode === RCODE.NXDOMAIN) {
    return msg.aa
      ? { kind: 'nxdomain', name: question.name, chain: [], soa: findSoa(msg) }
      : { kind: 'lame', reason: 'NXDOMAIN without the aa flag' };
  }
  const soa = findSoa(msg);
  const ns = msg.authority.filter((rr) => rr.type === RRType.NS);
  if (ns.length > 0 && !soa) return classifyDelegation(question, zone, msg, ns);
  if (msg.aa) return { kind: 'nodata', name: question.name, chain: [], soa };
  return { kind: 'lame', reason: 'no aa flag and no referral' };
}
