/** The hops of a trace as the report's table rows: plain text, escaped by the page. */
import type { TraceValidation } from '../../dnssec/types.js';
import type { GlueLookup, ServerAttempt, TraceResult } from '../../resolve/traceTypes.js';
import { typeName } from '../../wire/rrtypes.js';
import { rttLabel } from '../graph/traceGraph.js';
import { cutText, outcomeText } from '../trace.js';
import type { ReportRow } from './html.js';

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

/** One row per hop: the zone, the servers asked and how each answered, the reply used, its meaning, the delegation's DNSSEC state. */
export function reportRows(result: TraceResult, dnssec?: TraceValidation): ReportRow[] {
  return result.hops.map((hop, i) => {
    const accepted = hop.servers.find((s) => s.outcome === 'accepted');
    const row: ReportRow = {
      zone: hop.outcome.kind === 'rootServers' ? `${hop.zone} (root NS set)` : hop.zone,
      question: `${hop.question.name} ${typeName(hop.question.type)}`,
      servers: hop.servers.map(attemptLine),
      answeredBy: accepted ? where(accepted) : '-',
      rtt: hop.exchange ? rttLabel(hop.exchange.rttMs) : '-',
      outcome: [outcomeText(hop.outcome), ...hop.glueLookups.map(glueText), ...hop.notes].join('; '),
    };
    const cut = dnssec?.cuts[i];
    if (cut) row.dnssec = { status: cut.status === 'signed' ? 'secure' : cut.status, text: cutText(cut) };
    return row;
  });
}
