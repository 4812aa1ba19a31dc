/** dig's zone-file lines for records and questions, with its column layout. */

import { escapeText } from '../wire/escape.js';
import { className, typeName } from '../wire/rrtypes.js';
import type { Question, ResourceRecord } from '../wire/types.js';
import { multilineData, rdataComment, rdataText } from './rdata/present.js';
import { genericRdata, MULTILINE_SPLIT, SPLIT_WIDTH, type TextStyle } from './rdata/style.js';

const TAB_WIDTH = 8;

/** Options of formatRecord: which fields dig shows (+[no]ttlid, +[no]class, +ttlunits) and +multiline. */
export interface RecordFormat {
  ttl: boolean;
  class: boolean;
  ttlUnits: boolean;
  /** dig's +multiline: long data over several lines in parentheses, with comments; columns closer together. */
  multiline?: boolean;
  /** dig's +split=W: hex and base64 fields in words (lines, with +multiline) of W characters, 0 for whole; dig's default when unset. */
  split?: number;
  /** dig's +[no]rrcomments: key comments (and SOA timer comments with +multiline); on with +multiline unless set. */
  rrcomments?: boolean;
  /** false: dig's +nocrypto (keys as `[key id = N]`, signatures and digests `[omitted]`); unset: shown. */
  crypto?: boolean;
  /** dig's +unknownformat: RFC 3597 data, TYPEnnn and CLASSnnn, for every record and the question. */
  unknownFormat?: boolean;
  /** dig's +expandaaaa: AAAA in eight full groups. */
  expandAaaa?: boolean;
}

/** The switches that make formatRecord write the data in another form than dig's default one line. */
type DataSwitches = Pick<
  RecordFormat,
  'multiline' | 'split' | 'rrcomments' | 'crypto' | 'unknownFormat' | 'expandAaaa'
>;

/** Whether any switch asks for other data than the default one-line text. */
function restyles(opts: DataSwitches): boolean {
  return Boolean(
    opts.multiline ||
      opts.split !== undefined ||
      opts.rrcomments ||
      opts.crypto === false ||
      opts.unknownFormat ||
      opts.expandAaaa,
  );
}

/** The text style of the switches, with +nocrypto and +expandaaaa only when set. */
function textStyle(split: number, comments: boolean, opts: DataSwitches): TextStyle {
  const style: TextStyle = { split, comments };
  if (opts.crypto === false) style.crypto = false;
  if (opts.expandAaaa) style.expandAaaa = true;
  return style;
}

/**
 * The data of one record as dig writes it: the one-line text, in the form +split, +rrcomments, +nocrypto,
 * +unknownformat or +expandaaaa ask for, or dig's +multiline layout.
 */
export function recordData(rr: ResourceRecord, opts: DataSwitches): string {
  if (opts.multiline) {
    const style = textStyle(opts.split ?? MULTILINE_SPLIT, opts.rrcomments ?? true, opts);
    const multiline = multilineData(rr, style, opts.unknownFormat);
    if (multiline !== undefined) return multiline;
  }
  const split = opts.split ?? SPLIT_WIDTH;
  // +unknownformat: the data as octets, without record comments (dig writes none for it).
  if (opts.unknownFormat) return genericRdata(rr.rdataWire, split);
  // Data whose default text is empty (an update's delete, a DHCID or OPENPGPKEY without octets) stays empty, as in dig.
  const plain = rdataText(rr.rdata);
  const data =
    plain !== '' && (split !== SPLIT_WIDTH || opts.crypto === false || opts.expandAaaa)
      ? rdataText(rr.rdata, textStyle(split, false, opts))
      : plain;
  const comment = opts.rrcomments && !opts.multiline ? rdataComment(rr.rdata) : undefined;
  return comment === undefined ? data : `${data} ${escapeText(comment)}`;
}

/** The column dig reaches for each field: its master-file style, chosen by which fields are shown. */
interface Columns {
  ttl: number;
  class: number;
  type: number;
  data: number;
}

/**
 * dig's three styles: all fields (24/32/40/48); TTL or class hidden (24/24/32/40); both hidden,
 * or +multiline (24/24/24/32). A field already past its column gets one space.
 */
function columnsFor(format: RecordFormat | undefined): Columns {
  if (!format || (format.ttl && format.class && !format.multiline)) return ALL_FIELDS;
  if (format.multiline || (!format.ttl && !format.class)) return COMPACT;
  return ONE_HIDDEN;
}

const ALL_FIELDS: Columns = { ttl: 24, class: 32, type: 40, data: 48 };
const ONE_HIDDEN: Columns = { ttl: 24, class: 24, type: 32, data: 40 };
const COMPACT: Columns = { ttl: 24, class: 24, type: 24, data: 32 };

/**
 * The gap BIND's master-file writer puts between a line ending at `column` and a field due at
 * `target`: tabs to reach it, then spaces; a field already at or past its column gets one space.
 */
function gap(column: number, target: number): string {
  const to = Math.max(target, column + 1);
  const tabs = Math.floor(to / TAB_WIDTH) - Math.floor(column / TAB_WIDTH);
  if (tabs === 0) return to - column === 1 ? ' ' : ' '.repeat(to - column);
  const spaces = to % TAB_WIDTH;
  return (tabs === 1 ? '\t' : '\t'.repeat(tabs)) + (spaces === 0 ? '' : ' '.repeat(spaces));
}

/** Where a line ends once `field` is written at `target` after `column` (see gap). */
function endAfter(column: number, target: number, field: string): number {
  return Math.max(target, column + 1) + field.length;
}

/** dig's +ttlunits form: 1w2d3h4m5s with zero units left out; 0 is "0s". */
export function formatTtlUnits(ttl: number): string {
  const units: Array<[number, string]> = [
    [604800, 'w'],
    [86400, 'd'],
    [3600, 'h'],
    [60, 'm'],
    [1, 's'],
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

/**
 * One record as dig prints it in a section: owner, TTL, class, type, data at dig's columns. With
 * +multiline the data may span lines (see multilineData); the first line still starts with the owner.
 */
export function formatRecord(rr: ResourceRecord, opts: RecordFormat): string {
  const columns = columnsFor(opts);
  // Built field by field without arrays: batches format hundreds of thousands of records.
  let line = rr.name;
  let column = line.length;
  if (opts.ttl) {
    const ttl = opts.ttlUnits ? formatTtlUnits(rr.ttl) : String(rr.ttl);
    line += gap(column, columns.ttl) + ttl;
    column = endAfter(column, columns.ttl, ttl);
  }
  if (opts.class) {
    const klass = opts.unknownFormat ? `CLASS${rr.class}` : className(rr.class);
    line += gap(column, columns.class) + klass;
    column = endAfter(column, columns.class, klass);
  }
  const type = opts.unknownFormat ? `TYPE${rr.type}` : typeName(rr.type);
  line += gap(column, columns.type) + type;
  column = endAfter(column, columns.type, type);
  const data = restyles(opts) ? recordData(rr, opts) : rdataText(rr.rdata);
  // Empty data (update-style deletes) leaves no trailing separator, as in dig.
  return data === '' ? line : line + gap(column, columns.data) + data;
}

/**
 * A question line as in dig's QUESTION SECTION, in the style the record options choose:
 * `;example.com.\t\t\tIN\tA` by default, the class at column 24 when TTL or class is hidden or with +multiline.
 */
export function formatQuestion(q: Question, opts?: RecordFormat): string {
  const columns = columnsFor(opts);
  const klass = opts?.unknownFormat ? `CLASS${q.class}` : className(q.class);
  const type = opts?.unknownFormat ? `TYPE${q.type}` : typeName(q.type);
  // BIND counts columns from the name: the ';' dig puts before it does not move the tab stops.
  const column = q.name.length;
  return `;${q.name}${gap(column, columns.class)}${klass}${gap(endAfter(column, columns.class, klass), columns.type)}${type}`;
}
