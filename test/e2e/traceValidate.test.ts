/**
 * `tsdig NAME +trace +validate` end to end: the real bin against the unsigned loopback hierarchy.
 * An unsigned root cannot be validated from the built-in root keys: every delegation and the
 * answer are bogus, and the validator's own questions went over the wire to the traced servers.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { TRACE_CASES } from '../support/hierarchyCases.js';
import { ADDR } from '../support/hierarchyZones.js';
import { runBin } from '../support/runCli.js';

let hierarchy: Hierarchy;
before(async () => {
  hierarchy = await startHierarchy();
});
after(async () => {
  await hierarchy?.close();
});

test('e2e trace +validate over unsigned zones: bogus at every cut (the root has no DNSKEY for its trust anchor), exit 0', async () => {
  const before = hierarchy.counts()[ADDR.root] ?? 0;
  const run = await runBin(
    [
      TRACE_CASES.plain.name,
      '+trace',
      '+validate',
      `@${ADDR.root}`,
      '-p',
      String(hierarchy.port),
      '+timeout=1',
      '+tries=1',
    ],
    { env: { TSDIG_LOOPBACK_ONLY: '1' } },
  );
  assert.equal(run.code, 0, run.stderr);
  const cuts = run.stdout.split('\n').filter((line) => line.startsWith(';; DNSSEC: ') && line.includes('delegation'));
  assert.equal(cuts.length, 2, run.stdout);
  assert.ok(
    cuts.every(
      (line) =>
        / delegation to \S+: .*no DNSKEY for the trust anchor zone \.$/.test(line) &&
        line.startsWith(';; DNSSEC: bogus'),
    ),
    cuts.join('\n'),
  );
  assert.match(run.stdout, /^;; VALIDATION:\n;; DNSSEC: bogus\n;; reason: no DNSKEY for the trust anchor zone \.$/m);
  assert.match(run.stdout, /^example\.test\.\s+\d+\s+IN\s+A\s+192\.0\.2\.1$/m);
  // The trace asks the root twice (NS set, then the name); the validator asked it for its DNSKEY too.
  assert.ok((hierarchy.counts()[ADDR.root] ?? 0) - before >= 3);
});
