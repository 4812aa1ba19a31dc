// Batch memory at growing batch sizes. For each query file: the peak resident set of ordinary runs
// of tsdig -f (time -v), and the largest live heap of one more run whose heap is fully collected
// every 100 ms (bench/live-heap.cjs): what the run holds on to. Flat memory means the live heap
// does not grow with the file; the resident set also counts garbage V8 has not collected yet.
// Usage: node bench/memory.mjs ROUNDS 'ARGS' FILE... > memory.json   (ARGS: the server options)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [rounds, args, ...files] = process.argv.slice(2);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function run(file, nodeFlags) {
  const result = spawnSync(
    '/usr/bin/time',
    ['-f', 'maxrss=%M', 'node', ...nodeFlags, 'bin/tsdig', ...args.split(' '), '-f', file],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  if (result.status !== 0) throw new Error(`tsdig -f ${file} exited ${result.status}: ${result.stderr}`);
  return result.stderr;
}

const results = files.map((file) => {
  const queries = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '').length;
  const rss = Array.from({ length: Number(rounds) }, () => Number(/maxrss=(\d+)/.exec(run(file, []))?.[1]));
  const live = Number(/live-heap-peak=(\d+)/.exec(run(file, ['--expose-gc', '-r', './bench/live-heap.cjs']))?.[1]);
  return { queries, peakRssKiB: median(rss), liveMB: live / 1e6, runs: rss.length };
});
console.log(JSON.stringify(results, null, 2));
