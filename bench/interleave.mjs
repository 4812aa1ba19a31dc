// Times commands in interleaved rounds (each round runs every command once, in a shuffled order),
// so a machine whose load drifts during the run slows every command alike. Reports the median wall
// time, the mean user+system CPU time and the peak resident memory of each command.
// Usage: node bench/interleave.mjs ROUNDS WARMUP LABEL=COMMAND... ; prints one JSON document.
// Commands run with stdin and stdout on /dev/null, through /usr/bin/time (for CPU time and peak RSS).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [roundsText, warmupText, ...specs] = process.argv.slice(2);
// A label ending in '!' marks a command whose non-zero exit is expected (e.g. a trace that ends in a failure).
const commands = specs.map((spec) => {
  const at = spec.indexOf('=');
  const label = spec.slice(0, at);
  return { label: label.replace(/!$/, ''), command: spec.slice(at + 1), allowFailure: label.endsWith('!') };
});
const scratch = mkdtempSync(join(tmpdir(), 'tsdig-bench-'));
const usageFile = join(scratch, 'usage');

/** Runs one command under /usr/bin/time; returns wall ms (measured here), CPU ms and peak RSS in KiB. */
function runOnce(command, allowFailure) {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', usageFile, 'sh', '-c', `exec ${command}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && !allowFailure) throw new Error(`'${command}' exited ${run.status}: ${run.stderr.toString().slice(0, 500)}`);
  // time(1) puts 'Command exited with non-zero status' first when it does; the figures are the last line.
  const [user, system, rssKiB] = readFileSync(usageFile, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
  return { wallMs, cpuMs: (user + system) * 1000, rssKiB };
}

function shuffle(items) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const samples = new Map(commands.map((c) => [c.label, []]));
for (let round = 0; round < Number(warmupText) + Number(roundsText); round++) {
  for (const entry of shuffle(commands)) {
    const sample = runOnce(entry.command, entry.allowFailure);
    if (round >= Number(warmupText)) samples.get(entry.label).push(sample);
  }
}
rmSync(scratch, { recursive: true, force: true });
const results = commands.map(({ label, command }) => {
  const runs = samples.get(label);
  return {
    label,
    command,
    runs: runs.length,
    wallMs: median(runs.map((r) => r.wallMs)),
    // time(1) reports CPU in 10 ms steps: a mean over the rounds resolves finer than any one run.
    cpuMs: runs.reduce((sum, r) => sum + r.cpuMs, 0) / runs.length,
    peakRssKiB: Math.max(...runs.map((r) => r.rssKiB)),
    medianRssKiB: median(runs.map((r) => r.rssKiB)),
  };
});
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
