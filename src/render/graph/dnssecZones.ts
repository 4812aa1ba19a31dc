/** The DNSSEC status of each zone of a trace's picture, from the validator's verdicts on its delegations. */
import type { TraceValidation } from '../../dnssec/types.js';
import type { TraceResult } from '../../resolve/traceTypes.js';
import { namesEqual } from '../../wire/name.js';
import type { GraphBuilder } from './builder.js';
import type { GraphStatus } from './model.js';

/** A delegation's DNSSEC state as a status. */
export function delegationStatus(status: string | undefined): GraphStatus {
  switch (status) {
    case 'signed':
      return 'secure';
    case 'unsigned':
      return 'insecure';
    case 'bogus':
      return 'bogus';
    case 'indeterminate':
      return 'indeterminate';
    default:
      return 'none';
  }
}

/** Each zone's status from the validator: the cut that delegated it, or for the trust anchor zone, the chain. */
export function judgeZones(graph: GraphBuilder, result: TraceResult, dnssec: TraceValidation): void {
  const judged = new Set<string>();
  result.hops.forEach((hop, i) => {
    const cut = dnssec.cuts[i];
    if (!cut || hop.outcome.kind !== 'referral') return;
    const zone = graph.findZone(cut.zone);
    if (!zone || judged.has(zone.id)) return;
    judged.add(zone.id);
    zone.status = delegationStatus(cut.status);
    zone.reason = cut.reason;
  });
  const { validation } = dnssec;
  for (const zone of graph.zones) {
    if (judged.has(zone.id)) continue;
    const link = validation.chain.find((l) => namesEqual(l.zone, zone.name));
    const vouches = result.hops.some(
      (hop, i) => namesEqual(hop.zone, zone.name) && ['signed', 'unsigned'].includes(dnssec.cuts[i]?.status ?? ''),
    );
    if ((link && !link.unsigned) || vouches) zone.status = 'secure';
    else if (link?.unsigned) zone.status = 'insecure';
    else if (validation.status === 'bogus' || validation.status === 'indeterminate') {
      zone.status = validation.status;
      zone.reason = validation.reason;
    } else zone.status = 'insecure';
  }
}
