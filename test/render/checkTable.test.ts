/** +check --table: the grid fits the terminal's columns, wrapping cells and losing none of their text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../src/check/report.js';
import type { CheckData } from '../../src/check/types.js';
import { renderCheckTable } from '../../src/render/checkTable.js';
import { plainPalette } from '../../src/render/palette.js';
import { got, healthy, renameServer, serverAt, signed, soaRecord } from '../check/scenarios.js';

/** A 190-octet name server name: findings that name it cannot fit any terminal on one line. */
const LONG = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(53)}.example.test.`;

function openResolver(): CheckData {
  const data = healthy();
  serverAt(data, '192.0.2.2').probes.recursion = got({ ra: true, answer: [soaRecord('test.', 1)] });
  return data;
}

const SCENARIOS: Array<[string, () => CheckData]> = [
  ['healthy', healthy],
  ['a long name server name', () => renameServer(healthy(), 'ns2.example.test.', LONG)],
  ['an open resolver', openResolver],
  ['a signed zone', () => signed()],
];

const widest = (text: string): number => Math.max(...text.split('\n').map((line) => line.length));

/** The text of column `column` of every row, joined, without the spaces wrapping may move. */
function columnText(table: string, column: number): string {
  return table
    .split('\n')
    .filter((line) => line.startsWith('│'))
    .slice(1)
    .map((line) => line.split('│')[column + 1])
    .join('')
    .replace(/\s/g, '');
}

for (const [what, scenario] of SCENARIOS) {
  test(`check --table, ${what}: no line wider than the columns given, and every cell's text all there`, async () => {
    const report = checkReport(scenario());
    const texts = [0, 1, 2, 3, 4].map((column) =>
      report.findings
        .map((f) => [f.severity, f.zone, f.id, f.message, f.reference][column])
        .join('')
        .replace(/\s/g, ''),
    );
    for (const columns of [61, 72, 80, 100, 132, 200]) {
      const table = await renderCheckTable(report, plainPalette, columns);
      assert.ok(widest(table) <= columns, `${columns} columns: widest line ${widest(table)}\n${table}`);
      for (const column of [0, 1, 2, 3, 4])
        assert.equal(columnText(table, column), texts[column], `${columns}: column ${column}`);
      assert.ok(!table.includes('…'), 'nothing cut');
    }
  });
}

test('check --table on a wide terminal: check names and short findings are never wrapped', async () => {
  const report = checkReport(openResolver());
  const table = await renderCheckTable(report, plainPalette, 200);
  for (const finding of report.findings) assert.ok(table.includes(` ${finding.id} `), finding.id);
  assert.match(
    table,
    /│ warning {2}│ example\.test\. │ server\.recursion +│ ns2\.example\.test\. \(192\.0\.2\.2\) answers recursive queries for names outside example\.test\. \(open resolver\) │/,
  );
});

test("check --table on a terminal too narrow for the columns' floors: the table grows past it, cutting nothing", async () => {
  const report = checkReport(healthy());
  const table = await renderCheckTable(report, plainPalette, 40);
  assert.equal(widest(table), 61);
  assert.equal(
    columnText(table, 3),
    report.findings
      .map((f) => f.message)
      .join('')
      .replace(/\s/g, ''),
  );
});
