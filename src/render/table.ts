/**
 * The --table view: the facts people look for first (status, aa, server, protocol, time) above one cli-table3 table
 * per section (answer, authority, additional) with name, TTL (seconds and units), class, type and data.
 * Cells are wrapped here, before cli-table3 sees them, so nothing is ever truncated and escapes are never split.
 */
import { gridTable, type TableConstructor } from './grid.js';
import type { LookupResult } from '../resolve/types.js';
import type { ResourceRecord } from '../wire/types.js';
import { className, rcodeName, typeName } from '../wire/rrtypes.js';
import { escapeText } from '../wire/escape.js';
import type { Palette } from './palette.js';
import { formatTtlUnits } from './record.js';
import { rdataText } from './rdata/present.js';
import { wrapText } from './wrap.js';

/** Knobs of the table view. */
export interface TableOptions {
  /** Terminal width to fit (default 80). */
  columns?: number;
  /** How owner names are shown (e.g. cli/idn toUnicode for +idnout on a terminal); default as received. */
  displayName?: (name: string) => string;
}

const HEADINGS = ['Name', 'TTL', 'Class', 'Type', 'Data'];
/** Per column: 1 border + 2 padding; plus the closing border. */
const CELL_OVERHEAD = 3;
const MIN_NAME = 12;
const MIN_DATA = 16;

/** The text of each cell (name, TTL, class, type, data), before wrapping and colour. */
export function rowText(record: ResourceRecord, displayName: (name: string) => string): string[] {
  return [
    displayName(record.name),
    `${record.ttl} (${formatTtlUnits(record.ttl)})`,
    className(record.class),
    typeName(record.type),
    rdataText(record.rdata),
  ];
}

/**
 * Content widths: class and type at their natural width, TTL too unless space is short (then the units go on a
 * second line); name and data share what is left of `columns`.
 */
export function columnWidths(rows: string[][], columns: number): number[] {
  const natural = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const roomWith = (ttl: number): number =>
    columns - CELL_OVERHEAD * HEADINGS.length - 1 - ttl - natural[2] - natural[3];
  let ttl = natural[1];
  if (roomWith(ttl) < MIN_NAME + MIN_DATA) {
    ttl = Math.max(HEADINGS[1].length, ...rows.flatMap((r) => r[1].split(' ').map((part) => part.length)));
  }
  const room = Math.max(roomWith(ttl), MIN_NAME + MIN_DATA);
  if (natural[0] + natural[4] <= room) return [natural[0], ttl, natural[2], natural[3], natural[4]];
  // Names up to half the room keep their width; longer ones wrap at label boundaries.
  const name = natural[0] <= room / 2 ? natural[0] : Math.max(MIN_NAME, Math.floor(room * 0.45), room - natural[4]);
  return [name, ttl, natural[2], natural[3], room - name];
}

function sectionTable(
  Table: TableConstructor,
  records: readonly ResourceRecord[],
  palette: Palette,
  options: Required<TableOptions>,
): string {
  const rows = records.map((r) => rowText(r, options.displayName));
  const widths = columnWidths(rows, options.columns);
  const styles = [palette.name, palette.ttl, (t: string) => t, palette.type, (t: string) => t];
  const cells = rows.map((row) =>
    row.map((cell, i) =>
      wrapText(cell, widths[i], i === 0 ? '.' : ' ')
        .map(styles[i])
        .join('\n'),
    ),
  );
  return gridTable(Table, HEADINGS, widths, cells);
}

function endpointText(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}#${port}`;
}

/** The lines above the tables: question, status and aa, then server, protocol and time. */
function headerLines(result: LookupResult, palette: Palette, displayName: (name: string) => string): string[] {
  const q = result.question;
  const question = `${palette.name(displayName(q.name))} ${className(q.class)} ${palette.type(typeName(q.type))}`;
  const exchange = result.exchange;
  if (!exchange) {
    const why = result.error ? escapeText(result.error.message) : 'no reply';
    return [`${question}: ${palette.error('no answer')} (${why})`];
  }
  const reply = exchange.response;
  const aa = reply.aa ? palette.authoritative('authoritative') : palette.nonAuthoritative('not authoritative');
  const server = exchange.server;
  const named = server.name && server.name !== server.address ? `${escapeText(server.name)} ` : '';
  return [
    `${question}: ${palette.status(rcodeName(reply.rcode), reply.rcode)}, ${aa}`,
    palette.comment(
      `from ${named}${endpointText(server.address, server.port)} over ${exchange.protocol.toUpperCase()} in ${Math.round(exchange.rttMs)} ms`,
    ),
  ];
}

/**
 * The table view of one lookup. Async because cli-table3 is loaded only here, so other views never pay for it.
 * Empty sections are left out; a reply with no records at all says so (NODATA or NXDOMAIN without an SOA).
 */
export async function renderTable(result: LookupResult, palette: Palette, options: TableOptions = {}): Promise<string> {
  const full: Required<TableOptions> = {
    columns: options.columns ?? 80,
    displayName: options.displayName ?? ((n) => n),
  };
  const lines = headerLines(result, palette, full.displayName);
  for (const event of result.events) lines.push(palette.warning(escapeText(event.text)));
  const reply = result.exchange?.response;
  if (!reply) return `${lines.join('\n')}\n`;
  for (const warning of reply.warnings) lines.push(palette.warning(`Warning: ${escapeText(warning)}`));
  const { default: Table } = await import('cli-table3');
  const sections: Array<[string, readonly ResourceRecord[]]> = [
    ['Answer', reply.answer],
    ['Authority', reply.authority],
    ['Additional', reply.additional],
  ];
  for (const [title, records] of sections) {
    if (records.length === 0) continue;
    lines.push('', palette.comment(`${title} (${records.length})`), sectionTable(Table, records, palette, full));
  }
  if (sections.every(([, records]) => records.length === 0)) lines.push('', palette.comment('No records.'));
  return `${lines.join('\n')}\n`;
}
