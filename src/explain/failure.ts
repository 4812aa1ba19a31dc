/** Which lookups +explain has something to say about: a pure reading of the lookup's result and verdict. */
import type { Validation } from '../dnssec/types.js';
import type { LookupResult } from '../resolve/types.js';
import type { Endpoint } from '../transport/types.js';
import { escapeText } from '../wire/escape.js';
import { EDNS_OPTION, RCODE } from '../wire/rrtypes.js';
import type { LookupFailure, LookupSide } from './types.js';

/** How the lookup failed: no reply, SERVFAIL, NXDOMAIN, YXDOMAIN, REFUSED, or a bogus verdict; undefined when it did not. */
export function lookupFailure(result: LookupResult, verdict?: Validation): LookupFailure | undefined {
  const reply = result.exchange?.response;
  if (!reply) return 'timeout';
  if (reply.rcode === RCODE.SERVFAIL) return 'servfail';
  if (reply.rcode === RCODE.NXDOMAIN) return 'nxdomain';
  if (reply.rcode === RCODE.YXDOMAIN) return 'yxdomain';
  if (reply.rcode === RCODE.REFUSED) return 'refused';
  if (verdict?.status === 'bogus') return 'bogus';
  return undefined;
}

/** The lookup's side of the story: its failure, the server (`asked` when none replied), the EDE options it got (RFC 8914). */
export function lookupSide(result: LookupResult, verdict?: Validation, asked?: Endpoint): LookupSide {
  const failure = lookupFailure(result, verdict);
  const exchange = result.exchange;
  const ede = (exchange?.response.edns?.options ?? []).filter((opt) => opt.code === EDNS_OPTION.EDE);
  const side: LookupSide = { ede };
  if (failure) side.failure = failure;
  const server = exchange?.server ?? asked;
  if (server) side.server = server;
  if (failure === 'bogus' && verdict) side.verdict = escapeText(verdict.reason);
  return side;
}
