/**
 * Runs the real CLI end to end: `node bin/tsdig` in a child process (runBin), or `main(argv, io)`
 * in process with fake io (runMain). Both default to a loopback resolv.conf and NO_COLOR=1,
 * so no run ever reads the machine's /etc/resolv.conf.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What a run produced. `code` is null only when the run was killed at its deadline. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Options for a run. */
export interface RunOptions {
  /** Added to (and overriding) the default environment. */
  env?: Record<string, string | undefined>;
  /** Text for standard input (batch files with -f -). */
  stdin?: string;
  /** runBin only: a file opened as standard input instead of a pipe (as `< FILE` in a shell). */
  stdinFile?: string;
  /** runBin only: send the run SIGINT (as Ctrl-C does) once its stdout holds this text. */
  interruptOn?: string;
  /** runBin only: kill the run after this long (default 20 s). */
  timeoutMs?: number;
}

/** The repository root: the nearest directory above this file holding package.json and bin/tsdig (works from test/ and dist/test/). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'tsdig')))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`repository root not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

/** The resolv.conf every run uses unless told otherwise: a loopback address with nothing listening. */
export function defaultResolvConf(): string {
  return join(repoRoot(), 'test', 'support', 'loopback-resolv.conf');
}

/** Writes a resolv.conf (nameservers must be loopback) to a fresh temp directory; returns its path. */
export function writeResolvConf(lines: string[]): string {
  for (const line of lines) {
    const server = /^\s*nameserver\s+(\S+)/.exec(line)?.[1];
    if (server && !/^(127\.|::1$)/.test(server))
      throw new Error(`refusing a non-loopback nameserver in a test resolv.conf: ${server}`);
  }
  const path = join(mkdtempSync(join(tmpdir(), 'tsdig-resolv-')), 'resolv.conf');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

let emptyHome: string | undefined;

/** A HOME without dotfiles, made once per process: no ~/.digrc of the developer's changes a run (dig reads it too). */
export function isolatedHome(): string {
  emptyHome ??= mkdtempSync(join(tmpdir(), 'tsdig-home-'));
  return emptyHome;
}

/** The environment of a run: the parent's, without colour or test-runner variables, plus the defaults and `extra`. */
export function runEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_TEST_CONTEXT', 'TSDIG_RESOLV_CONF']) delete env[name];
  Object.assign(env, {
    NO_COLOR: '1',
    TSDIG_RESOLV_CONF: defaultResolvConf(),
    TSDIG_LOOPBACK_ONLY: '1',
    HOME: isolatedHome(),
  });
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Spawns `node bin/tsdig ...args` from the repository root and collects its output. */
export function runBin(args: string[], options: RunOptions = {}): Promise<CliRun> {
  const root = repoRoot();
  return new Promise((resolve, reject) => {
    const input = options.stdinFile === undefined ? 'pipe' : openSync(options.stdinFile, 'r');
    const child = spawn(process.execPath, [join(root, 'bin', 'tsdig'), ...args], {
      cwd: root,
      env: runEnv(options.env),
      stdio: [input, 'pipe', 'pipe'],
    });
    if (typeof input === 'number') closeSync(input);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20_000);
    let interrupted = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      if (options.interruptOn === undefined || interrupted) return;
      if (Buffer.concat(stdout).toString('utf8').includes(options.interruptOn)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.stdin ?? '');
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
      });
    });
  });
}

/** The shape of src/main.ts's entry, loosely typed so this file compiles before main exists. */
type MainFn = (argv: string[], io: Record<string, unknown>) => Promise<number> | number;

/** Calls `main(argv, io)` from dist/src/main.js with string-collecting io; `io` adds or overrides fields (e.g. test seams). */
export async function runMain(
  args: string[],
  options: RunOptions & { io?: Record<string, unknown> } = {},
): Promise<CliRun> {
  const modulePath = join(repoRoot(), 'dist', 'src', 'main.js');
  const loaded = (await import(pathToFileURL(modulePath).href)) as { main?: MainFn };
  if (typeof loaded.main !== 'function') throw new Error(`${modulePath} does not export main`);
  let stdout = '';
  let stderr = '';
  const io: Record<string, unknown> = {
    stdout: {
      write: (text: string) => {
        stdout += text;
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    env: runEnv(options.env),
    isTTY: false,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    ...options.io,
  };
  const code = await loaded.main(args, io);
  return { code, stdout, stderr, timedOut: false };
}
