/** Finding and running the external programs the interop suite needs (BIND, NSD, Knot, Unbound, dig). */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { isolatedHome } from '../support/runCli.js';

/** Programs the suite runs, with the Debian package that provides each. */
export const requiredPrograms = {
  named: 'bind9',
  'dnssec-keygen': 'bind9-utils',
  'dnssec-signzone': 'bind9-utils',
  'dnssec-dsfromkey': 'bind9-utils',
  dig: 'bind9-dnsutils',
  delv: 'bind9-dnsutils',
  nsupdate: 'bind9-dnsutils',
  nsd: 'nsd',
  knotd: 'knot',
  unbound: 'unbound',
} as const;

/** Name of a program the suite runs. */
export type ProgramName = keyof typeof requiredPrograms;

/** Absolute paths of the programs, once all were found. */
export type ProgramPaths = Readonly<Record<ProgramName, string>>;

// Daemons live in sbin, which is often missing from a normal user's PATH.
const extraDirs = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

function findOnPath(program: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** Locates every required program; throws one error naming all missing ones and their packages. */
export function findPrograms(): ProgramPaths {
  const found: Partial<Record<ProgramName, string>> = {};
  const missing: string[] = [];
  for (const [program, pkg] of Object.entries(requiredPrograms) as [ProgramName, string][]) {
    const path = findOnPath(program);
    if (path === undefined) missing.push(`${program} (Debian package ${pkg})`);
    else found[program] = path;
  }
  if (missing.length > 0) {
    throw new Error(
      `interop: missing DNS software: ${missing.join(', ')}. ` +
        'Install it with .ci/install-interop.sh (or apt-get install bind9 bind9-utils bind9-dnsutils nsd knot unbound).',
    );
  }
  return found as ProgramPaths;
}

/** What a finished program printed and how it ended. */
export interface RunOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit status; null when killed by a signal (for example the timeout). */
  readonly code: number | null;
}

/** Runs a program to completion (never through a shell); a non-zero exit is reported, not thrown. */
export function runProgram(
  file: string,
  args: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      // dig reads ~/.digrc: without an env of the caller's, runs get a HOME with no dotfiles.
      {
        timeout: options.timeoutMs ?? 15_000,
        env: options.env ?? { ...process.env, HOME: isolatedHome() },
        cwd: options.cwd,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code === 'string') {
          reject(new Error(`cannot run ${file}: ${error.message}`));
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ stdout: String(stdout), stderr: String(stderr), code });
      },
    );
  });
}

/** Runs a program that must succeed; throws with its stderr otherwise. Returns stdout. */
export async function runChecked(file: string, args: readonly string[], cwd?: string): Promise<string> {
  const out = await runProgram(file, args, { cwd });
  if (out.code !== 0) {
    throw new Error(`${file} ${args.join(' ')} failed (exit ${out.code}): ${out.stderr.trim() || out.stdout.trim()}`);
  }
  return out.stdout;
}

/** First "N.N.N" in a version banner. */
export function versionNumber(banner: string): string {
  const match = /(\d+\.\d+\.\d+)/.exec(banner);
  if (!match) throw new Error(`no version number in: ${banner.trim()}`);
  return match[1];
}

/** "BIND 9.18.x, NSD 4.6.x, Knot 3.2.x, Unbound 1.17.x", read from the binaries themselves. */
export async function serverVersions(programs: ProgramPaths): Promise<string> {
  const banner = async (file: string, flag: string): Promise<string> => {
    const out = await runProgram(file, [flag], { timeoutMs: 5_000 });
    return out.stdout + out.stderr;
  };
  const [bind, nsd, knot, unbound] = await Promise.all([
    banner(programs.named, '-v'),
    banner(programs.nsd, '-v'),
    banner(programs.knotd, '-V'),
    banner(programs.unbound, '-V'),
  ]);
  return `BIND ${versionNumber(bind)}, NSD ${versionNumber(nsd)}, Knot ${versionNumber(knot)}, Unbound ${versionNumber(unbound)}`;
}
