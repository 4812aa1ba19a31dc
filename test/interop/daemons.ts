/**
 * Starting the servers as foreground child processes, waiting until they answer, and stopping
 * exactly those processes (by pid), also when the test process exits abruptly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseDigOutput } from './digParse.js';
import { runProgram } from './tools.js';

/** A server process the suite started. */
export interface Daemon {
  readonly name: string;
  readonly pid: number;
  readonly logPath: string;
  /** Resolves with the exit status once the process has ended. */
  readonly exited: Promise<number | null>;
  readonly child: ChildProcess;
}

// Every pid started and not yet reaped; killed synchronously if the process exits first.
const running = new Set<number>();
// Work directories to remove when the process ends before stopping its hierarchy.
const workDirs = new Set<string>();
let exitHookInstalled = false;

/** Registers (true) or releases (false) a work directory for removal on an abrupt end. */
export function removeOnAbort(dir: string, remove: boolean): void {
  installExitHook();
  if (remove) workDirs.add(dir);
  else workDirs.delete(dir);
}

function killRunning(): void {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (process.env.INTEROP_KEEP === '1') return;
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killRunning);
  // A signal ends the process without 'exit' handlers: kill the daemons, then die of the same signal.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killRunning();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}

/** Last lines of a daemon's log, for error messages. */
export function logTail(daemon: Daemon, lines = 15): string {
  try {
    return readFileSync(daemon.logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts `file args` in the foreground with stdout and stderr going to logPath. */
export function startDaemon(name: string, file: string, args: readonly string[], logPath: string): Daemon {
  installExitHook();
  const fd = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(file, args, { stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`interop: could not start ${name} (${file})`);
  const pid = child.pid;
  running.add(pid);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(pid);
      resolve(code);
    });
    child.once('error', () => {
      running.delete(pid);
      resolve(null);
    });
  });
  return { name, pid, logPath, exited, child };
}

/** Stops one daemon: SIGTERM, then SIGKILL if it is still there after a grace period. */
export async function stopDaemon(daemon: Daemon, graceMs = 3_000): Promise<void> {
  if (!running.has(daemon.pid)) return;
  daemon.child.kill('SIGTERM');
  const ended = await Promise.race([daemon.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!ended) {
    daemon.child.kill('SIGKILL');
    await daemon.exited;
  }
}

/** A query that shows a server is up: dig's arguments and the reply that counts as ready. */
export interface ReadinessProbe {
  readonly address: string;
  readonly port: number;
  readonly name: string;
  readonly type: string;
  /** Flags the reply must carry ("aa" for an authoritative zone, "ra" from the resolver). */
  readonly requiredFlags: readonly string[];
  /** Send with RD set (a resolver refuses non-recursive queries from clients that may not snoop). */
  readonly recursive: boolean;
}

/**
 * Polls with dig until the probe gets NOERROR with the required flags; fails early when the
 * daemon exits, and after `timeoutMs` with the daemon's log tail.
 */
export async function waitUntilAnswering(
  dig: string,
  daemon: Daemon,
  probe: ReadinessProbe,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no reply yet';
  let dead = false;
  void daemon.exited.then(() => {
    dead = true;
  });
  const recurse = probe.recursive ? '+recurse' : '+norecurse';
  const args = [`@${probe.address}`, '-p', String(probe.port), probe.name, probe.type, recurse, '+time=1', '+tries=1'];
  while (Date.now() < deadline) {
    if (dead) throw new Error(`interop: ${daemon.name} exited during startup:\n${logTail(daemon)}`);
    const out = await runProgram(dig, args, { timeoutMs: 5_000 });
    const reply = parseDigOutput(out.stdout).messages[0];
    if (reply && reply.status === 'NOERROR' && probe.requiredFlags.every((f) => reply.flags.includes(f))) return;
    last = reply ? `${reply.status} flags ${reply.flags.join(' ')}` : (out.stdout.trim().split('\n').pop() ?? '');
    await sleep(100);
  }
  throw new Error(
    `interop: ${daemon.name} did not answer ${probe.name} ${probe.type} at ${probe.address}#${probe.port} ` +
      `with NOERROR ${probe.requiredFlags.join(' ')} (last: ${last}):\n${logTail(daemon)}`,
  );
}
