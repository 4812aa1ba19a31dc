/** dig's zone-file lines for records and questions, with its column layout. */

import type { Question, ResourceRecord } from './types.js';
import { className, typeName } from './rrtypes.js';

const TAB_WIDTH = 8;
/** dig puts the field after the owner at column 24 and each later field 8 columns on. */
const FIRST_FIELD_COLUMN = 24;
/** In the question section the class sits at column 32. */
const QUESTION_CLASS_COLUMN = 32;

/** Options of formatRecord: which fields dig shows (+[no]ttlid, +[no]class, +ttlunits). */
export interface RecordFormat {
  ttl: boolean;
  class: boolean;
  ttlUnits: boolean;
  /** Accepted for dig's +multiline; records are currently always written on one line. */
  multiline?: boolean;
}

/**
 * Joins fields the way BIND's master-file writer does: reach each column with tabs, then spaces;
 * a field already at or past its column gets a single space.
 */
function joinAtColumns(first: string, rest: string[], firstColumn: number): string {
  let line = first;
  let column = first.length;
  for (let i = 0; i < rest.length; i++) {
    const field = rest[i];
    const to = Math.max(firstColumn + i * TAB_WIDTH, column + 1);
    const tabs = Math.floor(to / TAB_WIDTH) - Math.floor(column / TAB_WIDTH);
    if (tabs > 0) {
      line += tabs === 1 ? '\t' : '\t'.repeat(tabs);
      column = Math.floor(to / TAB_WIDTH) * TAB_WIDTH;
    }
    if (to > column) line += ' '.repeat(to - column);
    line += field;
    column = to + field.length;
  }
  return line;
}

/** dig's +ttlunits form: 1w2d3h4m5s with zero units left out; 0 is "0s". */
export function formatTtlUnits(ttl: number): string {
  const units: Array<[number, string]> = [
    [604800, 'w'], [86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's'],
  ];
  let left = ttl;
  let out = '';
  for (const [size, unit] of units) {
    const count = Math.floor(left / size);
    left -= count * size;
    if (count > 0) out += `${count}${unit}`;
  }
  return out === '' ? '0s' : out;
}

/** One record as dig prints it in a section: owner, TTL, class, type, data at dig's columns. */
export function formatRecord(rr: ResourceRecord, opts: RecordFormat): string {
  const fields: string[] = [];
  if (opts.ttl) fields.push(opts.ttlUnits ? formatTtlUnits(rr.ttl) : String(rr.ttl));
  if (opts.class) fields.push(className(rr.class));
  fields.push(typeName(rr.type));
  // Empty data (update-style deletes) leaves no trailing separator, as in dig.
  if (rr.data !== '') fields.push(rr.data);
  return joinAtColumns(rr.name, fields, FIRST_FIELD_COLUMN);
}

/** A question line as in dig's QUESTION SECTION: `;example.com.\t\t\tIN\tA`. */
export function formatQuestion(q: Question): string {
  return joinAtColumns(`;${q.name}`, [className(q.class), typeName(q.type)], QUESTION_CLASS_COLUMN);
}
