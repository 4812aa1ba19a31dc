/**
 * The picture of a +check: one zone per cluster from the root down, the servers of each with their
 * state (answers, lame, refusing, silent), referral edges from a parent's servers to the child zone,
 * each finding that is not ok attached to the servers it names and coloured by severity, a node per
 * zone for the checks that passed, and the verdict. A pure function of the collected data and the report.
 */
import { serverStates, type ServerState } from '../../check/findings/serverState.js';
import { serverLabel } from '../../check/findings/finding.js';
import type { CheckData, CheckReport, CutData, Finding, ParentServerData, ServerData } from '../../check/types.js';
import { labelCount, namesEqual } from '../../wire/name.js';
import { RCODE } from '../../wire/rrtypes.js';
import { GraphBuilder } from './builder.js';
import type { Graph, GraphNode, GraphStatus } from './model.js';
import { rttLabel } from './traceGraph.js';

/** How one server state is drawn. */
function stateStatus(state: ServerState): GraphStatus {
  switch (state.kind) {
    case 'authoritative':
      return 'ok';
    case 'lame':
      return 'lame';
    case 'refused':
      return 'refused';
    case 'silent':
    case 'unreachable':
      return 'silent';
    case 'malformed':
      return 'failed';
    case 'missing':
      return 'none';
  }
}

/** The state in words, for the node's last line. */
function stateLine(state: ServerState, rttMs: number | undefined): string {
  const rtt = rttMs === undefined ? '' : ` (${rttLabel(rttMs)})`;
  switch (state.kind) {
    case 'authoritative':
      return `authoritative${rtt}`;
    case 'lame':
      return `lame: ${state.reason}`;
    case 'refused':
      return `REFUSED${rtt}`;
    case 'silent':
      return 'no reply (timed out)';
    case 'unreachable':
    case 'malformed':
      return state.reason;
    case 'missing':
      return 'not asked';
  }
}

/** A server's state: UDP's, or TCP's when that is better (a server that answers over TCP only still answers). */
function bestState(server: ServerData, zone: string): { state: ServerState; rttMs?: number } {
  const { udp, tcp } = serverStates(server, zone);
  const probe = udp.kind !== 'authoritative' && tcp.kind === 'authoritative' ? server.probes.tcp : server.probes.soa;
  const state = probe === server.probes.tcp ? tcp : udp;
  return { state, ...(probe?.kind === 'reply' && { rttMs: probe.rttMs }) };
}

/** How a parent's server answered the question about the delegation. */
function parentStatus(server: ParentServerData): { status: GraphStatus; line: string } {
  const probe = server.ns;
  if (probe.kind === 'skipped') return { status: 'none', line: 'not asked' };
  if (probe.kind === 'failed') return { status: 'silent', line: probe.message };
  if (probe.message.rcode === RCODE.REFUSED) return { status: 'refused', line: `REFUSED (${rttLabel(probe.rttMs)})` };
  if (probe.message.rcode !== RCODE.NOERROR) return { status: 'failed', line: `RCODE ${probe.message.rcode}` };
  return { status: 'ok', line: `answers (${rttLabel(probe.rttMs)})` };
}

/** Server nodes by zone and address, made once; the zone's own servers first, the parent's as the cuts name them. */
class ServerNodes {
  private readonly byKey = new Map<string, GraphNode>();

  constructor(private readonly graph: GraphBuilder) {}

  private key(zoneId: string, address: string): string {
    return `${zoneId} ${address}`;
  }

  /** One of the zone's own name-server addresses, judged by its replies. */
  own(cut: CutData, server: ServerData): GraphNode {
    const zone = this.graph.zone(cut.zone);
    const key = this.key(zone, server.address);
    const known = this.byKey.get(key);
    if (known) return known;
    const { state, rttMs } = bestState(server, cut.zone);
    const node = this.graph.node(`${zone}-ns`, {
      kind: 'server',
      zone,
      status: stateStatus(state),
      label: [...server.names, server.address, stateLine(state, rttMs)],
      data: { names: [...server.names], address: server.address, state: state.kind, label: serverLabel(server) },
    });
    this.byKey.set(key, node);
    return node;
  }

  /** A server of the parent zone, as asked about the delegation (unless the parent's own cut drew it already). */
  parent(zoneName: string, server: ParentServerData): GraphNode {
    const zone = this.graph.zone(zoneName);
    const key = this.key(zone, server.address);
    const known = this.byKey.get(key);
    if (known) return known;
    const { status, line } = parentStatus(server);
    const node = this.graph.node(`${zone}-ns`, {
      kind: 'server',
      zone,
      status,
      label: [server.name, server.address, line],
      data: { names: [server.name], address: server.address, label: `${server.name} (${server.address})` },
    });
    this.byKey.set(key, node);
    return node;
  }
}

/** The server nodes of a zone that a finding names: `NAME (ADDRESS)` as the finding wrote it, or a bare name or address. */
function namedServers(graph: GraphBuilder, zoneId: string, named: string): GraphNode[] {
  const servers = graph.nodesIn(zoneId).filter((n) => n.kind === 'server');
  const exact = servers.filter((n) => n.data?.label === named || n.data?.address === named);
  if (exact.length > 0) return exact;
  return servers.filter((n) => {
    const names = n.data?.names;
    return Array.isArray(names) && names.some((name) => namesEqual(name, named));
  });
}

/** The finding's node, and an edge to each server it names. */
function addFinding(graph: GraphBuilder, finding: Finding): GraphNode {
  const zone = graph.zone(finding.zone);
  const node = graph.node(`${zone}-finding`, {
    kind: 'finding',
    zone,
    status: finding.severity,
    label: [`${finding.severity}: ${finding.id}`, finding.message],
    data: { id: finding.id, severity: finding.severity, reference: finding.reference, servers: [...finding.servers] },
  });
  const targets = new Set(finding.servers.flatMap((named) => namedServers(graph, zone, named)));
  for (const target of targets) graph.edge({ kind: 'names', from: node.id, to: target.id, status: finding.severity });
  return node;
}

/** One node per zone for the checks that passed there. */
function addPassed(graph: GraphBuilder, zoneName: string, passed: readonly Finding[]): GraphNode {
  const zone = graph.zone(zoneName);
  const ids = [...new Set(passed.map((f) => f.id))];
  return graph.node(`${zone}-finding`, {
    kind: 'finding',
    zone,
    status: 'ok',
    label: [`${passed.length} ${passed.length === 1 ? 'check' : 'checks'} ok`, ids.join(', ')],
    data: { ids },
  });
}

/** The worst severity among findings, as a status. */
function worstOf(findings: readonly Finding[]): GraphStatus {
  for (const severity of ['error', 'warning', 'notice', 'ok'] as const)
    if (findings.some((f) => f.severity === severity)) return severity;
  return 'none';
}

/** The zones of the picture, from the root down: the walk's, then the cuts' (and their parents). */
function zonesInOrder(data: CheckData, report: CheckReport): string[] {
  const names = [
    ...data.walk.zones,
    ...data.cuts.flatMap((cut) => [cut.parent ?? [], cut.zone].flat()),
    ...report.findings.map((f) => f.zone),
  ];
  const unique: string[] = [];
  for (const name of names) if (!unique.some((u) => namesEqual(u, name))) unique.push(name);
  // Stable: parents before children, the walk's order kept within one depth.
  return unique
    .map((name, i) => ({ name, i }))
    .sort((a, b) => labelCount(a.name) - labelCount(b.name) || a.i - b.i)
    .map((entry) => entry.name);
}

/** The picture of one +check. */
export function checkGraph(report: CheckReport, data: CheckData): Graph {
  const graph = new GraphBuilder();
  const servers = new ServerNodes(graph);
  const zoneNames = zonesInOrder(data, report);
  for (const name of zoneNames) graph.zone(name);
  // The cuts from the root down: each zone's servers, then its parent's, then the referral between them.
  const cuts = [...data.cuts].sort((a, b) => labelCount(a.zone) - labelCount(b.zone));
  for (const cut of cuts) for (const server of cut.servers) servers.own(cut, server);
  for (const cut of cuts) {
    if (cut.parent === undefined) continue;
    const parents = cut.parentServers.map((server) => servers.parent(cut.parent ?? '.', server));
    const from = parents.find((n) => n.status === 'ok') ?? parents[0];
    const child = graph.nodesIn(graph.zone(cut.zone)).find((n) => n.kind === 'server');
    if (!from || !child) continue;
    graph.edge({
      kind: 'referral',
      from: from.id,
      to: child.id,
      status: from.status === 'ok' ? 'ok' : from.status,
      toZone: graph.zone(cut.zone),
    });
  }
  let first: GraphNode | undefined;
  for (const name of zoneNames) {
    const own = report.findings.filter((f) => namesEqual(f.zone, name));
    const zone = graph.findZone(name);
    if (zone) zone.status = worstOf(own);
    const nodes = own.filter((f) => f.severity !== 'ok').map((f) => addFinding(graph, f));
    const passed = own.filter((f) => f.severity === 'ok');
    if (passed.length > 0) nodes.push(addPassed(graph, name, passed));
    if (report.zone !== undefined ? namesEqual(name, report.zone) : !first) first = nodes[0] ?? first;
  }
  const status = report.unreachable ? 'error' : report.worst;
  const verdict = graph.node('verdict', { kind: 'verdict', status, label: [report.verdict] });
  if (first) graph.edge({ kind: 'verdict', from: first.id, to: verdict.id, status });
  return {
    mode: 'check',
    title: report.zone ?? report.name,
    dnssec: false,
    zones: graph.zones,
    nodes: graph.nodes,
    edges: graph.edges,
    verdict: { status, text: report.verdict },
  };
}
