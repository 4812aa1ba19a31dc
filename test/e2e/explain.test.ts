/**
 * `tsdig @resolver NAME +explain` end to end: the real bin against the loopback fleet, whose resolver
 * SERVFAILs with EDE 22 for every name but one; the trace from the root hints finds the culprit (every
 * server lame, every server silent over UDP and TCP, some servers of the zone faulty, the resolver
 * itself). Exact text (ports made fixed) and the JSON document's explanation (schema-valid).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EXPLAIN_HINT } from '../../src/render/explain.js';
import { assertSchemaValid } from '../support/schemaValid.js';
import { assertGolden } from '../render/goldenFile.js';
import { FLEET, FLEET_ROOT_HINTS, type Fleet, startFleet } from '../support/fleetHierarchy.js';
import { runBin, runMain } from '../support/runCli.js';

let fleet: Fleet;
const hints = join(mkdtempSync(join(tmpdir(), 'tsdig-explain-')), 'root.hints');
before(async () => {
  fleet = await startFleet();
  writeFileSync(hints, FLEET_ROOT_HINTS);
});
after(async () => {
  await fleet?.close();
});

const args = (extra: string[]) => [
  '-p',
  String(fleet.port),
  `--root-hints=${hints}`,
  '+timeout=1',
  '+tries=1',
  '+nocmd',
  '+nostats',
  ...extra,
];

/** The EXPLAIN block, ports made fixed. */
const explanation = (stdout: string): string =>
  stdout.slice(stdout.indexOf(';; EXPLAIN:')).replaceAll(`#${fleet.port}`, '#PORT');

const EDE = 'EDE: 22 (No Reachable Authority): (no reachable authority for the zone)';

/** [golden stem, name, culprit line]. */
const CASES: Array<[string, string, string]> = [
  [
    'lame',
    'www.lame.test',
    `ns1.lame.test. (${FLEET.lame1}) and ns2.lame.test. (${FLEET.lame2}) are lame for lame.test.`,
  ],
  ['silent', 'www.silent.test', 'no server of silent.test. answers over UDP or TCP.'],
  [
    'faults',
    'www.faults.test',
    `ns4.faults.test. (${FLEET.faultsLame}) is lame, ns3.faults.test. (${FLEET.faultsRefused}) refuses queries and ns2.faults.test. (${FLEET.faultsDead}) does not answer for faults.test.`,
  ],
  [
    'resolver',
    'skew.test',
    `the trace from the root finds no fault with skew.test. A; ns1.skew.test. (${FLEET.skew1}) answers for skew.test.: the SERVFAIL comes from ${FLEET.resolver} itself.`,
  ],
];

for (const [stem, name, culprit] of CASES) {
  test(`e2e explain ${stem}: the resolver's SERVFAIL with its EDE, and "${culprit}"`, async () => {
    const text = await runBin(args([`@${FLEET.resolver}`, name, '+explain']));
    // The lookup's exit status, as dig's: a reply came (SERVFAIL), so 0.
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /status: SERVFAIL/);
    const block = explanation(text.stdout);
    assert.equal(block.split('\n')[0], `;; EXPLAIN: ${culprit}`);
    assert.equal(block.split('\n')[1], `;; ${FLEET.resolver}#PORT said: SERVFAIL, ${EDE}`.replace('#PORT', ''));
    assertGolden(`e2e/explain-${stem}.txt`, block);

    const json = await runBin(args([`@${FLEET.resolver}`, name, '+explain', '--json']));
    assert.equal(json.code, 0, json.stderr);
    const document = JSON.parse(json.stdout);
    assertSchemaValid(document);
    assert.equal(document.explanation.culprit.line, culprit);
    assert.equal(document.explanation.failure, 'servfail');
    assert.deepEqual(document.explanation.ede, [{ infoCode: 22, text: EDE }]);
  });
}

test('e2e explain: an NXDOMAIN from the zone itself is named as its own answer', async () => {
  const out = await runBin(args([`@${FLEET.agree1}`, 'nope.agree.test', '+explain']));
  assert.equal(out.code, 0, out.stderr);
  assert.equal(
    explanation(out.stdout).split('\n')[0],
    `;; EXPLAIN: ns1.agree.test. (${FLEET.agree1}), a server of agree.test., says nope.agree.test. does not exist (NXDOMAIN).`,
  );
});

test('e2e explain: no reply from the server asked (exit 9), and the trace finds the zone sound', async () => {
  const out = await runBin(args([`@${FLEET.faultsDead}`, 'www.agree.test', '+explain']));
  assert.equal(out.code, 9);
  assert.match(
    explanation(out.stdout),
    new RegExp(
      `^;; EXPLAIN: the trace from the root finds no fault with www\\.agree\\.test\\. A; .*: the timeout comes from ${FLEET.faultsDead.replaceAll('.', '\\.')} itself\\.\\n;; ${FLEET.faultsDead.replaceAll('.', '\\.')} said: no reply, no EDE\\n`,
    ),
  );
});

test('e2e explain +short: the answer as dig +short prints it, then the culprit line alone', async () => {
  const out = await runBin(args([`@${FLEET.resolver}`, 'www.lame.test', '+explain', '+short']));
  assert.equal(out.code, 0, out.stderr);
  assert.equal(
    out.stdout,
    `;; EXPLAIN: ns1.lame.test. (${FLEET.lame1}) and ns2.lame.test. (${FLEET.lame2}) are lame for lame.test.\n`,
  );
});

test('e2e explain: a lookup that went well is not traced', async () => {
  const before = fleet.counts();
  const out = await runBin(args([`@${FLEET.agree1}`, 'www.agree.test', '+explain']));
  assert.equal(out.code, 0);
  assert.equal(explanation(out.stdout), ';; EXPLAIN: nothing to explain: the lookup did not fail.\n\n');
  assert.equal(fleet.counts()[FLEET.root], before[FLEET.root], 'the root was not asked');
});

test('the hint at +explain: after a SERVFAIL on a terminal, in dig layout only', async () => {
  const io = { isTTY: true, columns: 100 };
  const tty = await runMain(args([`@${FLEET.resolver}`, 'www.lame.test']), { io });
  assert.equal(tty.code, 0, tty.stderr);
  assert.ok(tty.stdout.endsWith(`${EXPLAIN_HINT}\n`), tty.stdout);
  const piped = await runMain(args([`@${FLEET.resolver}`, 'www.lame.test']));
  assert.ok(!piped.stdout.includes('Hint'), 'no hint for a pipe or a file: dig parsers see what dig prints');
  const short = await runMain(args([`@${FLEET.resolver}`, 'www.lame.test', '+short']), { io });
  assert.ok(!short.stdout.includes('Hint'));
  const answered = await runMain(args([`@${FLEET.agree1}`, 'www.agree.test']), { io });
  assert.ok(!answered.stdout.includes('Hint'), 'no hint after an answer');
});
