/**
 * The picture of a +check: a golden DOT file for a check with findings (a silent server, a lagging
 * serial), the graph's shape (servers with their state, each finding tied to the servers it names,
 * the referral from the parent, the verdict), its SVG read by a strict XML parser and checked by id
 * and class, and a hostile server name that stays text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../../src/check/report.js';
import type { CheckData } from '../../../src/check/types.js';
import { checkGraph } from '../../../src/render/graph/checkGraph.js';
import { renderDot } from '../../../src/render/graph/dot.js';
import type { Graph } from '../../../src/render/graph/model.js';
import { renderSvg } from '../../../src/render/graph/svg.js';
import { failed, healthy, serveSoa, serverAt, soaRecord } from '../../check/scenarios.js';
import { assertGolden } from '../goldenFile.js';
import { hasClasses, parseSvg } from './svgDocument.js';

/** example.test. with ns2 (192.0.2.2) silent and ns1's IPv6 address one serial behind. */
function withFindings(): CheckData {
  const data = healthy();
  serverAt(data, '192.0.2.2').probes = { soa: failed(), tcp: failed('timeout', 'tcp') };
  serveSoa(serverAt(data, '2001:db8::1'), soaRecord('example.test.', 2024010100));
  return data;
}

function drawn(data: CheckData): Graph {
  return checkGraph(checkReport(data), data);
}

/** The node with this label line, in the zone named `zone`. */
function nodeWith(graph: Graph, zone: string, line: string) {
  const zoneId = graph.zones.find((z) => z.name === zone)?.id;
  return graph.nodes.find((n) => n.zone === zoneId && n.label.includes(line));
}

test('check graph: a +check with findings matches its golden DOT file', () => {
  const dot = renderDot(drawn(withFindings()));
  assertGolden('graph/check-findings.dot', dot);
  assert.match(dot, /^[\x20-\x7e\n]*$/, 'DOT text is printable ASCII');
});

test('check graph: servers with their state, findings tied to the servers they name, the referral and the verdict', () => {
  const graph = drawn(withFindings());
  assert.equal(graph.mode, 'check');
  assert.deepEqual(
    graph.zones.filter((z) => graph.nodes.some((n) => n.zone === z.id)).map((z) => [z.name, z.status]),
    [
      ['test.', 'none'],
      ['example.test.', 'error'],
    ],
  );
  const silent = nodeWith(graph, 'example.test.', '192.0.2.2');
  const lagging = nodeWith(graph, 'example.test.', '2001:db8::1');
  const fine = nodeWith(graph, 'example.test.', '192.0.2.1');
  assert.deepEqual([silent?.status, lagging?.status, fine?.status], ['silent', 'ok', 'ok']);
  const findingOf = (id: string) => graph.nodes.find((n) => n.kind === 'finding' && n.data?.id === id);
  const names = (id: string) =>
    graph.edges.filter((e) => e.kind === 'names' && e.from === findingOf(id)?.id).map((e) => [e.to, e.status]);
  assert.deepEqual(names('server.silent'), [[silent?.id, 'error']]);
  assert.deepEqual(names('soa.serial'), [[lagging?.id, 'warning']]);
  const passed = graph.nodes.find((n) => n.kind === 'finding' && n.status === 'ok');
  assert.match(passed?.label[0] ?? '', /^\d+ checks ok$/);
  const referral = graph.edges.find((e) => e.kind === 'referral');
  assert.equal(graph.nodes.find((n) => n.id === referral?.from)?.label[0], 'a.nic.test.');
  assert.equal(referral?.toZone, graph.zones.find((z) => z.name === 'example.test.')?.id);
  assert.deepEqual(graph.verdict, { status: 'error', text: checkReport(withFindings()).verdict });
  const verdictEdge = graph.edges.find((e) => e.kind === 'verdict');
  assert.equal(verdictEdge?.from, findingOf('server.silent')?.id, 'the verdict hangs below the worst finding');
});

test('check graph: a healthy zone is drawn ok, with no finding but its notices', () => {
  const graph = drawn(healthy());
  assert.equal(graph.zones.find((z) => z.name === 'example.test.')?.status, 'notice');
  assert.ok(graph.nodes.filter((n) => n.kind === 'server').every((n) => n.status === 'ok'));
  assert.deepEqual(
    graph.nodes.filter((n) => n.kind === 'finding' && n.status !== 'ok').map((n) => n.status),
    graph.nodes.filter((n) => n.kind === 'finding' && n.status !== 'ok').map(() => 'notice'),
  );
});

test('check svg: parses as XML and shows every node, edge and zone by id and class, with the legend', async () => {
  const graph = drawn(withFindings());
  const doc = parseSvg(await renderSvg(renderDot(graph)));
  for (const node of graph.nodes) {
    const element = doc.nodes.get(node.id);
    assert.ok(element && hasClasses(element, `node ${node.kind} ${node.status}`), `node ${node.id}`);
  }
  for (const edge of graph.edges) {
    const element = doc.edges.get(edge.id);
    assert.ok(element && hasClasses(element, `edge ${edge.kind} ${edge.status}`), `edge ${edge.id}`);
  }
  const zone = graph.zones.find((z) => z.name === 'example.test.');
  const cluster = doc.clusters.get(`cluster-${zone?.id}`);
  assert.ok(cluster && hasClasses(cluster, 'zone error') && cluster.text.includes('example.test.'));
  assert.ok(doc.nodes.get('legend')?.text.includes('error: breaks resolution'), 'the legend names the severities');
  assert.match(doc.root.attributes.viewBox ?? '', /^[\d.]+ [\d.]+ [\d.]+ [\d.]+$/);
});

test('check graph: a hostile server name stays inside its quoted string and reaches the SVG as text', async () => {
  const data = withFindings();
  const evil = 'ns2<script>alert(1)</script>"];\u0007.example.test.';
  serverAt(data, '192.0.2.2').names = [evil];
  const graph = drawn(data);
  const dot = renderDot(graph);
  assert.doesNotMatch(dot, /<script>alert\(1\)<\/script>"\]/);
  const doc = parseSvg(await renderSvg(dot));
  const silent = graph.nodes.find((n) => n.kind === 'server' && n.status === 'silent');
  const text = doc.nodes.get(silent?.id ?? '')?.text ?? '';
  assert.ok(text.includes('ns2<script>alert(1)</script>"];\\007.example.test.'), text);
  assert.equal(
    doc.elements.some((e) => e.name === 'script'),
    false,
  );
});
