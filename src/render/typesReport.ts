/**
 * The report of +types: how each type's question ended (answer, NODATA, NXDOMAIN, another RCODE, no
 * reply), one line naming them all, and the one table of every type's answer. Pure.
 */
import { gridTable, type TableConstructor } from './grid.js';
import type { LookupResult } from '../resolve/types.js';
import { escapeText } from '../wire/escape.js';
import { RCODE, rcodeName, TYPE, typeName } from '../wire/rrtypes.js';
import type { Palette } from './palette.js';
import { rowText } from './table.js';
import { wrapText } from './wrap.js';

/** How one type's question ended: records of the type, NODATA (RFC 2308), NXDOMAIN, another RCODE, or no reply. */
export type TypeOutcome = 'answer' | 'nodata' | 'nxdomain' | 'failure' | 'noreply';

/** One type of a +types lookup and its result. */
export interface TypeResult {
  type: number;
  result: LookupResult;
}

/** Judges one type's reply: an answer holds a record of the asked type (a CNAME chain alone is NODATA for it). */
export function typeOutcome({ result }: TypeResult): TypeOutcome {
  const reply = result.exchange?.response;
  if (!reply) return 'noreply';
  if (reply.rcode === RCODE.NXDOMAIN) return 'nxdomain';
  if (reply.rcode !== RCODE.NOERROR) return 'failure';
  const asked = result.question.type;
  const found = reply.answer.some((record) => record.type === asked || asked === TYPE.ANY);
  return found ? 'answer' : 'nodata';
}

/** The word the report shows for a type whose question found no records of it. */
function outcomeWord({ result }: TypeResult, outcome: TypeOutcome): string {
  if (outcome === 'nodata') return 'NODATA';
  if (outcome === 'noreply') return 'no reply';
  return rcodeName(result.exchange?.response.rcode ?? 0);
}

/** The number of records of the asked type in the answer. */
function answerCount({ result }: TypeResult): number {
  const asked = result.question.type;
  return (result.exchange?.response.answer ?? []).filter((r) => r.type === asked || asked === TYPE.ANY).length;
}

/** dig-layout line after the replies: `;; TYPES name: A 2, AAAA NODATA, MX NXDOMAIN`. */
export function renderTypesLine(name: string, results: readonly TypeResult[], palette: Palette): string {
  const parts = results.map((entry) => {
    const outcome = typeOutcome(entry);
    const count = answerCount(entry);
    if (outcome === 'answer') return `${palette.type(typeName(entry.type))} ${count}`;
    const word = outcomeWord(entry, outcome);
    const coloured = outcome === 'nodata' ? palette.warning(word) : palette.error(word);
    return `${palette.type(typeName(entry.type))} ${coloured}`;
  });
  return `${palette.comment(';; TYPES')} ${palette.name(escapeText(name))}: ${parts.join(', ')}\n`;
}

const HEADINGS = ['Type', 'Status', 'Name', 'TTL', 'Data'];
const CELL_OVERHEAD = 3;
const MIN_DATA = 16;

/** The rows of the one table: each answer record of each type, or one row saying why a type has none. */
function typeRows(results: readonly TypeResult[], displayName: (name: string) => string): string[][] {
  return results.flatMap((entry) => {
    const outcome = typeOutcome(entry);
    const type = typeName(entry.type);
    if (outcome !== 'answer')
      return [[type, outcomeWord(entry, outcome), displayName(entry.result.question.name), '', '']];
    const records = (entry.result.exchange?.response.answer ?? []).filter((r) => r.type === entry.result.question.type);
    return records.map((record) => {
      const [name, ttl, , , data] = rowText(record, displayName);
      return [type, 'NOERROR', name, ttl, data];
    });
  });
}

/** The --table view of +types: one table, one or more rows per type, in the order the types were given. */
export function renderTypesTable(
  Table: TableConstructor,
  results: readonly TypeResult[],
  palette: Palette,
  options: { columns: number; displayName: (name: string) => string },
): string {
  const rows = typeRows(results, options.displayName);
  const natural = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fixed = natural[0] + natural[1] + natural[2] + natural[3];
  const data = Math.max(MIN_DATA, options.columns - CELL_OVERHEAD * HEADINGS.length - 1 - fixed);
  const widths = [natural[0], natural[1], natural[2], natural[3], Math.min(natural[4], data)];
  const styles = [palette.type, (t: string) => t, palette.name, palette.ttl, (t: string) => t];
  const cells = rows.map((row) => row.map((cell, i) => wrapText(cell, widths[i], ' ').map(styles[i]).join('\n')));
  return `${gridTable(Table, HEADINGS, widths, cells)}\n`;
}
