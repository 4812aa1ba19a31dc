/** +compare's judgment and its text view on collected data: verdict, headline, golden text per scenario. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../src/cli/defaults.js';
import { compareReport } from '../../src/compare/report.js';
import { renderCompare, SERVER_COLUMN_MAX, serverColumnWidth } from '../../src/render/compare.js';
import { renderCompareTable } from '../../src/render/compareTable.js';
import { compareGraph } from '../../src/render/graph/compareGraph.js';
import { renderDot } from '../../src/render/graph/dot.js';
import { compareDocument } from '../../src/render/jsonCompare.js';
import { plainPalette } from '../../src/render/palette.js';
import { assertGolden } from '../render/goldenFile.js';
import { LONG_NAME, SCENARIOS } from './scenarios.js';
import { assertSchemaValid } from '../support/schemaValid.js';

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

test('compare: a 190-octet server name is not padding for every server line', () => {
  const scenario = SCENARIOS.longname;
  const text = renderCompare(scenario.data, compareReport(scenario.data), options);
  const lines = text.split('\n');
  const servers = lines.slice(lines.indexOf(';; SERVERS:') + 1).filter((line) => line.startsWith(';  '));
  assert.equal(servers.length, 3);
  const facts = 'answer 1, NOERROR aa, TTL 3600, serial 2024010101, EDNS 0 (1232)';
  assert.equal(servers[1], `;  ${LONG_NAME} (192.0.2.9)  ${facts}, 3 ms`);
  // The other two line up at the width of the longer of them, as they would without the long name.
  const short = ['ns1.example.test. (192.0.2.1)', 'ns3.example.test. (2001:db8::3)'];
  assert.equal(servers[0], `;  ${short[0].padEnd(short[1].length)}  ${facts}, 3 ms`);
  assert.equal(servers[2], `;  ${short[1]}  ${facts}, 3 ms`);
  assert.equal(serverColumnWidth([...short, `${LONG_NAME} (192.0.2.9)`]), short[1].length);
  assert.equal(
    serverColumnWidth(['x'.repeat(SERVER_COLUMN_MAX), 'y'.repeat(SERVER_COLUMN_MAX + 1)]),
    SERVER_COLUMN_MAX,
  );
});

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
