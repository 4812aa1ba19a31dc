/**
 * `tsdig NAME +check` end to end through main(), against the loopback +check hierarchy: the text
 * (verdict first, findings by severity), --table, --json (schema-valid), +short, and the exit status
 * by the worst finding (0 ok or notice, 2 warning, 3 error, 9 when the zone cannot be reached).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_ADDR, CHECK_ROOT_HINTS, startCheckHierarchy, type CheckHierarchy } from '../support/checkHierarchy.js';
import { runMain } from '../support/runCli.js';
import { assertSchemaValid } from '../support/schemaValid.js';

let hierarchy: CheckHierarchy;
let hints: string;
before(async () => {
  hierarchy = await startCheckHierarchy();
  hints = join(mkdtempSync(join(tmpdir(), 'tsdig-check-')), 'root.hints');
  writeFileSync(hints, CHECK_ROOT_HINTS);
});
after(async () => {
  await hierarchy?.close();
});

/** Runs `tsdig NAME +check` from the hierarchy's root hints, with a one-second timeout. */
function check(name: string, ...extra: string[]) {
  return runMain([name, '+check', `--root-hints=${hints}`, '-p', String(hierarchy.port), '+timeout=1', ...extra]);
}

/** The text without the closing timing line (the time differs from run to run). */
const timeless = (text: string): string =>
  text.replace(/^;; Checked in \d+ msec, \d+ queries, timeout 1000 msec\n$/m, '');

test('a healthy zone: exit 0, the verdict first, notices, then every check that passed', async () => {
  const run = await check('good.check');
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.match(lines[1], /^; <<>> tsdig \S+ <<>> good\.check \+check /);
  assert.match(
    run.stdout,
    /^;; CHECK: good\.check\. is healthy, with notices: 1 notice; \d+ checks ok, 3 server addresses, \d+ queries$/m,
  );
  assert.match(
    run.stdout,
    /^;; NOTICES \(1\):\ngood\.check\. dnssec\.status: good\.check\. is not signed \(no DS in check\., no DNSKEY\) \[RFC 4033 5\]$/m,
  );
  assert.match(
    run.stdout,
    /^good\.check\. soa\.serial: every server serves serial 2024010101 \[RFC 1982, RFC 1996\]$/m,
  );
  assert.match(run.stdout, /^;; Checked in \d+ msec, \d+ queries, timeout 1000 msec$/m);
});

test('a zone with one dead server: exit 3, the silent server named', async () => {
  const run = await check('dead.check');
  assert.equal(run.code, 3, run.stderr);
  assert.match(
    timeless(run.stdout),
    /^;; ERRORS \(1\):\ndead\.check\. server\.silent: ns2\.dead\.check\. \(127\.0\.2\.13\) never answered over IPv4 \(1000 ms timeout, UDP and TCP\) \[RFC 8906\]\n\n;; NOTICES \(2\):$/m,
  );
});

test('serial skew: a warning, exit 2', async () => {
  const run = await check('serial.check');
  assert.equal(run.code, 2, run.stderr);
  assert.match(
    run.stdout,
    /^serial\.check\. soa\.serial: serials differ: 2024010102 \(newest\) on ns1\.serial\.check\. \(127\.0\.2\.20\); 2024010101 on ns2\.serial\.check\. \(127\.0\.2\.21\) \[RFC 1982, RFC 1996\]$/m,
  );
});

test('--json: a check document, schema-valid, with the lame server as an error finding', async () => {
  const run = await check('lame.check', '--json');
  assert.equal(run.code, 3, run.stderr);
  const doc = JSON.parse(run.stdout);
  assertSchemaValid(doc);
  assert.equal(doc.kind, 'check');
  assert.equal(doc.zone, 'lame.check.');
  assert.equal(doc.status, 'error');
  assert.deepEqual(doc.summary.error, 1);
  const lame = doc.findings[0];
  assert.deepEqual(
    { id: lame.id, severity: lame.severity, servers: lame.servers, evidence: lame.evidence },
    {
      id: 'server.lame',
      severity: 'error',
      servers: ['ns2.lame.check. (127.0.2.15)'],
      evidence: { address: CHECK_ADDR.lame2, family: 'IPv4', udp: 'lame', tcp: 'lame', reason: 'no aa flag' },
    },
  );
  assert.deepEqual(
    doc.cuts.map((c: { zone: string; role: string }) => [c.zone, c.role]),
    [
      ['lame.check.', 'zone'],
      ['check.', 'cut'],
    ],
  );
});

test('--json for two zones: an array of check documents; the exit status is the worst one', async () => {
  const run = await runMain([
    'good.check',
    '+check',
    'wrap.check',
    '+check',
    `--root-hints=${hints}`,
    '-p',
    String(hierarchy.port),
    '+timeout=1',
    '--json',
  ]);
  assert.equal(run.code, 2, run.stderr);
  const docs = JSON.parse(run.stdout);
  assertSchemaValid(docs);
  assert.deepEqual(
    docs.map((d: { zone: string; status: string }) => [d.zone, d.status]),
    [
      ['good.check.', 'notice'],
      ['wrap.check.', 'warning'],
    ],
  );
});

test('--table: the verdict above one table of findings', async () => {
  const run = await check('open.check', '--table');
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stdout, /^open\.check\. works, with warnings: 1 warning, 1 notice;/);
  assert.match(run.stdout, /Severity .* Zone .* Check .* Finding .* Reference/);
  // Not a TTY: 80 columns, so the check's name wraps at its dot.
  assert.match(run.stdout, /^│ warning {2}│ open\.check\. │ server\. +│ .*\n│ +│ +│ recursion +│/m);
  assert.ok(run.stdout.split('\n').every((line) => line.length <= 80));
});

test('+short: the verdict line alone', async () => {
  const run = await check('apex.check', '+short');
  assert.equal(run.code, 3, run.stderr);
  assert.match(
    run.stdout,
    /^;; CHECK: apex\.check\. has errors: 1 error, 1 notice; \d+ checks ok, 3 server addresses, \d+ queries\n$/,
  );
});

test('the command header is decided when the first name is read, as for a lookup: +nocmd holds, +short +cmd says so', async () => {
  const quiet = await runMain([
    '+nocmd',
    'good.check',
    '+check',
    '+cmd',
    `--root-hints=${hints}`,
    '-p',
    String(hierarchy.port),
    '+timeout=1',
  ]);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.doesNotMatch(quiet.stdout, /<<>>|global options/);
  assert.match(quiet.stdout, /^;; CHECK: good\.check\. is healthy/);
  const short = await runMain([
    '+short',
    '+cmd',
    'good.check',
    '+check',
    `--root-hints=${hints}`,
    '-p',
    String(hierarchy.port),
    '+timeout=1',
  ]);
  assert.equal(short.code, 0, short.stderr);
  assert.match(
    short.stdout,
    /^\n; <<>> tsdig \S+ <<>> \+short \+cmd good\.check \+check .*\n;; global options: \+short \+cmd\n;; CHECK: /,
  );
});

test('a root that does not answer: the zone cannot be reached, exit 9', async () => {
  const dead = join(mkdtempSync(join(tmpdir(), 'tsdig-check-')), 'root.hints');
  writeFileSync(dead, `.  3600000  NS  A.ROOT.CHECK.\nA.ROOT.CHECK.  3600000  A  ${CHECK_ADDR.closed}\n`);
  const run = await runMain([
    'good.check',
    '+check',
    `--root-hints=${dead}`,
    '-p',
    String(hierarchy.port),
    '+timeout=1',
  ]);
  assert.equal(run.code, 9, run.stderr);
  assert.match(run.stdout, /^;; CHECK: good\.check\.: could not reach good\.check\. from the root: /m);
});

test('bad input stops before any packet: +check with +validate', async () => {
  const before = hierarchy.byAddress.get(CHECK_ADDR.root)?.count() ?? 0;
  const run = await check('good.check', '+validate');
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^tsdig: \+validate checks .* not \+check/);
  assert.equal(hierarchy.byAddress.get(CHECK_ADDR.root)?.count() ?? 0, before);
});
