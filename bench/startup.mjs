// Where a plain query's start-up goes: runs bench/startup-probe.cjs ROUNDS times and prints, as JSON,
// the median of each step (Node ready; bundle loaded; parse, plan and socket until the first send;
// the wait for the reply; decode, render and write; exit) and the built-in modules a query loads that
// an empty Node process does not: the baseline is what an empty script file has loaded when it runs.
// Usage: node bench/startup.mjs ROUNDS ARGS...
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [roundsText, ...args] = process.argv.slice(2);
const scratch = mkdtempSync(join(tmpdir(), 'tsdig-startup-'));
const out = join(scratch, 'steps');
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const runs = [];
let baseline;
try {
  // `node -e` loads node:module for itself; a script file, as bin/tsdig is, does not.
  const empty = join(scratch, 'empty.cjs');
  writeFileSync(empty, 'console.log(JSON.stringify(process.moduleLoadList));\n');
  const list = spawnSync('node', [empty], { encoding: 'utf8' });
  baseline = new Set(JSON.parse(list.stdout).map((entry) => entry.replace(/^NativeModule /, '')));
  for (let round = 0; round < Number(roundsText); round++) {
    const run = spawnSync('sh', ['-c', `exec node bench/startup-probe.cjs "$@" 3>"${out}"`, 'probe', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (run.status !== 0) throw new Error(`startup probe exited ${run.status}: ${run.stderr}`);
    runs.push(JSON.parse(readFileSync(out, 'utf8')));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const steps = Object.fromEntries(
  Object.keys(runs[0].steps).map((step) => [step, median(runs.map((r) => r.steps[step]))]),
);
const modules = runs[0].modules.filter((name) => !baseline.has(name) && !name.startsWith('internal/'));
console.log(JSON.stringify({ rounds: runs.length, steps, modules }));
