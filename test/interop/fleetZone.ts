/**
 * fleet.lab.: one zone served by BIND, NSD and Knot at once, with NSD a serial behind, for +compare
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

/** The zone file one server loads. */
function fleetZoneFile(workDir: string, id: ServerId): string {
  return join(workDir, 'zones', `${FLEET_ZONE}${id}.zone`);
}

/** The zone as one server serves it: the same records, its own serial. */
function fleetZoneText(serial: number): string {
  return [
    '$TTL 3600',
    `@ IN SOA ns1 hostmaster ${serial} 7200 3600 1209600 300`,
    ...FLEET_SERVERS.flatMap((s) => [`@ IN NS ${s.ns}`, `${s.ns} IN A ${serverAddresses[s.id]}`]),
    'www IN A 192.0.2.44',
    '',
  ].join('\n');
}

/** Writes each server's copy of the zone (prepareZones has made workDir/zones). */
export async function writeFleetZones(workDir: string): Promise<void> {
  for (const s of FLEET_SERVERS) await writeFile(fleetZoneFile(workDir, s.id), fleetZoneText(s.serial));
}

/** The fleet zone, when this server is one of its servers. */
export function fleetZoneOf(workDir: string, id: ServerId): Array<{ origin: string; file: string }> {
  return FLEET_SERVERS.some((s) => s.id === id) ? [{ origin: FLEET_ZONE, file: fleetZoneFile(workDir, id) }] : [];
}
