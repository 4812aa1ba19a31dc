/** +compare's judgment and its text view on collected data: verdict, headline, golden text per scenario. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../src/cli/defaults.js';
import { compareReport } from '../../src/compare/report.js';
import { renderCompare } from '../../src/render/compare.js';
import { renderCompareTable } from '../../src/render/compareTable.js';
import { compareGraph } from '../../src/render/graph/compareGraph.js';
import { renderDot } from '../../src/render/graph/dot.js';
import { compareDocument } from '../../src/render/jsonCompare.js';
import { plainPalette } from '../../src/render/palette.js';
import { assertGolden } from '../render/goldenFile.js';
import { SCENARIOS } from './scenarios.js';
import { assertSchemaValid } from './schema.js';

const options = { palette: plainPalette, display: defaultSettings().display };

for (const [name, scenario] of Object.entries(SCENARIOS)) {
  test(`compare ${name}: verdict, headline and text`, () => {
    const report = compareReport(scenario.data);
    assert.equal(report.verdict, scenario.verdict);
    assert.equal(report.headline, scenario.headline);
    const text = renderCompare(scenario.data, report, options);
    assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f]/, 'no control character reaches the terminal');
    assertGolden(`compare/${name}.txt`, text);
  });

  test(`compare ${name}: JSON document (schema-valid) and table`, async () => {
    const report = compareReport(scenario.data);
    const document = compareDocument(scenario.data, report, '0.0.0-test');
    assertSchemaValid(document);
    assertGolden(`compare/${name}.json`, `${JSON.stringify(document, null, 2)}\n`);
    const table = await renderCompareTable(scenario.data, report, plainPalette, 100);
    assert.doesNotMatch(table, /[\x00-\x08\x0b-\x1f\x7f]/);
    assertGolden(`compare/${name}.table.txt`, table);
  });
}

for (const name of ['agree', 'serial', 'faults', 'resolver', 'none', 'hostile']) {
  test(`compare ${name}: the picture, servers grouped by answer (golden DOT)`, () => {
    const scenario = SCENARIOS[name];
    const graph = compareGraph(scenario.data, compareReport(scenario.data));
    assert.equal(graph.mode, 'compare');
    const servers = graph.nodes.filter((node) => node.kind === 'server');
    assert.equal(servers.length, scenario.data.replies.length, 'every server is drawn once');
    assertGolden(`graph/compare-${name}.dot`, renderDot(graph));
  });
}

test('compare: the newest serial wins a tie, whatever the order the servers were asked in', () => {
  const report = compareReport(SCENARIOS.serialwrap.data);
  assert.equal(report.serialSkew?.newest, 5);
  assert.deepEqual(report.groups[0].servers, [1, 2]);
  assert.deepEqual(
    report.serialSkew?.serials.map((s) => s.serial),
    [5, 4294967295],
  );
});

test('compare: a resolver with older data is told apart from one with current data', () => {
  const report = compareReport(SCENARIOS.resolver.data);
  assert.deepEqual(report.resolvers, [
    { server: 1, ttl: 1200, authoritativeTtl: 3600, current: false },
    { server: 2, ttl: 3000, authoritativeTtl: 3600, current: true },
  ]);
});
