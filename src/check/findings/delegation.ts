/**
 * The delegation: the parent's NS set against the child's own (every server asked), glue against
 * the addresses the child serves, in-domain names without glue, glue from outside the parent's zone,
 * and how many name servers there are.
 */
import { isSubdomain } from '../../wire/name.js';
import { TYPE } from '../../wire/rrtypes.js';
import type { Message } from '../../wire/types.js';
import { addressesOf, recordsAt, targetsOf } from '../records.js';
import type { CutData, Finding, ServerData } from '../types.js';
import { finding, hasName, listText, nameSet, replyOf, sameSet, serverLabel } from './finding.js';
import { isAuthoritative } from './serverState.js';
import { outOfZoneGlueFindings } from './outOfZoneGlue.js';

const NS_REF = 'RFC 1034 4.2.2';
const GLUE_REF = 'RFC 9471';

/** The NS names a reply gives for `zone`, in the answer (from the zone itself) or the authority (a referral). */
export function nsNamesIn(message: Message, zone: string): string[] {
  return nameSet(
    targetsOf([...recordsAt(message.answer, zone, TYPE.NS), ...recordsAt(message.authority, zone, TYPE.NS)]),
  );
}

/** `{a, b}`: a set in a message. */
function setText(names: readonly string[]): string {
  return `{${names.join(', ')}}`;
}

/** Adds a server to the group of the set it gave; sets that differ only in case are one group, named as first seen. */
function addToGroup(groups: Map<string, string[]>, names: readonly string[], server: string): void {
  const text = setText(names);
  const key = [...groups.keys()].find((k) => k.toLowerCase() === text.toLowerCase()) ?? text;
  groups.set(key, [...(groups.get(key) ?? []), server]);
}

/** Groups servers by the set they gave: `{a, b} from s1, s2; {a} from s3`. */
function groupsText(groups: Map<string, string[]>): string {
  return [...groups].map(([set, servers]) => `${set} from ${listText(servers)}`).join('; ');
}

/** The parent's servers: each must answer with the delegation, and all must agree. */
function parentFindings(cut: CutData): { findings: Finding[]; parentSet: string[] } {
  const out: Finding[] = [];
  const groups = new Map<string, string[]>();
  const sets: string[][] = [];
  for (const server of cut.parentServers) {
    const label = serverLabel({ address: server.address, names: [server.name] });
    const reply = replyOf(server.ns);
    const names = reply ? nsNamesIn(reply.message, cut.zone) : [];
    if (names.length === 0) {
      const why =
        server.ns.kind === 'failed'
          ? server.ns.message
          : server.ns.kind === 'reply'
            ? 'no NS records for it'
            : 'not asked';
      out.push(
        finding(
          cut,
          'delegation.parent-server',
          'warning',
          `${label}, a server of ${cut.parent}, gave no delegation for ${cut.zone}: ${why}`,
          NS_REF,
          [label],
          { address: server.address },
        ),
      );
      continue;
    }
    sets.push(names);
    addToGroup(groups, names, label);
  }
  if (groups.size > 1)
    out.push(
      finding(
        cut,
        'delegation.parent-consistent',
        'warning',
        `the servers of ${cut.parent} disagree on the NS set of ${cut.zone}: ${groupsText(groups)}`,
        NS_REF,
        [...groups.values()].flat(),
        { sets: Object.fromEntries(groups) },
      ),
    );
  return { findings: out, parentSet: nameSet(sets.flat()) };
}

/** The child's own NS set from each server that answered authoritatively. */
function childSets(cut: CutData): { groups: Map<string, string[]>; union: string[] } {
  const groups = new Map<string, string[]>();
  const union: string[] = [];
  for (const server of cut.servers) {
    const reply = replyOf(server.probes.ns);
    if (!reply?.message.aa || !isAuthoritative(server, cut.zone)) continue;
    const names = nsNamesIn(reply.message, cut.zone);
    union.push(...names);
    addToGroup(groups, names, serverLabel(server));
  }
  return { groups, union: nameSet(union) };
}

/** Parent against child, and the child's servers against each other. */
function nsSetFindings(cut: CutData, parentSet: string[]): Finding[] {
  const { groups, union: childSet } = childSets(cut);
  if (groups.size === 0) return [];
  const out: Finding[] = [];
  if (groups.size > 1)
    out.push(
      finding(
        cut,
        'ns.child-consistent',
        'warning',
        `the servers of ${cut.zone} disagree on its NS set: ${groupsText(groups)}`,
        NS_REF,
        [...groups.values()].flat(),
        { sets: Object.fromEntries(groups) },
      ),
    );
  if (cut.parent === undefined || parentSet.length === 0) return out;
  const evidence = { parent: parentSet, child: childSet };
  if (sameSet(parentSet, childSet)) {
    out.push(
      finding(
        cut,
        'delegation.ns-match',
        'ok',
        `${cut.parent} and ${cut.zone} agree on the NS set ${setText(parentSet)}`,
        NS_REF,
        [],
        evidence,
      ),
    );
    return out;
  }
  const onlyParent = parentSet.filter((n) => !hasName(childSet, n));
  const onlyChild = childSet.filter((n) => !hasName(parentSet, n));
  const parts = [
    onlyParent.length > 0 ? `only in the delegation from ${cut.parent}: ${listText(onlyParent)}` : '',
    onlyChild.length > 0 ? `only in ${cut.zone} itself: ${listText(onlyChild)}` : '',
  ].filter(Boolean);
  out.push(
    finding(
      cut,
      'delegation.ns-match',
      'warning',
      `the NS sets of ${cut.parent} and ${cut.zone} differ: ${parts.join('; ')}`,
      NS_REF,
      [],
      { ...evidence, onlyParent, onlyChild },
    ),
  );
  return out;
}

/** The addresses the child's authoritative servers give for one name. */
function childAddresses(servers: readonly ServerData[], zone: string, name: string): string[] | undefined {
  const found = new Set<string>();
  let asked = false;
  for (const server of servers) {
    if (!isAuthoritative(server, zone)) continue;
    for (const probe of server.addressProbes) {
      if (probe.name.toLowerCase() !== name) continue;
      const reply = replyOf(probe.result);
      if (!reply?.message.aa) continue;
      asked = true;
      const type = probe.type === 'A' ? TYPE.A : TYPE.AAAA;
      for (const address of addressesOf(recordsAt(reply.message.answer, name, type))) found.add(address);
    }
  }
  return asked ? [...found].sort() : undefined;
}

/** Glue: present for in-domain names (RFC 9471), and the same addresses the child serves. */
function glueFindings(cut: CutData): Finding[] {
  if (cut.parent === undefined) return [];
  const out: Finding[] = [];
  const matching: string[] = [];
  for (const ns of cut.nameServers) {
    if (!ns.inParent || !isSubdomain(ns.name, cut.zone)) continue;
    const glue = [...new Set(ns.glue)].sort();
    if (glue.length === 0) {
      out.push(
        finding(
          cut,
          'delegation.glue-missing',
          'error',
          `${ns.name} is inside ${cut.zone} but ${cut.parent} gives no glue for it`,
          GLUE_REF,
          [ns.name],
          { name: ns.name },
        ),
      );
      continue;
    }
    const served = childAddresses(cut.servers, cut.zone, ns.name.toLowerCase());
    if (served === undefined) continue;
    const stale = glue.filter((a) => !served.includes(a));
    const unglued = served.filter((a) => !glue.includes(a));
    const evidence = { name: ns.name, glue, child: served };
    if (stale.length > 0)
      out.push(
        finding(
          cut,
          'delegation.glue-match',
          'error',
          `glue for ${ns.name} in ${cut.parent} has ${listText(stale)}, which ${cut.zone} does not serve (it serves ${served.length > 0 ? listText(served) : 'no address'})`,
          'RFC 1034 4.2.1',
          [ns.name],
          evidence,
        ),
      );
    else if (unglued.length > 0)
      out.push(
        finding(
          cut,
          'delegation.glue-match',
          'notice',
          `${cut.zone} serves ${listText(unglued)} for ${ns.name}, which the glue in ${cut.parent} lacks`,
          'RFC 1034 4.2.1',
          [ns.name],
          evidence,
        ),
      );
    else matching.push(ns.name);
  }
  if (matching.length > 0)
    out.push(
      finding(
        cut,
        'delegation.glue-match',
        'ok',
        `glue in ${cut.parent} matches the addresses ${cut.zone} serves for ${listText(matching)}`,
        'RFC 1034 4.2.1',
        matching,
      ),
    );
  return out;
}

/** At least two name servers, on at least two addresses (RFC 1034 4.1, RFC 2182 5). */
function countFindings(cut: CutData): Finding[] {
  const names = nameSet(cut.nameServers.map((ns) => ns.name));
  const addresses = new Set(cut.servers.map((s) => s.address));
  const ref = 'RFC 1034 4.1, RFC 2182 5';
  if (names.length < 2)
    return [
      finding(cut, 'ns.count', 'warning', `${cut.zone} has only one name server (${names.join('')})`, ref, names, {
        names,
      }),
    ];
  if (addresses.size < 2 && cut.servers.length > 0)
    return [
      finding(
        cut,
        'ns.count',
        'warning',
        `the ${names.length} name servers of ${cut.zone} share one address (${[...addresses].join('')})`,
        ref,
        names,
        { names, addresses: [...addresses] },
      ),
    ];
  return [
    finding(
      cut,
      'ns.count',
      'ok',
      `${cut.zone} has ${names.length} name servers on ${addresses.size} addresses`,
      ref,
      names,
      { names, addresses: [...addresses].sort() },
    ),
  ];
}

/** Every delegation finding of one cut. */
export function delegationFindings(cut: CutData): Finding[] {
  const parent = cut.parent === undefined ? { findings: [], parentSet: [] } : parentFindings(cut);
  return [
    ...parent.findings,
    ...nsSetFindings(cut, parent.parentSet),
    ...glueFindings(cut),
    ...outOfZoneGlueFindings(cut),
    ...countFindings(cut),
  ];
}
