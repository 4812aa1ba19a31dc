/** dig's default text layout, line for line, so tsdig output can be read at a glance and diffed against dig. */
import type { DisplayFlags } from '../cli/types.js';
import type { Exchange, LookupEvent, LookupResult } from '../resolve/types.js';
import type { Endpoint } from '../transport/types.js';
import { escapeText } from '../wire/escape.js';
import { formatQuestion, formatRecord, recordData, type RecordFormat } from './record.js';
import { ednsOptionText } from './ednsText.js';
import { rdataText } from './rdata/present.js';
import { decodeMessage } from '../wire/decode.js';
import { EDNS_FLAG, EDNS_OPTION, OPCODE, opcodeName, RCODE, rcodeName, TYPE } from '../wire/rrtypes.js';
import type { Edns, Message, ResourceRecord } from '../wire/types.js';
import { claimText, replyClaim } from './authority.js';
import type { Palette } from './palette.js';

/** What the dig renderer needs besides the result itself. */
export interface DigContext {
  display: DisplayFlags;
  palette: Palette;
  /** How the user named the server (`@ns1`, or the resolv.conf address), shown in `;; SERVER: ADDR#PORT(NAME)`. */
  serverLabel?: string;
  /** How owner names are shown (+idnout on a terminal: Unicode for valid A-labels); default as received. */
  displayName?: (name: string) => string;
  /** -u: times in microseconds. */
  usec?: boolean;
}

/** A round-trip time as dig prints it: in milliseconds, or with -u in microseconds; `units` names each. */
export function rttText(
  ms: number,
  usec: boolean | undefined,
  units: readonly [string, string],
  round: (n: number) => number = Math.round,
): string {
  return usec ? `${round(ms * 1000)} ${units[1]}` : `${round(ms)} ${units[0]}`;
}

/**
 * The `; <<>> tsdig VERSION <<>> ARGS` block dig prints once, before the first lookup; `short`: +short
 * was on when the first name was read (dig's `;; global options: +short +cmd`).
 */
export function renderCommandHeader(
  version: string,
  argv: readonly string[],
  serversFound: number | undefined,
  short = false,
): string {
  let out = `\n; <<>> tsdig ${version} <<>> ${escapeText(argv.join(' '))}\n`;
  if (serversFound !== undefined) out += `; (${serversFound} server${serversFound === 1 ? '' : 's'} found)\n`;
  return `${out};; global options: ${short ? '+short ' : ''}+cmd\n`;
}

/** The command header of a later batch line: its own words, as dig -f prints them before the line's output. */
export function renderBanner(version: string, words: readonly string[]): string {
  return `; <<>> tsdig ${version} <<>> ${escapeText(words.join(' '))}\n`;
}

/** Whether dig prints the event as a comment (truncation, next server, BADVERS/BADCOOKIE retry): hidden by +nocomments. */
export function isCommentEvent(event: LookupEvent): boolean {
  return event.kind === 'truncated' || event.kind === 'nextServer' || event.kind === 'retry';
}

/** Event lines (`;; Truncated, retrying in TCP mode.`, communication errors, warnings), as dig prints them as they happen. */
export function renderEvents(events: LookupEvent[], palette: Palette): string {
  if (events.length === 0) return '';
  return events
    .map((event) => {
      // Event text quotes names typed and names from certificates and replies: escaped here, at the edge, whatever made it.
      const line = `;; ${escapeText(event.text)}`;
      if (event.kind === 'commError' || event.kind === 'badPacket') return `${palette.error(line)}\n`;
      if (event.kind === 'warning') return `${palette.warning(line)}\n`;
      return `${line}\n`;
    })
    .join('');
}

const FLAG_ORDER: Array<[keyof Message, string]> = [
  ['qr', 'qr'],
  ['aa', 'aa'],
  ['tc', 'tc'],
  ['rd', 'rd'],
  ['ra', 'ra'],
  ['ad', 'ad'],
  ['cd', 'cd'],
];

function flagsText(msg: Message): string {
  let out = '';
  for (const [key, text] of FLAG_ORDER) if (msg[key] === true) out += out === '' ? text : ` ${text}`;
  return out;
}

/** dig's verdict on a COOKIE the server sent back, given the client cookie we sent. */
export function cookieVerdict(sent: Uint8Array | undefined, received: Uint8Array): string {
  if (!sent || sent.length < 8) return '';
  const client = Buffer.from(received.subarray(0, 8));
  if (!client.equals(Buffer.from(sent.subarray(0, 8)))) return ' (bad)';
  return received.length > 8 ? ' (good)' : ' (echoed)';
}

function renderEdns(msg: Message, edns: Edns, sentCookie: Uint8Array | undefined, isQuery: boolean): string {
  const flags = (edns.do ? ' do' : '') + (edns.flags & EDNS_FLAG.CO ? ' co' : '');
  let out = ';; OPT PSEUDOSECTION:\n';
  out += `; EDNS: version: ${edns.version}, flags:${flags}; `;
  const mbz = edns.flags & 0x3fff;
  if (mbz !== 0) out += `MBZ: 0x${mbz.toString(16).padStart(4, '0')}, `;
  out += `udp: ${edns.udpSize}\n`;
  for (const option of edns.options) {
    const verdict = option.code === EDNS_OPTION.COOKIE && msg.qr ? cookieVerdict(sentCookie, option.data) : '';
    // dig prints the query it built, whose PADDING is filled in only as it goes out: "PAD:" without a length.
    const shown =
      isQuery && option.code === EDNS_OPTION.PADDING ? { code: option.code, data: new Uint8Array(0) } : option;
    out += `; ${ednsOptionText(shown)}${verdict}\n`;
  }
  return out;
}

/** Section titles: an UPDATE message has zone, prerequisite and update sections where a query has question, answer and authority. */
const SECTION_TITLES = {
  query: ['QUESTION', 'ANSWER', 'AUTHORITY'],
  update: ['ZONE', 'PREREQUISITE', 'UPDATE'],
} as const;

/** The record switches of dig's display flags, for formatRecord and formatQuestion. */
export function recordFormat(
  display: Pick<
    DisplayFlags,
    'ttlid' | 'class' | 'ttlunits' | 'multiline' | 'split' | 'rrcomments' | 'crypto' | 'unknownformat' | 'expandaaaa'
  >,
): RecordFormat {
  const format: RecordFormat = {
    ttl: display.ttlid,
    class: display.class,
    ttlUnits: display.ttlunits,
    multiline: display.multiline,
    split: display.split,
    rrcomments: display.rrcomments,
  };
  // Only set when asked for, so the common case keeps formatRecord's fast path.
  if (display.crypto === false) format.crypto = false;
  if (display.unknownformat) format.unknownFormat = true;
  if (display.expandaaaa) format.expandAaaa = true;
  return format;
}

function renderSection(
  title: string,
  records: ResourceRecord[],
  ctx: DigContext,
  heading = `;; ${title} SECTION:`,
): string {
  const { display, palette, displayName } = ctx;
  if (records.length === 0) return '';
  const format = recordFormat(display);
  let lines = '';
  for (const rr of records) {
    if (lines !== '') lines += '\n';
    lines += formatRecord(displayName ? { ...rr, name: displayName(rr.name) } : rr, format);
  }
  if (!display.comments) return `${lines}\n`;
  return `${palette.comment(heading)}\n${lines}\n\n`;
}

/** What the reply is (authoritative answer, referral, error, non-authoritative answer), in a comment line under the flags. */
function authorityLine(msg: Message, palette: Palette): string {
  const claim = replyClaim(msg);
  const text = claimText(claim);
  if (claim.kind === 'authoritative') return palette.authoritative(text);
  return claim.kind === 'error' ? palette.warning(text) : palette.nonAuthoritative(text);
}

/** dig's two header lines of a message: opcode, status and id; then the flags and the section counts. */
export function headerLines(msg: Message, palette: Palette): string {
  const status = palette.status(rcodeName(msg.rcode), msg.rcode);
  let out = `;; ->>HEADER<<- opcode: ${opcodeName(msg.opcode)}, status: ${status}, id: ${msg.id}\n`;
  // The Z bit has no name: dig shows it as a must-be-zero value.
  out += `;; flags: ${flagsText(msg)}${msg.z ? '; MBZ: 0x4' : ''}; QUERY: ${msg.question.length}, ANSWER: ${msg.answer.length}, `;
  out += `AUTHORITY: ${msg.authority.length}, ADDITIONAL: ${msg.additional.length + (msg.edns ? 1 : 0)}\n`;
  return out;
}

/** One message (reply, or with +qr the query) in dig's layout: header, OPT pseudosection, sections. */
export function renderMessage(
  msg: Message,
  ctx: DigContext,
  options: { isQuery: boolean; sentCookie?: Uint8Array; ednsRefused?: string },
): string {
  const { display, palette } = ctx;
  let out = '';
  const titles = msg.opcode === OPCODE.UPDATE ? SECTION_TITLES.update : SECTION_TITLES.query;
  if (display.comments) {
    out += headerLines(msg, palette);
    if (!options.isQuery) {
      if (msg.rd && !msg.ra) out += `${palette.warning(';; WARNING: recursion requested but not available')}\n`;
      if (options.ednsRefused) out += `\n${palette.warning(options.ednsRefused)}\n`;
      for (const warning of msg.warnings) out += `${palette.warning(`;; Warning: ${warning}`)}\n`;
      out += `${authorityLine(msg, palette)}\n`;
    }
    out += '\n';
    if (msg.edns) out += renderEdns(msg, msg.edns, options.sentCookie, options.isQuery);
  }
  if (display.question && msg.question.length > 0) {
    if (display.comments) out += `${palette.comment(`;; ${titles[0]} SECTION:`)}\n`;
    const format = recordFormat(display);
    out += `${msg.question.map((q) => formatQuestion(q, format)).join('\n')}\n`;
    if (display.comments) out += '\n';
  } else if (display.question && display.comments && options.isQuery) {
    // A query sent without a question (+header-only): dig still titles the empty section.
    out += `${palette.comment(`;; ${titles[0]} SECTION:`)}\n\n`;
  }
  if (display.answer) out += renderSection(titles[1], msg.answer, ctx);
  if (display.authority) out += renderSection(titles[2], msg.authority, ctx);
  if (display.additional) {
    // A TSIG record (always the last one) is shown apart, as dig's TSIG PSEUDOSECTION.
    const last = msg.additional[msg.additional.length - 1];
    const tsig = last?.type === TYPE.TSIG ? last : undefined;
    out += renderSection('ADDITIONAL', tsig ? msg.additional.slice(0, -1) : msg.additional, ctx);
    if (tsig) out += renderSection('TSIG', [tsig], ctx, ';; TSIG PSEUDOSECTION:');
  }
  return out;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

let zoneNames: Intl.DateTimeFormat | undefined;

/** The local time zone's short name (`UTC`, `CET`, `GMT+1`); the formatter is costly to build, so it is built once. */
function zoneName(date: Date): string {
  if (date.getTimezoneOffset() === 0 && date.toTimeString().endsWith('(Coordinated Universal Time)')) return 'UTC';
  zoneNames ??= new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' });
  return zoneNames.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

let lastWhen: { second: number; text: string } | undefined;

/** dig's `;; WHEN:` date, `Thu Nov 26 12:01:40 UTC 2026`, in local time. */
export function whenText(date: Date): string {
  // A batch prints thousands of replies a second: the text is made once per second.
  const second = Math.floor(date.getTime() / 1000);
  if (lastWhen?.second === second) return lastWhen.text;
  lastWhen = { second, text: formatWhen(date) };
  return lastWhen.text;
}

function formatWhen(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${WEEKDAYS[date.getDay()]} ${MONTHS[date.getMonth()]} ${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${zoneName(date)} ${date.getFullYear()}`
  );
}

/** dig's line after the statistics when a signed query's replies did not all verify. */
export function tsigWarning(verdict: { verified: boolean } | undefined): string {
  return verdict && !verdict.verified ? ';; WARNING -- Some TSIG could not be validated\n' : '';
}

/** `ADDR#PORT(LABEL)` as in dig's SERVER line. */
export function serverText(server: Endpoint, label: string | undefined): string {
  return `${server.address}#${server.port}(${escapeText(label ?? server.name ?? server.address)})`;
}

/** The protocol as dig 9.18 names it in the SERVER line: UDP, TCP, TLS, HTTPS, HTTP, and HTTPS-GET / HTTP-GET for GET. */
export function protocolText(exchange: Pick<Exchange, 'protocol' | 'httpMethod'>): string {
  return exchange.protocol.toUpperCase() + (exchange.httpMethod === 'GET' ? '-GET' : '');
}

function renderStats(exchange: Exchange, ctx: DigContext): string {
  return (
    `;; Query time: ${rttText(exchange.rttMs, ctx.usec, ['msec', 'usec'])}\n` +
    `;; SERVER: ${serverText(exchange.server, ctx.serverLabel)} (${protocolText(exchange)})\n` +
    `;; WHEN: ${whenText(exchange.receivedAt)}\n` +
    `;; MSG SIZE  rcvd: ${exchange.raw.length}\n` +
    tsigWarning(exchange.tsig) +
    '\n'
  );
}

/** One record's data as +short prints it: +multiline is ignored, as dig does, but not +split, +rrcomments, +nocrypto, +unknownformat or +expandaaaa. */
export function shortData(rr: ResourceRecord, display: Parameters<typeof recordFormat>[0]): string {
  const { multiline: _, ...format } = recordFormat(display);
  const custom =
    format.split !== undefined ||
    format.rrcomments ||
    format.crypto === false ||
    format.unknownFormat ||
    format.expandAaaa;
  return custom ? recordData(rr, format) : rdataText(rr.rdata);
}

/** +short: the answer's data, one record a line (with +identify: which server answered, and how fast). */
export function renderShort(result: LookupResult, ctx: DigContext): string {
  const exchange = result.exchange;
  if (!exchange) return '';
  const suffix = ctx.display.identify
    ? ` from server ${exchange.server.address} in ${rttText(exchange.rttMs, ctx.usec, ['ms', 'us'])}.`
    : '';
  // A loop, not map and join: +short renders every reply of a batch, most of them one record long.
  let out = '';
  for (const rr of exchange.response.answer) out += `${shortData(rr, ctx.display)}${suffix}\n`;
  return out;
}

/**
 * dig's hint when a query with EDNS got FORMERR or NOTIMP back without an OPT record (an old server,
 * or one refusing an opcode or a header-only query): try again without EDNS (and without +dnssec).
 */
function ednsRefusal(exchange: Exchange, query: Message | undefined): string | undefined {
  const reply = exchange.response;
  if (reply.edns || (reply.rcode !== RCODE.FORMERR && reply.rcode !== RCODE.NOTIMP)) return undefined;
  let sent = query;
  if (!sent) {
    try {
      sent = decodeMessage(exchange.query);
    } catch {
      return undefined;
    }
  }
  if (!sent.edns) return undefined;
  return `;; WARNING: EDNS query returned status ${rcodeName(reply.rcode)} - retry with '${sent.edns.do ? '+nodnssec ' : ''}+noedns'`;
}

/** A whole lookup as dig prints it (events, +qr query, the reply, stats), or the failure lines. */
export function renderLookup(result: LookupResult, ctx: DigContext, query?: Message): string {
  const { display, palette } = ctx;
  const exchange = result.exchange;
  if (!exchange) return `${palette.error(`;; ${result.error?.message ?? 'no servers could be reached'}`)}\n`;
  if (display.short) return renderShort(result, ctx);
  let out = '';
  const sentCookie = exchange.sentCookie ?? query?.edns?.options.find((o) => o.code === EDNS_OPTION.COOKIE)?.data;
  if (display.qr && query) {
    out += `;; Sending:\n${renderMessage(query, ctx, { isQuery: true })}`;
    out += `;; QUERY SIZE: ${exchange.query.length}\n\n`;
  }
  if (display.comments) out += ';; Got answer:\n';
  out += renderMessage(exchange.response, ctx, {
    isQuery: false,
    sentCookie,
    ednsRefused: ednsRefusal(exchange, query),
  });
  if (display.stats) out += renderStats(exchange, ctx);
  return out;
}
