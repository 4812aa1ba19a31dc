/**
 * dig +yaml against tsdig +yaml: both outputs parsed as YAML (strictly), then compared item by item
 * and member by member. What must differ is allowed: the timestamps (each must be one), message IDs,
 * COOKIE values (the verdict must agree), TSIG times and MACs; with a resolver, record order and
 * TTLs that fell by a few seconds between the runs.
 */
import { parseYamlItems, type YamlItem } from '../support/yamlDocument.js';
import type { QueryTarget } from './queries.js';

/** How strictly two outputs are held together. */
export interface YamlCompareOptions {
  /** Seconds a record's TTL may differ (a resolver's cache counts down between the runs). */
  ttlTolerance: number;
  /** Compare each section as a set of records: a resolver shuffles them. */
  anyOrder: boolean;
  /** Set inside a truncated message (TC): which records fitted depends on the server's rotation, only their number counts. */
  truncated?: boolean;
}

/** The command lines run with both tools, after `@ADDR -p PORT`, with the server they go to. */
export interface YamlRow {
  readonly target: QueryTarget;
  readonly args: readonly string[];
}

const TIMES = new Set(['query_time', 'response_time']);

/** Owner, TTL, class, type, data of a record line; a question line has no TTL. */
function recordParts(line: string): { key: string; ttl?: number } {
  const fields = line.split(' ');
  const ttl = fields.length > 3 && /^\d+$/.test(fields[1]) ? Number(fields[1]) : undefined;
  if (ttl === undefined) return { key: line };
  const rest = fields.slice(2);
  // A TSIG record's time, MAC and original ID differ between any two signed messages.
  if (rest[1] === 'TSIG') return { key: [fields[0], rest[0], rest[1], rest[2], rest[4], rest[8]].join(' '), ttl };
  return { key: [fields[0], ...rest].join(' '), ttl };
}

function compareRecords(path: string, dig: unknown[], tsdig: unknown[], options: YamlCompareOptions): string[] {
  if (![...dig, ...tsdig].every((x) => typeof x === 'string')) return [`${path}: a record line is not a string`];
  // A resolver shuffles records: then each section is compared as a set, sorted without the TTLs (which differ).
  const order = (lines: string[]) => {
    const parts = lines.map(recordParts);
    return options.anyOrder ? parts.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)) : parts;
  };
  const a = order(dig as string[]);
  const b = order(tsdig as string[]);
  if (a.length !== b.length) return [`${path}: dig ${a.length} records, tsdig ${b.length}`];
  if (options.truncated) return [];
  const out: string[] = [];
  for (const [i, record] of a.entries()) {
    const other = b[i];
    if (record.key !== other.key) out.push(`${path}[${i}]: dig '${record.key}', tsdig '${other.key}'`);
    else if (Math.abs((record.ttl ?? 0) - (other.ttl ?? 0)) > options.ttlTolerance)
      out.push(`${path}[${i}]: TTL dig ${record.ttl}, tsdig ${other.ttl}`);
  }
  return out;
}

function compareValues(path: string, key: string, dig: unknown, tsdig: unknown, options: YamlCompareOptions): string[] {
  if (TIMES.has(key)) return dig instanceof Date && tsdig instanceof Date ? [] : [`${path}: not both timestamps`];
  if (key === 'id') return typeof dig === 'number' && typeof tsdig === 'number' ? [] : [`${path}: not both numbers`];
  if (key === 'COOKIE' && isCookie(dig) && isCookie(tsdig)) {
    // A random cookie of digits only (or digits around one 'e') reads as a YAML number: it has no verdict after it.
    const verdict = (value: string | number) => (typeof value === 'number' ? '' : value.replace(/^[0-9a-f]+/, ''));
    return verdict(dig) === verdict(tsdig) ? [] : [`${path}: dig '${dig}', tsdig '${tsdig}'`];
  }
  if (Array.isArray(dig) && Array.isArray(tsdig)) {
    if (key.endsWith('SECTION')) return compareRecords(path, dig, tsdig, options);
    return compareItems(path, dig, tsdig, options);
  }
  if (isMapping(dig) && isMapping(tsdig)) return compareMappings(path, dig, tsdig, options);
  return Object.is(dig, tsdig) || JSON.stringify(dig) === JSON.stringify(tsdig)
    ? []
    : [`${path}: dig ${JSON.stringify(dig)}, tsdig ${JSON.stringify(tsdig)}`];
}

function isCookie(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

function compareMappings(
  path: string,
  dig: Record<string, unknown>,
  tsdig: Record<string, unknown>,
  options: YamlCompareOptions,
): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(dig), ...Object.keys(tsdig)]);
  if (typeof dig.flags === 'string' && /\btc\b/.test(dig.flags)) options = { ...options, truncated: true };
  for (const key of keys) {
    const at = `${path}.${key}`;
    if (!(key in tsdig)) out.push(`${at}: only dig has it`);
    else if (!(key in dig)) out.push(`${at}: only tsdig has it`);
    else out.push(...compareValues(at, key, dig[key], tsdig[key], options));
  }
  return out;
}

function compareItems(path: string, dig: unknown[], tsdig: unknown[], options: YamlCompareOptions): string[] {
  if (dig.length !== tsdig.length) return [`${path}: dig ${dig.length} items, tsdig ${tsdig.length}`];
  return dig.flatMap((item, i) => compareValues(`${path}[${i}]`, String(i), item, tsdig[i], options));
}

/** The differences between dig's and tsdig's +yaml output; dig's side must parse (else the harness is at fault). */
export function compareYaml(digOut: string, tsdigOut: string, options: YamlCompareOptions): string[] {
  const dig: YamlItem[] = parseYamlItems(digOut);
  let tsdig: YamlItem[];
  try {
    tsdig = parseYamlItems(tsdigOut);
  } catch (error) {
    return [`tsdig output is not valid YAML: ${error instanceof Error ? error.message : String(error)}`];
  }
  return compareItems('', dig, tsdig, options);
}

/** Zone transfers in YAML: whole zones, +onesoa, section switches, IXFR and TSIG (dig's output stays YAML for all). */
export function yamlTransferRows(tsigKeyArgument: string): YamlRow[] {
  return [
    { target: 'named', args: ['named.lab', 'AXFR'] },
    { target: 'nsd', args: ['nsd.lab', 'AXFR'] },
    { target: 'knot', args: ['knot.lab', 'AXFR', '+qr'] },
    { target: 'nsd', args: ['nsd.lab', 'AXFR', '+onesoa'] },
    { target: 'knot', args: ['knot.lab', 'AXFR', '+noall', '+answer'] },
    { target: 'named', args: ['+comments', '+question', 'ixfr.lab', 'AXFR'] },
    { target: 'named', args: ['ixfr.lab', 'IXFR=1'] },
    { target: 'named', args: ['ixfr.lab', 'IXFR=3'] },
    { target: 'named', args: ['tsig.lab', 'AXFR', '-y', tsigKeyArgument] },
  ];
}

/** Lookups in YAML beyond the suite's table: +qr, -b, -u, EDNS options, +split, the record style switches dig ignores, TSIG. */
export function yamlLookupRows(tsigKeyArgument: string): YamlRow[] {
  return [
    { target: 'named', args: ['www.named.lab', 'A', '+qr'] },
    { target: 'resolver', args: ['www.signed.example', 'A', '+dnssec', '+qr'] },
    { target: 'named', args: ['www.named.lab', 'A', '-b', '127.0.0.1'] },
    { target: 'knot', args: ['www.knot.lab', 'A', '-u', '+norecurse'] },
    { target: 'nsd', args: ['www.nsd.lab', 'A', '+nsid', '+expire', '+norecurse'] },
    { target: 'named', args: ['.', 'DNSKEY', '+dnssec', '+norecurse', '+split=8'] },
    { target: 'knot', args: ['example.', 'DNSKEY', '+norecurse', '+multiline', '+nocrypto', '+ttlunits', '+noclass'] },
    { target: 'nsd', args: ['nonexistent.nsd.lab', 'A', '+noall', '+answer', '+authority', '+norecurse'] },
    { target: 'named', args: ['www.tsig.lab', 'A', '-y', tsigKeyArgument] },
  ];
}
