/**
 * The verdict on one reply: every RRset of its answer section (the CNAME and DNAME chain, the
 * RRsets of the type asked, anything else it carries) and, when the chain ends without the type,
 * the denial; each judged by the walk (src/dnssec/walk.ts) against the zone that holds it.
 */
import { substitutedName } from '../resolve/dname.js';
import { isSubdomain, labelCount, namesEqual } from '../wire/name.js';
import { RCODE, rcodeName, typeName, TYPE } from '../wire/rrtypes.js';
import type { Message, ResourceRecord } from '../wire/types.js';
import { targetOf } from './records.js';
import { describe, rrsets } from './signatures.js';
import type { DnssecFetch, TrustAnchor, Validation, ValidationLimits, ValidationStatus } from './types.js';
import { type Step, Stop, Walk } from './walk.js';

export { checkSignature, rrsets } from './signatures.js';

/** CNAME and DNAME links followed within one reply. */
const MAX_CHAIN = 16;

const RANK: readonly ValidationStatus[] = ['bogus', 'indeterminate', 'insecure', 'secure'];

/** The weakest of the verdicts; among equals, the first. */
function worst(steps: readonly Step[]): Step {
  for (const status of RANK) {
    const found = steps.find((s) => s.status === status);
    if (found) return found;
  }
  return { status: 'indeterminate', reason: 'nothing to judge' };
}

/** The DNAME RRset of the reply that rewrites `name`: the deepest one at a strict ancestor. */
function dnameAbove(sets: readonly ResourceRecord[][], name: string): ResourceRecord[] | undefined {
  return sets
    .filter((s) => s[0].type === TYPE.DNAME && isSubdomain(name, s[0].name) && !namesEqual(name, s[0].name))
    .sort((a, b) => labelCount(b[0].name) - labelCount(a[0].name))[0];
}

/** Judges the answer section from qname along CNAMEs and DNAMEs, and the denial where the chain ends without the type. */
async function judge(walk: Walk, qname: string, qtype: number, reply: Message): Promise<Step> {
  // A YXDOMAIN carries its own proof, a DNAME that makes the name too long (RFC 6672 2.2); without one it says nothing.
  const yxdomain = reply.rcode === RCODE.YXDOMAIN && reply.answer.some((rr) => rr.type === TYPE.DNAME);
  if (reply.rcode !== RCODE.NOERROR && reply.rcode !== RCODE.NXDOMAIN && !yxdomain)
    return { status: 'indeterminate', reason: `the server replied ${rcodeName(reply.rcode)}` };
  if (reply.tc)
    return {
      status: 'indeterminate',
      reason: 'the reply was truncated (TC): its records are incomplete and cannot be judged',
    };
  // A referral (no answer, NS records, no SOA) answers nothing: the server does not serve the name.
  const referral =
    reply.rcode === RCODE.NOERROR && reply.answer.length === 0 && !reply.authority.some((r) => r.type === TYPE.SOA)
      ? reply.authority.find((r) => r.type === TYPE.NS)
      : undefined;
  if (referral)
    return { status: 'indeterminate', reason: `the reply is a referral to ${referral.name}, not an answer` };
  const sets = rrsets(reply.answer);
  const judged = new Set<ResourceRecord[]>();
  const steps: Step[] = [];
  const answer = async (set: ResourceRecord[]): Promise<void> => {
    judged.add(set);
    steps.push(await walk.answerSet(set, reply));
  };
  let name = qname;
  let answered = false;
  let overflowed = false;
  let links = 0;
  for (; links <= MAX_CHAIN && !answered; links++) {
    const own = sets.filter((s) => namesEqual(s[0].name, name));
    const wanted = qtype === TYPE.ANY ? own : own.filter((s) => s[0].type === qtype);
    if (wanted.length > 0) {
      for (const set of wanted) await answer(set);
      answered = true;
      break;
    }
    const cname = own.find((s) => s[0].type === TYPE.CNAME);
    // RFC 6672 5.3.3: the DNAME is validated, and the unsigned CNAME synthesized from it checked against it.
    const dname = dnameAbove(sets, name);
    if (dname) {
      await answer(dname);
      // dnameAbove picked a DNAME strictly above the name: no substitute means one too long (RFC 6672 2.2).
      const target = substitutedName(dname[0], name);
      if (target === undefined) {
        // The signed DNAME proves the YXDOMAIN; a reply that claims the name leads on is lying.
        if (yxdomain) {
          overflowed = true;
          break;
        }
        steps.push({ status: 'bogus', reason: `the DNAME at ${dname[0].name} makes a name too long of ${name}` });
        return worst(steps);
      }
      if (cname) {
        judged.add(cname);
        if (cname.length !== 1 || !namesEqual(targetOf(cname[0]), target))
          steps.push({
            status: 'bogus',
            reason: `the CNAME at ${name} is not the one the DNAME at ${dname[0].name} synthesizes (${target})`,
          });
      }
      name = target;
      continue;
    }
    if (!cname) break;
    await answer(cname);
    name = targetOf(cname[0]);
  }
  if (answered && reply.rcode !== RCODE.NOERROR)
    steps.push({
      status: 'bogus',
      reason: `${rcodeName(reply.rcode)}, yet the answer section holds ${name}'s records`,
    });
  if (yxdomain && !answered && !overflowed)
    steps.push({ status: 'bogus', reason: `YXDOMAIN, yet no DNAME in the answer makes ${name} too long` });
  else if (!answered && !overflowed) {
    if (links > MAX_CHAIN)
      steps.push({ status: 'indeterminate', reason: `the reply's CNAME chain is longer than ${MAX_CHAIN}` });
    // The name at the end of the chain has no RRset of the type: the reply must prove it.
    else steps.push(await walk.negative(name, qtype, reply));
  }
  // Whatever else the answer section carries is printed with the answer, yet answers nothing asked.
  for (const set of sets)
    if (!judged.has(set))
      steps.push({
        status: 'bogus',
        reason: `${describe(set)} in the answer section is not part of the answer to ${qname} ${typeName(qtype)}`,
      });
  const verdict = worst(steps);
  if (verdict.status !== 'secure') return verdict;
  return (await strayAuthority(walk, reply)) ?? verdict;
}

/**
 * The authority section of a secure answer may hold only what the zones of the answer signed: the
 * proofs some judgment used, and their SOA or NS RRsets, each verified. Anything else is a stray
 * an attacker added (a proof from another zone, a record nobody vouches for).
 */
async function strayAuthority(walk: Walk, reply: Message): Promise<Step | undefined> {
  for (const set of rrsets(reply.authority)) {
    const type = set[0].type;
    if (type === TYPE.NSEC || type === TYPE.NSEC3) {
      if (set.every((rr) => walk.usedProofs.has(rr))) continue;
      return { status: 'bogus', reason: `${describe(set)} in the authority section proves nothing the answer needs` };
    }
    if (!walk.zonesUsed.has(set[0].name.toLowerCase()))
      return {
        status: 'bogus',
        reason: `${describe(set)} in the authority section is not from a zone the answer comes from`,
      };
    const step = await walk.rrsetIn(set, reply.authority, set[0].name);
    if (step.status !== 'secure') return step;
  }
  return undefined;
}

/** Validates `reply` (the answer to qname/qtype) from the trust anchors; `now` in seconds since the epoch. */
export async function validateReply(
  qname: string,
  qtype: number,
  reply: Message,
  fetch: DnssecFetch,
  anchors: readonly TrustAnchor[],
  now: number,
  limits: ValidationLimits,
): Promise<Validation> {
  const walk = new Walk(fetch, anchors, now >>> 0, limits);
  walk.judgedAuthority = reply.authority;
  let step: Step;
  try {
    step = await judge(walk, qname, qtype, reply);
  } catch (error) {
    // Records too short to parse (a DNSKEY of two octets, a truncated DS) make the data bogus, not the run fail.
    if (error instanceof RangeError) step = { status: 'bogus', reason: `malformed DNSSEC record: ${error.message}` };
    else if (error instanceof Stop) step = { status: error.status, reason: error.message };
    else throw error;
  }
  const chain = [...walk.links.values()].sort((a, b) => labelCount(a.zone) - labelCount(b.zone));
  const result: Validation = { status: step.status, reason: step.reason, chain, queries: walk.queries };
  if (walk.anchorUsed) result.anchor = walk.anchorUsed;
  return result;
}
