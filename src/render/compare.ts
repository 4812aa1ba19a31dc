/**
 * +compare in dig's layout: comment lines (`;;`) around the distinct answers, each in dig's record
 * format, so a reader of dig's output finds the records where they expect them.
 */
import type { DisplayFlags } from '../cli/types.js';
import { type AnswerGroup, type CompareReport, servers } from '../compare/report.js';
import type { CompareData, ServerReply } from '../compare/types.js';
import { formatRecord } from './record.js';
import { className, RCODE, rcodeName, typeName } from '../wire/rrtypes.js';
import { recordFormat, rttText } from './dig.js';
import { extendedErrors } from './ednsText.js';
import type { Palette } from './palette.js';

/** What the text needs besides the data. */
export interface CompareRenderOptions {
  palette: Palette;
  display: DisplayFlags;
  /** -u: times in microseconds. */
  usec?: boolean;
}

/** A server as named in the text: `ns1.example.test. (192.0.2.1)`, or the address alone; the port when not 53. */
export function serverLabel(reply: Pick<ServerReply, 'target'>): string {
  const { endpoint, name } = reply.target;
  const address = endpoint.port === 53 ? endpoint.address : `${endpoint.address}#${endpoint.port}`;
  return name !== undefined && name !== endpoint.address ? `${name} (${address})` : address;
}

/** What a server said, in a few words: `NOERROR aa`, `NXDOMAIN ra`, `timed out`. */
export function replyStatus(reply: ServerReply): string {
  const answer = reply.answer;
  if (!answer) return reply.failure ? failureWord(reply) : 'no reply';
  const flags = [answer.aa ? 'aa' : '', answer.ra ? 'ra' : '', answer.ad ? 'ad' : ''].filter(Boolean);
  return [rcodeName(answer.rcode), ...flags].join(' ');
}

function failureWord(reply: ServerReply): string {
  const failure = reply.failure;
  if (!failure) return 'no reply';
  switch (failure.kind) {
    case 'timeout':
      return 'timed out';
    case 'servfail':
      return 'SERVFAIL';
    case 'rcode':
      return failure.rcode === undefined ? 'other RCODE' : rcodeName(failure.rcode);
    default:
      return failure.kind;
  }
}

/** The TTLs of a server's answer, one per RRset in order: `3600`, or `300/3600`. */
export function ttlText(reply: ServerReply): string | undefined {
  const answer = reply.answer;
  if (!answer) return undefined;
  const ttls: number[] = [];
  let last = '';
  for (const rr of answer.records) {
    const set = `${rr.name.toLowerCase()} ${rr.type}`;
    if (set !== last) ttls.push(rr.ttl);
    last = set;
  }
  if (ttls.length > 0) return ttls.join('/');
  return answer.negativeTtl === undefined ? undefined : `${answer.negativeTtl} (SOA)`;
}

/** Why a server gave no answer, in one line: the failure's message, a SERVFAIL's EDE after it. */
export function failureText(failure: NonNullable<ServerReply['failure']>): string {
  return [failure.message, ...extendedErrors(failure.ede ?? []).map((e) => e.text)].join(', ');
}

/** The number of the answer each answering server gave, by the server's index. */
export function groupNumbers(report: CompareReport): Map<number, number> {
  const numbers = new Map<number, number>();
  for (const group of report.groups) for (const server of group.servers) numbers.set(server, group.number);
  return numbers;
}

/** The facts about one server, as `key value` parts. */
export function serverFacts(reply: ServerReply, group: number | undefined, usec?: boolean): string[] {
  const answer = reply.answer;
  const parts: string[] = [];
  if (group !== undefined) parts.push(`answer ${group}`);
  parts.push(replyStatus(reply));
  if (answer) {
    const ttl = ttlText(reply);
    if (ttl !== undefined) parts.push(`TTL ${ttl}`);
    if (answer.serial !== undefined) parts.push(`serial ${answer.serial}`);
    parts.push(answer.edns ? `EDNS ${answer.edns.version} (${answer.edns.udpSize})` : 'no EDNS');
    if (answer.nsid !== undefined) parts.push(`NSID "${answer.nsid}"`);
    if (answer.protocol === 'tcp') parts.push('TCP');
    for (const ede of extendedErrors(answer.ede)) parts.push(ede.text);
  } else if (reply.failure && !['timeout', 'refused'].includes(reply.failure.kind)) {
    // A timeout or REFUSED needs no more words; a SERVFAIL's its EDE, a lame server's why.
    if (reply.failure.kind === 'servfail') parts.push(...extendedErrors(reply.failure.ede ?? []).map((e) => e.text));
    else parts.push(reply.failure.message);
  }
  if (reply.rttMs !== undefined) parts.push(rttText(reply.rttMs, usec, ['ms', 'us']));
  return parts;
}

/** One answer: its heading (number, RCODE, servers) and its records in dig's format. */
function groupText(group: AnswerGroup, data: CompareData, options: CompareRenderOptions): string {
  const { palette, display } = options;
  const who = group.servers.map((index) => serverLabel(data.replies[index])).join(', ');
  const empty = group.records.length > 0 ? '' : group.rcode === RCODE.NOERROR ? ', no records' : '';
  const heading = `;; ANSWER ${group.number}: ${rcodeName(group.rcode)}${empty}, from ${servers(group.servers.length)}: ${who}`;
  const format = recordFormat(display);
  const records = group.records.map((rr) => `${formatRecord(rr, format)}\n`).join('');
  return `${palette.comment(heading)}\n${records}\n`;
}

/** The widest a server's name is padded to: a longer name runs into its own line's facts, not every line's. */
export const SERVER_COLUMN_MAX = 40;

/** The width the server column is padded to: the longest label that fits SERVER_COLUMN_MAX (longer ones stand out). */
export function serverColumnWidth(labels: readonly string[]): number {
  return Math.max(0, ...labels.map((label) => label.length).filter((length) => length <= SERVER_COLUMN_MAX));
}

/** The servers' lines, the name column padded so the facts line up. */
function serverLines(data: CompareData, report: CompareReport, options: CompareRenderOptions): string {
  const numbers = groupNumbers(report);
  const labels = data.replies.map(serverLabel);
  const width = serverColumnWidth(labels);
  const lines = data.replies.map((reply, index) => {
    const facts = serverFacts(reply, numbers.get(index), options.usec).join(', ');
    const line = `;  ${labels[index].padEnd(width)}  ${facts}`;
    return reply.answer ? options.palette.comment(line) : options.palette.error(line);
  });
  return `${options.palette.comment(';; SERVERS:')}\n${lines.join('\n')}\n`;
}

/** The closing notes: serial skew, TTL-only differences, resolvers' caches. */
function noteLines(data: CompareData, report: CompareReport): string[] {
  const notes: string[] = [];
  const label = (index: number) => serverLabel(data.replies[index]);
  const skew = report.serialSkew;
  if (skew) {
    const parts = skew.serials.map(({ serial, servers: who }) => `${serial} on ${who.map(label).join(', ')}`);
    const newest = skew.newest === undefined ? 'no serial is newest (RFC 1982)' : `newest ${skew.newest}`;
    notes.push(`serial skew: ${newest}; ${parts.join('; ')}`);
  }
  for (const group of report.groups) {
    if (!group.ttlsDiffer) continue;
    const ttls = group.servers.map((index) => `${ttlText(data.replies[index])} on ${label(index)}`);
    notes.push(`TTLs differ in answer ${group.number}: ${ttls.join(', ')}`);
  }
  for (const cache of report.resolvers) {
    const parts = [`resolver ${label(cache.server)}`];
    if (cache.ttl !== undefined)
      parts.push(
        cache.authoritativeTtl === undefined
          ? `cached TTL ${cache.ttl}`
          : `cached TTL ${cache.ttl} of the authoritative ${cache.authoritativeTtl}`,
      );
    if (cache.current === true) parts.push('serves the authoritative answer');
    if (cache.current === false)
      parts.push(
        cache.ttl === undefined
          ? 'serves another answer than the authoritative servers'
          : `serves another answer for up to ${cache.ttl} s more, then the new one`,
      );
    notes.push(parts.join(': '));
  }
  return notes;
}

/** The whole comparison in dig's layout. */
export function renderCompare(data: CompareData, report: CompareReport, options: CompareRenderOptions): string {
  const { palette } = options;
  const q = data.question;
  const asked = `${q.name} ${className(q.class)} ${typeName(q.type)}`;
  const where = data.zone ? `, every server of ${data.zone.zone}` : '';
  let out = `${palette.comment(`;; COMPARE ${asked}: ${servers(data.replies.length)}${where}`)}\n`;
  const status = report.verdict === 'agree' ? palette.comment : palette.warning;
  out += `${status(`;; ${report.headline}`)}\n\n`;
  if (data.zone)
    for (const ns of data.zone.nameServers)
      if (ns.error !== undefined) out += `${palette.warning(`;; ${ns.name}: ${ns.error}`)}\n`;
  for (const group of report.groups) out += groupText(group, data, options);
  if (data.replies.length > 0) out += serverLines(data, report, options);
  const notes = noteLines(data, report);
  if (notes.length > 0) out += notes.map((note) => `${palette.comment(`;; ${note}`)}\n`).join('');
  return `${out}\n`;
}
