// Turns the JSON of bench/interleave.mjs runs into the summary table (stdout) and bench/RESULTS.md.
// Usage: node bench/summary.mjs WORKDIR QUERIES RESULTS_FILE
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const [work, queries, resultsFile] = process.argv.slice(2);
const read = (name) => JSON.parse(readFileSync(join(work, name), 'utf8'));
const single = read('single.json');
const batch = read('batch.json');
const trace = read('trace.json');
const pick = (results, label) => results.find((r) => r.label === label);

const ms = (value) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;
const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
const ratio = (a, b) => (a / b).toFixed(2);

function table(rows, header) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

/** The first match of `pattern` in what `command args` prints (dig and nsd print their version on stderr). */
function version(command, args, pattern) {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  return (pattern.exec(`${run.stdout ?? ''}${run.stderr ?? ''}`)?.[0] ?? `${command} (version unknown)`).trim();
}

const tsdig = pick(single, 'tsdig');
const floor = pick(single, 'floor');
const singleRows = single.map((r) => [r.label, ms(r.wallMs), ms(r.cpuMs), mib(r.peakRssKiB), ratio(r.wallMs, tsdig.wallMs)]);
const batchTsdig = pick(batch, 'tsdig -f');
const batchDig = pick(batch, 'dig -f');
const small = pick(batch, 'tsdig -f (2k)');
const batchRows = batch.map((r) => [r.label, ms(r.wallMs), ms(r.cpuMs), mib(r.peakRssKiB), ratio(r.wallMs, batchDig.wallMs)]);
const plain = pick(trace, 'trace');
const silent = pick(trace, 'trace, silent server');
const traceRows = trace.map((r) => [r.label, ms(r.wallMs), ms(r.cpuMs), mib(r.peakRssKiB)]);

const goals = [
  ['one query: tsdig / bare Node floor (wall)', ratio(tsdig.wallMs, floor.wallMs), '<= 0.85'],
  ['one query: tsdig / floor (peak RSS)', ratio(tsdig.peakRssKiB, floor.peakRssKiB), '<= 1.00'],
  ['one query: tsdig / dig', ratio(tsdig.wallMs, pick(single, 'dig').wallMs), ''],
  ['one query: tsdig / kdig', ratio(tsdig.wallMs, pick(single, 'kdig').wallMs), ''],
  [`batch of ${queries}: tsdig -f / dig -f (wall)`, ratio(batchTsdig.wallMs, batchDig.wallMs), '<= 0.50'],
  [`batch: peak RSS ${queries} / 2000 queries`, ratio(batchTsdig.peakRssKiB, small.peakRssKiB), 'flat: near 1'],
  ['+trace: cost of one silent server', ms(silent.wallMs - plain.wallMs), ''],
].map(([what, value, goal]) => [what, value, goal]);

const load = readFileSync(join(work, 'load'), 'utf8').trim().split('\n');
const machine = [
  `- CPU: ${cpus()[0]?.model ?? 'unknown'}, ${execFileSync('nproc', { encoding: 'utf8' }).trim()} CPUs (nproc)`,
  `- Node ${process.version}; ${version('dig', ['-v'], /DiG [^\s]+/)}; ${version('kdig', ['-V'], /kdig \(Knot DNS\),? version [^\s]+/)}; ${version('nsd', ['-v'], /NSD version [^\s]+/)}`,
  `- Server: NSD (one server process) on loopback, zone with ${queries} A records; ${load.join('; ')}`,
  `- Date: ${new Date().toISOString().slice(0, 10)}`,
];

const markdown = [
  '# tsdig benchmark results',
  '',
  'Medians of interleaved rounds (every round runs each command once, in random order); wall time',
  'is measured around each process, CPU is the mean user+system time (time(1) counts in 10 ms steps),',
  'memory is the peak resident set over all rounds (time -v).',
  'Reproduce with `npm run bench` (knobs: BENCH_ROUNDS, BENCH_BATCH_ROUNDS, BENCH_QUERIES).',
  '',
  '## Goals',
  '',
  table(goals, ['measure', 'result', 'goal']),
  '',
  '## One query (`@SERVER www.bench.test A`)',
  '',
  table(singleRows, ['command', 'wall', 'CPU', 'peak RSS', 'wall / tsdig']),
  '',
  `## Batch file of ${queries} queries (full dig output to /dev/null)`,
  '',
  table(batchRows, ['command', 'wall', 'CPU', 'peak RSS', 'wall / dig -f']),
  '',
  '## +trace through the loopback test hierarchy (root, test., zone; tsdig only)',
  '',
  'dig +trace is not run: it resolves name-server addresses through the system resolver.',
  'The silent case meets a name server that never answers before a working one.',
  '',
  table(traceRows, ['command', 'wall', 'CPU', 'peak RSS']),
  '',
  '## Machine',
  '',
  ...machine,
  '',
].join('\n');

writeFileSync(resultsFile, markdown);
process.stdout.write(markdown.replace(/^## Machine[\s\S]*$/m, '') + machine.join('\n') + `\n\n(written to ${resultsFile})\n`);
