/**
 * The graph of a trace as DOT: a golden file per case (the loopback hierarchy's plain, glueless and lame
 * walks; the signed fixture zones' chain, opt-out delegation, bogus signature and DS without its key),
 * and the escaping of every network byte.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dotString, renderDot, wrapLine } from '../../../src/render/graph/dot.js';
import { traceGraph } from '../../../src/render/graph/traceGraph.js';
import type { Graph } from '../../../src/render/graph/model.js';
import { startHierarchy, type Hierarchy } from '../../support/hierarchy.js';
import { TRACE_CASES } from '../../support/hierarchyCases.js';
import { assertGolden } from '../goldenFile.js';
import { GRAPH_CASES, runGraphCase } from './graphCases.js';
import { tracedOnHandMadeReplies } from '../traceFixtures.js';

let hierarchy: Hierarchy;
before(async () => {
  hierarchy = await startHierarchy();
});
after(async () => {
  await hierarchy?.close();
});

for (const item of GRAPH_CASES) {
  test(`graph: ${item.stem} (${item.name} ${item.type}) matches its golden DOT file`, async () => {
    const { result, dnssec } = await runGraphCase(item, hierarchy);
    const dot = renderDot(traceGraph(result, dnssec));
    assertGolden(`graph/${item.stem}.dot`, dot);
    assert.match(dot, /^[\x20-\x7e\n]*$/, 'DOT text is printable ASCII');
  });
}

test('graph: the same trace gives the same graph (a pure function of the result and the validation)', async () => {
  const item = GRAPH_CASES.find((c) => c.stem === 'signed');
  assert.ok(item);
  const first = await runGraphCase(item, hierarchy);
  assert.deepEqual(traceGraph(first.result, first.dnssec), traceGraph(first.result, first.dnssec));
});

test('dotString: quotes, backslashes, entities, control and bidi characters and non-ASCII cannot escape the string', () => {
  assert.equal(dotString('a"b'), '"a\\"b"');
  assert.equal(dotString('a\\b'), '"a\\\\b"');
  assert.equal(dotString('a\\l\\N'), '"a\\\\l\\\\N"');
  assert.equal(dotString('&lt;x&#65;'), '"&amp;lt;x&amp;#65;"');
  assert.equal(dotString('line\nbreak\x00'), '"line\\\\010break\\\\000"');
  assert.equal(dotString('\u202Eevil'), '"\\\\u{202E}evil"');
  assert.equal(dotString('caf\u00e9 \u{1F600}'), '"caf&#xE9; &#x1F600;"');
  assert.equal(dotString('<script>'), '"<script>"');
});

test('renderDot: a hostile name in a zone, a server and a record stays inside its quoted string', () => {
  const evil = 'x"];\n"injected" [label="pwn\\';
  const graph: Graph = {
    mode: 'trace',
    title: `${evil} A`,
    dnssec: false,
    zones: [{ id: 'z0', name: evil, status: 'none' }],
    nodes: [
      { id: 'z0-ns0', kind: 'server', zone: 'z0', status: 'answered', label: [evil, '127.0.0.1', '1.0 ms'] },
      { id: 'z0-rrset0', kind: 'rrset', zone: 'z0', status: 'none', label: [`${evil} TXT`, `"${evil}"`] },
    ],
    edges: [{ id: 'e0', kind: 'referral', from: 'z0-ns0', to: 'z0-rrset0', status: 'none' }],
    verdict: { status: 'none', text: evil },
  };
  const dot = renderDot(graph);
  assert.doesNotMatch(dot, /^"injected"/m);
  assert.doesNotMatch(dot, /\n"injected"/);
  // Every line is a statement, a brace or an attribute list: no line starts inside a broken string.
  for (const line of dot.split('\n').filter(Boolean))
    assert.match(line, /^(digraph|\s+(graph|node|edge|subgraph|"|\{|\})|\})/, line);
  // Outside the strings, no quote is left unbalanced.
  const unquoted = dot.replace(/"(?:[^"\\]|\\.)*"/g, '');
  assert.doesNotMatch(unquoted, /"/);
});

test('graph: a trace that fails hangs its verdict below the hop that went wrong', async () => {
  const { result } = await runGraphCase(
    {
      stem: 'upward',
      name: TRACE_CASES.upward.name,
      type: 'A',
      network: 'hierarchy',
      expect: { classes: [], verdict: '' },
    },
    hierarchy,
  );
  const graph = traceGraph(result);
  assert.equal(graph.verdict.status, 'failed');
  const note = graph.nodes.find((n) => n.kind === 'note');
  assert.ok(note, 'the bad referral is a note in its zone');
  assert.ok(graph.edges.some((e) => e.kind === 'referral' && e.to === note.id && e.label === 'bad referral'));
  assert.ok(graph.edges.some((e) => e.kind === 'verdict' && e.from === note.id));
});

test("graph: a YXDOMAIN draws the zone's DNAME and the name it cannot rewrite, and says so in the verdict", async () => {
  const graph = traceGraph(await tracedOnHandMadeReplies('www.d.example.test.'));
  assert.equal(graph.verdict.status, 'none');
  assert.equal(
    graph.verdict.text,
    'YXDOMAIN: www.d.example.test. cannot exist: the DNAME at d.example.test. would make it 257 octets long, over 255',
  );
  const rrsets = graph.nodes.filter((n) => n.kind === 'rrset');
  assert.deepEqual(
    rrsets.map((n) => [n.data?.name, n.data?.type, n.data?.absent ?? '']),
    [
      ['d.example.test.', 'DNAME', ''],
      ['www.d.example.test.', 'A', 'yxdomain'],
    ],
  );
  assert.ok(rrsets.every((n) => n.zone === graph.zones.find((z) => z.name === 'example.test.')?.id));
});

test('wrapLine: long lines break at spaces within 56 characters; a longer word stays whole', () => {
  const words = 'the keys of sec. depend on themselves (an unsigned DS or DNSKEY set in a signed chain)';
  const lines = wrapLine(words);
  assert.ok(lines.length > 1 && lines.every((line) => line.length <= 56));
  assert.equal(lines.join(' '), words);
  assert.deepEqual(wrapLine('x'.repeat(70)), ['x'.repeat(70)]);
});
