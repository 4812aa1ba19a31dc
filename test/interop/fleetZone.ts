/**
 * fleet.lab.: one zone served by BIND, NSD and Knot at once, with NSD a serial behind, for +compare; and
 * skew.lab. below, served by NSD and Knot one serial apart, for +check
 * (+allns finds the three from the root; the resolver's stub for it names BIND). nsd2 and knot2 serve
 * nothing above it, BIND serves the root too (the zone is found by its SOA, not by the hop).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerId } from './layout.js';
import { serverAddresses } from './layout.js';

/** The zone's origin. */
export const FLEET_ZONE = 'fleet.lab.';

/** Each server of the zone, its name server name and the serial it serves. */
export const FLEET_SERVERS: ReadonlyArray<{ id: ServerId; ns: string; serial: number }> = [
  { id: 'named', ns: 'ns1.fleet.lab.', serial: 2024060102 },
  { id: 'nsd2', ns: 'ns2.fleet.lab.', serial: 2024060101 },
  { id: 'knot2', ns: 'ns3.fleet.lab.', serial: 2024060102 },
];

/**
 * skew.lab.: one zone served by NSD and Knot, with Knot a serial behind, for +check: unlike fleet.lab.
 * no server of it serves a zone above it, so the walk from the root meets its delegation in lab.
 */
export const SKEW_ZONE = 'skew.lab.';

/** Each server of skew.lab., its name server name and the serial it serves. */
export const SKEW_SERVERS: ReadonlyArray<{ id: ServerId; ns: string; serial: number }> = [
  { id: 'nsd2', ns: 'ns1.skew.lab.', serial: 2024060102 },
  { id: 'knot2', ns: 'ns2.skew.lab.', serial: 2024060101 },
];

/** The zones served by several servers at once, each server with its own serial. */
const SHARED_ZONES = [
  { origin: FLEET_ZONE, servers: FLEET_SERVERS },
  { origin: SKEW_ZONE, servers: SKEW_SERVERS },
];

/** The zone file one server loads. */
function sharedZoneFile(workDir: string, origin: string, id: ServerId): string {
  return join(workDir, 'zones', `${origin}${id}.zone`);
}

/** The zone as one server serves it: the same records, its own serial. */
function sharedZoneText(zone: (typeof SHARED_ZONES)[number], serial: number): string {
  return [
    '$TTL 3600',
    `@ IN SOA ns1 hostmaster ${serial} 7200 3600 1209600 300`,
    ...zone.servers.flatMap((s) => [`@ IN NS ${s.ns}`, `${s.ns} IN A ${serverAddresses[s.id]}`]),
    'www IN A 192.0.2.44',
    '',
  ].join('\n');
}

/** Writes each server's copy of each shared zone (prepareZones has made workDir/zones). */
export async function writeFleetZones(workDir: string): Promise<void> {
  for (const zone of SHARED_ZONES)
    for (const s of zone.servers)
      await writeFile(sharedZoneFile(workDir, zone.origin, s.id), sharedZoneText(zone, s.serial));
}

/** The shared zones this server serves. */
export function fleetZoneOf(workDir: string, id: ServerId): Array<{ origin: string; file: string }> {
  return SHARED_ZONES.filter((zone) => zone.servers.some((s) => s.id === id)).map((zone) => ({
    origin: zone.origin,
    file: sharedZoneFile(workDir, zone.origin, id),
  }));
}
