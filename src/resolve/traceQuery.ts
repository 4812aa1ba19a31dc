/**
 * The queries a trace sends to one zone's servers. Unlike a lookup, where the user chose the query
 * and sees the reply as it is, the trace chooses its queries, so it does what resolvers do when a
 * server cannot take them: a server that answers FORMERR or NOTIMP (without an OPT record) to a
 * query with EDNS is asked again without EDNS and DO, and is asked so for the rest of the trace.
 * What was retried (EDNS, BADVERS, BADCOOKIE) is noted on the hop.
 */
import { RCODE } from '../wire/rrtypes.js';
import { endpointText } from './exchange.js';
import { takeQuery, type TraceContext } from './traceContext.js';
import type { Hop } from './traceTypes.js';
import type { ExchangeSettings, QueryFn } from './types.js';

/** The settings without EDNS: no OPT record, so no DO bit, cookie, NSID, client subnet or other option. */
export function withoutEdns(settings: ExchangeSettings): ExchangeSettings {
  const { subnet: _subnet, ednsExtras: _extras, clientCookie: _client, ...rest } = settings;
  return { ...rest, edns: null, dnssec: false, nsid: false, cookie: false };
}

/** A server's way of saying it does not do EDNS (RFC 6891 section 7): FORMERR or NOTIMP, and no OPT record. */
function refusesEdns(rcode: number, hasOpt: boolean): boolean {
  return !hasOpt && (rcode === RCODE.FORMERR || rcode === RCODE.NOTIMP);
}

/** The QueryFn for one hop: EDNS fallback, and notes on `hop` for every retry. */
export function hopQuery(ctx: TraceContext, hop: Hop): QueryFn {
  return async (server, question, settings, onEvent) => {
    const key = endpointText(server);
    const who = `${server.name ?? server.address} (${server.address})`;
    const note = (text: string): void => {
      if (!hop.notes.includes(text)) hop.notes.push(text);
    };
    const query = (sent: ExchangeSettings) =>
      ctx.deps.query(server, question, sent, (event) => {
        if (event.kind === 'retry') note(`${who}: ${event.text}`);
        onEvent?.(event);
      });
    if (settings.edns !== null && ctx.ednsless.has(key)) {
      note(`${who} does not support EDNS: asked without it`);
      return query(withoutEdns(settings));
    }
    const exchange = await query(settings);
    const reply = exchange.response;
    if (settings.edns === null || !refusesEdns(reply.rcode, reply.edns !== undefined)) return exchange;
    // The second query counts against the trace's budget like any other; without budget the refusal stands.
    if (!takeQuery(ctx, { name: server.name ?? server.address, address: server.address, port: server.port }))
      return exchange;
    ctx.ednsless.add(key);
    note(`${who} does not support EDNS: retried without it`);
    return query(withoutEdns(settings));
  };
}
