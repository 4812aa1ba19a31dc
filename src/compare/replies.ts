/**
 * One server's reply (or failure) as +compare keeps it: a pure function of the exchange. The rules:
 * only NOERROR and NXDOMAIN are answers; a server of the zone must set aa (RFC 1034 4.3.1), and a
 * listed server must set aa or RA (a resolver's answer) - a reply with neither is lame.
 */
import { isMalformed, isTimeout, TsdigError } from '../errors.js';
import type { Exchange } from '../resolve/types.js';
import { escapeBytes, escapeText } from '../wire/escape.js';
import { EDNS_OPTION, RCODE, TYPE } from '../wire/rrtypes.js';
import type { EdnsOption, Message } from '../wire/types.js';
import { replySerial } from './records.js';
import type { CompareTarget, ServerAnswer, ServerReply } from './types.js';

/** The NSID option's data as dig's character-string text: printable ASCII as it is, \DDD for the rest, \" and \\. */
function nsidText(message: Message): string | undefined {
  const option = message.edns?.options.find((opt) => opt.code === EDNS_OPTION.NSID);
  if (!option) return undefined;
  return escapeBytes(option.data);
}

/** The reply's extended DNS error options (RFC 8914). */
function edeOf(message: Message): EdnsOption[] {
  return (message.edns?.options ?? []).filter((opt) => opt.code === EDNS_OPTION.EDE);
}

/** Why an answer does not count: a server that is neither authoritative nor a resolver for the question. */
function lameReason(message: Message, target: CompareTarget): string | undefined {
  if (message.aa) return undefined;
  if (target.origin === 'zone') return 'not authoritative (no aa flag)';
  if (message.ra) return undefined;
  const referral = message.authority.some((rr) => rr.type === TYPE.NS) && message.answer.length === 0;
  return referral ? 'a referral, neither authoritative nor recursive' : 'neither authoritative (aa) nor recursive (RA)';
}

/** The server's reply as +compare keeps it: an answer, or why it is none. */
export function replyFromExchange(target: CompareTarget, exchange: Exchange): ServerReply {
  const message = exchange.response;
  const rttMs = exchange.rttMs;
  const { rcode } = message;
  if (rcode === RCODE.REFUSED) return { target, rttMs, failure: { kind: 'refused', message: 'REFUSED' } };
  if (rcode === RCODE.SERVFAIL) {
    const ede = edeOf(message);
    const failure = { kind: 'servfail' as const, message: 'SERVFAIL', rcode, ...(ede.length > 0 && { ede }) };
    return { target, rttMs, failure };
  }
  if (rcode !== RCODE.NOERROR && rcode !== RCODE.NXDOMAIN)
    return { target, rttMs, failure: { kind: 'rcode', message: `RCODE ${rcode}`, rcode } };
  const lame = lameReason(message, target);
  if (lame) return { target, rttMs, failure: { kind: 'lame', message: lame } };
  const answer: ServerAnswer = {
    rcode,
    aa: message.aa,
    ra: message.ra,
    tc: message.tc,
    ad: message.ad,
    records: message.answer.filter((rr) => rr.type !== TYPE.RRSIG),
    ...replySerial(message),
    ede: edeOf(message),
    size: message.size,
    protocol: exchange.protocol === 'tcp' ? 'tcp' : 'udp',
  };
  if (message.edns) answer.edns = { version: message.edns.version, udpSize: message.edns.udpSize };
  const nsid = nsidText(message);
  if (nsid !== undefined) answer.nsid = nsid;
  return { target, rttMs, answer };
}

/** A server that gave no usable reply, from the error the exchange ended with (anything else is a bug, rethrown). */
export function replyFromError(target: CompareTarget, error: unknown, rttMs: number): ServerReply {
  if (!(error instanceof TsdigError)) throw error;
  const message = escapeText(error.message);
  if (isTimeout(error)) return { target, rttMs, failure: { kind: 'timeout', message } };
  if (isMalformed(error) || error.code.startsWith('wire.') || error.code === 'transport.mismatch')
    return { target, rttMs, failure: { kind: 'malformed', message } };
  // Refused, unreachable or any other failure of the exchange: the server gave nothing to compare.
  return { target, rttMs, failure: { kind: 'unreachable', message } };
}
