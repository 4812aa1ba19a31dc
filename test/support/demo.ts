/**
 * `npm run demo`: an offline tour of tsdig +trace, +check and +compare. Starts the built-in loopback
 * hierarchy, runs the real CLI against it for a few scenarios, streams the output, then stops the servers.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startHierarchy, type Hierarchy } from './hierarchy.js';
import { TRACE_CASES } from './hierarchyCases.js';
import { ADDR } from './hierarchyZones.js';
import { repoRoot, runEnv } from './runCli.js';

/** One demo step: why it is interesting, and the query arguments (before the -p/@ part; +trace unless `mode` says). */
interface DemoStep {
  title: string;
  args: string[];
  mode?: string[];
}

const STEPS: DemoStep[] = [
  { title: 'A plain name: root -> test. -> example.test.', args: [TRACE_CASES.plain.name] },
  {
    title: 'A glueless delegation: the name server of glueless.test. lives in demo.',
    args: [TRACE_CASES.glueless.name],
  },
  { title: 'A lame first name server, then a working second one', args: [TRACE_CASES.lame.name] },
  {
    title: 'A CNAME into another zone, followed from the root with +follow',
    args: [TRACE_CASES.cnameAcross.name, '+follow'],
  },
  { title: 'A name that does not exist', args: [TRACE_CASES.nxLeaf.name] },
  { title: 'A reverse lookup through arpa.', args: ['-x', '192.0.2.1'] },
  {
    title: 'The delegation of example.test. checked as an operator would, from the root down',
    args: ['example.test'],
    mode: ['+check'],
  },
  {
    title: 'Every name server of lame.test. asked the same question, the answers compared',
    args: [TRACE_CASES.lame.name],
    mode: ['+allns'],
  },
];

/** Runs `node bin/tsdig` with the output going straight to this terminal; resolves with its exit code. */
function runStreaming(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot(), 'bin', 'tsdig'), ...args], {
      cwd: repoRoot(),
      env: runEnv(),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

async function demo(): Promise<void> {
  let hierarchy: Hierarchy | undefined;
  const stop = (): void => {
    void hierarchy?.close();
  };
  process.once('SIGINT', stop);
  try {
    hierarchy = await startHierarchy();
    const common = ['-p', String(hierarchy.port), `@${ADDR.root}`];
    process.stdout.write(
      [
        'tsdig demo: a small DNS world on loopback, no network needed.',
        `Root server ${ADDR.root}, TLDs test., demo. and arpa.; every server on port ${hierarchy.port}.`,
        '',
      ].join('\n'),
    );
    for (const step of STEPS) {
      const args = [...step.args, ...(step.mode ?? ['+trace']), ...common];
      process.stdout.write(`\n=== ${step.title}\n$ tsdig ${args.join(' ')}\n\n`);
      const code = await runStreaming(args);
      if (code !== 0) process.stdout.write(`(exit code ${code})\n`);
    }
  } finally {
    process.off('SIGINT', stop);
    await hierarchy?.close();
  }
}

await demo();
