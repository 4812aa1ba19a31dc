/** Reads the trace from the root: the zone that holds the name, and the zone cuts on the way to it. */
import type { Outcome } from '../../resolve/classify.js';
import type { Hop, NameServer, TraceResult } from '../../resolve/traceTypes.js';
import { glueAddresses } from '../../resolve/bailiwick.js';
import { namesEqual } from '../../wire/name.js';
import type { WalkData } from '../types.js';

/** A cut to collect: the zone, its parent, and the parent's servers as the walk knows them. */
export interface CutPlan {
  zone: string;
  parent?: string;
  role: 'zone' | 'cut';
  /** The parent's name servers with the addresses the walk found for them. */
  parentServers: NameServer[];
  /** The delegation as the walk received it (NS names), when the walk went through it. */
  nsNames: string[];
  /** For the root: its servers, from the priming hop. */
  rootServers?: NameServer[];
}

type Referral = Extract<Outcome, { kind: 'referral' }>;

/** The walk in the check's terms: zones asked, servers that failed, and how it ended. */
export function walkData(result: TraceResult): WalkData {
  const zones: string[] = [];
  const failures: WalkData['failures'] = [];
  // The first hop primes the root: its zone is the root, asked again at once.
  for (const hop of result.hops) {
    if (!zones.some((z) => namesEqual(z, hop.zone))) zones.push(hop.zone);
    for (const attempt of hop.servers) {
      if (attempt.outcome === 'accepted' || attempt.outcome === 'abandoned') continue;
      failures.push({
        zone: hop.zone,
        name: attempt.name,
        address: attempt.address,
        outcome: attempt.outcome,
        error: attempt.error,
      });
    }
  }
  const final = result.final;
  const last = result.hops[result.hops.length - 1];
  const data: WalkData = { zones, failures, queries: result.queries };
  if (result.error) data.error = result.error;
  else if (final?.kind === 'nxdomain' && final.chain.length === 0) data.nxdomain = final.soa?.name ?? last?.zone;
  return data;
}

/** The zone that holds the traced name: the owner of the SOA that answered or denied, else the last zone asked. */
export function zoneOf(result: TraceResult): string | undefined {
  const final = result.final;
  if (result.error || !final) return undefined;
  if (final.kind === 'nxdomain' && final.chain.length === 0) return undefined;
  if (final.kind === 'answer' && final.chain.length === 0) return final.records[0]?.name;
  if ((final.kind === 'nodata' || final.kind === 'nxdomain') && final.soa && final.chain.length === 0)
    return final.soa.name;
  return result.hops[result.hops.length - 1]?.zone;
}

/** The servers of `zone` as the walk knows them: from the referral to it (or the priming), with glue and looked-up addresses. */
function serversOf(hops: readonly Hop[], zone: string): NameServer[] {
  const lookedUp = new Map<string, string[]>();
  for (const hop of hops)
    if (namesEqual(hop.zone, zone)) for (const g of hop.glueLookups) lookedUp.set(g.name.toLowerCase(), g.addresses);
  const withLookups = (servers: NameServer[]): NameServer[] =>
    servers.map((ns) => ({
      name: ns.name,
      addresses: ns.addresses.length > 0 ? [...ns.addresses] : [...(lookedUp.get(ns.name.toLowerCase()) ?? [])],
    }));
  if (zone === '.') {
    const priming = hops[0]?.outcome;
    return priming?.kind === 'rootServers' ? withLookups(priming.servers) : [];
  }
  for (const hop of hops) {
    const outcome = hop.outcome;
    if (outcome.kind === 'referral' && namesEqual(outcome.zone, zone))
      return withLookups(outcome.nsNames.map((name) => ({ name, addresses: glueAddresses(name, outcome.glue) })));
  }
  return [];
}

/** The cuts to check: the zone first (with every probe), then each delegation above it from the bottom up. */
export function cutPlans(result: TraceResult, zone: string): CutPlan[] {
  const hops = result.hops;
  const referrals: Array<{ parent: string; referral: Referral }> = [];
  for (const hop of hops)
    if (hop.outcome.kind === 'referral') referrals.push({ parent: hop.zone, referral: hop.outcome });
  const plans: CutPlan[] = [];
  if (zone === '.') {
    plans.push({ zone, role: 'zone', parentServers: [], nsNames: [], rootServers: serversOf(hops, '.') });
  } else {
    const own = referrals.find((r) => namesEqual(r.referral.zone, zone));
    // Without a referral to it, the zone is served by the servers of the last zone asked, which is its parent.
    const parent = own?.parent ?? hops[hops.length - 1]?.zone ?? '.';
    plans.push({
      zone,
      parent,
      role: 'zone',
      parentServers: serversOf(hops, parent),
      nsNames: own?.referral.nsNames ?? [],
    });
  }
  for (const { parent, referral } of [...referrals].reverse()) {
    if (namesEqual(referral.zone, zone)) continue;
    plans.push({
      zone: referral.zone,
      parent,
      role: 'cut',
      parentServers: serversOf(hops, parent),
      nsNames: referral.nsNames,
    });
  }
  return plans;
}
