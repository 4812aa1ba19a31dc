/**
 * Comparing what dig and tsdig printed for the same query: pure functions returning readable
 * differences (an empty list means the two agree).
 */
import { sectionNames, type DigMessage, type DigRecord, type TraceHop } from './digParse.js';

/** How strictly TTLs must match: exactly from authoritative servers, within a few seconds from a cache. */
export interface CompareOptions {
  readonly ttlTolerance: number;
  /** Compare records by owner, class and type only (both replies were truncated). */
  readonly rrsetsOnly?: boolean;
}

// Per-query values from the server (cookies) that legitimately differ between two runs.
const volatileOptions = [/^COOKIE:/];

function recordKey(r: DigRecord): string {
  return `${r.name} ${r.class} ${r.type} ${r.data}`;
}

// A truncated UDP reply holds an arbitrary part of an RRset (BIND fills it in random order), so
// only which RRsets appear, and how many records, can be compared.
function rrsetKey(r: DigRecord): string {
  return `${r.name} ${r.class} ${r.type}`;
}

/** A record as one line, the way dig prints it (tabs made single spaces). */
export function recordText(r: DigRecord): string {
  return r.ttl === null ? `${r.name} ${r.class} ${r.type}` : `${r.name} ${r.ttl} ${r.class} ${r.type} ${r.data}`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function compareScalar(label: string, dig: unknown, tsdig: unknown, out: string[]): void {
  if (dig !== tsdig) out.push(`${label}: dig ${String(dig)}, tsdig ${String(tsdig)}`);
}

/**
 * Differences between two record lists as multisets (servers rotate the order within an RRset,
 * so order is not compared), then TTL differences beyond the tolerance for records in both.
 */
export function compareRecords(
  label: string,
  dig: readonly DigRecord[],
  tsdig: readonly DigRecord[],
  options: CompareOptions,
): string[] {
  const out: string[] = [];
  const key = options.rrsetsOnly ? rrsetKey : recordKey;
  const unmatched = [...tsdig];
  for (const record of dig) {
    const i = unmatched.findIndex((r) => key(r) === key(record));
    if (i < 0) {
      out.push(`${label}: only in dig:   ${recordText(record)}`);
      continue;
    }
    const [other] = unmatched.splice(i, 1);
    if (record.ttl !== null && other.ttl !== null && Math.abs(record.ttl - other.ttl) > options.ttlTolerance) {
      out.push(
        `${label}: TTL of ${recordKey(record)}: dig ${record.ttl}, tsdig ${other.ttl} (tolerance ${options.ttlTolerance}s)`,
      );
    }
  }
  for (const record of unmatched) out.push(`${label}: only in tsdig: ${recordText(record)}`);
  return out;
}

/** Every difference between dig's and tsdig's parse of one reply. */
export function compareMessages(dig: DigMessage, tsdig: DigMessage, options: CompareOptions): string[] {
  const out: string[] = [];
  compareScalar('opcode', dig.opcode, tsdig.opcode, out);
  compareScalar('status', dig.status, tsdig.status, out);
  if (!sameList([...dig.flags].sort(), [...tsdig.flags].sort())) {
    out.push(`flags: dig [${dig.flags.join(' ')}], tsdig [${tsdig.flags.join(' ')}]`);
  }
  const truncated = dig.flags.includes('tc') && tsdig.flags.includes('tc');
  for (const name of sectionNames) {
    compareScalar(`${name} count`, dig.counts[name], tsdig.counts[name], out);
    out.push(...compareRecords(name, dig.sections[name], tsdig.sections[name], { ...options, rrsetsOnly: truncated }));
  }
  compareScalar('EDNS version', dig.ednsVersion, tsdig.ednsVersion, out);
  compareScalar('EDNS udp size', dig.udpSize, tsdig.udpSize, out);
  if (!sameList([...dig.ednsFlags].sort(), [...tsdig.ednsFlags].sort())) {
    out.push(`EDNS flags: dig [${dig.ednsFlags.join(' ')}], tsdig [${tsdig.ednsFlags.join(' ')}]`);
  }
  const stable = (opts: readonly string[]): string[] =>
    opts.filter((o) => !volatileOptions.some((re) => re.test(o))).sort();
  if (!sameList(stable(dig.ednsOptions), stable(tsdig.ednsOptions))) {
    out.push(
      `EDNS options: dig [${stable(dig.ednsOptions).join('; ')}], tsdig [${stable(tsdig.ednsOptions).join('; ')}]`,
    );
  }
  compareScalar('protocol', dig.protocol, tsdig.protocol, out);
  compareScalar('server', dig.server, tsdig.server, out);
  if (!sameList(dig.notes, tsdig.notes))
    out.push(`notes: dig [${dig.notes.join(' | ')}], tsdig [${tsdig.notes.join(' | ')}]`);
  return out;
}

/** Differences between two +short outputs, as multisets of lines. */
export function compareShort(dig: readonly string[], tsdig: readonly string[]): string[] {
  const out: string[] = [];
  const unmatched = [...tsdig];
  for (const line of dig) {
    const i = unmatched.indexOf(line);
    if (i < 0) out.push(`only in dig:   ${line}`);
    else unmatched.splice(i, 1);
  }
  for (const line of unmatched) out.push(`only in tsdig: ${line}`);
  return out;
}

/** What a +trace walk must show: the zone cuts in order, the servers asked, and the final answer. */
export interface ExpectedTrace {
  /** Owner names of the NS sets printed, in order ('.' first). */
  readonly cuts: readonly string[];
  /** Address of the server each hop came from, in order (the first is the server given with @). */
  readonly servers: readonly string[];
  /** The final record, as "name type data". */
  readonly answer: string;
}

/** Differences between a parsed +trace output and what the walk must show. */
export function compareTrace(hops: readonly TraceHop[], expected: ExpectedTrace): string[] {
  const out: string[] = [];
  const cuts: string[] = [];
  for (const hop of hops) {
    for (const r of hop.records) if (r.type === 'NS' && !cuts.includes(r.name)) cuts.push(r.name);
  }
  if (!sameList(cuts, expected.cuts))
    out.push(`zone cuts: walked [${cuts.join(' ')}], expected [${expected.cuts.join(' ')}]`);
  const servers = hops.map((h) => h.from.split('#')[0]);
  if (!sameList(servers, expected.servers))
    out.push(`servers: asked [${servers.join(' ')}], expected [${expected.servers.join(' ')}]`);
  const last = hops.at(-1);
  const answers = (last?.records ?? []).map((r) => `${r.name} ${r.type} ${r.data}`);
  if (!answers.includes(expected.answer))
    out.push(`final answer: expected ${expected.answer}, last hop printed [${answers.join(' | ')}]`);
  return out;
}

/** One `SOA <data> from server <address> in <N> ms.` line of +nssearch: the address and the SOA data. */
export function parseNsSearchLine(line: string): { address: string; data: string } | undefined {
  const match = /^SOA (.+) from server (\S+) in \d+ ms\.$/.exec(line);
  return match ? { address: match[2], data: match[1] } : undefined;
}

/** Differences between +nssearch's lines and each server's SOA as `dig @server +norec SOA +short` read it. */
export function compareNsSearch(lines: readonly string[], soaByServer: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    const parsed = parseNsSearchLine(line);
    if (!parsed) {
      out.push(`not an SOA line: ${line}`);
      continue;
    }
    seen.add(parsed.address);
    const expected = soaByServer.get(parsed.address);
    if (expected === undefined) out.push(`a server that is not a name server of the zone: ${parsed.address}`);
    else if (expected !== parsed.data) out.push(`${parsed.address}: tsdig ${parsed.data}, dig ${expected}`);
  }
  for (const address of soaByServer.keys()) if (!seen.has(address)) out.push(`no line for ${address}`);
  return out;
}
