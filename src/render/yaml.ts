/**
 * The +yaml view (dig 9.18's layout, which dig and delv print and scripts parse): one flat YAML
 * sequence of `- type: MESSAGE` items, one per message shown (with +qr the query before its reply),
 * and `- type: DIG_ERROR` where dig has a failure to report. dig's `;;` lines (warnings, retries,
 * communication errors) are left out, as dig leaves them out; where dig's own +yaml would print
 * something that is not YAML (its banner with +cmd, `; Transfer failed.`), tsdig prints a DIG_ERROR
 * item or nothing, so the output always parses. Loaded only for +yaml.
 */
import type { DisplayFlags } from '../cli/types.js';
import type { NsSearchResult } from '../resolve/nssearch.js';
import type { Hop, TraceResult } from '../resolve/traceTypes.js';
import type { Exchange, LookupResult } from '../resolve/types.js';
import { decodeMessage } from '../wire/decode.js';
import { EDNS_OPTION } from '../wire/rrtypes.js';
import type { Message } from '../wire/types.js';
import { cookieVerdict } from './dig.js';
import { yamlError, yamlMessage, type YamlDisplay, type YamlMessageOptions, type YamlWire } from './yamlMessage.js';

export { yamlError, yamlMessage, type YamlWire } from './yamlMessage.js';

/** What every +yaml item of a query shares. */
export interface YamlContext {
  display: DisplayFlags;
  /** -b address[#port]. */
  source?: { address: string; port: number };
  /** -u: timestamps to the microsecond. */
  usec?: boolean;
  /** +idnout on a terminal. */
  displayName?: (name: string) => string;
}

/** dig's +nssearch shows each server's reply as a bare header: no OPT pseudosection, no sections. */
const HEADER_ONLY: YamlDisplay = {
  comments: false,
  question: false,
  answer: false,
  authority: false,
  additional: false,
};

/** The wire facts of an exchange: its query (`forQuery`) or its reply. */
function exchangeWire(exchange: Exchange, ctx: YamlContext, forQuery: boolean): YamlWire {
  const receivedAt = exchange.receivedAt.getTime();
  const wire: YamlWire = {
    server: exchange.server,
    protocol: exchange.protocol,
    sentAt: receivedAt - exchange.rttMs,
    size: forQuery ? exchange.query.length : exchange.raw.length,
    usec: ctx.usec,
  };
  if (!forQuery) wire.receivedAt = receivedAt;
  if (ctx.source) wire.source = ctx.source;
  return wire;
}

/** The query as sent, decoded only when +qr shows it; undefined if it does not decode (it always should). */
function sentQuery(exchange: Exchange): Message | undefined {
  try {
    return decodeMessage(exchange.query);
  } catch {
    return undefined;
  }
}

/** A reply as a MESSAGE item, with dig's verdict on the server's COOKIE given the one `sentCookie` we sent. */
export function yamlReply(
  reply: Message,
  wire: YamlWire,
  ctx: YamlContext,
  sentCookie: Uint8Array | undefined,
  more: { display?: YamlDisplay; answerShown?: Message['answer'] } = {},
): string {
  const returned = reply.edns?.options.find((option) => option.code === EDNS_OPTION.COOKIE)?.data;
  const options: YamlMessageOptions = {
    isQuery: false,
    display: more.display ?? ctx.display,
    cookieVerdict: returned && reply.qr ? cookieVerdict(sentCookie, returned) : '',
    displayName: ctx.displayName,
  };
  if (more.answerShown) options.answerShown = more.answerShown;
  return yamlMessage(reply, wire, options);
}

/** One exchange as dig's +yaml prints it: with +qr the query, then the reply. */
export function yamlExchange(exchange: Exchange, ctx: YamlContext, display: YamlDisplay = ctx.display): string {
  let out = '';
  const query = ctx.display.qr ? sentQuery(exchange) : undefined;
  if (query) out += yamlMessage(query, exchangeWire(exchange, ctx, true), { isQuery: true, display });
  const sent = exchange.sentCookie ?? query?.edns?.options.find((option) => option.code === EDNS_OPTION.COOKIE)?.data;
  return out + yamlReply(exchange.response, exchangeWire(exchange, ctx, false), ctx, sent, { display });
}

/** A lookup: each +showsearch reply, then the answer; a DIG_ERROR item when no usable reply came. */
export function yamlLookup(result: LookupResult, ctx: YamlContext): string {
  let out = '';
  for (const exchange of result.searched ?? []) out += yamlExchange(exchange, ctx);
  if (!result.exchange) return out + yamlError(result.error?.message ?? 'no servers could be reached');
  return out + yamlExchange(result.exchange, ctx);
}

/** One hop of a +trace: the reply it used (and its query with +qr); nothing for a hop without one. */
export function yamlTraceHop(hop: Hop, ctx: YamlContext): string {
  // A hop served from the batch's cache received no message: YAML shows messages received only.
  return hop.exchange && !hop.cached ? yamlExchange(hop.exchange, ctx) : '';
}

/** A whole +trace; `streamed`: its hops were already printed as they ended, only the end is left. */
export function yamlTrace(result: TraceResult, ctx: YamlContext, streamed: boolean): string {
  const hops = streamed ? '' : result.hops.map((hop) => yamlTraceHop(hop, ctx)).join('');
  return hops + (result.error ? yamlError(result.error.message) : '');
}

/** A +nssearch: each name server's SOA reply as a bare header, as dig prints it, and the failure if any. */
export function yamlNsSearch(result: NsSearchResult, ctx: YamlContext): string {
  if (!result.ns.exchange) return yamlLookup(result.ns, ctx);
  let out = '';
  for (const server of result.servers) if (server.exchange) out += yamlExchange(server.exchange, ctx, HEADER_ONLY);
  return out + (result.error ? yamlError(result.error.message) : '');
}
