/** The one look of every --table grid: cli-table3 with no colours of its own, one space of padding, compact rows. */
import type CliTable3 from 'cli-table3';

/** The cli-table3 constructor, loaded by each view only when a table is printed. */
export type TableConstructor = typeof CliTable3;

/** A grid of `rows` whose cells are already wrapped to `widths` and styled, under `head`. */
export function gridTable(
  Table: TableConstructor,
  head: readonly string[],
  widths: readonly number[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  const table = new Table({
    head: [...head],
    colWidths: widths.map((w) => w + 2),
    wordWrap: false,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact: true },
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}
