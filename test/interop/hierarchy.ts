/**
 * Starts the interop DNS hierarchy on loopback: BIND, Knot and NSD serving the zones of
 * test/interop/zones/ on one unprivileged port, and Unbound resolving from this hierarchy's root.
 *
 * Manual use: `node dist/test/interop/hierarchy.js --serve` starts it, prints where, and stops on Ctrl-C.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loopbackResolvConf,
  serverConf,
  serverDir,
  unboundConf,
  type ConfigContext,
  type EncryptedListeners,
} from './configs.js';
import { removeOnAbort, startDaemon, stopDaemon, waitUntilAnswering, type Daemon } from './daemons.js';
import { chooseFreePort } from './freePort.js';
import { resolverAddress, serverAddresses, serverIds, servers, zonesOf, type ServerId } from './layout.js';
import { findPrograms, serverVersions, type ProgramPaths } from './tools.js';
import { prepareZones } from './zoneFiles.js';
import { writeFleetZones } from './fleetZone.js';
import { growIxfrZone, IXFR_ZONE, writeTransferZones } from './transfers.js';

/** A running hierarchy: where everything listens, and how to stop it. */
export interface InteropHierarchy {
  /** The port every server and the resolver listen on. */
  readonly port: number;
  /** Address of each authoritative server (see layout.ts for what each serves). */
  readonly servers: Readonly<Record<ServerId, string>>;
  readonly resolver: { readonly address: string; readonly port: number };
  /** "BIND 9.18.x, NSD 4.6.x, Knot 3.2.x, Unbound 1.17.x" */
  readonly versions: string;
  /** Paths of the external programs (dig among them). */
  readonly programs: ProgramPaths;
  /** Temporary directory with configs, signed zones, keys, logs and pid files. */
  readonly workDir: string;
  /** A resolv.conf naming only the suite's resolver (for TSDIG_RESOLV_CONF). */
  readonly resolvConfPath: string;
  /** pid of each process started. */
  readonly pids: Readonly<Record<string, number>>;
  /** BIND's DNS over TLS / HTTPS / HTTP listeners (on servers.named), with the fixture certificates. */
  readonly encrypted: EncryptedListeners;
  /** Stops exactly the processes started (by pid) and removes workDir (kept when INTEROP_KEEP=1). */
  stop(): Promise<void>;
}

// Writes every configuration file; returns the path of each server's and the resolver's.
async function writeConfigs(
  ctx: ConfigContext,
  runAsRoot: boolean,
  trustAnchor: string,
): Promise<Record<ServerId | 'unbound', string>> {
  const paths: Partial<Record<ServerId | 'unbound', string>> = {};
  for (const id of serverIds) {
    const dir = serverDir(ctx, id);
    await mkdir(join(dir, 'db'), { recursive: true });
    paths[id] = join(dir, `${servers[id].software}.conf`);
    await writeFile(paths[id], serverConf(ctx, id, runAsRoot));
  }
  const unboundDir = join(ctx.workDir, 'unbound');
  await mkdir(unboundDir, { recursive: true });
  const trustAnchorPath = join(unboundDir, 'root.ds');
  await writeFile(trustAnchorPath, trustAnchor);
  paths.unbound = join(unboundDir, 'unbound.conf');
  await writeFile(paths.unbound, unboundConf(ctx, { trustAnchor: trustAnchorPath }));
  return paths as Record<ServerId | 'unbound', string>;
}

/** Four more ports for BIND's DoT, expired-certificate DoT, DoH and plain-HTTP DoH listeners, all distinct. */
async function encryptedListeners(taken: number): Promise<EncryptedListeners> {
  const ports: number[] = [];
  while (ports.length < 4) {
    const port = await chooseFreePort([serverAddresses.named]);
    if (port !== taken && !ports.includes(port)) ports.push(port);
  }
  const fixture = (name: string): string =>
    fileURLToPath(new URL(`../../../test/fixtures/tls/${name}`, import.meta.url));
  return {
    tlsPort: ports[0],
    expiredTlsPort: ports[1],
    httpsPort: ports[2],
    httpPort: ports[3],
    cert: { certFile: fixture('server.pem'), keyFile: fixture('server.key') },
    expired: { certFile: fixture('expired.pem'), keyFile: fixture('expired.key') },
  };
}

// The foreground command line of one authoritative server.
function serverCommand(programs: ProgramPaths, id: ServerId, conf: string): { file: string; args: string[] } {
  switch (servers[id].software) {
    case 'named':
      return { file: programs.named, args: ['-g', '-4', '-n', '1', '-c', conf] };
    case 'nsd':
      return { file: programs.nsd, args: ['-d', '-c', conf] };
    case 'knot':
      return { file: programs.knotd, args: ['-c', conf] };
  }
}

/** Builds, starts and waits for the whole hierarchy; on any failure stops what it started and throws. */
export async function startInteropHierarchy(): Promise<InteropHierarchy> {
  const programs = findPrograms();
  const workDir = await mkdtemp(join(tmpdir(), 'tsdig-interop-'));
  removeOnAbort(workDir, true);
  const daemons: Daemon[] = [];
  const stop = async (): Promise<void> => {
    for (const d of [...daemons].reverse()) await stopDaemon(d);
    if (process.env.INTEROP_KEEP !== '1') await rm(workDir, { recursive: true, force: true });
    removeOnAbort(workDir, false);
  };
  try {
    const versions = await serverVersions(programs);
    const port = await chooseFreePort([...Object.values(serverAddresses), resolverAddress]);
    const prepared = await prepareZones(programs, workDir);
    await writeFleetZones(workDir);
    const encrypted = await encryptedListeners(port);
    const ctx: ConfigContext = { port, workDir, zoneFiles: prepared.files, encrypted };
    const runAsRoot = process.getuid?.() === 0;
    const conf = await writeConfigs(ctx, runAsRoot, prepared.rootTrustAnchor);
    await writeTransferZones(serverDir(ctx, 'named'));
    const resolvConfPath = join(workDir, 'resolv.conf');
    await writeFile(resolvConfPath, loopbackResolvConf());

    const log = (name: string): string => join(workDir, `${name}.log`);
    const authoritative = serverIds.map((id) => {
      const command = serverCommand(programs, id, conf[id]);
      const daemon = startDaemon(id, command.file, command.args, log(id));
      daemons.push(daemon);
      return { id, daemon };
    });
    await Promise.all(
      authoritative.flatMap(({ id, daemon }) =>
        zonesOf(id).map((z) =>
          waitUntilAnswering(programs.dig, daemon, {
            address: servers[id].address,
            port,
            name: z.origin,
            type: 'SOA',
            requiredFlags: ['aa'],
            recursive: false,
          }),
        ),
      ),
    );

    // ixfr.lab.: two updates after start, so that IXFR has a journal to answer from.
    const named = authoritative.find(({ id }) => id === 'named')!.daemon;
    await waitUntilAnswering(programs.dig, named, {
      address: serverAddresses.named,
      port,
      name: IXFR_ZONE,
      type: 'SOA',
      requiredFlags: ['aa'],
      recursive: false,
    });
    await growIxfrZone(programs.nsupdate, workDir, serverAddresses.named, port);

    const unbound = startDaemon('unbound', programs.unbound, ['-d', '-c', conf.unbound], log('unbound'));
    daemons.push(unbound);
    await waitUntilAnswering(programs.dig, unbound, {
      address: resolverAddress,
      port,
      name: '.',
      type: 'SOA',
      requiredFlags: ['ra'],
      recursive: true,
    });

    const pids = Object.fromEntries(daemons.map((d) => [d.name, d.pid]));
    return {
      port,
      servers: serverAddresses,
      resolver: { address: resolverAddress, port },
      versions,
      programs,
      workDir,
      resolvConfPath,
      pids,
      encrypted,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function describe(h: InteropHierarchy): string {
  const lines = [
    `interop: ${h.versions}`,
    `port ${h.port} on every address (use -p ${h.port})`,
    ...serverIds.map(
      (id) =>
        `  ${id.padEnd(8)} ${h.servers[id].padEnd(11)} ${servers[id].software.padEnd(6)} serves ${zonesOf(id)
          .map((z) => z.origin)
          .join(' ')}`,
    ),
    `  unbound  ${h.resolver.address.padEnd(11)} recursive, validating, trust anchor = this root's DS`,
    `work dir ${h.workDir}`,
    `pids ${Object.entries(h.pids)
      .map(([n, p]) => `${n}=${p}`)
      .join(' ')}`,
    `try: dig @${h.resolver.address} -p ${h.port} www.signed.example +dnssec`,
    `     TSDIG_RESOLV_CONF=${h.resolvConfPath} node bin/tsdig @${h.resolver.address} -p ${h.port} www.signed.example +dnssec`,
    'Ctrl-C stops everything.',
  ];
  return lines.join('\n');
}

async function serve(): Promise<void> {
  const hierarchy = await startInteropHierarchy();
  process.stdout.write(`${describe(hierarchy)}\n`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void hierarchy.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

// Only with --serve: the test runner also executes every .js file under dist/test/ and must not start servers.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--serve')) {
  serve().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
