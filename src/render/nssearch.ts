/** +nssearch in dig's layout: one line per name server reply, printed as the replies come. */
import type { DisplayFlags } from '../cli/types.js';
import type { NsSearchEvent, NsSearchResult, NsServerResult } from '../resolve/nssearch.js';
import { escapeText } from '../wire/escape.js';
import { RCODE, rcodeName, typeName } from '../wire/rrtypes.js';
import { rttText, shortData } from './dig.js';
import type { Palette } from './palette.js';

/** What the lines need besides the event. */
export interface NsSearchRenderOptions {
  palette: Palette;
  display: DisplayFlags;
  /** -u: times in microseconds. */
  usec?: boolean;
}

/** A name in dig's `couldn't get address for 'NAME'` line: without the final dot, as dig writes it. */
function bareName(name: string): string {
  return name.length > 1 && name.endsWith('.') ? name.slice(0, -1) : name;
}

/**
 * One server's lines: `SOA <data> from server <address> in <N> ms.` for each answer record, as dig
 * prints them; a reply without one (REFUSED, SERVFAIL, a lame NOERROR) gets a comment line of its
 * own, where dig prints nothing; a server that never answered gets dig's communication error lines.
 */
export function renderNsServer(result: NsServerResult, options: NsSearchRenderOptions): string {
  const { palette } = options;
  const events = result.events.map((event) => `${palette.error(`;; ${escapeText(event.text)}`)}\n`).join('');
  const exchange = result.exchange;
  if (!exchange) return events;
  const suffix = ` from server ${exchange.server.address} in ${rttText(exchange.rttMs, options.usec, ['ms', 'us'], Math.floor)}.`;
  const answer = exchange.response.answer;
  if (answer.length > 0) {
    return events + answer.map((rr) => `${typeName(rr.type)} ${shortData(rr, options.display)}${suffix}\n`).join('');
  }
  const rcode = exchange.response.rcode;
  const what = rcode === RCODE.NOERROR ? 'no SOA record' : rcodeName(rcode);
  return `${events + palette.warning(`;; ${what}${suffix}`)}\n`;
}

/** The text of one step of a +nssearch, as it happens. */
export function renderNsSearchEvent(event: NsSearchEvent, options: NsSearchRenderOptions): string {
  switch (event.kind) {
    case 'lookup':
      return `${options.palette.error(`;; ${escapeText(event.event.text)}`)}\n`;
    case 'noAddress':
      return `couldn't get address for '${bareName(event.entry.name)}': ${event.entry.failure}\n`;
    case 'server':
      return renderNsServer(event.result, options);
  }
}

/** The closing line, when the search failed after the NS set was found (dig's `;; NS servers could not be reached`). */
export function renderNsSearchEnd(result: NsSearchResult, options: NsSearchRenderOptions): string {
  if (!result.error || !result.ns.exchange) return '';
  return `${options.palette.error(`;; ${escapeText(result.error.message)}`)}\n`;
}

/** A whole +nssearch after the fact (several queries, or output that is not streamed): the same lines, in the same order. */
export function renderNsSearch(result: NsSearchResult, options: NsSearchRenderOptions): string {
  const steps: NsSearchEvent[] = [
    ...result.ns.events.map((event): NsSearchEvent => ({ kind: 'lookup', event })),
    ...result.nameServers
      .filter((entry) => entry.failure)
      .map((entry): NsSearchEvent => ({ kind: 'noAddress', entry })),
    ...result.servers.map((server): NsSearchEvent => ({ kind: 'server', result: server })),
  ];
  return steps.map((step) => renderNsSearchEvent(step, options)).join('') + renderNsSearchEnd(result, options);
}
