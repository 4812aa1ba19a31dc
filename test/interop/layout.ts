/**
 * The interop hierarchy as data: which loopback address runs which software and which zones
 * each one serves. Zone files live in test/interop/zones/; everything else is derived from here.
 */

/** The three authoritative implementations the suite runs. */
export type Software = 'named' | 'knot' | 'nsd';

/** One authoritative server process: which software, on which loopback address. */
export interface ServerSpec {
  readonly software: Software;
  readonly address: string;
}

/** Name of one authoritative server instance. */
export type ServerId = 'named' | 'knot' | 'nsd' | 'nsd2' | 'knot2';

/**
 * The authoritative servers. Linux routes all of 127/8 to lo, and NSD, Knot and Unbound bind any
 * of it; named binds only addresses configured on an interface, hence 127.0.0.1. nsd2 and knot2
 * serve the lower levels of the chain of cuts: a server that also served an upper level would
 * answer from its deepest zone at once, and a trace would skip the levels between.
 */
export const servers: Readonly<Record<ServerId, ServerSpec>> = {
  named: { software: 'named', address: '127.0.0.1' },
  knot: { software: 'knot', address: '127.53.0.2' },
  nsd: { software: 'nsd', address: '127.53.0.3' },
  nsd2: { software: 'nsd', address: '127.53.0.4' },
  knot2: { software: 'knot', address: '127.53.0.5' },
};

/** Every server id, in start order. */
export const serverIds = Object.keys(servers) as ServerId[];

/** Address of each server, by id. */
export const serverAddresses = Object.fromEntries(serverIds.map((id) => [id, servers[id].address])) as Readonly<
  Record<ServerId, string>
>;

/** Loopback address of the Unbound resolver. */
export const resolverAddress = '127.53.0.53';

/** One zone of the hierarchy: its origin, zone file, server, and how the suite prepares it. */
export interface ZoneSpec {
  /** Fully qualified origin, with the trailing dot. */
  readonly origin: string;
  /** File name under test/interop/zones/. */
  readonly file: string;
  readonly server: ServerId;
  /** Signed with dnssec-signzone at suite start (children before parents). */
  readonly signed: boolean;
  /** leaf-records.inc is appended to the file (the common record types). */
  readonly leafRecords: boolean;
}

function zone(origin: string, server: ServerId, opts: { signed?: boolean; leafRecords?: boolean } = {}): ZoneSpec {
  return {
    origin,
    file: origin === '.' ? 'root.zone' : `${origin}zone`,
    server,
    signed: opts.signed ?? false,
    leafRecords: opts.leafRecords ?? false,
  };
}

/**
 * Every zone served, root first. Signed chain: . (BIND) -> example. (Knot) -> signed.example. (NSD).
 * Chain of cuts: . (BIND) -> lab. (NSD) -> deep.lab. (Knot) -> a.deep.lab. (nsd2) -> b.a.deep.lab. (knot2).
 */
export const zones: readonly ZoneSpec[] = [
  zone('.', 'named', { signed: true }),
  zone('example.', 'knot', { signed: true }),
  zone('signed.example.', 'nsd', { signed: true, leafRecords: true }),
  zone('lab.', 'nsd'),
  zone('named.lab.', 'named', { leafRecords: true }),
  zone('nsd.lab.', 'nsd', { leafRecords: true }),
  zone('knot.lab.', 'knot', { leafRecords: true }),
  zone('deep.lab.', 'knot'),
  zone('a.deep.lab.', 'nsd2'),
  zone('b.a.deep.lab.', 'knot2'),
  zone('glueless.lab.', 'knot'),
  zone('arpa.', 'nsd'),
  zone('2.0.192.in-addr.arpa.', 'knot'),
  zone('8.b.d.0.1.0.0.2.ip6.arpa.', 'named'),
  zone('half.lab.', 'knot2'),
];

/** Delegated in lab. to a server (Knot) that does not serve it: every query there is REFUSED. */
export const lameDelegation: { readonly origin: string; readonly server: ServerId } = {
  origin: 'lame.lab.',
  server: 'knot',
};

/** The unsigned leaf zone each implementation serves with the common records of leaf-records.inc. */
export const leafZoneOf: Readonly<Record<Software, string>> = {
  named: 'named.lab.',
  knot: 'knot.lab.',
  nsd: 'nsd.lab.',
};

/** Zones served by one server. */
export function zonesOf(server: ServerId): ZoneSpec[] {
  return zones.filter((z) => z.server === server);
}

/** Name of the zone directly above `origin` ('.' for a TLD). */
export function parentZone(origin: string): string {
  const dot = origin.indexOf('.');
  const rest = origin.slice(dot + 1);
  return rest === '' ? '.' : rest;
}

/** Signed zones ordered so that each child is signed before its parent (its DS goes into the parent). */
export function signingOrder(all: readonly ZoneSpec[] = zones): ZoneSpec[] {
  const depth = (o: string): number => (o === '.' ? 0 : o.split('.').length - 1);
  return all.filter((z) => z.signed).sort((a, b) => depth(b.origin) - depth(a.origin));
}
