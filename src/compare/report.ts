/**
 * The judgment on what the compared servers said, as a pure function of the collected data: the
 * distinct answers and who gave each, the servers that gave none, serial skew (RFC 1982), TTL-only
 * differences, each resolver's cache against the authoritative TTL, and the headline.
 */
import type { ResourceRecord } from '../wire/types.js';
import { answerKey } from './records.js';
import { compareSerials, newestSerial } from '../wire/serial.js';
import type { CompareData, CompareFailure, ServerAnswer, ServerReply } from './types.js';

/** One distinct answer: the servers that gave it (indexes into the data's replies), the first one's records. */
export interface AnswerGroup {
  /** 1 for the answer most servers gave, then in order of size. */
  number: number;
  rcode: number;
  records: ResourceRecord[];
  servers: number[];
  /** Its servers gave the same records with different TTLs. */
  ttlsDiffer: boolean;
}

/** Servers whose SOA serials differ: the newest, and each serial with its servers (newest first). */
export interface SerialSkew {
  /** Undefined when the serials have no newest one (RFC 1982: some are 2^31 apart). */
  newest?: number;
  serials: Array<{ serial: number; servers: number[] }>;
}

/** A resolver among the servers (RA set, aa clear): what it has cached against what the zone's servers say. */
export interface ResolverCache {
  server: number;
  /** The TTL left on its answer (the first RRset, or the SOA of a negative answer). */
  ttl?: number;
  /** The TTL the authoritative servers give the same RRset, when some of them answered. */
  authoritativeTtl?: number;
  /** Whether it gives what the authoritative servers give; false: it serves older data for `ttl` seconds more. */
  current?: boolean;
}

/** agree: every server answered alike; disagree: answers differ or some server gave none; none: no server answered. */
export type CompareVerdict = 'agree' | 'disagree' | 'none';

/** The whole judgment. */
export interface CompareReport {
  verdict: CompareVerdict;
  /** One line: `2 of 6 servers disagree: serial skew, 1 timed out`. */
  headline: string;
  /** The distinct answers, the most common first. */
  groups: AnswerGroup[];
  /** Servers (indexes) that gave no answer. */
  failed: number[];
  /** Servers that are not in the most common answer (failed ones included). */
  disagreeing: number;
  /** The answers are the same but for TTLs. */
  ttlOnly: boolean;
  /** The answers differ only in the SOA serial. */
  serialOnly: boolean;
  serialSkew?: SerialSkew;
  resolvers: ResolverCache[];
}

const FAILURE_WORDS: Record<CompareFailure, string> = {
  timeout: 'timed out',
  refused: 'refused',
  lame: 'lame',
  malformed: 'malformed',
  servfail: 'SERVFAIL',
  rcode: 'other RCODE',
  unreachable: 'unreachable',
};

/** The order failures are counted in the headline. */
const FAILURE_ORDER: CompareFailure[] = ['timeout', 'unreachable', 'refused', 'lame', 'servfail', 'rcode', 'malformed'];

/** `1 server`, `2 servers`. */
export function servers(count: number): string {
  return `${count} server${count === 1 ? '' : 's'}`;
}

/** The TTLs of an answer's records, keyed by record identity, to see whether two answers differ in TTL only. */
function ttlSignature(answer: ServerAnswer): string {
  return answer.records
    .map((rr) => `${answerKey(0, [rr])} ${rr.ttl}`)
    .sort()
    .join('\n');
}

/** Groups the answering servers by answer; the most common first, ties going to the newest serial, then first asked. */
function groupAnswers(replies: readonly ServerReply[]): AnswerGroup[] {
  const byKey = new Map<string, { first: ServerAnswer; servers: number[]; ttls: Set<string> }>();
  replies.forEach((reply, index) => {
    const answer = reply.answer;
    if (!answer) return;
    const key = answerKey(answer.rcode, answer.records);
    const group = byKey.get(key) ?? { first: answer, servers: [], ttls: new Set<string>() };
    group.servers.push(index);
    group.ttls.add(ttlSignature(answer));
    byKey.set(key, group);
  });
  const serialOf = (servers: number[]) => replies[servers[0]].answer?.serial;
  const newerFirst = (a?: number, b?: number): number => {
    if (a === undefined || b === undefined || a === b) return 0;
    const order = compareSerials(a, b);
    return order === 'newer' ? -1 : order === 'older' ? 1 : 0;
  };
  return [...byKey.values()]
    .sort(
      (a, b) =>
        b.servers.length - a.servers.length ||
        newerFirst(serialOf(a.servers), serialOf(b.servers)) ||
        a.servers[0] - b.servers[0],
    )
    .map((group, index) => ({
      number: index + 1,
      rcode: group.first.rcode,
      records: group.first.records,
      servers: group.servers,
      ttlsDiffer: group.ttls.size > 1,
    }));
}

/** Whether the answers would be one but for their SOA serials. */
function onlySerialsDiffer(replies: readonly ServerReply[], groups: readonly AnswerGroup[]): boolean {
  if (groups.length < 2) return false;
  const keys = new Set(groups.map((group) => answerKey(group.rcode, group.records, true)));
  return keys.size === 1 && replies.some((reply) => reply.answer?.serial !== undefined);
}

/** The SOA serials of the answering servers, when they are not all the same. */
function serialSkew(replies: readonly ServerReply[]): SerialSkew | undefined {
  const bySerial = new Map<number, number[]>();
  replies.forEach((reply, index) => {
    const serial = reply.answer?.serial;
    if (serial === undefined) return;
    bySerial.set(serial, [...(bySerial.get(serial) ?? []), index]);
  });
  if (bySerial.size < 2) return undefined;
  const newest = newestSerial([...bySerial.keys()]);
  const serials = [...bySerial.entries()]
    .map(([serial, servers]) => ({ serial, servers }))
    .sort((a, b) => {
      const order = compareSerials(a.serial, b.serial);
      return order === 'newer' ? -1 : order === 'older' ? 1 : a.servers[0] - b.servers[0];
    });
  return newest === undefined ? { serials } : { newest, serials };
}

/** The TTL a cache counts down for an answer: its first record's, or the SOA's of a negative answer. */
function cachedTtl(answer: ServerAnswer): number | undefined {
  return answer.records[0]?.ttl ?? answer.negativeTtl;
}

/** Each resolver's cached TTL against the TTL the authoritative servers (aa) give. */
function resolverCaches(replies: readonly ServerReply[], groups: readonly AnswerGroup[]): ResolverCache[] {
  const groupOf = new Map<number, number>();
  for (const group of groups) for (const server of group.servers) groupOf.set(server, group.number);
  const authoritative = replies.flatMap((reply, index) => (reply.answer?.aa ? [index] : []));
  // The answer most authoritative servers give is the zone's current data.
  const votes = new Map<number, number>();
  for (const index of authoritative) {
    const group = groupOf.get(index);
    if (group !== undefined) votes.set(group, (votes.get(group) ?? 0) + 1);
  }
  const currentGroup = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  const authoritativeTtls = authoritative
    .filter((index) => groupOf.get(index) === currentGroup)
    .map((index) => replies[index].answer)
    .flatMap((answer) => (answer && cachedTtl(answer) !== undefined ? [cachedTtl(answer) as number] : []));
  const authoritativeTtl = authoritativeTtls.length > 0 ? Math.max(...authoritativeTtls) : undefined;
  return replies.flatMap((reply, index) => {
    const answer = reply.answer;
    if (!answer || answer.aa || !answer.ra) return [];
    const cache: ResolverCache = { server: index };
    const ttl = cachedTtl(answer);
    if (ttl !== undefined) cache.ttl = ttl;
    if (currentGroup !== undefined) {
      if (authoritativeTtl !== undefined) cache.authoritativeTtl = authoritativeTtl;
      cache.current = groupOf.get(index) === currentGroup;
    }
    return [cache];
  });
}

/** `2 timed out, 1 refused`: the failures by kind. */
function failureCounts(replies: readonly ServerReply[], failed: readonly number[]): string[] {
  const counts = new Map<CompareFailure, number>();
  for (const index of failed) {
    const kind = replies[index].failure?.kind;
    if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return FAILURE_ORDER.flatMap((kind) => {
    const count = counts.get(kind);
    return count ? [`${count} ${FAILURE_WORDS[kind]}`] : [];
  });
}

/** The headline: whether the servers agree, and if not how many do not and why. */
function headlineOf(report: Omit<CompareReport, 'headline'>, data: CompareData): string {
  const total = data.replies.length;
  const failures = failureCounts(data.replies, report.failed);
  if (total === 0) return `no server to compare${data.error ? `: ${data.error}` : ''}`;
  if (report.verdict === 'none')
    return total === 1
      ? `the server did not answer: ${failures.join(', ')}`
      : `none of ${servers(total)} answered: ${failures.join(', ')}`;
  if (report.verdict === 'agree') {
    const all =
      total === 1 ? 'the one server answered' : total === 2 ? 'both servers agree' : `all ${servers(total)} agree`;
    return report.ttlOnly ? `${all}, but for TTLs` : all;
  }
  const reasons: string[] = [];
  if (report.groups.length > 1)
    reasons.push(report.serialOnly ? 'serial skew' : `${report.groups.length} different answers`);
  reasons.push(...failures);
  const verb = report.disagreeing === 1 ? 'disagrees' : 'disagree';
  return `${report.disagreeing} of ${servers(total)} ${verb}: ${reasons.join(', ')}`;
}

/** Judges what the servers said. */
export function compareReport(data: CompareData): CompareReport {
  const replies = data.replies;
  const groups = groupAnswers(replies);
  const failed = replies.flatMap((reply, index) => (reply.answer ? [] : [index]));
  const verdict: CompareVerdict =
    groups.length === 0 ? 'none' : groups.length === 1 && failed.length === 0 ? 'agree' : 'disagree';
  const partial = {
    verdict,
    groups,
    failed,
    disagreeing: replies.length - (groups[0]?.servers.length ?? 0),
    ttlOnly: verdict === 'agree' && groups[0].ttlsDiffer,
    serialOnly: onlySerialsDiffer(replies, groups),
    resolvers: resolverCaches(replies, groups),
  };
  const skew = serialSkew(replies);
  const report = skew ? { ...partial, serialSkew: skew } : partial;
  return { ...report, headline: headlineOf(report, data) };
}
