/**
 * The text and NDJSON of +compare +watch: one line per change, stamped with the time and, for a
 * server's change, the server's name; the headline when it moves; a summary per server at the end. Pure.
 */
import { servers as serverCount } from '../compare/report.js';
import type { CompareTarget } from '../compare/types.js';
import { type CompareWatchChange, targetKey } from '../compare/watchRounds.js';
import type { WatchStats } from '../resolve/watchChanges.js';
import { escapeText } from '../wire/escape.js';
import { serverColumnWidth, serverLabel } from './compare.js';
import type { Palette } from './palette.js';
import { changeLines, clockTime, endWords, statsMembers, statsText, type WatchEnd, watchChangeEvent } from './watch.js';

/** The lines of the changes one round brought, stamped with the time (and the server's name). */
export function renderCompareWatchChanges(
  changes: readonly CompareWatchChange[],
  atMs: number,
  palette: Palette,
): string {
  const time = clockTime(atMs);
  return changes
    .map((change) => {
      if (change.kind === 'agreement') return `${palette.comment(`;; ${time} ${change.to}`)}\n`;
      const who = escapeText(serverLabel(change));
      const server = change.change;
      if (server.kind === 'serial')
        return `${palette.comment(`;; ${time} ${who} serial: ${server.from} -> ${server.to}`)}\n`;
      return changeLines(server, time, palette, who);
    })
    .join('');
}

/** One server's statistics, named. */
export interface ServerWatchStats {
  target: CompareTarget;
  stats: WatchStats;
}

/** The summary: one line for the whole watch, then one per server, aligned; comment lines. */
export function renderCompareWatchSummary(
  total: WatchStats,
  servers: readonly ServerWatchStats[],
  end: WatchEnd,
  palette: Palette,
  usec = false,
): string {
  const count = serverCount(servers.length);
  const labels = servers.map((server) => escapeText(serverLabel(server)));
  const width = serverColumnWidth(labels);
  const rows = servers.map((server, index) => `;  ${labels[index].padEnd(width)}  ${statsText(server.stats, usec)}`);
  const head = `;; watch ended (${endWords(end)}): ${count}, ${statsText(total, usec)}`;
  return [head, ...rows].map((line) => `${palette.comment(line)}\n`).join('');
}

/** A server as its events name it: `server` (address#port) and, when it has one, `serverName`. */
function serverMembers(target: CompareTarget): { server: string; serverName?: string } {
  const named = target.name !== undefined && target.name !== target.endpoint.address;
  return { server: targetKey(target), ...(named && { serverName: escapeText(target.name ?? '') }) };
}

/** One NDJSON event: a change, stamped with the time; a server's change names the server. */
export function compareWatchChangeEvent(change: CompareWatchChange, atMs: number): object {
  const time = new Date(atMs).toISOString();
  if (change.kind === 'agreement') {
    const { kind: _kind, ...members } = change;
    return { kind: 'watch', event: 'agreement', time, ...members };
  }
  const server = serverMembers(change.target);
  const inner = change.change;
  if (inner.kind === 'serial')
    return { kind: 'watch', event: 'serial', time, ...server, from: inner.from, to: inner.to };
  return { ...watchChangeEvent(inner, atMs), ...server };
}

/** The NDJSON event that ends the watch: the statistics of them all, and of each server. */
export function compareWatchSummaryEvent(
  total: WatchStats,
  servers: readonly ServerWatchStats[],
  end: WatchEnd,
  atMs: number,
): object {
  return {
    kind: 'watch',
    event: 'end',
    time: new Date(atMs).toISOString(),
    reason: end,
    ...statsMembers(total),
    servers: servers.map((server) => ({ ...serverMembers(server.target), ...statsMembers(server.stats) })),
  };
}
