/**
 * What changed between two rounds of a +compare +watch: for each server, its answer (records added or
 * removed, compared as +compare compares them, TTLs aside), its status, its silence and its SOA serial;
 * for them all, the headline when the grouping moves (the moment "1 of 3 servers disagrees" becomes "all 3 servers agree" is the
 * one a reader waiting on propagation wants). Pure: the previous state and one round in, changes out.
 */
import {
  emptyWatchState,
  type RecordIdentity,
  sightingStep,
  type WatchChange,
  type WatchSighting,
  type WatchState,
} from '../resolve/watchChanges.js';
import { rcodeName } from '../wire/rrtypes.js';
import type { Rdata } from '../wire/rdata/rdata.js';
import { recordKey } from './records.js';
import { type CompareReport, type CompareVerdict, compareReport } from './report.js';
import type { CompareData, CompareTarget, ServerReply } from './types.js';

/** A server's SOA serial moved (RFC 1982 order aside: any other number is a change). */
export interface SerialChange {
  kind: 'serial';
  from: number;
  to: number;
}

/** One change a +compare +watch reports: one server's, or the headline of them all. */
export type CompareWatchChange =
  | { kind: 'server'; target: CompareTarget; change: WatchChange | SerialChange }
  | { kind: 'agreement'; verdict: CompareVerdict; from?: string; to: string };

/** What the watch remembers of the last round: each server's answer and serial, and the headline. */
export interface CompareWatchState {
  /** By the server's `address#port`. */
  servers: Map<string, { answer: WatchState; serial?: number }>;
  /** Undefined before the first round. */
  headline?: string;
  /** Who agrees with whom and who failed how: the headline moves only when this does. */
  grouping?: string;
}

/** The state before the first round. */
export function emptyCompareWatchState(): CompareWatchState {
  return { servers: new Map() };
}

/** A server as the watch keys it, and as its JSON events name it: `address#port`. */
export function targetKey(target: CompareTarget): string {
  return `${target.endpoint.address}#${target.endpoint.port}`;
}

/** Records told apart as +compare tells them: canonical RDATA, so a change of case is no change. */
const canonicalIdentity: RecordIdentity = (record) => recordKey(record);

/** Whether a server gave no reply at all (as opposed to a reply that is no answer: REFUSED, SERVFAIL, lame). */
export function silentReply(reply: ServerReply): boolean {
  const kind = reply.failure?.kind;
  return kind === 'timeout' || kind === 'unreachable' || kind === 'malformed';
}

/** One server's reply as a watch sighting: its status (the RCODE, or `lame`) and answer, or silence and why. */
export function replySighting(reply: ServerReply): WatchSighting {
  const server = targetKey(reply.target);
  const failure = reply.failure;
  if (reply.answer) return { reply: { rcode: rcodeName(reply.answer.rcode), records: reply.answer.records, server } };
  if (!failure || silentReply(reply)) return { silent: failure?.message ?? 'no reply' };
  const status =
    failure.kind === 'lame'
      ? 'lame'
      : failure.kind === 'refused'
        ? 'REFUSED'
        : failure.kind === 'servfail'
          ? 'SERVFAIL'
          : failure.rcode === undefined
            ? failure.message
            : rcodeName(failure.rcode);
  return { reply: { rcode: status, records: [], server } };
}

/**
 * The servers each answer group holds and how each other server failed: a TTL counting down in a
 * cache changes the headline's "but for TTLs" and nothing here, so it is not reported as a change.
 */
function groupingKey(report: CompareReport, data: CompareData): string {
  const groups = report.groups.map((group) => group.servers.join(','));
  const failed = report.failed.map((index) => `${index}:${data.replies[index].failure?.kind ?? ''}`);
  return `${report.verdict}|${groups.join('/')}|${failed.join(',')}`;
}

/** The changes one round of replies makes: each server's in the order asked, then the headline's. */
export function compareWatchStep(
  state: CompareWatchState,
  data: CompareData,
): { state: CompareWatchState; changes: CompareWatchChange[] } {
  const changes: CompareWatchChange[] = [];
  const servers: CompareWatchState['servers'] = new Map();
  for (const reply of data.replies) {
    const key = targetKey(reply.target);
    const before = state.servers.get(key) ?? { answer: emptyWatchState() };
    const step = sightingStep(before.answer, replySighting(reply), canonicalIdentity);
    for (const change of step.changes) changes.push({ kind: 'server', target: reply.target, change });
    // A reply without an SOA (silence, a positive answer to another type) keeps the last serial seen.
    const serial = reply.answer?.serial ?? before.serial;
    if (before.serial !== undefined && serial !== undefined && serial !== before.serial)
      changes.push({
        kind: 'server',
        target: reply.target,
        change: { kind: 'serial', from: before.serial, to: serial },
      });
    servers.set(key, { answer: step.state, ...(serial !== undefined && { serial }) });
  }
  const report = compareReport(data);
  const grouping = groupingKey(report, data);
  if (grouping !== state.grouping)
    changes.push({
      kind: 'agreement',
      verdict: report.verdict,
      ...(state.headline !== undefined && { from: state.headline }),
      to: report.headline,
    });
  return { state: { servers, headline: report.headline, grouping }, changes };
}

/** +until with +compare: whether every server answered and each answer holds a record that `matches`. */
export function everyAnswerHolds(data: CompareData, matches: (rdata: Rdata) => boolean): boolean {
  return (
    data.replies.length > 0 &&
    data.replies.every((reply) => (reply.answer?.records ?? []).some((record) => matches(record.rdata)))
  );
}
