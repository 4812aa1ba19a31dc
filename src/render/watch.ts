/** The text and NDJSON of +watch: one line per change, stamped with the time, and the summary at the end. Pure. */
import type { WatchChange, WatchStats } from '../resolve/watchChanges.js';
import { rttSummary } from '../resolve/watchChanges.js';
import { escapeText } from '../wire/escape.js';
import { roundMs } from './json.js';
import type { Palette } from './palette.js';
import { rdataText } from './rdata/present.js';

/** hh:mm:ss (UTC) of a time in ms since the epoch. */
export function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/**
 * The line (or lines) of one change: `+ RR` added, `- RR` removed, `;;` for the rest. With `who` (a
 * server of a +compare), the stamp names it and its coming back needs no other name.
 */
export function changeLines(change: WatchChange, time: string, palette: Palette, who?: string): string {
  const stamp = who === undefined ? time : `${time} ${who}`;
  if (change.kind === 'rcode')
    return `${palette.comment(`;; ${stamp} status: ${change.from ? `${change.from} -> ` : ''}${escapeText(change.to)}`)}\n`;
  if (change.kind === 'answering')
    return `${palette.comment(`;; ${stamp}${who === undefined ? ` ${escapeText(change.server)}` : ''} answers again`)}\n`;
  if (change.kind === 'silent') return `${palette.comment(`;; ${stamp} no reply: ${escapeText(change.reason)}`)}\n`;
  const sign = change.kind === 'added' ? '+' : '-';
  const owner = `${palette.name(escapeText(change.name))}\t${change.ttl}\t${change.class}\t${palette.type(change.type)}`;
  return change.data.map((data) => `${stamp} ${sign} ${owner}\t${escapeText(rdataText(data))}\n`).join('');
}

/** The lines of the changes one query brought, stamped with the time. */
export function renderWatchChanges(changes: readonly WatchChange[], atMs: number, palette: Palette): string {
  const stamp = clockTime(atMs);
  return changes.map((change) => changeLines(change, stamp, palette)).join('');
}

/** How a watch ended. */
export type WatchEnd = 'until' | 'deadline' | 'interrupted';

/** Why the watch ended, in the summary's words. */
export function endWords(end: WatchEnd): string {
  return { until: 'value seen', deadline: 'deadline reached', interrupted: 'interrupted' }[end];
}

/** The statistics line at the end: queries sent, changes seen, loss, and min/median/max round trip. */
export function renderWatchSummary(stats: WatchStats, end: WatchEnd, usec = false): string {
  return `;; watch ended (${endWords(end)}): ${statsText(stats, usec)}\n`;
}

/** `8 queries, 9 changes, 1 lost (13%), rtt min/median/max 0.1/0.2/0.4 ms`. */
export function statsText(stats: WatchStats, usec = false): string {
  const loss = stats.sent === 0 ? 0 : (100 * stats.lost) / stats.sent;
  const rtt = rttSummary(stats.rtts);
  const unit = usec ? 'usec' : 'ms';
  const scale = (ms: number): string => (usec ? String(Math.round(ms * 1000)) : ms.toFixed(1));
  const times = rtt ? `, rtt min/median/max ${scale(rtt.min)}/${scale(rtt.median)}/${scale(rtt.max)} ${unit}` : '';
  return `${stats.sent} queries, ${stats.changes} changes, ${stats.lost} lost (${loss.toFixed(0)}%)${times}`;
}

/** What the terminal's status line shows between two queries of a watch. */
export interface WatchStatus {
  /** The last reply's RCODE, or undefined when the last query got none. */
  rcode?: string;
  /** Records in the last reply's answer. */
  records: number;
  /** Seconds left of the answer's smallest TTL, counted down from when the reply came (0 at most: expired). */
  ttlLeft?: number;
  /** Seconds until the next query. */
  nextQueryIn: number;
}

/**
 * The status line a watch keeps rewritten on a terminal: the answer's TTL counting down and the next
 * query's countdown, cut to the terminal's width so that rewriting it in place never wraps.
 */
export function renderWatchStatus(status: WatchStatus, columns: number, palette: Palette): string {
  const next = `next query in ${status.nextQueryIn}s`;
  const what =
    status.rcode === undefined
      ? 'no reply'
      : status.ttlLeft === undefined
        ? `${status.rcode}, no answer`
        : `TTL ${status.ttlLeft}s left, ${status.records} record${status.records === 1 ? '' : 's'}`;
  const line = `;; ${what}; ${next}`;
  return palette.comment(line.length < columns ? line : line.slice(0, Math.max(0, columns - 1)));
}

/** One NDJSON event of a change (schema: watchEvent), stamped with its time. */
export type WatchChangeEvent = { kind: 'watch'; time: string } & (
  | { event: 'added' | 'removed'; name: string; type: string; class: string; ttl: number; data: string[] }
  | { event: 'rcode'; from?: string; to: string }
  | { event: 'answering'; server: string }
  | { event: 'silent'; reason: string }
);

/** A watch's statistics as the members of its end event: queries sent, changes, lost, round trips. */
export interface WatchStatsMembers {
  sent: number;
  changes: number;
  lost: number;
  rttMs?: { min: number; median: number; max: number };
}

/** The NDJSON event that ends a watch (schema: watchEvent), with its statistics. */
export interface WatchEndEvent extends WatchStatsMembers {
  kind: 'watch';
  event: 'end';
  time: string;
  reason: WatchEnd;
}

/** Any event of a watch, as `--ndjson` prints it and the library's watch() yields it. */
export type WatchEvent = WatchChangeEvent | WatchEndEvent;

/** One NDJSON event: a change, stamped with the time. */
export function watchChangeEvent(change: WatchChange, atMs: number): WatchChangeEvent {
  const time = new Date(atMs).toISOString();
  switch (change.kind) {
    case 'added':
    case 'removed': {
      const { name, type, ttl } = change;
      const data = change.data.map((rdata) => escapeText(rdataText(rdata)));
      return { kind: 'watch', name: escapeText(name), type, class: change.class, ttl, data, event: change.kind, time };
    }
    case 'rcode':
      return {
        kind: 'watch',
        ...(change.from !== undefined && { from: change.from }),
        to: change.to,
        event: 'rcode',
        time,
      };
    case 'answering':
      return { kind: 'watch', server: escapeText(change.server), event: 'answering', time };
    case 'silent':
      return { kind: 'watch', reason: escapeText(change.reason), event: 'silent', time };
  }
}

/** The NDJSON event that ends a watch, with its statistics. */
export function watchSummaryEvent(stats: WatchStats, end: WatchEnd, atMs: number): WatchEndEvent {
  return { kind: 'watch', event: 'end', time: new Date(atMs).toISOString(), reason: end, ...statsMembers(stats) };
}

/** The statistics as JSON members: queries sent, changes, lost, and the round trips when some came back. */
export function statsMembers(stats: WatchStats): WatchStatsMembers {
  const rtt = rttSummary(stats.rtts);
  return {
    sent: stats.sent,
    changes: stats.changes,
    lost: stats.lost,
    ...(rtt && { rttMs: { min: roundMs(rtt.min), median: roundMs(rtt.median), max: roundMs(rtt.max) } }),
  };
}
