/** +compare --table: the headline above one row per server (server, answer, status, TTL, serial, EDNS/NSID, time). */
import { gridTable } from './grid.js';
import type { CompareReport } from '../compare/report.js';
import type { CompareData } from '../compare/types.js';
import { escapeText } from '../wire/escape.js';
import { formatRecord } from './record.js';
import { groupNumbers, replyStatus, ttlText } from './compare.js';
import { rttText } from './dig.js';
import type { Palette } from './palette.js';
import { wrapText } from './wrap.js';

const HEADINGS = ['Server', 'Answer', 'Status', 'TTL', 'Serial', 'EDNS / NSID', 'Time'];
/** Per column: 1 border + 2 padding; plus the closing border. */
const CELL_OVERHEAD = 3;
const MIN_SERVER = 16;

/** Column widths: every column at its natural width but the server's, which takes what is left. */
function columnWidths(rows: string[][], columns: number): number[] {
  const width = (cell: string) => Math.max(...cell.split('\n').map((line) => line.length));
  const natural = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((r) => width(r[i]))));
  const fixed = natural.slice(1).reduce((sum, width) => sum + width, 0);
  const room = Math.max(columns - CELL_OVERHEAD * HEADINGS.length - 1 - fixed, MIN_SERVER);
  return [Math.min(natural[0], room), ...natural.slice(1)];
}

/** The table view of a comparison, with each distinct answer's records below. Async: cli-table3 is loaded only here. */
export async function renderCompareTable(
  data: CompareData,
  report: CompareReport,
  palette: Palette,
  columns = 80,
): Promise<string> {
  const { default: Table } = await import('cli-table3');
  const numbers = groupNumbers(report);
  const rows = data.replies.map((reply, index) => {
    const answer = reply.answer;
    const ednsParts = answer
      ? [
          answer.edns ? `${answer.edns.version} (${answer.edns.udpSize})` : 'none',
          answer.nsid ? `"${answer.nsid}"` : '',
        ]
      : [''];
    // The name over its address: an address is never broken across lines.
    const { name, endpoint } = reply.target;
    const address = endpoint.port === 53 ? endpoint.address : `${endpoint.address}#${endpoint.port}`;
    return [
      name !== undefined && name !== endpoint.address ? `${escapeText(name)}\n${address}` : address,
      numbers.has(index) ? String(numbers.get(index)) : '-',
      replyStatus(reply),
      ttlText(reply) ?? '',
      answer?.serial === undefined ? '' : String(answer.serial),
      ednsParts.filter(Boolean).join(' '),
      reply.rttMs === undefined ? '' : rttText(reply.rttMs, false, ['ms', 'us']),
    ].map((cell, column) => (column === 0 ? cell : escapeText(cell)));
  });
  const widths = columnWidths(rows, columns);
  const cells = data.replies.map((reply, i) => {
    const style = reply.answer ? (t: string) => t : palette.error;
    return rows[i].map((cell, column) =>
      cell
        .split('\n')
        .flatMap((line) => wrapText(line, widths[column], column === 0 ? '.' : ' '))
        .map(style)
        .join('\n'),
    );
  });
  const answers = report.groups.map((group) => {
    const records = group.records.map((rr) => formatRecord(rr, { ttl: true, class: true, ttlUnits: false }));
    const lines = records.length > 0 ? records : ['(no records)'];
    return `${palette.comment(`Answer ${group.number}:`)}\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
  });
  return `${palette.comment(report.headline)}\n${gridTable(Table, HEADINGS, widths, cells)}\n${answers.join('')}`;
}
