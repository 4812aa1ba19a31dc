/**
 * The SVG of each golden case, rendered in process by @viz-js/viz, read by a strict XML parser and
 * checked by id and class (not by position): every node, edge and zone of the graph is there with
 * its kind and status, the legend too, and nothing in it can run or fetch.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderDot } from '../../../src/render/graph/dot.js';
import type { Graph } from '../../../src/render/graph/model.js';
import { inlineSvg, renderSvg } from '../../../src/render/graph/svg.js';
import { traceGraph } from '../../../src/render/graph/traceGraph.js';
import { startHierarchy, type Hierarchy } from '../../support/hierarchy.js';
import { GRAPH_CASES, runGraphCase } from './graphCases.js';
import { hasClasses, parseSvg, type SvgDocument } from './svgDocument.js';

let hierarchy: Hierarchy;
before(async () => {
  hierarchy = await startHierarchy();
});
after(async () => {
  await hierarchy?.close();
});

/** Asserts the SVG holds the graph: each node, edge and zone by id with its kind and status as classes. */
function assertHoldsGraph(doc: SvgDocument, graph: Graph): void {
  for (const node of graph.nodes) {
    const element = doc.nodes.get(node.id);
    assert.ok(element, `node ${node.id} is in the SVG`);
    assert.ok(hasClasses(element, `node ${node.kind} ${node.status}`), `${node.id}: ${element.attributes.class}`);
  }
  for (const edge of graph.edges) {
    const element = doc.edges.get(edge.id);
    assert.ok(element, `edge ${edge.id} is in the SVG`);
    assert.ok(hasClasses(element, `edge ${edge.kind} ${edge.status}`), `${edge.id}: ${element.attributes.class}`);
  }
  for (const zone of graph.zones) {
    if (!graph.nodes.some((n) => n.zone === zone.id)) continue;
    const element = doc.clusters.get(`cluster-${zone.id}`);
    assert.ok(element, `zone ${zone.name} is a cluster`);
    assert.ok(hasClasses(element, `zone ${zone.status}`));
    assert.ok(element.text.includes(zone.name), `cluster ${zone.id} is labelled ${zone.name}`);
  }
}

/** Asserts nothing in the SVG runs or loads anything. */
function assertInert(doc: SvgDocument): void {
  for (const element of doc.elements) {
    assert.notEqual(element.name, 'script');
    assert.notEqual(element.name, 'foreignObject');
    for (const name of Object.keys(element.attributes)) {
      assert.doesNotMatch(name, /^on/i, `event handler ${name} on <${element.name}>`);
      assert.ok(!/href$/i.test(name), `link ${name} on <${element.name}>`);
    }
  }
}

for (const item of GRAPH_CASES) {
  test(`svg: ${item.stem} parses as XML and shows every node, edge and zone of its graph`, async () => {
    const { result, dnssec } = await runGraphCase(item, hierarchy);
    const graph = traceGraph(result, dnssec);
    const doc = parseSvg(await renderSvg(renderDot(graph)));
    assert.match(doc.root.attributes.width ?? '', /^\d+(\.\d+)?pt$/);
    assert.match(doc.root.attributes.viewBox ?? '', /^[\d.]+ [\d.]+ [\d.]+ [\d.]+$/);
    assertHoldsGraph(doc, graph);
    assertInert(doc);
    for (const classes of item.expect.classes) {
      const found = [...doc.nodes.values(), ...doc.edges.values(), ...doc.clusters.values()].some((e) =>
        hasClasses(e, classes),
      );
      assert.ok(found, `${item.stem}: something has the classes "${classes}"`);
    }
    const verdict = doc.nodes.get(graph.nodes.find((n) => n.kind === 'verdict')?.id ?? '');
    assert.ok(verdict?.text.replace(/\s+/g, ' ').includes(item.expect.verdict.replace('DNSSEC ', 'DNSSEC: ')));
    assert.ok(doc.nodes.get('legend'), 'the legend is drawn');
  });
}

test('svg: a hostile name reaches the SVG as text, and the document stays well-formed', async () => {
  const evil = '<script>alert(1)</script>&amp;"\u0007\u202E.';
  const graph: Graph = {
    mode: 'trace',
    title: `${evil} A`,
    dnssec: false,
    zones: [{ id: 'z0', name: evil, status: 'none' }],
    nodes: [{ id: 'z0-ns0', kind: 'server', zone: 'z0', status: 'answered', label: [evil, '127.0.0.1', '1.0 ms'] }],
    edges: [],
    verdict: { status: 'none', text: evil },
  };
  const svg = await renderSvg(renderDot(graph));
  const doc = parseSvg(svg);
  assertInert(doc);
  const server = doc.nodes.get('z0-ns0');
  assert.ok(server?.text.includes('<script>alert(1)</script>&amp;"\\007\\u{202E}.'), server?.text);
  assert.doesNotMatch(svg, /<script/);
  assert.doesNotMatch(svg, /[\u0007\u202E]/);
});

test('inlineSvg: the XML declaration, DOCTYPE and comments before <svg> are dropped', async () => {
  const svg = await renderSvg('digraph { a -> b }');
  assert.match(svg, /^<\?xml/);
  const inline = inlineSvg(svg);
  assert.match(inline, /^<svg[\s>]/);
  assert.match(inline, /<\/svg>$/);
  parseSvg(inline);
});

test('renderSvg: DOT Graphviz cannot read is an error naming the problem', async () => {
  await assert.rejects(renderSvg('digraph { a -> }'), /Graphviz could not draw the graph: .*syntax error/);
});

test('docs/signed-trace.svg is the current drawing of the signed chain (npm run docs:graph redraws it)', async () => {
  const item = GRAPH_CASES.find((c) => c.stem === 'signed');
  assert.ok(item);
  const { result, dnssec } = await runGraphCase(item, hierarchy);
  const svg = await renderSvg(renderDot(traceGraph(result, dnssec)));
  const committed = readFileSync(new URL('../../../../docs/signed-trace.svg', import.meta.url), 'utf8');
  assert.equal(committed, svg, 'docs/signed-trace.svg is stale: run npm run docs:graph');
});
