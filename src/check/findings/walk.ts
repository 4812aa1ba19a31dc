/** The walk from the root: whether it reached the zone, and servers that failed on the way to zones not checked otherwise. */
import type { CheckData, Finding } from '../types.js';
import { serverLabel } from './finding.js';

/** The walk's findings. */
export function walkFindings(data: CheckData): Finding[] {
  const zone = data.zone ?? data.name;
  const ref = 'RFC 1034 4.3.2';
  const walk = data.walk;
  if (walk.nxdomain !== undefined && !walk.error)
    return [
      {
        id: 'walk.reach',
        severity: 'error',
        zone: walk.nxdomain,
        message: `${data.name} does not exist: ${walk.nxdomain} says NXDOMAIN`,
        servers: [],
        reference: 'RFC 1034 4.3.2',
        evidence: { zones: walk.zones },
      },
    ];
  if (walk.error || data.zone === undefined) {
    const message = walk.error?.message ?? 'the walk ended without finding the zone';
    return [
      {
        id: 'walk.reach',
        severity: 'error',
        zone,
        message: `could not reach ${data.name} from the root: ${message}`,
        servers: [],
        reference: ref,
        evidence: { zones: walk.zones, ...(walk.error && { code: walk.error.code }) },
      },
    ];
  }
  const out: Finding[] = [
    {
      id: 'walk.reach',
      severity: 'ok',
      zone,
      message: `reached ${zone} from the root through ${walk.zones.join(' -> ')}`,
      servers: [],
      reference: ref,
      evidence: { zones: walk.zones, queries: walk.queries },
    },
  ];
  const checked = new Set(data.cuts.map((c) => c.zone.toLowerCase()));
  for (const failure of walk.failures) {
    if (checked.has(failure.zone.toLowerCase())) continue;
    const label = serverLabel({ address: failure.address, names: [failure.name] });
    out.push({
      id: 'walk.server',
      severity: 'notice',
      zone: failure.zone,
      message: `${label}, a server of ${failure.zone}, failed during the walk: ${failure.error ?? failure.outcome}`,
      servers: [label],
      reference: 'RFC 8906',
      evidence: { address: failure.address, outcome: failure.outcome },
    });
  }
  return out;
}
