/**
 * The picture of a +trace: one zone per cluster from the root down, the servers asked in each (address,
 * RTT, lame / refusing / silent), referral edges between zones, the final reply's RRsets and the verdict.
 * With +validate, dnssecGraph.ts adds the keys, DS records, signatures and proofs. A pure function of
 * the trace result and the validation.
 */
import type { TraceValidation } from '../../dnssec/types.js';
import type { Hop, ServerAttempt, TraceResult } from '../../resolve/traceTypes.js';
import { isFinalOutcome } from '../../resolve/classify.js';
import { className, TYPE, typeName } from '../../wire/rrtypes.js';
import type { ResourceRecord } from '../../wire/types.js';
import { rdataText } from '../rdata/present.js';
import { outcomeText, yxdomainText } from '../trace.js';
import { GraphBuilder } from './builder.js';
import { addDnssec, type AnsweredSet } from './dnssecGraph.js';
import { delegationStatus } from './dnssecZones.js';
import type { Graph, GraphNode, GraphStatus, GraphVerdict } from './model.js';

/** Records drawn in one RRset node before the rest is counted. */
const MAX_RECORD_LINES = 4;

/** How a server's attempt is drawn. */
function serverStatus(attempt: ServerAttempt): GraphStatus {
  switch (attempt.outcome) {
    case 'accepted':
      return 'answered';
    case 'lame':
      return 'lame';
    case 'refused':
      return 'refused';
    case 'servfail':
    case 'rcode':
    case 'misbehaving':
    case 'badPacket':
      return 'failed';
    default:
      return 'silent';
  }
}

/** RTT to one decimal: loopback replies take less than a millisecond. */
export function rttLabel(ms: number): string {
  return `${(Math.round(ms * 10) / 10).toFixed(1)} ms`;
}

function serverLine(attempt: ServerAttempt): string {
  const rtt = rttLabel(attempt.rttMs);
  switch (attempt.outcome) {
    case 'accepted':
      return rtt;
    case 'lame':
      return `lame (${rtt})`;
    case 'refused':
      return `REFUSED (${rtt})`;
    case 'servfail':
      return `SERVFAIL (${rtt})`;
    case 'rcode':
    case 'misbehaving':
    case 'badPacket':
      return attempt.error ?? attempt.outcome;
    case 'abandoned':
      return `no reply in ${rtt}: another server answered first`;
    case 'timeout':
      return 'no reply (timed out)';
    case 'connectionRefused':
      return 'no reply (connection refused)';
    default:
      return `no reply (${attempt.error ?? attempt.outcome})`;
  }
}

function serverData(attempt: ServerAttempt): GraphNode['data'] {
  return {
    name: attempt.name,
    address: attempt.address,
    port: attempt.port,
    outcome: attempt.outcome,
    rttMs: Math.round(attempt.rttMs * 1000) / 1000,
  };
}

function addressLine(attempt: ServerAttempt): string {
  return attempt.port === 53 ? attempt.address : `${attempt.address}#${attempt.port}`;
}

/** The server nodes of every hop: one per zone and address, the best outcome kept. */
class ServerNodes {
  private readonly byKey = new Map<string, GraphNode>();
  /** Per hop: the node of the server whose reply was used, or of the first asked. */
  readonly entry: Array<GraphNode | undefined> = [];

  constructor(private readonly graph: GraphBuilder) {}

  add(hop: Hop): void {
    const start = hop.outcome.kind === 'rootServers';
    const zone = start ? undefined : this.graph.zone(hop.zone);
    let used: GraphNode | undefined;
    let first: GraphNode | undefined;
    for (const attempt of hop.servers) {
      const node = this.node(zone, attempt, start);
      first ??= node;
      if (attempt.outcome === 'accepted') used = node;
    }
    if (start && hop.servers.length === 0 && hop.outcome.kind === 'rootServers') {
      const from = hop.outcome.source === 'file' ? 'from --root-hints' : 'built in';
      first = this.graph.node('start', { kind: 'start', status: 'none', label: ['root hints', from] });
      used = first;
    }
    this.entry.push(used ?? first);
  }

  private node(zone: string | undefined, attempt: ServerAttempt, start: boolean): GraphNode {
    const key = `${zone ?? 'start'} ${attempt.address} ${attempt.port}`;
    const status = serverStatus(attempt);
    const label = [attempt.name, addressLine(attempt), serverLine(attempt)];
    // A start server is named as typed, often its address: say what it is instead of repeating it.
    if (start)
      label.splice(0, 1, ...(attempt.name === attempt.address ? ['start server'] : ['start server', attempt.name]));
    const known = this.byKey.get(key);
    if (known) {
      if (status === 'answered' && known.status !== 'answered')
        Object.assign(known, { status, label, data: serverData(attempt) });
      return known;
    }
    const node = start
      ? this.graph.node('start', { kind: 'start', status, label, data: serverData(attempt) })
      : this.graph.node(`${zone}-ns`, { kind: 'server', zone, status, label, data: serverData(attempt) });
    this.byKey.set(key, node);
    return node;
  }
}

/** The node a referral to `zone` points at: the server of the next hop in that zone, or a note that none was asked. */
function childEntry(graph: GraphBuilder, hops: readonly Hop[], servers: ServerNodes, from: number, zone: string) {
  const next = hops.findIndex((hop, i) => i > from && hop.zone.toLowerCase() === zone.toLowerCase());
  const node = next >= 0 ? servers.entry[next] : undefined;
  if (node) return node;
  const zoneId = graph.zone(zone);
  return graph.node(`${zoneId}-note`, { kind: 'note', zone: zoneId, status: 'none', label: ['not asked'] });
}

/** RRsets in order of first appearance. */
function groupRrsets(records: readonly ResourceRecord[]): ResourceRecord[][] {
  const sets = new Map<string, ResourceRecord[]>();
  for (const rr of records) {
    const key = `${rr.name.toLowerCase()} ${rr.type}`;
    sets.set(key, [...(sets.get(key) ?? []), rr]);
  }
  return [...sets.values()];
}

function rrsetLabel(set: readonly ResourceRecord[]): string[] {
  const lines = set.slice(0, MAX_RECORD_LINES).map((rr) => rdataText(rr.rdata));
  if (set.length > MAX_RECORD_LINES) lines.push(`(${set.length - MAX_RECORD_LINES} more)`);
  return [`${set[0].name} ${typeName(set[0].type)}`, ...lines];
}

/** The RRsets (and the name or type proved absent) of the hops that end in an authoritative reply. */
function addAnswers(graph: GraphBuilder, result: TraceResult): AnsweredSet[] {
  const sets: AnsweredSet[] = [];
  result.hops.forEach((hop) => {
    const outcome = hop.outcome;
    if (!hop.exchange) return;
    if (!isFinalOutcome(outcome)) return;
    const zone = graph.zone(hop.zone);
    const records = outcome.kind === 'answer' ? [...outcome.chain, ...outcome.records] : [];
    if (outcome.kind !== 'answer' && 'chain' in outcome) records.push(...outcome.chain);
    if (outcome.kind === 'yxdomain') records.push(outcome.dname);
    for (const set of groupRrsets(records)) {
      const node = graph.node(`${zone}-rrset`, { kind: 'rrset', zone, status: 'none', label: rrsetLabel(set) });
      node.data = { name: set[0].name, type: typeName(set[0].type), records: set.map((rr) => rdataText(rr.rdata)) };
      sets.push({ node, hop, records: set, name: set[0].name, type: set[0].type });
    }
    if (outcome.kind === 'nxdomain' || outcome.kind === 'nodata') {
      const what = outcome.kind === 'nxdomain' ? 'NXDOMAIN: no such name' : 'NODATA: no record of this type';
      const label = [`${outcome.name} ${typeName(hop.question.type)}`, what];
      const node = graph.node(`${zone}-rrset`, { kind: 'rrset', zone, status: 'none', label, roles: ['absent'] });
      node.data = { name: outcome.name, type: typeName(hop.question.type), absent: outcome.kind };
      sets.push({ node, hop, records: [], name: outcome.name, type: hop.question.type, negative: outcome.kind });
    }
    // The DNAME (an RRset above) is the proof; the name it cannot rewrite has no denial of its own to draw.
    if (outcome.kind === 'yxdomain') {
      const label = [
        `${outcome.name} ${typeName(hop.question.type)}`,
        `YXDOMAIN: ${outcome.octets} octets after the DNAME`,
      ];
      const node = graph.node(`${zone}-rrset`, { kind: 'rrset', zone, status: 'none', label, roles: ['absent'] });
      node.data = {
        name: outcome.name,
        type: typeName(hop.question.type),
        absent: outcome.kind,
        octets: outcome.octets,
      };
    }
  });
  // Each CNAME points at the RRset of its target, wherever that was answered.
  for (const set of sets) {
    if (set.type !== TYPE.CNAME) continue;
    const alias = set.records[0].rdata;
    const target = (alias.type === 'CNAME' ? alias.target : '').toLowerCase();
    const next = sets.find((other) => other !== set && other.name.toLowerCase() === target);
    if (next) graph.edge({ kind: 'alias', from: set.node.id, to: next.node.id, status: 'none' });
  }
  return sets;
}

/** Hop-level facts that are not a server's: nobody answered, a limit, a referral that would loop. */
function addHopNote(graph: GraphBuilder, hop: Hop, entry: GraphNode | undefined): GraphNode | undefined {
  const outcome = hop.outcome;
  if (outcome.kind !== 'allFailed' && outcome.kind !== 'limit' && outcome.kind !== 'badReferral') return undefined;
  const zone = graph.zone(hop.zone);
  const node = graph.node(`${zone}-note`, { kind: 'note', zone, status: 'failed', label: [outcomeText(outcome)] });
  if (entry && outcome.kind === 'badReferral')
    graph.edge({ kind: 'referral', from: entry.id, to: node.id, status: 'failed', label: 'bad referral' });
  return node;
}

/** Glue lookups: the name server whose address had to be looked up, pointing at its server node. */
function addGlueLookups(graph: GraphBuilder, hop: Hop): void {
  if (hop.outcome.kind === 'rootServers') return;
  const zone = graph.zone(hop.zone);
  for (const lookup of hop.glueLookups) {
    const found = lookup.error ? lookup.error : lookup.addresses.join(', ');
    const node = graph.node(`${zone}-glue`, {
      kind: 'glue',
      zone,
      status: lookup.error ? 'failed' : 'none',
      label: ['glue lookup', lookup.name, found, `${lookup.queries} ${lookup.queries === 1 ? 'query' : 'queries'}`],
      data: { name: lookup.name, addresses: [...lookup.addresses], queries: lookup.queries },
    });
    const targets = graph
      .nodesIn(zone)
      .filter((n) => n.kind === 'server' && String(n.data?.name).toLowerCase() === lookup.name.toLowerCase());
    for (const target of targets) graph.edge({ kind: 'glue', from: node.id, to: target.id, status: 'none' });
  }
}

/** What the trace found, in a few words for the verdict. */
function foundText(result: TraceResult): string {
  const final = result.final;
  const type = typeName(result.request.type);
  if (!final) return 'no reply';
  switch (final.kind) {
    case 'answer': {
      const count = `${final.records.length} ${typeName(final.records[0]?.type ?? result.request.type)} record${final.records.length === 1 ? '' : 's'}`;
      const via =
        final.chain.length > 0 ? ` (after ${final.chain.length} CNAME${final.chain.length === 1 ? '' : 's'})` : '';
      return `answer: ${count} for ${final.name}${via}`;
    }
    case 'nxdomain':
      return `NXDOMAIN: ${final.name} does not exist`;
    case 'nodata':
      return `NODATA: ${final.name} has no ${type} records`;
    case 'yxdomain':
      return `YXDOMAIN: ${yxdomainText(final)}`;
    case 'cname':
      return `CNAME to ${final.target} (not followed; +follow follows it)`;
    default:
      return outcomeText(final);
  }
}

function verdictOf(result: TraceResult, dnssec: TraceValidation | undefined): GraphVerdict {
  if (result.error) return { status: 'failed', text: `trace failed: ${result.error.message}` };
  const outcome = foundText(result);
  if (!dnssec) return { status: 'none', text: outcome };
  const { status, reason } = dnssec.validation;
  return { status, text: `DNSSEC ${status}: ${reason} (${outcome})` };
}

/** The verdict as drawn: the DNSSEC status and its reason, then what the trace found. */
function verdictLines(result: TraceResult, dnssec: TraceValidation | undefined): string[] {
  if (result.error) return ['trace failed', result.error.message];
  const outcome = foundText(result);
  if (!dnssec) return [outcome];
  return [`DNSSEC: ${dnssec.validation.status}`, dnssec.validation.reason, outcome];
}

/** The picture of one trace, with its DNSSEC chain when it was validated. */
export function traceGraph(result: TraceResult, dnssec?: TraceValidation): Graph {
  const graph = new GraphBuilder();
  const servers = new ServerNodes(graph);
  for (const hop of result.hops) servers.add(hop);
  /** Where the walk ended when no RRset did: the last hop's note, or its server. */
  let ending: GraphNode | undefined;
  result.hops.forEach((hop, i) => {
    const entry = servers.entry[i];
    ending = addHopNote(graph, hop, entry) ?? entry;
    addGlueLookups(graph, hop);
    if (hop.outcome.kind === 'rootServers' && entry) {
      const root = childEntry(graph, result.hops, servers, i, '.');
      graph.edge({ kind: 'start', from: entry.id, to: root.id, status: 'none', toZone: graph.zone('.') });
    }
    if (hop.outcome.kind === 'referral' && entry) {
      const child = childEntry(graph, result.hops, servers, i, hop.outcome.zone);
      const status = delegationStatus(dnssec?.cuts[i]?.status);
      graph.edge({ kind: 'referral', from: entry.id, to: child.id, status, toZone: graph.zone(hop.outcome.zone) });
    }
  });
  const answered = addAnswers(graph, result);
  const verdict = verdictOf(result, dnssec);
  if (dnssec) addDnssec(graph, result, dnssec, answered);
  const last = answered[answered.length - 1];
  const verdictNode = graph.node('verdict', {
    kind: 'verdict',
    status: verdict.status,
    label: verdictLines(result, dnssec),
  });
  const from = last?.node ?? ending;
  if (from) graph.edge({ kind: 'verdict', from: from.id, to: verdictNode.id, status: verdict.status });
  const { request } = result;
  const klass = request.class === 1 ? '' : ` ${className(request.class)}`;
  return {
    mode: 'trace',
    title: `${request.name}${klass} ${typeName(request.type)}`,
    dnssec: dnssec !== undefined,
    zones: graph.zones,
    nodes: graph.nodes,
    edges: graph.edges,
    verdict,
  };
}
