/** The servers table of a +compare report: one row per server asked, as the page gets it (golden per scenario). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareReport } from '../../../src/compare/report.js';
import { compareTable } from '../../../src/render/report/compareTable.js';
import { renderReport } from '../../../src/render/report/html.js';
import { SCENARIOS } from '../../compare/scenarios.js';
import { assertGolden } from '../goldenFile.js';

for (const [name, scenario] of Object.entries(SCENARIOS)) {
  test(`compare report ${name}: a row per server, in the order asked (golden)`, () => {
    const table = compareTable(scenario.data, compareReport(scenario.data));
    assert.equal(table.id, 'servers');
    assert.equal(table.rows.length, scenario.data.replies.length);
    assert.ok(table.rows.every((row) => row.length === table.headers.length));
    assertGolden(`compare/${name}.report.json`, `${JSON.stringify(table, null, 2)}\n`);
  });
}

test("compare report: a hostile server's NSID, EDE and records reach the page as text only", () => {
  const data = SCENARIOS.hostile.data;
  const report = compareReport(data);
  const page = renderReport({
    title: 'hostile',
    argv: [],
    time: new Date(0),
    version: '0.0.0-test',
    verdict: { status: 'disagree', text: report.headline },
    svg: '<svg/>',
    table: compareTable(data, report),
  });
  const tbody = /<tbody>([\s\S]*)<\/tbody>/.exec(page)?.[1] ?? '';
  assert.match(tbody, /NSID/);
  assert.doesNotMatch(tbody, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  assert.doesNotMatch(tbody, /<(?!\/?(tr|td|ul|li|span)\b)/, 'no markup but the table’s own');
});
