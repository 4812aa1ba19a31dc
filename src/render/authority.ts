/**
 * What a reply claims to be, for the comment line under dig's flags: an authoritative answer, a
 * referral, an error, or an answer without the aa flag (from a resolver, or from a server that
 * offers no recursion). Pure: it reads the header and the sections, and trusts nothing else.
 */
import { RCODE, rcodeName, TYPE } from '../wire/rrtypes.js';
import { escapeText } from '../wire/escape.js';
import { namesEqual } from '../wire/name.js';
import type { Message } from '../wire/types.js';

/** The kinds of reply the line tells apart. */
export type ReplyClaim =
  /** aa set on a NOERROR or NXDOMAIN reply: the server answered from its own zone data. */
  | { kind: 'authoritative' }
  /** No answer, an NS set for one zone in the authority section, no SOA, aa clear: a delegation. */
  | { kind: 'referral'; zone: string }
  /** An error RCODE (REFUSED, FORMERR, SERVFAIL, NOTIMP, BADCOOKIE...): no answer of any kind. */
  | { kind: 'error'; rcode: number }
  /** aa clear, RA set: a resolver's answer (from its cache or relayed). */
  | { kind: 'recursive' }
  /** aa clear, RA clear: not authoritative, and the server does not say it resolves. */
  | { kind: 'nonRecursive' };

/** The NS set's zone when the authority section is a delegation (NS records of one owner, no SOA). */
function delegatedZone(msg: Message): string | undefined {
  if (msg.answer.length > 0 || msg.authority.some((rr) => rr.type === TYPE.SOA)) return undefined;
  const ns = msg.authority.filter((rr) => rr.type === TYPE.NS);
  if (ns.length === 0 || ns.some((rr) => !namesEqual(rr.name, ns[0].name))) return undefined;
  return ns[0].name;
}

/** Reads what kind of reply `msg` is: the error RCODE first, then aa, then the delegation, then RA. */
export function replyClaim(msg: Message): ReplyClaim {
  if (msg.rcode !== RCODE.NOERROR && msg.rcode !== RCODE.NXDOMAIN) return { kind: 'error', rcode: msg.rcode };
  if (msg.aa) return { kind: 'authoritative' };
  const zone = msg.rcode === RCODE.NOERROR ? delegatedZone(msg) : undefined;
  if (zone !== undefined) return { kind: 'referral', zone };
  return msg.ra ? { kind: 'recursive' } : { kind: 'nonRecursive' };
}

/** The line's text (without colour); the zone name from the reply is escaped here, whatever made it. */
export function claimText(claim: ReplyClaim): string {
  switch (claim.kind) {
    case 'authoritative':
      return ';; AUTHORITATIVE ANSWER: aa flag set, the server answered from its own zone data';
    case 'referral':
      return `;; REFERRAL: referral to ${escapeText(claim.zone)}, not an answer (aa flag not set)`;
    case 'error':
      return `;; ERROR REPLY: ${rcodeName(claim.rcode)}, the server gave no answer`;
    case 'recursive':
      return ';; NON-AUTHORITATIVE ANSWER: aa flag not set (relayed or cached by a resolver)';
    case 'nonRecursive':
      return ';; NON-AUTHORITATIVE ANSWER: aa flag not set, and the server offers no recursion (ra flag not set)';
  }
}
