/**
 * +trace text: each hop as dig prints it (the reply's records, then `;; Received N bytes from
 * ADDR#PORT(NAME) in T ms`, then a blank line), plus tsdig's own `;;` comment lines (servers that
 * failed, the zone asked and what the reply meant, ignored glue), so a dig +trace parser still
 * reads it. Ends with a summary, one line per hop.
 */
import type { DisplayFlags } from '../cli/types.js';
import type { Hop, HopOutcome, ServerAttempt, TraceResult } from '../resolve/traceTypes.js';
import { escapeText } from '../wire/escape.js';
import { formatRecord } from './record.js';
import { rdataText } from './rdata/present.js';
import { typeName } from '../wire/rrtypes.js';
import type { ResourceRecord } from '../wire/types.js';
import type { CutDnssec } from '../dnssec/types.js';
import type { Palette } from './palette.js';
import { headerLines, recordFormat, rttText, shortData } from './dig.js';

/** What the trace renderer needs: the palette and dig's record display switches. */
export interface TraceRenderOptions {
  palette: Palette;
  /** dig's record display switches; with +short, the compact form (and +identify, +nocrypto... as for a lookup). */
  display: Pick<DisplayFlags, 'ttlid' | 'class' | 'ttlunits' | 'multiline' | 'split' | 'rrcomments' | 'additional'> &
    Partial<Pick<DisplayFlags, 'short' | 'identify' | 'crypto' | 'unknownformat' | 'expandaaaa'>>;
  /** -u: the Received line's time in microseconds, as dig's. */
  usec?: boolean;
}

const safe = escapeText;

/** A server as dig names it in `(NAME)`: without the trailing dot. */
function digServerName(name: string): string {
  return name.length > 1 && name.endsWith('.') ? name.slice(0, -1) : name;
}

function plural(count: number, word: string): string {
  if (count === 1) return `${count} ${word}`;
  return `${count} ${word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;
}

/** What a hop's outcome means, in a few words (the `outcome:` part of the zone line). */
export function outcomeText(outcome: HopOutcome): string {
  switch (outcome.kind) {
    case 'rootServers': {
      const withAddress = outcome.servers.filter((ns) => ns.addresses.length > 0).length;
      const from = {
        startServer: 'from the start server',
        builtin: 'from the built-in root hints',
        file: 'from the root hints file',
      }[outcome.source];
      return `root servers ${from} (${plural(outcome.servers.length, 'server')}, addresses for ${withAddress})`;
    }
    case 'referral': {
      const glued = outcome.nsNames.filter((ns) =>
        outcome.glue.some((rr) => rr.name.toLowerCase() === ns.toLowerCase()),
      ).length;
      return `referral to ${outcome.zone} (${plural(outcome.nsNames.length, 'server')}, glue for ${glued})`;
    }
    case 'answer':
      return outcome.chain.length > 0
        ? `authoritative answer for ${outcome.name} (after ${plural(outcome.chain.length, 'CNAME')})`
        : 'authoritative answer';
    case 'cname':
      return `authoritative CNAME to ${outcome.target}`;
    case 'nxdomain':
      return `NXDOMAIN (authoritative): ${outcome.name} does not exist`;
    case 'nodata':
      return `NODATA (authoritative): ${outcome.name} exists but has no records of this type`;
    case 'yxdomain':
      return `YXDOMAIN (authoritative): ${yxdomainText(outcome)}`;
    case 'badReferral':
      return `BAD REFERRAL (${outcome.direction === 'upward' ? 'upward' : 'same zone'}, to ${outcome.zone})`;
    case 'allFailed':
      return `no usable reply: ${outcome.message}`;
    case 'limit':
      return `stopped: ${outcome.message}`;
    case 'lame':
      return `lame: ${outcome.reason}`;
    case 'misbehaving':
      return `misbehaving: ${outcome.reason}`;
    case 'refused':
      return 'REFUSED';
    case 'servfail':
      return 'SERVFAIL';
    case 'otherRcode':
      return `rcode ${outcome.rcode}`;
  }
}

/** Why a YXDOMAIN outcome's name cannot exist, in words: the DNAME and the length it would give the name. */
export function yxdomainText(outcome: Extract<HopOutcome, { kind: 'yxdomain' }>): string {
  return `${outcome.name} cannot exist: the DNAME at ${outcome.dname.name} would make it ${outcome.octets} octets long, over 255`;
}

/** What a hop served from the cache stands for, in the words of its `;; (cached)` line. */
function cachedWhat(outcome: HopOutcome): string {
  return outcome.kind === 'referral' ? `referral to ${outcome.zone}` : 'root NS set';
}

/** Why a server was left behind, in dig-like words. */
function attemptText(attempt: ServerAttempt): string {
  switch (attempt.outcome) {
    case 'abandoned':
      return attempt.hedged
        ? `no reply after ${Math.round(attempt.rttMs)} ms; asked the next server in parallel, which answered first`
        : `no reply after ${Math.round(attempt.rttMs)} ms; another server answered first`;
    case 'timeout':
      return attempt.hedged ? 'timed out (the next server was already asked in parallel)' : 'timed out';
    default:
      return attempt.error ?? attempt.outcome;
  }
}

/** The `;; ADDR#PORT(NAME) REFUSED, trying next server` lines for the servers that did not give the reply used. */
function failureLines(hop: Hop, options: TraceRenderOptions): string[] {
  const { palette } = options;
  const answered = hop.servers.some((s) => s.outcome === 'accepted');
  return hop.servers.flatMap((attempt, i) => {
    if (attempt.outcome === 'accepted') return [];
    const later = i + 1 < hop.servers.length;
    // A hedged server already had its successor asked; the last one tried may still be outlived by a slower one.
    const next =
      attempt.outcome === 'abandoned' || attempt.hedged
        ? ''
        : later
          ? ', trying next server'
          : answered
            ? ''
            : ', no server left';
    const where = `${safe(attempt.address)}#${attempt.port}(${safe(attempt.name)})`;
    // A lame server's answer is shown as what it is, a comment: a parser of dig's output must not take it as data.
    const unused = recordLines(attempt.answer ?? [], options).map((line) =>
      palette.warning(`;; not authoritative: ${line}`),
    );
    return [...unused, palette.error(`;; ${where} ${safe(attemptText(attempt))}${next}`)];
  });
}

function glueLookupLines(hop: Hop, palette: Palette): string[] {
  return hop.glueLookups.map((lookup) => {
    const cost = plural(lookup.queries, 'query');
    if (lookup.error)
      return palette.warning(
        `;; no address for ${safe(lookup.name)} (no usable glue): ${safe(lookup.error)} (${cost})`,
      );
    return palette.comment(
      `;; looked up ${safe(lookup.name)} (no usable glue): ${lookup.addresses.map(safe).join(' ')} (${cost})`,
    );
  });
}

function recordLines(records: ResourceRecord[], options: TraceRenderOptions): string[] {
  const { display } = options;
  // Owner names are escaped by the decoder and record data by its presenter; escaping the owner again costs nothing and guards the terminal.
  return records.map((rr) => formatRecord({ ...rr, name: safe(rr.name) }, recordFormat(display)));
}

/** The one-line text of a cut's state, for the `;; DNSSEC:` line of its hop. */
export function cutText(cut: CutDnssec): string {
  switch (cut.status) {
    case 'signed': {
      const ds = cut.ds
        ? `DS ${cut.ds.keyTag} alg ${cut.ds.algorithm} digest ${cut.ds.digestType} matches DNSKEY ${cut.ds.keyTag}`
        : 'DS matches a DNSKEY';
      const sig = cut.dsSignature ? `, RRSIG by ${cut.dsSignature.signer} ${cut.dsSignature.keyTag} valid` : '';
      return `signed delegation to ${cut.zone} (${ds}${sig})`;
    }
    case 'unsigned':
      if (cut.unsignedAt)
        return `unsigned delegation to ${cut.zone} (below the unsigned delegation to ${cut.unsignedAt})`;
      // The validator says "X is an unsigned delegation (no DS, proved by ...)": keep only the proof.
      return `unsigned delegation to ${cut.zone} (${/\((no DS, [^)]*)\)$/.exec(cut.reason)?.[1] ?? cut.reason})`;
    default:
      return `${cut.status} delegation to ${cut.zone}: ${cut.reason}`;
  }
}

/**
 * One hop in dig's `+trace +short` form: a line per answer record of the reply used,
 * `TYPE DATA from server ADDR in N ms.` (without the server part under +noidentify).
 */
function renderTraceHopShort(hop: Hop, options: TraceRenderOptions): string {
  const exchange = hop.exchange;
  if (!exchange) return '';
  const { display } = options;
  // A hop served from the batch's cache took no time: it says so where the round trip would be.
  const took = hop.cached ? '(cached)' : `in ${rttText(exchange.rttMs, options.usec, ['ms', 'us'])}`;
  const from = display.identify ? ` from server ${safe(exchange.server.address)} ${took}.` : '';
  return exchange.response.answer.map((rr) => `${typeName(rr.type)} ${safe(shortData(rr, display))}${from}\n`).join('');
}

/** One hop as dig +trace prints it, with tsdig's comment lines; ends with a blank line. With +short, dig's compact form. */
export function renderTraceHop(hop: Hop, options: TraceRenderOptions, dnssec?: CutDnssec): string {
  if (options.display.short) return renderTraceHopShort(hop, options);
  const { palette } = options;
  const lines = [...glueLookupLines(hop, palette), ...failureLines(hop, options)];
  const exchange = hop.exchange;
  if (exchange) {
    const msg = exchange.response;
    const records = [...msg.answer, ...msg.authority, ...(options.display.additional ? msg.additional : [])];
    // dig +trace shows no header; a YXDOMAIN ends the trace on an error RCODE, so its status is shown as dig's header says it.
    if (hop.outcome.kind === 'yxdomain') lines.push(...headerLines(msg, palette).trimEnd().split('\n'));
    lines.push(...recordLines(records, options));
    if (hop.outcome.kind === 'badReferral') lines.push(palette.error(';; BAD REFERRAL'));
    const accepted = hop.servers.find((s) => s.outcome === 'accepted');
    const name = safe(digServerName(accepted?.name ?? exchange.server.name ?? exchange.server.address));
    const where = `${safe(exchange.server.address)}#${exchange.server.port}(${name})`;
    // A hop served from the batch's cache received nothing: it says where the records were learned instead.
    lines.push(
      palette.comment(
        hop.cached
          ? `;; (cached) ${safe(cachedWhat(hop.outcome))} from ${where}`
          : `;; Received ${msg.size} bytes from ${where} in ${rttText(exchange.rttMs, options.usec, ['ms', 'us'])}`,
      ),
    );
  }
  const question = `${safe(hop.question.name)} ${typeName(hop.question.type)}`;
  const outcome = `;; zone: ${safe(hop.zone)}  question: ${question}  outcome: ${safe(outcomeText(hop.outcome))}`;
  const failed = hop.outcome.kind === 'allFailed' || hop.outcome.kind === 'limit' || hop.outcome.kind === 'badReferral';
  lines.push(failed ? palette.error(outcome) : palette.comment(outcome));
  for (const rr of hop.ignoredGlue) {
    lines.push(
      palette.warning(
        `;; ignored out-of-bailiwick glue: ${safe(rr.name)} ${typeName(rr.type)} ${safe(rdataText(rr.rdata))}`,
      ),
    );
  }
  for (const rr of hop.ignoredRecords ?? []) {
    lines.push(
      palette.warning(
        `;; ignored out-of-zone record: ${safe(rr.name)} ${typeName(rr.type)} ${safe(rdataText(rr.rdata))} (not ${safe(hop.zone)}'s to give)`,
      ),
    );
  }
  for (const note of hop.notes) lines.push(palette.comment(`;; ${safe(note)}`));
  if (dnssec) {
    const line = `;; DNSSEC: ${safe(cutText(dnssec))}`;
    lines.push(
      dnssec.status === 'signed' || dnssec.status === 'unsigned' ? palette.comment(line) : palette.error(line),
    );
  }
  return `${lines.join('\n')}\n\n`;
}

/** The facts of one hop for the summary: zone, server, address, RTT, outcome. */
export function summaryRow(hop: Hop): [string, string, string, string, string] {
  const accepted = hop.servers.find((s) => s.outcome === 'accepted');
  const failed = hop.servers.length - (accepted ? 1 : 0);
  const outcome = shortOutcome(hop.outcome) + (failed > 0 ? ` (${failed} failed)` : '');
  const taught = hop.cached ? hop.exchange?.server : undefined;
  if (taught)
    return [
      safe(hop.zone),
      safe(taught.name ?? taught.address),
      `${safe(taught.address)}#${taught.port}`,
      'cached',
      outcome,
    ];
  if (!accepted) return [safe(hop.zone), '-', '-', '-', outcome];
  return [
    safe(hop.zone),
    safe(accepted.name),
    `${safe(accepted.address)}#${accepted.port}`,
    `${Math.round(accepted.rttMs)} ms`,
    outcome,
  ];
}

/** The outcome in one or two words, for the summary. */
function shortOutcome(outcome: HopOutcome): string {
  switch (outcome.kind) {
    case 'rootServers':
      return outcome.source === 'startServer' ? 'root servers' : 'root hints';
    case 'referral':
      return `referral to ${safe(outcome.zone)}`;
    case 'answer':
      return 'answer';
    case 'cname':
      return `CNAME to ${safe(outcome.target)}`;
    case 'nxdomain':
      return 'NXDOMAIN';
    case 'nodata':
      return 'NODATA';
    case 'yxdomain':
      return 'YXDOMAIN';
    case 'badReferral':
      return 'BAD REFERRAL';
    case 'allFailed':
      return 'all servers failed';
    case 'limit':
      return `limit (${outcome.code})`;
    default:
      return outcomeText(outcome);
  }
}

function totalLine(result: TraceResult): string {
  return `Total: ${plural(result.hops.length, 'hop')}, ${plural(result.queries, 'query')}, ${Math.round(result.totalMs)} ms`;
}

/** The end of a trace as `;;` lines: one aligned line per hop, the total, and the error if the trace failed. */
export function renderTraceSummary(result: TraceResult, options: TraceRenderOptions): string {
  const { palette } = options;
  const head: [string, string, string, string, string] = ['zone', 'server', 'address', 'rtt', 'outcome'];
  const rows = [head, ...result.hops.map(summaryRow)];
  const widths = head.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = [
    palette.comment(`;; Trace summary for ${safe(result.request.name)} ${typeName(result.request.type)}:`),
  ];
  for (const row of rows) {
    const cells = row.map((cell, i) =>
      i === 3 ? cell.padStart(widths[i]) : i === row.length - 1 ? cell : cell.padEnd(widths[i]),
    );
    lines.push(palette.comment(`;;   ${cells.join('  ')}`));
  }
  lines.push(palette.comment(`;; ${totalLine(result)}`));
  if (result.error) lines.push(palette.error(`;; Trace failed: ${safe(result.error.message)}`));
  return `${lines.join('\n')}\n`;
}

/** The summary as a cli-table3 table for a terminal (cli-table3 is loaded only here). */
export async function renderTraceSummaryTable(result: TraceResult, options: TraceRenderOptions): Promise<string> {
  const { palette } = options;
  const { default: Table } = await import('cli-table3');
  const table = new Table({
    head: ['Zone', 'Server', 'Address', 'RTT', 'Outcome'],
    colAligns: ['left', 'left', 'left', 'right', 'left'],
    style: { head: [], border: [], compact: true },
  });
  for (const row of result.hops.map(summaryRow)) table.push(row);
  const lines = [
    palette.comment(`Trace of ${safe(result.request.name)} ${typeName(result.request.type)}`),
    table.toString(),
    palette.comment(totalLine(result)),
  ];
  if (result.error) lines.push(palette.error(`Trace failed: ${safe(result.error.message)}`));
  return `${lines.join('\n')}\n`;
}
