/**
 * Configuration text for named, nsd, knotd and unbound, generated from the layout. Pure: the caller
 * writes the files. Every server binds only its own loopback address and keeps all state in workDir.
 */
import { join } from 'node:path';
import { FLEET_ZONE, fleetZoneOf } from './fleetZone.js';
import { namedTransferBlocks } from './transfers.js';
import { lameDelegation, resolverAddress, serverAddresses, servers, zones, zonesOf, type ServerId } from './layout.js';

/** What every generated configuration depends on. */
export interface ConfigContext {
  /** The one unprivileged port all servers (and the resolver) listen on. */
  readonly port: number;
  /** Fresh temporary directory holding every runtime file. */
  readonly workDir: string;
  /** origin -> zone file to load (from prepareZones). */
  readonly zoneFiles: ReadonlyMap<string, string>;
  /** BIND's DNS over TLS / HTTPS / plain HTTP listeners, when the suite wants them. */
  readonly encrypted?: EncryptedListeners;
}

/** Ports of BIND's encrypted listeners on its address, and the fixture certificates they present. */
export interface EncryptedListeners {
  /** DoT with the valid certificate. */
  readonly tlsPort: number;
  /** DoT with the expired certificate. */
  readonly expiredTlsPort: number;
  /** DoH over TLS, endpoint /dns-query. */
  readonly httpsPort: number;
  /** DoH over plain HTTP/2 (`tls none`). */
  readonly httpPort: number;
  /** PEM files (test/fixtures/tls): the valid pair and the expired pair. */
  readonly cert: { readonly certFile: string; readonly keyFile: string };
  readonly expired: { readonly certFile: string; readonly keyFile: string };
}

/** named.conf lines for the encrypted listeners: `listen-on` lines (options) and the tls/http blocks (top level). */
function namedEncrypted(
  listeners: EncryptedListeners | undefined,
  address: string,
): { listen: string[]; blocks: string[] } {
  if (!listeners) return { listen: [], blocks: [] };
  return {
    listen: [
      `    listen-on port ${listeners.tlsPort} tls suite { ${address}; };`,
      `    listen-on port ${listeners.expiredTlsPort} tls expired { ${address}; };`,
      `    listen-on port ${listeners.httpsPort} tls suite http suite { ${address}; };`,
      `    listen-on port ${listeners.httpPort} tls none http suite { ${address}; };`,
    ],
    blocks: [
      `tls suite { cert-file "${listeners.cert.certFile}"; key-file "${listeners.cert.keyFile}"; };`,
      `tls expired { cert-file "${listeners.expired.certFile}"; key-file "${listeners.expired.keyFile}"; };`,
      'http suite { endpoints { "/dns-query"; }; };',
    ],
  };
}

function servedBy(server: ServerId, ctx: ConfigContext): { origin: string; file: string }[] {
  const own = zonesOf(server).map((z) => {
    const file = ctx.zoneFiles.get(z.origin);
    if (file === undefined) throw new Error(`interop: no zone file prepared for ${z.origin}`);
    return { origin: z.origin, file };
  });
  return [...own, ...fleetZoneOf(ctx.workDir, server)];
}

/** Directory of one server's runtime files inside workDir. */
export function serverDir(ctx: ConfigContext, id: ServerId): string {
  return join(ctx.workDir, id);
}

/** named.conf: authoritative only, no rndc channel (the default one would take 127.0.0.1:953). */
export function namedConf(ctx: ConfigContext, id: ServerId): string {
  const dir = serverDir(ctx, id);
  const zoneBlocks = servedBy(id, ctx).map((z) => `zone "${z.origin}" {\n    type primary;\n    file "${z.file}";\n};`);
  const encrypted = namedEncrypted(ctx.encrypted, servers[id].address);
  return [
    'options {',
    `    directory "${dir}";`,
    `    pid-file "${join(dir, 'named.pid')}";`,
    `    session-keyfile "${join(dir, 'session.key')}";`,
    `    managed-keys-directory "${dir}";`,
    `    listen-on port ${ctx.port} { ${servers[id].address}; };`,
    ...encrypted.listen,
    '    listen-on-v6 { none; };',
    '    recursion no;',
    '    dnssec-validation no;',
    '    notify no;',
    // Zone transfers to loopback only (the suite compares dig's and tsdig's AXFR and IXFR).
    '    allow-transfer { 127.0.0.0/8; };',
    '};',
    'controls { };',
    ...encrypted.blocks,
    ...zoneBlocks,
    ...(id === 'named' ? namedTransferBlocks(dir) : []),
    '',
  ].join('\n');
}

/** nsd.conf: no database file, no privilege drop, no remote control. */
export function nsdConf(ctx: ConfigContext, id: ServerId): string {
  const dir = serverDir(ctx, id);
  const zoneBlocks = servedBy(id, ctx).map(
    (z) => `zone:\n    name: "${z.origin}"\n    zonefile: "${z.file}"\n    provide-xfr: 127.0.0.0/8 NOKEY`,
  );
  return [
    'server:',
    `    ip-address: ${servers[id].address}`,
    `    port: ${ctx.port}`,
    '    do-ip6: no',
    '    server-count: 1',
    '    username: ""',
    '    chroot: ""',
    `    zonesdir: "${dir}"`,
    '    database: ""',
    `    zonelistfile: "${join(dir, 'zone.list')}"`,
    `    xfrdfile: "${join(dir, 'xfrd.state')}"`,
    `    xfrdir: "${dir}"`,
    `    pidfile: "${join(dir, 'nsd.pid')}"`,
    '    verbosity: 1',
    'remote-control:',
    '    control-enable: no',
    ...zoneBlocks,
    '',
  ].join('\n');
}

/** knot.conf: presigned zones are served as they are (no automatic signing), nothing written back. */
export function knotConf(ctx: ConfigContext, id: ServerId, runAsRoot: boolean): string {
  const dir = serverDir(ctx, id);
  const zoneBlocks = servedBy(id, ctx).map((z) => `  - domain: "${z.origin}"\n    file: "${z.file}"`);
  return [
    'server:',
    `    rundir: "${dir}"`,
    `    pidfile: "${join(dir, 'knot.pid')}"`,
    `    listen: ${servers[id].address}@${ctx.port}`,
    '    udp-workers: 1',
    '    tcp-workers: 1',
    '    background-workers: 1',
    // As root, stay root: the Debian build would otherwise switch to a "knot" user that cannot read workDir.
    ...(runAsRoot ? ['    user: root:root'] : []),
    'log:',
    '  - target: stderr',
    '    any: info',
    'database:',
    `    storage: "${join(dir, 'db')}"`,
    'control:',
    `    listen: "${join(dir, 'knot.sock')}"`,
    'acl:',
    '  - id: loopback-transfer',
    '    address: 127.0.0.0/8',
    '    action: transfer',
    'template:',
    '  - id: default',
    '    acl: loopback-transfer',
    `    storage: "${dir}"`,
    '    zonefile-sync: -1',
    '    zonefile-load: whole',
    '    journal-content: none',
    'zone:',
    ...zoneBlocks,
    '',
  ].join('\n');
}

/**
 * Every zone cut with the address@port Unbound must use: it sends iterative queries to port 53,
 * so each zone (including the lame one) gets a stub naming its server on the suite's port.
 * The stub for "." is the resolver's only root: a root-hints file cannot carry a port, and when
 * one is configured Unbound ignores a stub for "." and primes from the hints on port 53.
 */
export function stubZones(port: number): { name: string; address: string }[] {
  // fleet.lab. has three servers; the resolver is pointed at BIND's copy, so its answer is known.
  const all = [
    ...zones.map((z) => ({ origin: z.origin, server: z.server })),
    lameDelegation,
    { origin: FLEET_ZONE, server: 'named' as const },
  ];
  return all.map((z) => ({ name: z.origin, address: `${serverAddresses[z.server]}@${port}` }));
}

/**
 * unbound.conf: a validating resolver that knows only this hierarchy. Its root is the stub for "."
 * (so the compiled-in root servers are never used), outgoing queries leave from the resolver's
 * loopback address (so nothing it sends can reach another host), the trust anchor is a static DS
 * file (nothing fetched or updated), and the default blocking of the two reverse zones is off.
 */
export function unboundConf(ctx: ConfigContext, paths: { trustAnchor: string }): string {
  const dir = join(ctx.workDir, 'unbound');
  const stubs = stubZones(ctx.port).flatMap((s) => [
    'stub-zone:',
    `    name: "${s.name}"`,
    `    stub-addr: ${s.address}`,
  ]);
  return [
    'server:',
    `    interface: ${resolverAddress}@${ctx.port}`,
    `    outgoing-interface: ${resolverAddress}`,
    '    interface-automatic: no',
    '    do-ip4: yes',
    '    do-ip6: no',
    '    do-udp: yes',
    '    do-tcp: yes',
    '    num-threads: 1',
    '    do-daemonize: no',
    '    username: ""',
    '    chroot: ""',
    `    directory: "${dir}"`,
    `    pidfile: "${join(dir, 'unbound.pid')}"`,
    '    logfile: ""',
    '    use-syslog: no',
    '    verbosity: 1',
    '    access-control: 127.0.0.0/8 allow',
    '    do-not-query-localhost: no',
    `    trust-anchor-file: "${paths.trustAnchor}"`,
    '    trust-anchor-signaling: no',
    '    root-key-sentinel: no',
    '    harden-glue: yes',
    '    harden-dnssec-stripped: yes',
    '    harden-referral-path: no',
    '    prefetch: no',
    '    val-log-level: 2',
    '    local-zone: "2.0.192.in-addr.arpa." nodefault',
    '    local-zone: "8.b.d.0.1.0.0.2.ip6.arpa." nodefault',
    'remote-control:',
    '    control-enable: no',
    ...stubs,
    '',
  ].join('\n');
}

/** The configuration file of one authoritative server, for its software. */
export function serverConf(ctx: ConfigContext, id: ServerId, runAsRoot: boolean): string {
  switch (servers[id].software) {
    case 'named':
      return namedConf(ctx, id);
    case 'nsd':
      return nsdConf(ctx, id);
    case 'knot':
      return knotConf(ctx, id, runAsRoot);
  }
}

/** A resolv.conf for tsdig runs: names only the suite's resolver, so nothing falls back to the host's. */
export function loopbackResolvConf(): string {
  return `# interop suite: loopback only\nnameserver ${resolverAddress}\n`;
}
