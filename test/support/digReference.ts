/**
 * dig as the reference: the same command line run through dig and through tsdig against loopback
 * servers, and the normalising that makes their outputs comparable (program name, message IDs,
 * times, dates, cookie values and tsdig's own authority line are the only things set aside).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { isolatedHome, runBin, type CliRun } from './runCli.js';

/** The dig binary on PATH; a missing dig fails the test (it is the reference, not an extra). */
export function findDig(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'dig');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  throw new Error('dig is not installed: the dig-parity tests need it (Debian package bind9-dnsutils)');
}

/** Whether a word would send dig off loopback: +trace, or an @server that is not a loopback address. */
function leavesLoopback(word: string): boolean {
  return /^\+trace$/i.test(word) || (word.startsWith('@') && !/^@(127\.\d+\.\d+\.\d+|::1)$/.test(word));
}

/**
 * A command line dig may run from a test: it starts with @ a loopback address, so no query reaches the system
 * resolver, and neither it nor the lines of a batch file (-f FILE) trace or name a server off loopback.
 */
function assertLoopbackOnly(args: readonly string[]): void {
  const first = args[0] ?? '';
  if (!/^@(127\.\d+\.\d+\.\d+|::1)$/.test(first))
    throw new Error(`dig runs only with a loopback @server first (every query inherits it): ${args.join(' ')}`);
  const batch = args.flatMap((arg, i) =>
    arg === '-f' ? [args[i + 1] ?? ''] : arg.startsWith('-f') ? [arg.slice(2)] : [],
  );
  const words = [...args, ...batch.flatMap((file) => readFileSync(file, 'utf8').split(/\s+/))];
  if (batch.includes('-') || words.some(leavesLoopback))
    throw new Error(`dig must not trace, read stdin or name a server off loopback: ${args.join(' ')}`);
}

/** Runs dig with `args` (loopback only, a HOME without ~/.digrc). */
export async function runDig(args: readonly string[]): Promise<CliRun> {
  assertLoopbackOnly(args);
  return new Promise((resolve, reject) => {
    execFile(
      findDig(),
      args,
      { timeout: 20_000, env: { ...process.env, HOME: isolatedHome() } },
      (error, stdout, stderr) => {
        if (error && typeof error.code === 'string') {
          reject(new Error(`cannot run dig: ${error.message}`));
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr), timedOut: error?.killed === true });
      },
    );
  });
}

/** The same arguments through dig and through the real tsdig bin, side by side. */
export async function runBoth(args: readonly string[]): Promise<{ dig: CliRun; tsdig: CliRun }> {
  const [dig, tsdig] = await Promise.all([runDig(args), runBin([...args])]);
  return { dig, tsdig };
}

/** The text with what differs on every run (or by program) replaced by placeholders; tsdig's authority line removed. */
export function comparable(text: string): string {
  return text
    .replace(/^; <<>> (DiG|tsdig) \S+ <<>>/gm, '; <<>> PROGRAM <<>>')
    .replace(/, id: \d+$/gm, ', id: ID')
    .replace(/^;; Query time: \d+ msec$/gm, ';; Query time: N msec')
    .replace(/^;; WHEN: .*$/gm, ';; WHEN: DATE')
    .replace(/^; COOKIE: [0-9a-f]+/gm, '; COOKIE: HEX')
    .replace(/^;; (AUTHORITATIVE ANSWER|NON-AUTHORITATIVE ANSWER|REFERRAL|ERROR REPLY): .*\n/gm, '');
}

/** tsdig's authority line (the one line it adds under dig's flags), or undefined. */
export function authorityLine(text: string): string | undefined {
  return /^;; (?:AUTHORITATIVE ANSWER|NON-AUTHORITATIVE ANSWER|REFERRAL|ERROR REPLY): .*$/m.exec(text)?.[0];
}
