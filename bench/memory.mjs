// Batch memory at growing batch sizes: for each query file, runs tsdig -f with V8's GC trace and
// records the peak resident set (time -v) and the heap left live by the last full (mark-compact)
// collection, late in the run: what the run really keeps. Flat memory means it does not grow with the file.
// Usage: node bench/memory.mjs ROUNDS 'ARGS' FILE... > memory.json   (ARGS: the server options)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [rounds, args, ...files] = process.argv.slice(2);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function once(file) {
  const run = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', 'node', '--trace-gc', 'bin/tsdig', ...args.split(' '), '-f', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0) throw new Error(`tsdig -f ${file} exited ${run.status}: ${run.stderr}`);
  // --trace-gc writes to stdout among the answers: "Mark-Compact 30.4 (60.5) -> 7.6 (56.0) MB, ...".
  const live = [...run.stdout.matchAll(/Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/g)].map((match) => Number(match[1]));
  const rss = Number(/maxrss=(\d+)/.exec(run.stderr)?.[1]);
  return { liveMB: live.at(-1), fullGcs: live.length, peakRssKiB: rss };
}

const results = files.map((file) => {
  const queries = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').length;
  const runs = Array.from({ length: Number(rounds) }, () => once(file));
  const lives = runs.map((r) => r.liveMB).filter((v) => v !== undefined);
  return {
    queries,
    peakRssKiB: median(runs.map((r) => r.peakRssKiB)),
    liveMB: lives.length ? median(lives) : null,
    fullGcs: median(runs.map((r) => r.fullGcs)),
    runs: runs.length,
  };
});
console.log(JSON.stringify(results, null, 2));
