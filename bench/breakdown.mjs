// Where the time of one batch run goes, per query: builds an unminified bundle (so the profile names
// tsdig's functions), runs `tsdig ARGS...` once under `node --cpu-prof`, and adds up the samples by
// what they were doing, each sample going to the innermost part on its stack (decoding inside the
// socket's message handler counts as decode). Samples are wall-clock ones: time the process spent
// descheduled in a system call (a loaded machine) counts for that call. Prints one JSON document.
// Usage: node bench/breakdown.mjs WORKDIR QUERIES ARGS...
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [work, queries, ...args] = process.argv.slice(2);
// Beside dist/tsdig.cjs, so that it finds the same dependencies.
const bundle = join(process.cwd(), 'dist', 'tsdig-profile.cjs');
execFileSync('npx', [
  'esbuild',
  'src/main.ts',
  '--bundle',
  '--platform=node',
  '--format=cjs',
  '--target=node20',
  '--external:cli-table3',
  '--external:commander',
  '--external:@viz-js/viz',
  '--define:import.meta.url=__filename',
  '--supported:dynamic-import=false',
  `--outfile=${bundle}`,
  '--log-level=warning',
]);
const runner = `require(${JSON.stringify(bundle)}).main(process.argv.slice(1), { stdout: process.stdout,
  stderr: process.stderr, env: process.env, isTTY: false, columns: undefined, stdin: undefined })
  .then((code) => { process.exitCode = code; });`;
const profiles = join(work, 'profiles');
execFileSync('node', ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '-e', runner, ...args], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const profile = JSON.parse(readFileSync(join(profiles, readdirSync(profiles)[0]), 'utf8'));

/** The parts, by the name of the function that starts each; the first one met walking up a stack wins. */
const parts = [
  [/^(encodeQuery|randomId|clientCookie)$/, 'encode the query'],
  [/^(Socket\.send|sendOutgoing)$/, 'send (node:dgram, sendmsg)'],
  [/^decodeMessage$/, 'decode the reply'],
  [/^(render|present)|^lookupOutcome$/, 'render'],
  [/^(flush|Writable\.write|writeSync)$/, 'write (stdout)'],
  [/^onMessage$/, 'receive (node:dgram to the handler)'],
  [/^(passes|chunks)$/, 'read and parse the file (both passes)'],
  [/^(planQuery|survey)$/, 'plan'],
  [/^(Module\._load|executeUserEntryPoint)$/, 'start-up (module loading)'],
  [/^\(garbage collector\)$/, 'garbage collection'],
  [/^\(idle\)$/, 'idle (waiting for replies or for the CPU)'],
  [/^\(program\)$/, 'V8 and Node internals'],
];
const other = 'other (lanes, timers, matching replies)';
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const totals = new Map();
let total = 0;
profile.samples.forEach((sample, index) => {
  const micros = profile.timeDeltas[index] ?? 0;
  total += micros;
  let part = other;
  for (let id = sample; id !== undefined; id = parents.get(id)) {
    const found = parts.find(([pattern]) => pattern.test(nodes.get(id).callFrame.functionName));
    if (found) {
      part = found[1];
      break;
    }
  }
  totals.set(part, (totals.get(part) ?? 0) + micros);
});
const rows = [...totals]
  .sort((a, b) => b[1] - a[1])
  .map(([part, micros]) => ({ part, ms: micros / 1000, share: micros / total, usPerQuery: micros / Number(queries) }));
process.stdout.write(`${JSON.stringify({ args, totalMs: total / 1000, rows }, null, 2)}\n`);
