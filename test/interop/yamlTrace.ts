/**
 * Running dig +trace against the interop hierarchy. dig 9.18 looks up every name server's address
 * with getaddrinfo, not from glue, and getaddrinfo would ask the machine's resolver on port 53. So
 * dig runs in a private mount namespace (unshare -m, which needs root) where /etc/hosts names every
 * name server of the hierarchy, /etc/nsswitch.conf says "hosts: files" (no DNS at all) and
 * /etc/resolv.conf names the suite's loopback resolver: nothing can leave loopback.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InteropHierarchy } from './hierarchy.js';
import { zones } from './layout.js';
import { runProgram, type RunOutput } from './tools.js';

/** dig +trace in the namespace, and the files behind it. */
export interface YamlTraceNamespace {
  runDig(args: readonly string[]): Promise<RunOutput>;
  remove(): void;
}

const MOUNT_AND_RUN =
  'mount --bind "$1" /etc/hosts && mount --bind "$2" /etc/resolv.conf && mount --bind "$3" /etc/nsswitch.conf && shift 3 && exec "$@"';

/** Every name server of the hierarchy with its addresses, asked of the suite's resolver with dig. */
async function hostsLines(hierarchy: InteropHierarchy, dig: (args: string[]) => Promise<RunOutput>): Promise<string[]> {
  const at = [`@${hierarchy.resolver.address}`, '-p', String(hierarchy.resolver.port), '+short'];
  const names = new Set<string>();
  for (const zone of zones) {
    for (const line of (await dig([...at, zone.origin, 'NS'])).stdout.split('\n')) if (line) names.add(line);
  }
  const lines: string[] = [];
  for (const name of names) {
    const addresses = (await dig([...at, name, 'A'])).stdout.split('\n').filter((line) => /^127\./.test(line));
    for (const address of addresses) lines.push(`${address} ${name.replace(/\.$/, '')}`);
  }
  if (lines.length === 0) throw new Error('no name server address found through the resolver');
  return lines;
}

/** Prepares the namespace's files; fails, naming what is missing, where unshare -m is refused. */
export async function yamlTraceNamespace(
  hierarchy: InteropHierarchy,
  dig: (args: string[]) => Promise<RunOutput>,
): Promise<YamlTraceNamespace> {
  const probe = await runProgram('unshare', ['-m', 'true']).catch((error: Error) => ({
    code: 1,
    stderr: error.message,
  }));
  if (probe.code !== 0)
    throw new Error(
      `dig +trace needs a private mount namespace for its /etc/hosts: 'unshare -m' failed (run the suite as root): ${probe.stderr.trim()}`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'tsdig-trace-ns-'));
  const hosts = join(dir, 'hosts');
  const resolv = join(dir, 'resolv.conf');
  const nsswitch = join(dir, 'nsswitch.conf');
  writeFileSync(hosts, `127.0.0.1 localhost\n${(await hostsLines(hierarchy, dig)).join('\n')}\n`);
  writeFileSync(resolv, `nameserver ${hierarchy.resolver.address}\n`);
  writeFileSync(nsswitch, 'hosts: files\n');
  return {
    runDig: (args) =>
      runProgram(
        'unshare',
        ['-m', 'sh', '-c', MOUNT_AND_RUN, 'sh', hosts, resolv, nsswitch, hierarchy.programs.dig, ...args],
        { env: { ...process.env, HOME: hierarchy.workDir, NO_COLOR: '1' }, timeoutMs: 20_000 },
      ),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
