/**
 * dig's layout for a zone transfer: every message as it arrives (records only unless +comments),
 * dig's own failure lines, and a footer whose last line is `;; XFR size: N records (messages M, bytes B)`.
 * Pure: each function returns the text for one step; the caller writes it at once.
 */
import type { TransferResult } from '../resolve/transfer.js';
import { TYPE } from '../wire/rrtypes.js';
import type { Message } from '../wire/types.js';
import { renderMessage, rttText, serverText, shortData, tsigWarning, whenText, type DigContext } from './dig.js';

/** The query as sent (+qr): the header and OPT only with +comments, then dig's `;; QUERY SIZE:` line. */
export function renderTransferQuery(query: Message, size: number, ctx: DigContext): string {
  const sending = ctx.display.comments ? ';; Sending:\n' : '';
  return `${sending}${renderMessage(query, ctx, { isQuery: true })};; QUERY SIZE: ${size}\n\n`;
}

/**
 * +onesoa as dig applies it to an AXFR: the first message keeps its first SOA only, later
 * messages show none, so the closing SOA is not printed.
 */
export function oneSoa(message: Message, index: number): Message {
  let seen = index > 0;
  const answer = message.answer.filter((record) => {
    if (record.type !== TYPE.SOA) return true;
    if (seen) return false;
    seen = true;
    return true;
  });
  return { ...message, answer };
}

/** One message of the transfer: the answer's data lines with +short, else the message in dig's layout. */
export function renderTransferMessage(
  message: Message,
  index: number,
  ctx: DigContext,
  options: { axfr: boolean; sentCookie?: Uint8Array },
): string {
  const { display } = ctx;
  if (display.short) {
    if (!display.answer) return '';
    let out = '';
    for (const record of message.answer) out += `${shortData(record, display)}\n`;
    return out;
  }
  const shown = display.onesoa && options.axfr ? oneSoa(message, index) : message;
  const got = display.comments ? ';; Got answer:\n' : '';
  return got + renderMessage(shown, ctx, { isQuery: false, sentCookie: options.sentCookie });
}

/** The footer after a complete transfer (nothing with +nostats or +short). */
export function renderTransferStats(result: TransferResult, ctx: DigContext): string {
  if (!ctx.display.stats || ctx.display.short || !result.server) return '';
  return (
    `;; Query time: ${rttText(result.rttMs, ctx.usec, ['msec', 'usec'])}\n` +
    `;; SERVER: ${serverText(result.server, ctx.serverLabel)} (TCP)\n` +
    `;; WHEN: ${whenText(result.receivedAt)}\n` +
    `;; XFR size: ${result.records} records (messages ${result.messages}, bytes ${result.bytes})\n` +
    tsigWarning(result.tsig) +
    '\n'
  );
}
