/** What every check shares: how a finding is made and how servers are named in it. */
import type { CheckData, CutData, Finding, ProbeResult, ServerData, Severity } from '../types.js';

/** One check: the findings about one cut of the collected data. */
export type Check = (cut: CutData, data: CheckData) => Finding[];

/** A finding about `cut`; the message is one line (the data in it is already escaped by the wire layer). */
export function finding(
  cut: CutData,
  id: string,
  severity: Severity,
  message: string,
  reference: string,
  servers: string[] = [],
  evidence: Record<string, unknown> = {},
): Finding {
  return { id, severity, zone: cut.zone, message, servers, reference, evidence };
}

/** `ns1.example. (192.0.2.1)`: the names that lead to an address, and the address. */
export function serverLabel(server: Pick<ServerData, 'address' | 'names'>): string {
  return server.names.length === 0 ? server.address : `${server.names.join(', ')} (${server.address})`;
}

/** Whether an address is IPv6. */
export function isIpv6(address: string): boolean {
  return address.includes(':');
}

/** `IPv4` or `IPv6`. */
export function familyLabel(address: string): string {
  return isIpv6(address) ? 'IPv6' : 'IPv4';
}

/** A list in prose: `a`, `a and b`, `a, b and c`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `1 server`, `2 servers`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** The reply of a probe, when there is one. */
export function replyOf(result: ProbeResult | undefined): Extract<ProbeResult, { kind: 'reply' }> | undefined {
  return result?.kind === 'reply' ? result : undefined;
}

/**
 * A set of names without duplicates (NS sets compare as sets, RFC 4343: case aside), sorted by their
 * lower-cased text; each name as first given, so findings print names as the zone data spells them.
 */
export function nameSet(names: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, name);
  }
  return [...byKey.keys()].sort().map((key) => byKey.get(key) ?? key);
}

/** Whether `names` holds `name`, case aside. */
export function hasName(names: readonly string[], name: string): boolean {
  const key = name.toLowerCase();
  return names.some((n) => n.toLowerCase() === key);
}

/** Whether two sets made by nameSet are equal, case aside. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]?.toLowerCase());
}

/** `1 server answers`, `2 servers answer`: a count with its verb agreeing. */
export function countWith(n: number, noun: string, singular: string, plural: string): string {
  return `${count(n, noun)} ${n === 1 ? singular : plural}`;
}
