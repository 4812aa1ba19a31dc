/** The hops of a trace as the report's table: plain text, escaped by the page. */
import type { TraceValidation } from '../../dnssec/types.js';
import type { GlueLookup, ServerAttempt, TraceResult } from '../../resolve/traceTypes.js';
import { typeName } from '../../wire/rrtypes.js';
import { rttLabel } from '../graph/traceGraph.js';
import { cutText, outcomeText } from '../trace.js';
import type { ReportCell, ReportTable } from './html.js';

function where(attempt: ServerAttempt): string {
  return `${attempt.name} ${attempt.address}#${attempt.port}`;
}

function attemptLine(attempt: ServerAttempt): string {
  const how = attempt.outcome === 'accepted' ? 'answered' : (attempt.error ?? attempt.outcome);
  return `${where(attempt)}: ${how} (${rttLabel(attempt.rttMs)})`;
}

function glueText(lookup: GlueLookup): string {
  if (lookup.error) return `no address for ${lookup.name} (no glue): ${lookup.error}`;
  return `looked up ${lookup.name} (no glue): ${lookup.addresses.join(' ')}`;
}

const HEADERS = ['Zone', 'Question', 'Servers asked', 'Answered by', 'RTT', 'Outcome'];

/**
 * One row per hop: the zone, the servers asked and how each answered, the reply used, its meaning,
 * and with validation the delegation's DNSSEC state.
 */
export function traceTable(result: TraceResult, dnssec?: TraceValidation): ReportTable {
  const rows = result.hops.map((hop, i) => {
    const accepted = hop.servers.find((s) => s.outcome === 'accepted');
    const row: ReportCell[] = [
      hop.outcome.kind === 'rootServers' ? `${hop.zone} (root NS set)` : hop.zone,
      `${hop.question.name} ${typeName(hop.question.type)}`,
      hop.servers.map(attemptLine),
      accepted ? where(accepted) : '-',
      hop.exchange ? rttLabel(hop.exchange.rttMs) : '-',
      [outcomeText(hop.outcome), ...hop.glueLookups.map(glueText), ...hop.notes].join('; '),
    ];
    if (!dnssec) return row;
    const cut = dnssec.cuts[i];
    const status = cut && (cut.status === 'signed' ? 'secure' : cut.status);
    return [...row, cut ? { classes: `dnssec ${status}`, text: cutText(cut) } : ''];
  });
  const headers = dnssec ? [...HEADERS, 'DNSSEC of the delegation'] : HEADERS;
  return { heading: 'Hops', id: 'hops', headers, rows };
}
