/**
 * The interop hierarchy as data: which loopback address runs which software and which zones
 * each one serves. Zone files live in test/interop/zones/; everything else is derived from here.
 */

/** The three authoritative implementations the suite runs. */
export type AuthoritativeName = 'named' | 'knot' | 'nsd';

/**
 * Loopback address of each authoritative server. Linux routes all of 127/8 to lo, and NSD, Knot and
 * Unbound bind any of it; named binds only addresses configured on an interface, hence 127.0.0.1.
 */
export const serverAddresses: Readonly<Record<AuthoritativeName, string>> = {
  named: '127.0.0.1',
  knot: '127.53.0.2',
  nsd: '127.53.0.3',
};

/** Loopback address of the Unbound resolver. */
export const resolverAddress = '127.53.0.53';

/** One zone of the hierarchy: its origin, zone file, server, and how the suite prepares it. */
export interface ZoneSpec {
  /** Fully qualified origin, with the trailing dot. */
  readonly origin: string;
  /** File name under test/interop/zones/. */
  readonly file: string;
  readonly server: AuthoritativeName;
  /** Signed with dnssec-signzone at suite start (children before parents). */
  readonly signed: boolean;
  /** leaf-records.inc is appended to the file (the common record types). */
  readonly leafRecords: boolean;
}

function zone(origin: string, server: AuthoritativeName, opts: { signed?: boolean; leafRecords?: boolean } = {}): ZoneSpec {
  return {
    origin,
    file: origin === '.' ? 'root.zone' : `${origin}zone`,
    server,
    signed: opts.signed ?? false,
    leafRecords: opts.leafRecords ?? false,
  };
}

/** Every zone served, root first; the signed chain is . -> example. -> signed.example. */
export const zones: readonly ZoneSpec[] = [
  zone('.', 'named', { signed: true }),
  zone('example.', 'knot', { signed: true }),
  zone('signed.example.', 'named', { signed: true, leafRecords: true }),
  zone('lab.', 'nsd'),
  zone('nsd.lab.', 'nsd', { leafRecords: true }),
  zone('knot.lab.', 'knot', { leafRecords: true }),
  zone('deep.lab.', 'knot'),
  zone('a.deep.lab.', 'named'),
  zone('b.a.deep.lab.', 'nsd'),
  zone('glueless.lab.', 'knot'),
  zone('arpa.', 'nsd'),
  zone('2.0.192.in-addr.arpa.', 'knot'),
  zone('8.b.d.0.1.0.0.2.ip6.arpa.', 'named'),
];

/** Delegated in lab. to a server (Knot) that does not serve it: every query there is REFUSED. */
export const lameDelegation = { origin: 'lame.lab.', server: 'knot' as AuthoritativeName };

/** The leaf zone each implementation serves with the common records of leaf-records.inc. */
export const leafZoneOf: Readonly<Record<AuthoritativeName, string>> = {
  named: 'signed.example.',
  knot: 'knot.lab.',
  nsd: 'nsd.lab.',
};

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
