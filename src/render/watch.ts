/** The text and NDJSON of +watch: one line per change, stamped with the time, and the summary at the end. Pure. */
import type { WatchChange, WatchStats } from '../resolve/watchChanges.js';
import { rttSummary } from '../resolve/watchChanges.js';
import { escapeText } from '../wire/escape.js';
import type { Palette } from './palette.js';
import { rdataText } from './rdata/present.js';

/** hh:mm:ss (UTC) of a time in ms since the epoch. */
function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** The line (or lines) of one change: `+ RR` added, `- RR` removed, `;;` for the rest. */
function changeLines(change: WatchChange, stamp: string, palette: Palette): string {
  if (change.kind === 'rcode')
    return `${palette.comment(`;; ${stamp} status: ${change.from ? `${change.from} -> ` : ''}${change.to}`)}\n`;
  if (change.kind === 'answering')
    return `${palette.comment(`;; ${stamp} ${escapeText(change.server)} answers again`)}\n`;
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

/** The statistics line at the end: queries sent, changes seen, loss, and min/median/max round trip. */
export function renderWatchSummary(stats: WatchStats, end: WatchEnd, usec = false): string {
  const loss = stats.sent === 0 ? 0 : (100 * stats.lost) / stats.sent;
  const rtt = rttSummary(stats.rtts);
  const unit = usec ? 'usec' : 'ms';
  const scale = (ms: number): string => (usec ? String(Math.round(ms * 1000)) : ms.toFixed(1));
  const times = rtt ? `, rtt min/median/max ${scale(rtt.min)}/${scale(rtt.median)}/${scale(rtt.max)} ${unit}` : '';
  const why = { until: 'value seen', deadline: 'deadline reached', interrupted: 'interrupted' }[end];
  return `;; watch ended (${why}): ${stats.sent} queries, ${stats.changes} changes, ${stats.lost} lost (${loss.toFixed(0)}%)${times}\n`;
}

/** One NDJSON event: a change, stamped with the time. */
export function watchChangeEvent(change: WatchChange, atMs: number): object {
  const data = 'data' in change ? { data: change.data.map((rdata) => escapeText(rdataText(rdata))) } : {};
  const text = {
    ...('name' in change && { name: escapeText(change.name) }),
    ...('reason' in change && { reason: escapeText(change.reason) }),
    ...('server' in change && { server: escapeText(change.server) }),
  };
  return { ...change, ...text, ...data, kind: 'watch', event: change.kind, time: new Date(atMs).toISOString() };
}

/** The NDJSON event that ends a watch, with its statistics. */
export function watchSummaryEvent(stats: WatchStats, end: WatchEnd, atMs: number): object {
  const rtt = rttSummary(stats.rtts);
  return {
    kind: 'watch',
    event: 'end',
    time: new Date(atMs).toISOString(),
    reason: end,
    sent: stats.sent,
    changes: stats.changes,
    lost: stats.lost,
    ...(rtt && { rttMs: { min: round(rtt.min), median: round(rtt.median), max: round(rtt.max) } }),
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
