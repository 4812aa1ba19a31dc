/** +check --table: the verdict above one table of findings (severity, zone, check, finding, reference), most serious first. */
import { gridTable } from './grid.js';
import type { CheckReport } from '../check/types.js';
import { escapeText } from '../wire/escape.js';
import type { Palette } from './palette.js';
import { wrapText } from './wrap.js';
import { styleOf } from './check.js';

const HEADINGS = ['Severity', 'Zone', 'Check', 'Finding', 'Reference'];
const [SEVERITY, ZONE, CHECK, FINDING, REFERENCE] = [0, 1, 2, 3, 4];
/** Per column: 1 border + 2 padding; plus the closing border. */
const CELL_OVERHEAD = 3;
/** However wide the terminal, longer zones and references wrap: the finding is what needs the room. */
const ZONE_CAP = 24;
const REFERENCE_CAP = 18;
/** The finding keeps this much while the zone, check and reference columns can still give way. */
const MIN_FINDING = 24;
/** Narrowest the finding gets once the others cannot give way; below that the table outgrows the terminal. */
const FLOOR_FINDING = 12;
/** Narrowest the zone, check and reference columns get (never below their headings). */
const FLOOR_OTHER = 8;

/**
 * Content widths that fit `columns`: every column at its natural width (zone and reference capped) when
 * there is room; else the finding takes what is left, down to MIN_FINDING, then the zone, check and
 * reference give way, the widest first, and last the finding again. Only a terminal too narrow for
 * every floor gets a wider table: cells wrap, nothing is cut.
 */
function columnWidths(rows: string[][], columns: number): number[] {
  const natural = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const widths = [...natural];
  widths[ZONE] = Math.min(natural[ZONE], ZONE_CAP);
  widths[REFERENCE] = Math.min(natural[REFERENCE], REFERENCE_CAP);
  const budget = columns - CELL_OVERHEAD * HEADINGS.length - 1;
  const others = () => widths[SEVERITY] + widths[ZONE] + widths[CHECK] + widths[REFERENCE];
  const finding = (floor: number) => Math.min(natural[FINDING], Math.max(budget - others(), floor));
  widths[FINDING] = finding(MIN_FINDING);
  const floors = widths.map((width, i) => Math.min(width, Math.max(FLOOR_OTHER, HEADINGS[i].length)));
  // Ties go to the reference first, then the zone: the check's name is the one most worth keeping whole.
  const shrinkable = [REFERENCE, ZONE, CHECK];
  while (others() + widths[FINDING] > budget) {
    const giving = shrinkable.filter((column) => widths[column] > floors[column]);
    if (giving.length === 0) break;
    const widest = giving.reduce((a, b) => (widths[b] > widths[a] ? b : a));
    widths[widest]--;
  }
  widths[FINDING] = finding(FLOOR_FINDING);
  return widths;
}

/** The table view of a check, no wider than `columns` where the columns' floors allow. Async because cli-table3 is loaded only here. */
export async function renderCheckTable(report: CheckReport, palette: Palette, columns = 80): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const rows = report.findings.map((f) => [f.severity, f.zone, f.id, f.message, f.reference].map(escapeText));
  const widths = columnWidths(rows, columns);
  const cells = report.findings.map((finding, i) => {
    const style = styleOf(finding.severity, palette);
    return rows[i].map((cell, column) =>
      wrapText(cell, widths[column], column === ZONE || column === CHECK ? '.' : ' ')
        .map((line) => (column === SEVERITY ? style(line) : line))
        .join('\n'),
    );
  });
  // The verdict is prose: it wraps between words, and a line's closing space goes.
  const verdict = wrapText(escapeText(report.verdict), columns).map((line) => palette.comment(line.trimEnd()));
  return `${verdict.join('\n')}\n${gridTable(Table, HEADINGS, widths, cells)}\n`;
}
