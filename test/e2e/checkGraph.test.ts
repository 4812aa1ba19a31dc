/**
 * `tsdig NAME +check --graph=dot|svg`, `--graph-out FILE` and `--json --graph` end to end through
 * main(), against the loopback +check hierarchy: the picture replaces the text or goes to the file,
 * the JSON document carries the graph and fits the schema, and the exit status stays the check's.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_ADDR, CHECK_ROOT_HINTS, startCheckHierarchy, type CheckHierarchy } from '../support/checkHierarchy.js';
import { runMain } from '../support/runCli.js';
import { assertSchemaValid } from '../support/schemaValid.js';
import { hasClasses, parseSvg } from '../render/graph/svgDocument.js';

let hierarchy: CheckHierarchy;
const dir = mkdtempSync(join(tmpdir(), 'tsdig-check-graph-'));
const hints = join(dir, 'root.hints');
before(async () => {
  hierarchy = await startCheckHierarchy();
  writeFileSync(hints, CHECK_ROOT_HINTS);
});
after(async () => {
  await hierarchy?.close();
});

function check(name: string, ...extra: string[]) {
  return runMain([name, '+check', `--root-hints=${hints}`, '-p', String(hierarchy.port), '+timeout=1', ...extra]);
}

test('e2e +check --graph=dot: the DOT text alone on stdout, the lame server and its finding drawn, exit 3', async () => {
  const run = await check('lame.check', '--graph=dot');
  assert.equal(run.code, 3, run.stderr);
  assert.match(run.stdout, /^digraph "tsdig" \{\n[\s\S]*\}\n$/);
  assert.match(run.stdout, /label="tsdig \+check: lame\.check\."/);
  assert.match(run.stdout, /class="server lame", label="ns2\.lame\.check\.\\n127\.0\.2\.15\\nlame: no aa flag"/);
  assert.match(run.stdout, /class="finding error", label="error: server\.lame\\n/);
  assert.match(run.stdout, /class="names error"/);
  assert.doesNotMatch(run.stdout, /;; CHECK:/);
});

test('e2e +check --graph-out FILE.svg: the picture in the file, the usual text on stdout, exit 2', async () => {
  const file = join(dir, 'serial.svg');
  const run = await check('serial.check', `--graph-out=${file}`);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stdout, /^;; CHECK: serial\.check\. works, with warnings/m);
  const doc = parseSvg(readFileSync(file, 'utf8'));
  const lagging = [...doc.nodes.values()].find(
    (n) => hasClasses(n, 'node server') && n.text.includes(CHECK_ADDR.serialOld),
  );
  assert.ok(
    lagging && hasClasses(lagging, 'node server ok'),
    `the lagging server answers: ${lagging?.attributes.class}`,
  );
  assert.ok(
    [...doc.nodes.values()].some((n) => hasClasses(n, 'node finding warning') && n.text.includes('soa.serial')),
  );
  assert.ok([...doc.edges.values()].some((e) => hasClasses(e, 'edge names warning')));
  assert.ok([...doc.clusters.values()].some((c) => hasClasses(c, 'zone warning') && c.text.includes('serial.check.')));
});

test('e2e +check --json --graph=dot: the check document carries the graph, and fits the schema', async () => {
  const run = await check('dead.check', '--json', '--graph=dot');
  assert.equal(run.code, 3, run.stderr);
  const doc = JSON.parse(run.stdout);
  assertSchemaValid(doc);
  assert.equal(doc.kind, 'check');
  assert.equal(doc.graph.mode, 'check');
  assert.deepEqual(doc.graph.verdict, { status: 'error', text: doc.verdict });
  const silent = doc.graph.nodes.find(
    (n: { kind: string; status: string; data?: { address?: string } }) =>
      n.kind === 'server' && n.data?.address === CHECK_ADDR.dead2,
  );
  assert.equal(silent?.status, 'silent');
  assert.ok(
    doc.graph.edges.some((e: { kind: string; to: string }) => e.kind === 'names' && e.to === silent.id),
    'the silent-server finding points at it',
  );
  assert.deepEqual(
    doc.graph.zones.filter((z: { status: string }) => z.status !== 'none').map((z: { name: string }) => z.name),
    ['check.', 'dead.check.'],
  );
});
