/**
 * What changed between two replies of a watched query: RRsets of the answer added or removed (records
 * compared without their TTL, which a cache counts down), the RCODE, and the server starting or
 * stopping to answer. Pure: the previous state and one result in, the events and the next state out.
 */
import type { LookupResult } from './types.js';
import { hexUpper } from '../wire/encoding.js';
import type { Rdata } from '../wire/rdata/rdata.js';
import type { ResourceRecord } from '../wire/types.js';
import { className, rcodeName, typeName } from '../wire/rrtypes.js';

/** One change a watch reports. */
export type WatchChange =
  | { kind: 'added' | 'removed'; name: string; type: string; class: string; ttl: number; data: Rdata[] }
  | { kind: 'rcode'; from?: string; to: string }
  | { kind: 'answering'; server: string }
  | { kind: 'silent'; reason: string };

/** What the watch remembers of the last reply: the answer's RRsets by name, class and type, and the RCODE. */
export interface WatchState {
  /** Undefined until a reply came. */
  rcode?: string;
  /** Each RRset's records by their identity whatever the TTL (the RDATA octets, in hex, unless said otherwise). */
  rrsets: Map<string, { name: string; type: string; class: string; ttl: number; data: Map<string, Rdata> }>;
  /** Whether the last query got a reply (undefined before the first query). */
  answering?: boolean;
}

/** The state before the first query. */
export function emptyWatchState(): WatchState {
  return { rrsets: new Map() };
}

/** One query's outcome as a watch sees it: a reply (its status, answer and server), or silence and why. */
export type WatchSighting =
  | { reply: { rcode: string; records: readonly ResourceRecord[]; server: string } }
  | { silent: string };

/** A record's identity whatever its TTL: its RDATA octets. */
export type RecordIdentity = (record: ResourceRecord) => string;

const rdataOctets: RecordIdentity = (record) => hexUpper(record.rdataWire);

function answerRrsets(records: readonly ResourceRecord[], identity: RecordIdentity): WatchState['rrsets'] {
  const rrsets: WatchState['rrsets'] = new Map();
  for (const record of records) {
    const name = record.name.toLowerCase();
    const key = `${name}\0${record.class}\0${record.type}`;
    let rrset = rrsets.get(key);
    if (!rrset) {
      rrset = {
        name: record.name,
        type: typeName(record.type),
        class: className(record.class),
        ttl: record.ttl,
        data: new Map(),
      };
      rrsets.set(key, rrset);
    }
    rrset.data.set(identity(record), record.rdata);
  }
  return rrsets;
}

/** A lookup's result as a sighting: the reply's RCODE, answer and server, or the error that left it without one. */
export function lookupSighting(result: LookupResult): WatchSighting {
  const exchange = result.exchange;
  if (!exchange) return { silent: result.error?.message ?? 'no usable reply' };
  const server = `${exchange.server.address}#${exchange.server.port}`;
  return { reply: { rcode: rcodeName(exchange.response.rcode), records: exchange.response.answer, server } };
}

/** The changes one result makes to the state; a query without a reply changes nothing but `answering`. */
export function watchStep(state: WatchState, result: LookupResult): { state: WatchState; changes: WatchChange[] } {
  return sightingStep(state, lookupSighting(result));
}

/**
 * The changes one sighting makes to the state, records told apart by `identity` (their RDATA octets
 * unless said otherwise); silence changes nothing but `answering`.
 */
export function sightingStep(
  state: WatchState,
  sighting: WatchSighting,
  identity: RecordIdentity = rdataOctets,
): { state: WatchState; changes: WatchChange[] } {
  const changes: WatchChange[] = [];
  if ('silent' in sighting) {
    if (state.answering !== false) changes.push({ kind: 'silent', reason: sighting.silent });
    return { state: { ...state, answering: false }, changes };
  }
  const reply = sighting.reply;
  if (state.answering === false) changes.push({ kind: 'answering', server: reply.server });
  const rcode = reply.rcode;
  if (rcode !== state.rcode)
    changes.push({ kind: 'rcode', ...(state.rcode !== undefined && { from: state.rcode }), to: rcode });
  const rrsets = answerRrsets(reply.records, identity);
  for (const [key, before] of state.rrsets) {
    const after = rrsets.get(key);
    const gone = [...before.data].filter(([octets]) => !after?.data.has(octets)).map(([, rdata]) => rdata);
    if (gone.length > 0) changes.push({ kind: 'removed', ...rrsetFields(before), data: gone });
  }
  for (const [key, after] of rrsets) {
    const before = state.rrsets.get(key);
    const fresh = [...after.data].filter(([octets]) => !before?.data.has(octets)).map(([, rdata]) => rdata);
    if (fresh.length > 0) changes.push({ kind: 'added', ...rrsetFields(after), data: fresh });
  }
  return { state: { rcode, rrsets, answering: true }, changes };
}

function rrsetFields(rrset: { name: string; type: string; class: string; ttl: number }) {
  return { name: rrset.name, type: rrset.type, class: rrset.class, ttl: rrset.ttl };
}

/** Whether the result's answer holds a record that `matches` (+until: VALUE, compared as +expect compares). */
export function answerContains(result: LookupResult, matches: (rdata: Rdata) => boolean): boolean {
  return (result.exchange?.response.answer ?? []).some((record) => matches(record.rdata));
}

/** What a watch counts for its summary. */
export interface WatchStats {
  sent: number;
  lost: number;
  changes: number;
  rtts: number[];
}

/** min, median and max of the round trips (undefined when none came back). */
export function rttSummary(rtts: readonly number[]): { min: number; median: number; max: number } | undefined {
  if (rtts.length === 0) return undefined;
  const sorted = [...rtts].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}
