/**
 * `tsdig NAME +trace --graph=dot|svg`, `--graph-out FILE` and `--json --graph` end to end: the real bin
 * against the loopback hierarchy, and +trace +validate over the signed fixture zones in process. Bad
 * picture options fail before any packet.
 */
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_ROOT_HINTS, signedAuthorities } from '../dnssec/signedAuthorities.js';
import { fixtureText } from '../dnssec/signedZone.js';
import { parseSvg } from '../render/graph/svgDocument.js';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { TRACE_CASES } from '../support/hierarchyCases.js';
import { ADDR } from '../support/hierarchyZones.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { repoRoot, runBin, runEnv, runMain } from '../support/runCli.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;
const dir = mkdtempSync(join(tmpdir(), 'tsdig-graph-e2e-'));
const env = { TSDIG_LOOPBACK_ONLY: '1' };

let hierarchy: Hierarchy;
before(async () => {
  hierarchy = await startHierarchy();
});
after(async () => {
  await hierarchy?.close();
});

const traced = (name: string, ...extra: string[]) =>
  runBin([name, '+trace', `@${ADDR.root}`, '-p', String(hierarchy.port), '+timeout=1', '+tries=1', ...extra], {
    env,
  });

test('e2e --graph=dot: the DOT text alone on stdout, one cluster per zone, exit 0', async () => {
  const run = await traced(TRACE_CASES.lame.name, '--graph=dot');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.match(run.stdout, /^digraph "tsdig" \{\n[\s\S]*\}\n$/);
  assert.doesNotMatch(run.stdout, /;; /, 'no trace text');
  for (const zone of ['.', 'test.', 'lame.test.'])
    assert.match(run.stdout, new RegExp(`label="${zone.replace(/\./g, '\\.')}"`));
  assert.match(run.stdout, /class="server lame", label="ns1\.lame\.test\.\\n127\.0\.0\.12#\d+\\nlame \(/);
});

test('e2e --graph=svg: an SVG document on stdout, well-formed, with the hierarchy walk', async () => {
  const run = await traced(TRACE_CASES.glueless.name, '--graph=svg');
  assert.equal(run.code, 0, run.stderr);
  const doc = parseSvg(run.stdout);
  assert.ok([...doc.nodes.values()].some((n) => n.attributes.class?.includes('glue')));
  assert.equal([...doc.edges.values()].filter((e) => e.attributes.class?.includes('referral')).length, 2);
});

test('e2e --graph-out FILE.svg: the picture in the file, the usual trace text on stdout', async () => {
  const file = join(dir, 'plain.svg');
  const run = await traced(TRACE_CASES.plain.name, `--graph-out=${file}`);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^;; Trace summary for example\.test\. A:$/m);
  const doc = parseSvg(readFileSync(file, 'utf8'));
  assert.ok(doc.clusters.get('cluster-z2')?.text.includes('example.test.'));
});

test('e2e --json --graph=dot: the JSON document carries the graph, and fits the schema', async () => {
  const run = await traced(TRACE_CASES.plain.name, '--json', '--graph=dot');
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout);
  assert.deepEqual(validateJson(doc, schema), []);
  assert.deepEqual(
    doc.graph.zones.map((z: { name: string }) => z.name),
    ['.', 'test.', 'example.test.'],
  );
  assert.equal(doc.graph.edges.filter((e: { kind: string }) => e.kind === 'referral').length, 2);
});

test('e2e picture options that cannot work: one line on stderr, exit 1, no packet sent', async () => {
  const before = JSON.stringify(hierarchy.counts());
  const cases: Array<[string[], RegExp]> = [
    [
      [TRACE_CASES.plain.name, `@${ADDR.root}`, '-p', String(hierarchy.port), '--graph=dot'],
      /add \+trace, \+compare or \+check/,
    ],
    [['a.test.', 'b.test.', '+trace', `@${ADDR.root}`, '--graph=svg'], /give one name/],
    [[TRACE_CASES.plain.name, '+trace', `@${ADDR.root}`, '--graph=pdf'], /invalid --graph value 'pdf'/],
    [
      [
        TRACE_CASES.plain.name,
        '+trace',
        `@${ADDR.root}`,
        '-p',
        String(hierarchy.port),
        `--report=${join(dir, 'no', 'r.html')}`,
      ],
      /couldn't write --report file '.*': ENOENT/,
    ],
  ];
  for (const [args, message] of cases) {
    const run = await runBin(args, { env });
    assert.equal(run.code, 1, args.join(' '));
    assert.match(run.stderr, message);
    assert.equal(run.stderr.split('\n').length, 2, run.stderr);
    assert.equal(run.stdout, '');
  }
  assert.equal(JSON.stringify(hierarchy.counts()), before);
});

test('e2e +trace +validate --graph=dot over the signed zones: keys, DS, signatures and the secure verdict', async () => {
  const anchor = join(dir, 'root.ds');
  const hints = join(dir, 'root.hints');
  writeFileSync(anchor, fixtureText('root.ds'));
  writeFileSync(hints, FIXTURE_ROOT_HINTS);
  const run = await runMain(
    ['www.ed.sec.', '+trace', '+validate', `--root-hints=${hints}`, `--trust-anchor=${anchor}`, '--graph=dot'],
    { io: { queryFn: signedAuthorities().query } },
  );
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /class="dnskey secure ksk anchor"/);
  assert.equal((run.stdout.match(/class="digest match"/g) ?? []).length, 2);
  assert.match(run.stdout, /class="verdict secure", label="DNSSEC: secure\\n/);
  assert.doesNotMatch(run.stdout, /class="rrsig (invalid|expired|missing|noKey)/);
});

/** Runs bin/tsdig with a preload that reports, at exit, the packages it required (paths under node_modules). */
function loadedPackages(args: string[]): Promise<string[]> {
  const preload = join(dir, 'packages.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => require('node:fs').writeSync(2, '\\nPACKAGES ' + JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('/node_modules/')).map((k) => k.replace(/^.*\\/node_modules\\//, ''))) + '\\n'));\n",
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', preload, join(repoRoot(), 'bin', 'tsdig'), ...args], {
      env: runEnv(env),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const line = stderr.split('\n').find((text) => text.startsWith('PACKAGES '));
      if (!line) return reject(new Error(`no package report: ${stderr}`));
      resolve(JSON.parse(line.slice('PACKAGES '.length)) as string[]);
    });
  });
}

test('Graphviz (@viz-js/viz) is loaded for --graph=svg only: a plain query, a plain trace and --graph=dot load no package', async () => {
  const at = [`@${ADDR.root}`, '-p', String(hierarchy.port), '+tries=1'];
  assert.deepEqual(await loadedPackages([TRACE_CASES.plain.name, ...at, '+norecurse']), []);
  assert.deepEqual(await loadedPackages([TRACE_CASES.plain.name, '+trace', ...at]), []);
  assert.deepEqual(await loadedPackages([TRACE_CASES.plain.name, '+trace', ...at, '--graph=dot']), []);
  const svg = await loadedPackages([TRACE_CASES.plain.name, '+trace', ...at, '--graph=svg']);
  assert.ok(
    svg.some((path) => path.startsWith('@viz-js/viz/')),
    svg.join(' '),
  );
});
