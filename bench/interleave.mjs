// Times commands in interleaved rounds (each round runs every command once, in a shuffled order),
// so a machine whose load drifts during the run slows every command alike. Reports the median wall
// time, the mean user+system CPU time and the peak resident memory of each command.
// Usage: node bench/interleave.mjs ROUNDS WARMUP LABEL=COMMAND... ; prints one JSON document.
// Commands run with stdin and stdout on /dev/null, through /usr/bin/time (for CPU time and peak RSS).
//
// A label ending in '!' marks a command whose non-zero exit is expected (e.g. a trace that ends in a failure).
// A label followed by '~TEXT' (LABEL~TEXT=COMMAND) tags every run by whether its stdout contains TEXT,
// and the JSON gives the medians of the matching and the other runs apart: for a command whose cost
// depends on a random choice it makes (dig +trace picks which name server of a zone to ask first).
// ROUNDS may be MIN-MAX: after MIN rounds, more rounds (up to MAX) run while a tagged command has
// fewer than MIN/2 (rounded up) matching runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [roundsText, warmupText, ...specs] = process.argv.slice(2);
const commands = specs.map((spec) => {
  const at = spec.indexOf('=');
  const [head, pattern] = splitOnce(spec.slice(0, at), '~');
  return { label: head.replace(/!$/, ''), command: spec.slice(at + 1), allowFailure: head.endsWith('!'), pattern };
});
const [minRounds, maxRounds] = roundsText.split('-').map(Number);
const enough = Math.ceil(minRounds / 2);
const scratch = mkdtempSync(join(tmpdir(), 'tsdig-bench-'));
const usageFile = join(scratch, 'usage');

/** [before, after] the first `separator`; after is undefined when there is none. */
function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Runs one command under /usr/bin/time; returns wall ms (measured here), CPU ms, peak RSS in KiB and, if tagged, whether stdout matched. */
function runOnce({ command, allowFailure, pattern }) {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', usageFile, 'sh', '-c', `exec ${command}`], {
    // Only a tagged command's output is read; the others write to /dev/null as a user's redirect would.
    stdio: ['ignore', pattern === undefined ? 'ignore' : 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && !allowFailure)
    throw new Error(`'${command}' exited ${run.status}: ${run.stderr.toString().slice(0, 500)}`);
  // time(1) puts 'Command exited with non-zero status' first when it does; the figures are the last line.
  const [user, system, rssKiB] = readFileSync(usageFile, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
  const matched = pattern === undefined ? undefined : run.stdout.toString().includes(pattern);
  return { wallMs, cpuMs: (user + system) * 1000, rssKiB, matched };
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

/** Median wall, mean CPU (time(1) reports CPU in 10 ms steps: a mean resolves finer than any one run) and RSS of some runs. */
function figures(runs) {
  if (runs.length === 0) return null;
  return {
    runs: runs.length,
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: runs.reduce((sum, r) => sum + r.cpuMs, 0) / runs.length,
    peakRssKiB: Math.max(...runs.map((r) => r.rssKiB)),
    medianRssKiB: median(runs.map((r) => r.rssKiB)),
  };
}

const samples = new Map(commands.map((c) => [c.label, []]));
/** Whether a MIN-MAX range still wants rounds: some tagged command has too few matching runs. */
const wantsMore = () =>
  commands.some((c) => c.pattern !== undefined && samples.get(c.label).filter((r) => r.matched).length < enough);
const warmup = Number(warmupText);
for (let round = 0; round < warmup + minRounds || (maxRounds && round < warmup + maxRounds && wantsMore()); round++) {
  for (const entry of shuffle(commands)) {
    const sample = runOnce(entry);
    if (round >= warmup) samples.get(entry.label).push(sample);
  }
}
rmSync(scratch, { recursive: true, force: true });
const results = commands.map(({ label, command, pattern }) => {
  const runs = samples.get(label);
  const tagged =
    pattern === undefined
      ? {}
      : {
          pattern,
          matched: figures(runs.filter((r) => r.matched)),
          unmatched: figures(runs.filter((r) => !r.matched)),
        };
  return { label, command, ...figures(runs), ...tagged };
});
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
