/** +check --table: the verdict above one table of findings (severity, zone, check, finding, reference), most serious first. */
import { gridTable } from './grid.js';
import type { CheckReport } from '../check/types.js';
import { escapeText } from '../wire/escape.js';
import type { Palette } from './palette.js';
import { wrapText } from './wrap.js';
import { styleOf } from './check.js';

const HEADINGS = ['Severity', 'Zone', 'Check', 'Finding', 'Reference'];
/** Per column: 1 border + 2 padding; plus the closing border. */
const CELL_OVERHEAD = 3;
const MIN_FINDING = 24;

/** Column widths: severity, zone, check and reference at their natural width (capped), the finding takes the rest. */
function columnWidths(rows: string[][], columns: number): number[] {
  const natural = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const zone = Math.min(natural[1], 24);
  const reference = Math.min(natural[4], 18);
  const fixed = natural[0] + zone + natural[2] + reference;
  const room = Math.max(columns - CELL_OVERHEAD * HEADINGS.length - 1 - fixed, MIN_FINDING);
  return [natural[0], zone, natural[2], Math.min(natural[3], room), reference];
}

/** The table view of a check. Async because cli-table3 is loaded only here. */
export async function renderCheckTable(report: CheckReport, palette: Palette, columns = 80): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const rows = report.findings.map((f) => [f.severity, f.zone, f.id, f.message, f.reference].map(escapeText));
  const widths = columnWidths(rows, columns);
  const cells = report.findings.map((finding, i) => {
    const style = styleOf(finding.severity, palette);
    return rows[i].map((cell, column) =>
      wrapText(cell, widths[column], column === 1 ? '.' : ' ')
        .map((line) => (column === 0 ? style(line) : line))
        .join('\n'),
    );
  });
  return `${palette.comment(escapeText(report.verdict))}\n${gridTable(Table, HEADINGS, widths, cells)}\n`;
}
