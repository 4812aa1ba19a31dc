/**
 * The picture of a +compare: one cluster per distinct answer holding the servers that gave it and
 * its records, one cluster for the servers that gave none (each drawn by why: lame, refused, failed,
 * silent), and the headline as the verdict. A pure function of the comparison.
 */
import { type AnswerGroup, type CompareReport, servers } from '../../compare/report.js';
import type { CompareData, CompareFailure, ServerReply } from '../../compare/types.js';
import { className, rcodeName, typeName } from '../../wire/rrtypes.js';
import { serverFacts, serverLabel } from '../compare.js';
import { roundMs } from '../json.js';
import { rdataText } from '../rdata/present.js';
import { GraphBuilder } from './builder.js';
import type { Graph, GraphNode, GraphStatus } from './model.js';

/** How a server that gave no answer is drawn. */
const FAILURE_STATUS: Readonly<Record<CompareFailure, GraphStatus>> = {
  timeout: 'silent',
  unreachable: 'silent',
  refused: 'refused',
  lame: 'lame',
  malformed: 'failed',
  servfail: 'failed',
  rcode: 'failed',
};

/** One server's node: its name and address, then what it said. */
function serverNode(graph: GraphBuilder, zone: string, reply: ServerReply, status: GraphStatus): GraphNode {
  const facts = serverFacts(reply, undefined).join(', ');
  const { address, port } = reply.target.endpoint;
  return graph.node(`${zone}-server`, {
    kind: 'server',
    zone,
    status,
    label: [serverLabel(reply), facts],
    data: { address, port, ...(reply.rttMs !== undefined && { rttMs: roundMs(reply.rttMs) }) },
  });
}

/** The records of an answer, one line each (`www.example.test. 300 A 192.0.2.1`), or its RCODE alone. */
function answerLines(group: AnswerGroup): string[] {
  if (group.records.length === 0) return [group.rcode === 0 ? 'NOERROR, no records' : rcodeName(group.rcode)];
  return group.records.map((rr) => `${rr.name} ${rr.ttl} ${typeName(rr.type)} ${rdataText(rr.rdata)}`);
}

/** Draws the comparison. */
export function compareGraph(data: CompareData, report: CompareReport): Graph {
  const graph = new GraphBuilder();
  const verdictStatus: GraphStatus =
    report.verdict === 'agree' ? 'agree' : report.verdict === 'none' ? 'failed' : 'disagree';
  const verdict = graph.node('verdict', { kind: 'verdict', status: verdictStatus, label: [report.headline] });
  for (const group of report.groups) {
    const status: GraphStatus = group.number === 1 ? 'agree' : 'disagree';
    const heading = `answer ${group.number}: ${rcodeName(group.rcode)}, ${servers(group.servers.length)}`;
    const zone = graph.zone(heading, status);
    const records = graph.node(`${zone}-rrset`, { kind: 'rrset', zone, status, label: answerLines(group) });
    for (const index of group.servers) {
      const node = serverNode(graph, zone, data.replies[index], status);
      graph.edge({ kind: 'answer', from: node.id, to: records.id, status });
    }
    graph.edge({ kind: 'verdict', from: records.id, to: verdict.id, status });
  }
  if (report.failed.length > 0) {
    const zone = graph.zone(`no answer: ${servers(report.failed.length)}`, 'disagree');
    for (const index of report.failed) {
      const reply = data.replies[index];
      const node = serverNode(graph, zone, reply, reply.failure ? FAILURE_STATUS[reply.failure.kind] : 'failed');
      graph.edge({ kind: 'verdict', from: node.id, to: verdict.id, status: 'disagree' });
    }
  }
  const q = data.question;
  const klass = q.class === 1 ? '' : ` ${className(q.class)}`;
  return {
    mode: 'compare',
    title: `${q.name}${klass} ${typeName(q.type)}`,
    dnssec: false,
    zones: graph.zones,
    nodes: graph.nodes,
    edges: graph.edges,
    verdict: { status: verdictStatus, text: report.headline },
  };
}
