/**
 * A healthy zone with one dead name server, on a network in memory whose timeouts and hedge delays
 * run on a virtual clock: the check ends after a bounded number of timeouts (nothing sleeps, nothing
 * is timed for real), and finds exactly the silent server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectCheck } from '../../src/check/collect.js';
import { baseSettings } from '../../src/check/probes.js';
import { checkReport } from '../../src/check/report.js';
import { DEFAULT_TRACE_LIMITS } from '../../src/resolve/traceTypes.js';
import { fakeClock, fakeNetwork, zone } from '../support/fakeServer.js';

const ROOT = '127.0.0.1';
const TLD = '127.0.0.2';
const NS1 = '127.0.0.3';
const NS2 = '127.0.0.4';
/** +check's own timeout when +timeout does not set one. */
const TIMEOUT_MS = 2000;

const root = zone('.', ['@ NS a.root.', 'a.root. A 127.0.0.1', 'test. NS ns.test.', 'ns.test. A 127.0.0.2']);
const tld = zone('test.', [
  '@ NS ns',
  'ns A 127.0.0.2',
  'example NS ns1.example',
  'example NS ns2.example',
  'ns1.example A 127.0.0.3',
  'ns2.example A 127.0.0.4',
]);
const example = zone('example.test.', [
  '@ SOA ns1 hostmaster 2024010101 7200 3600 1209600 300',
  '@ NS ns1',
  '@ NS ns2',
  'ns1 A 127.0.0.3',
  'ns2 A 127.0.0.4',
  '@ MX 10 ns1',
]);

test('a healthy zone with one dead server: the silent server is the one error, and the check ends after a bounded wait', async () => {
  const clock = fakeClock({ auto: true });
  const net = fakeNetwork(
    {
      [ROOT]: { zones: [root] },
      [TLD]: { zones: [tld] },
      [NS1]: { zones: [example] },
      [NS2]: { zones: [example], behaviour: 'silent' },
    },
    clock,
  );
  const data = await collectCheck(
    'example.test.',
    {
      trace: {
        exchange: baseSettings(TIMEOUT_MS),
        port: 53,
        family: null,
        follow: false,
        startServers: [],
        rootHintsSource: 'file',
        hedgeDelayMs: 400,
        limits: DEFAULT_TRACE_LIMITS,
      },
      timeoutMs: TIMEOUT_MS,
      concurrency: 32,
    },
    {
      query: net.query,
      now: clock.now,
      timers: clock,
      clock: () => Date.UTC(2030, 0, 1) / 1000,
      rootHints: [{ name: 'a.root.', addresses: [ROOT] }],
    },
  );
  const report = checkReport(data);
  assert.deepEqual(
    report.findings.filter((f) => f.severity === 'error').map((f) => `${f.id}: ${f.message}`),
    ['server.silent: ns2.example.test. (127.0.0.4) never answered over IPv4 (2000 ms timeout, UDP and TCP)'],
  );
  // The dead server's UDP and TCP probes wait for their one timeout side by side: the whole check
  // costs one timeout (and at most one hedge delay of the walk), in virtual time.
  assert.ok(data.totalMs <= TIMEOUT_MS + 400, `the check took ${data.totalMs} virtual ms`);
  // Its probes after the first are not sent: one SOA over UDP, one over TCP.
  assert.equal(net.counts[`${NS2}#53`], 2);
});
