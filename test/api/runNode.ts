/** Runs node in a child process from the repository root (where `import 'tsdig'` finds this package). */
import { spawn } from 'node:child_process';
import { repoRoot, runEnv } from '../support/runCli.js';

/** What the child printed and how it ended. */
export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node ARGS` with the tests' environment (TSDIG_LOOPBACK_ONLY=1, a loopback resolv.conf). */
export function runNode(args: string[]): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot(),
      env: runEnv({ TSDIG_LOOPBACK_ONLY: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
