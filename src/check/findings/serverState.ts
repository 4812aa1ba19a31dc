/** What a name-server address is for its zone, judged from its replies (pure). */
import { RCODE, rcodeName, TYPE } from '../../wire/rrtypes.js';
import { recordsAt } from '../records.js';
import type { ProbeResult, ServerData } from '../types.js';

/** How a server fared with one query about its zone. */
export type ServerState =
  | { kind: 'authoritative' }
  | { kind: 'lame'; reason: string }
  | { kind: 'refused' }
  | { kind: 'silent' }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'malformed'; reason: string }
  | { kind: 'missing' };

/**
 * Judges one reply to `zone SOA`: authoritative only with aa, NOERROR and the zone's own SOA in the
 * answer; REFUSED is a refusal; anything else (no aa, a referral, SERVFAIL) makes the server lame.
 */
export function stateOf(result: ProbeResult | undefined, zone: string): ServerState {
  if (!result || result.kind === 'skipped') return { kind: 'missing' };
  if (result.kind === 'failed') {
    if (result.failure === 'timeout') return { kind: 'silent' };
    if (result.failure === 'malformed') return { kind: 'malformed', reason: result.message };
    return { kind: 'unreachable', reason: result.message };
  }
  const message = result.message;
  if (message.rcode === RCODE.REFUSED) return { kind: 'refused' };
  if (message.rcode !== RCODE.NOERROR) return { kind: 'lame', reason: `${rcodeName(message.rcode)} to ${zone} SOA` };
  if (!message.aa) {
    const referral = message.authority.find((rr) => rr.type === TYPE.NS);
    return { kind: 'lame', reason: referral ? `a referral to ${referral.name} instead of an answer` : 'no aa flag' };
  }
  if (recordsAt(message.answer, zone, TYPE.SOA).length === 0) return { kind: 'lame', reason: `no SOA for ${zone}` };
  return { kind: 'authoritative' };
}

/** The server's state over UDP, and over TCP when it was asked that way too. */
export function serverStates(server: ServerData, zone: string): { udp: ServerState; tcp: ServerState } {
  return { udp: stateOf(server.probes.soa, zone), tcp: stateOf(server.probes.tcp, zone) };
}

/** Whether the server gave an authoritative answer over UDP or TCP. */
export function isAuthoritative(server: ServerData, zone: string): boolean {
  const { udp, tcp } = serverStates(server, zone);
  return udp.kind === 'authoritative' || tcp.kind === 'authoritative';
}

/** Whether the server gave any reply at all (usable or not) over UDP or TCP. */
export function answers(server: ServerData): boolean {
  return server.probes.soa?.kind === 'reply' || server.probes.tcp?.kind === 'reply';
}
