// Turns the JSON of bench/interleave.mjs runs into the summary table (stdout) and bench/RESULTS.md.
// Usage: node bench/summary.mjs WORKDIR QUERIES RESULTS_FILE
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const [work, queries, resultsFile] = process.argv.slice(2);
const read = (name) => JSON.parse(readFileSync(join(work, name), 'utf8'));
const single = read('single.json');
const batch = read('batch.json');
const trace = read('trace.json');
const memory = read('memory.json');
const scale = read('scale.json');
const startup = read('startup.json');
const pick = (results, label) => results.find((r) => r.label === label);

const ms = (value) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 100 ? 1 : 0)} ms`);
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
const udpFloor = pick(single, 'UDP floor');
const singleRows = single.map((r) => [
  r.label,
  ms(r.wallMs),
  ms(r.cpuMs),
  mib(r.peakRssKiB),
  ratio(r.wallMs, tsdig.wallMs),
]);
const batchTsdig = pick(batch, 'tsdig -f');
const batchDig = pick(batch, 'dig -f');
const memoryAt = (count) => memory.find((m) => m.queries === count);
const [memoryBase, memoryLarge] = [memoryAt(Number(queries)), memory.at(-1)];
const memoryRows = memory.map((m) => [
  m.queries,
  `${m.liveMB.toFixed(1)} MB`,
  ratio(m.liveMB, memoryBase.liveMB),
  mib(m.peakRssKiB),
  ratio(m.peakRssKiB, memoryBase.peakRssKiB),
]);
const batchLines = { tsdig: pick(batch, 'tsdig -f per-line'), dig: pick(batch, 'dig -f per-line') };
const batchGlobal = pick(batch, 'tsdig -f +norec');
const batchShort = pick(batch, 'tsdig -f +short');
const dnsperf = pick(batch, 'dnsperf');
const dgramFloor = pick(batch, 'Node dgram floor');
const batchTcp = {
  tsdig: pick(batch, 'tsdig -f +short +tcp +keepopen'),
  dig: pick(batch, 'dig -f +tcp +keepopen'),
  dnsperf: pick(batch, 'dnsperf -m tcp'),
};
/** Queries per second of a whole process (start-up included) over the batch file. */
const qps = (r, count = Number(queries)) => Math.round(count / (r.wallMs / 1000));
// dnsperf's own figure (from its first send to its last reply, start-up excluded), from run.sh's check run.
const dnsperfOwn = /Queries per second:\s+([\d.]+)/.exec(readFileSync(join(work, 'dnsperf.txt'), 'utf8'))?.[1];
const breakdown = read('breakdown.json');
const breakdownRows = breakdown.rows.map((r) => [
  r.part,
  ms(r.ms),
  `${(100 * r.share).toFixed(1)} %`,
  `${r.usPerQuery.toFixed(1)} µs`,
]);
const batchRows = batch.map((r) => [
  r.label,
  ms(r.wallMs),
  ms(r.cpuMs),
  mib(r.peakRssKiB),
  ratio(
    r.wallMs,
    (r.label.endsWith('per-line') ? batchLines.dig : r.label.includes('tcp') ? batchTcp.dig : batchDig).wallMs,
  ),
  `${qps(r, r.label === 'tsdig -f (2k)' ? 2000 : Number(queries))}`,
]);
// +trace: tsdig always, dig only when run.sh could give it a private resolv.conf (else trace-note says why).
const traceNote = existsSync(join(work, 'trace-note')) ? readFileSync(join(work, 'trace-note'), 'utf8').trim() : '';
const tracePlain = { tsdig: pick(trace, 'tsdig example'), dig: pick(trace, 'dig example') };
const traceSilent = { tsdig: pick(trace, 'tsdig silent'), dig: pick(trace, 'dig silent') };
/** "wall (n of m runs)" for the runs of a tagged command that asked the silent server (or did not). */
const share = (result, part) =>
  result?.[part] ? `${ms(result[part].wallMs)} (${result[part].runs} of ${result.runs} runs)` : 'none';
const traceRatio = (a, b) => (a && b ? ratio(a.wallMs, b.wallMs) : 'n/a');
const traceCompareRows = [
  [
    '`example.test. A`',
    ms(tracePlain.tsdig.wallMs),
    tracePlain.dig ? ms(tracePlain.dig.wallMs) : 'not run',
    traceRatio(tracePlain.tsdig, tracePlain.dig),
  ],
  [
    '`www.silent.test. A`, runs that asked the silent server',
    share(traceSilent.tsdig, 'matched'),
    traceSilent.dig ? share(traceSilent.dig, 'matched') : 'not run',
    traceRatio(traceSilent.tsdig.matched, traceSilent.dig?.matched),
  ],
  [
    '`www.silent.test. A`, runs that did not ask it',
    share(traceSilent.tsdig, 'unmatched'),
    traceSilent.dig ? share(traceSilent.dig, 'unmatched') : 'not run',
    traceRatio(traceSilent.tsdig.unmatched, traceSilent.dig?.unmatched),
  ],
];
const traceName = {
  'tsdig example': 'tsdig +trace example.test. A',
  'dig example': 'dig +trace example.test. A',
  'tsdig silent': 'tsdig +trace www.silent.test. A',
  'dig silent': 'dig +trace www.silent.test. A',
};
const traceRow = (name, runs, r) => [name, runs, ms(r.wallMs), ms(r.cpuMs), mib(r.peakRssKiB)];
const traceRows = trace.flatMap((r) => {
  const name = traceName[r.label] ?? r.label;
  if (!r.pattern) return [traceRow(name, `${r.runs}`, r)];
  return [
    ['matched', 'asked the silent server'],
    ['unmatched', 'did not ask it'],
  ]
    .filter(([part]) => r[part])
    .map(([part, what]) => traceRow(`${name}, ${what}`, `${r[part].runs} of ${r.runs}`, r[part]));
});
const silentCost = traceSilent.tsdig.matched ? ms(traceSilent.tsdig.matched.wallMs - tracePlain.tsdig.wallMs) : 'n/a';
const digSilentCost = traceSilent.dig?.matched ? ms(traceSilent.dig.matched.wallMs - tracePlain.dig.wallMs) : 'n/a';

const scaleTrace = pick(scale, 'tsdig -f +trace');
const scaleTraceShort = pick(scale, 'tsdig -f +short +trace');
const scalePlain = pick(scale, 'tsdig -f');
const scalePlainShort = pick(scale, 'tsdig -f +short');
const scaleNames = readFileSync(join(work, 'scale-names.txt'), 'utf8').trim().split('\n').length;
const scaleRows = scale.map((r) => [
  r.label,
  ms(r.wallMs),
  ms(r.cpuMs),
  mib(r.peakRssKiB),
  ratio(r.wallMs, (r.label.includes('+short') ? scalePlainShort : scalePlain).wallMs),
  ratio(r.cpuMs, (r.label.includes('+short') ? scalePlainShort : scalePlain).cpuMs),
]);

const goals = [
  ['one query: tsdig / bare Node floor (wall)', ratio(tsdig.wallMs, floor.wallMs), '<= 0.85'],
  ['one query: tsdig / node -e 0 (wall)', ratio(tsdig.wallMs, pick(single, 'node -e 0').wallMs), '<= 1.15'],
  [
    'one query: UDP floor / node -e 0; tsdig / UDP floor (wall)',
    `${ratio(udpFloor.wallMs, pick(single, 'node -e 0').wallMs)}; ${ratio(tsdig.wallMs, udpFloor.wallMs)}`,
    '',
  ],
  [
    'one query from a start-up snapshot / from the code cache (wall; CPU)',
    `${ratio(pick(single, 'tsdig from a start-up snapshot').wallMs, tsdig.wallMs)}; ${ratio(pick(single, 'tsdig from a start-up snapshot').cpuMs, tsdig.cpuMs)}`,
    '',
  ],
  ['one query: tsdig / floor (peak RSS)', ratio(tsdig.peakRssKiB, floor.peakRssKiB), '<= 1.00'],
  ['one query: tsdig / dig', ratio(tsdig.wallMs, pick(single, 'dig').wallMs), ''],
  ['one query: tsdig / kdig', ratio(tsdig.wallMs, pick(single, 'kdig').wallMs), ''],
  [`batch of ${queries}: tsdig -f / dig -f (wall)`, ratio(batchTsdig.wallMs, batchDig.wallMs), '<= 0.50'],
  [
    'batch, server and options on every line: tsdig -f / dig -f (wall)',
    ratio(batchLines.tsdig.wallMs, batchLines.dig.wallMs),
    '<= 0.50',
  ],
  [
    'batch, server and options on every line / given once (tsdig, wall)',
    ratio(batchLines.tsdig.wallMs, batchGlobal.wallMs),
    '<= 1.10',
  ],
  [
    'the same two, CPU (user+system) instead of wall: tsdig / dig -f; per line / given once',
    `${ratio(batchLines.tsdig.cpuMs, batchLines.dig.cpuMs)}; ${ratio(batchLines.tsdig.cpuMs, batchGlobal.cpuMs)}`,
    '',
  ],
  ['batch: tsdig -f +short / dnsperf (queries per second)', ratio(qps(batchShort), qps(dnsperf)), '>= 0.33'],
  [
    'batch: Node dgram floor / dnsperf; tsdig -f +short / Node dgram floor (queries per second)',
    `${ratio(qps(dgramFloor), qps(dnsperf))}; ${ratio(qps(batchShort), qps(dgramFloor))}`,
    '',
  ],
  [
    'batch over TCP, connections kept open: tsdig -f +short +tcp +keepopen / dnsperf -m tcp (queries per second); / dig -f +tcp +keepopen (wall)',
    `${ratio(qps(batchTcp.tsdig), qps(batchTcp.dnsperf))}; ${ratio(batchTcp.tsdig.wallMs, batchTcp.dig.wallMs)}`,
    '',
  ],
  [
    `batch: peak live heap, ${memoryLarge.queries} / ${queries} queries`,
    ratio(memoryLarge.liveMB, memoryBase.liveMB),
    'flat: near 1',
  ],
  [
    `batch: peak RSS, ${memoryLarge.queries} / ${queries} queries`,
    ratio(memoryLarge.peakRssKiB, memoryBase.peakRssKiB),
    '',
  ],
  ['+trace: tsdig / dig (wall)', tracePlain.dig ? traceRatio(tracePlain.tsdig, tracePlain.dig) : 'dig not run', ''],
  [
    '+trace, silent server asked: tsdig / dig (wall)',
    traceSilent.dig ? traceRatio(traceSilent.tsdig.matched, traceSilent.dig.matched) : 'dig not run',
    '',
  ],
  [
    '+trace: cost of one silent server (tsdig; dig)',
    `${silentCost}; ${traceSilent.dig ? digSilentCost : 'dig not run'}`,
    '',
  ],
  [
    `traces at scale, ${scaleNames} names: tsdig -f +trace / tsdig -f to their server (wall; +short)`,
    `${ratio(scaleTrace.wallMs, scalePlain.wallMs)}; ${ratio(scaleTraceShort.wallMs, scalePlainShort.wallMs)}`,
    '<= 3.00',
  ],
  [
    'the same, CPU (user+system): full; +short',
    `${ratio(scaleTrace.cpuMs, scalePlain.cpuMs)}; ${ratio(scaleTraceShort.cpuMs, scalePlainShort.cpuMs)}`,
    '',
  ],
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
  'Reproduce with `npm run bench` as root (knobs: BENCH_ROUNDS, BENCH_BATCH_ROUNDS, BENCH_QUERIES,',
  'BENCH_TRACE_ROUNDS, BENCH_TRACE_MAX_ROUNDS, BENCH_SCALE_ZONES, BENCH_SCALE_NAMES, BENCH_SCALE_ROUNDS).',
  '',
  '## Goals',
  '',
  table(goals, ['measure', 'result', 'goal']),
  '',
  '## One query (`@SERVER www.bench.test A`)',
  '',
  table(singleRows, ['command', 'wall', 'CPU', 'peak RSS', 'wall / tsdig']),
  '',
  'Where start-up goes: `node -e 0` is a Node process that does nothing; `bundle loaded` reads the bundle',
  'and its V8 code cache and evaluates it, as bin/tsdig does before main runs; `tsdig --version` adds the',
  'argument parser and one write; `tsdig` adds the query (plan, a UDP socket, send, receive, decode,',
  'render). `tsdig from a start-up snapshot` runs the same bundle from a V8 start-up snapshot',
  '(`node --build-snapshot`, bench/snapshot-entry.cjs) instead of the code cache. `UDP floor`',
  '(bench/udp-floor.cjs) is the least a Node program asking one question does: CommonJS, no dependencies,',
  'one query written by hand on a node:dgram socket, one line written for the reply.',
  '',
  `Step by step (bench/startup-probe.cjs, ${startup.rounds} runs of the plain query, medians of each step; times from`,
  "the process's own clock, so Node's start-up before bin/tsdig runs is counted too):",
  '',
  table(
    [
      ['Node ready to run bin/tsdig', startup.steps.ready],
      ['the bundle read, its code cache loaded, evaluated', startup.steps.loaded],
      ['stdout set up', startup.steps.stdout],
      [
        'arguments parsed, the query planned and encoded, a UDP socket set up, until the first send',
        startup.steps.sent,
      ],
      ['waiting for the reply', startup.steps.replied],
      ['decode, render, write', startup.steps.written],
      ['exit', startup.steps.exited],
    ].map(([step, value]) => [step, value === null ? 'n/a' : ms(value)]),
    ['step', 'time'],
  ),
  '',
  `Built-in modules a plain query loads that an empty script does not: ${startup.modules.map((m) => `\`${m}\``).join(', ')}.`,
  'node:dgram loads node:cluster when a socket binds, and with it node:child_process and node:net.',
  '',
  `## Batch file of ${queries} queries (full dig output to /dev/null)`,
  '',
  'The per-line rows read a file whose every line is `@SERVER -p PORT +norec hN.bench.test A`, as dig -f',
  'files are usually written; their ratio is to dig -f on that same file. `tsdig -f +norec` is the same',
  'queries with the server and options given once on the command line. dnsperf sends the plain file',
  `once (\`-n 1\`, its default 100 queries in flight); queries per second count the whole process, start-up`,
  `included (dnsperf's own figure, from its first send to its last reply: ${dnsperfOwn ?? 'n/a'}).`,
  '`Node dgram floor` (bench/batch-floor.mjs) is a bare Node script that keeps 64 of the same queries in',
  'flight on one node:dgram socket and decodes and prints nothing: what node:dgram itself costs per query.',
  'The `+tcp` rows send the same queries over TCP: tsdig with `+keepopen` pipelines them on one kept',
  'connection, dig with `+keepopen` sends them one after another on one, and `dnsperf -m tcp` is',
  "dnsperf over TCP; their ratio is to dig's.",
  '',
  table(batchRows, ['command', 'wall', 'CPU', 'peak RSS', 'wall / dig -f', 'queries/s']),
  '',
  `## Where the time of \`tsdig -f +short\` goes (${queries} queries, one profiled run)`,
  '',
  'One run of an unminified bundle under `node --cpu-prof` (bench/breakdown.mjs), its samples added up',
  'by the innermost part on their stack. The samples are of wall time: a process descheduled inside a',
  'system call (a loaded machine, or the server woken by a send on the same CPUs) counts for that call.',
  `The profiled run took ${ms(breakdown.totalMs)}; its CPU (user+system) is in the table above.`,
  '',
  table(breakdownRows, ['part', 'time', 'share', 'per query']),
  '',
  '## Batch memory (`tsdig -f`)',
  '',
  'The peak live heap is the largest heap left after a full collection, in one more run whose heap is',
  'collected every 100 ms (`node --expose-gc -r bench/live-heap.cjs`): what the run holds on to. The',
  'peak resident set (median of ordinary runs) also counts garbage not yet collected, and V8 grows its',
  `heap with the rate of allocation. The largest file is the ${queries}-line file ten times over.`,
  '',
  table(memoryRows, ['queries', 'peak live heap', `live / ${queries}`, 'peak RSS', `RSS / ${queries}`]),
  '',
  '## +trace through the loopback test hierarchy (root, test., zone)',
  '',
  "Both tools start at the hierarchy's root (`+trace @ROOT NAME A`) with their default timeouts and",
  'retries (dig: +timeout=5 +tries=3). dig +trace looks up the address of every name server below the',
  'root with getaddrinfo, so it runs in a private mount namespace whose /etc/resolv.conf names a',
  "loopback Unbound (its only root is the hierarchy's; its cache is filled before timing, as a system",
  "resolver's would be); tsdig, which uses glue, runs in it too when dig runs. The first of the two name",
  'servers of silent.test. never answers. dig picks which one to ask first at random, so its runs are',
  'split by whether they asked the silent one (their output names its address). There are at least',
  'BENCH_TRACE_ROUNDS rounds, and more (up to BENCH_TRACE_MAX_ROUNDS) until half that many runs of each',
  'tool asked the silent server.',
  ...(traceNote ? ['', `**${traceNote}.**`] : []),
  '',
  table(traceCompareRows, ['question', 'tsdig +trace', 'dig +trace', 'tsdig / dig']),
  '',
  table(traceRows, ['command', 'runs', 'wall', 'CPU', 'peak RSS']),
  '',
  `## Traces at scale: ${scaleNames} names over the zones of two TLDs`,
  '',
  'An in-process hierarchy on loopback (bench/scale.mjs: a root, the TLDs alpha. and beta., and every',
  'zone below them on one authoritative server, all in one Node process); the names file lists one',
  'name of every zone in turn. The +trace rows trace every name from the root (`-f NAMES +trace @ROOT`),',
  'sharing referrals between the traces of the batch; the others ask the same names of the server of',
  'their zones directly (`-f NAMES @SERVER`). Ratios are to the plain row of the same output form.',
  '',
  table(scaleRows, ['command', 'wall', 'CPU', 'peak RSS', 'wall / plain', 'CPU / plain']),
  '',
  '## Machine',
  '',
  ...machine,
  '',
].join('\n');

writeFileSync(resultsFile, markdown);
process.stdout.write(
  `${markdown.replace(/^## Machine[\s\S]*$/m, '') + machine.join('\n')}\n\n(written to ${resultsFile})\n`,
);
