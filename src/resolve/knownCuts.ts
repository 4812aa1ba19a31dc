/** The zone cuts a finished trace found, as a walk below them starts from: the servers it asked, per zone. */
import type { NameServer, TraceResult } from './traceTypes.js';

/**
 * The servers the trace asked, per zone (lower case): the one whose reply it used first, then the
 * others it tried, each with the addresses it was asked at. A hop served from a batch's cache asked
 * no server: the one that taught it is a server of the zone. The priming hop's start servers (a
 * resolver asked for the root NS set) are no zone's servers and are left out.
 */
export function knownCuts(result: TraceResult): Map<string, NameServer[]> {
  const cuts = new Map<string, NameServer[]>();
  for (const hop of result.hops) {
    if (hop.outcome.kind === 'rootServers') continue;
    const zone = hop.zone.toLowerCase();
    const servers = cuts.get(zone) ?? [];
    const taught = hop.cached ? hop.exchange?.server : undefined;
    const asked = taught
      ? [{ name: taught.name ?? taught.address, address: taught.address }]
      : [...hop.servers].sort((a, b) => Number(b.outcome === 'accepted') - Number(a.outcome === 'accepted'));
    for (const { name, address } of asked) {
      if (servers.some((ns) => ns.addresses.includes(address))) continue;
      const known = servers.find((ns) => ns.name.toLowerCase() === name.toLowerCase());
      if (known) known.addresses.push(address);
      else servers.push({ name, addresses: [address] });
    }
    cuts.set(zone, servers);
  }
  return cuts;
}
