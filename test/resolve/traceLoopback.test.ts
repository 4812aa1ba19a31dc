/**
 * The trace engine over the real UDP/TCP transports against the built-in loopback hierarchy: every
 * scenario of hierarchyCases.ts walked and checked against its expected zones, outcome and server.
 * The hedge delay runs on a clock of the test's own, moved only when a test says so.
 */
import { walkSettings } from '../support/traceSettings.js';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { trace } from '../../src/resolve/trace.js';
import { parseRootHints } from '../../src/resolve/rootHints.js';
import type { TraceResult, TraceSettings } from '../../src/resolve/traceTypes.js';
import { createQueryFn } from '../../src/resolve/exchange.js';
import { udpTransport } from '../../src/transport/udp.js';
import { tcpTransport } from '../../src/transport/tcp.js';
import { parseType, typeName } from '../../src/wire/rrtypes.js';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { TRACE_CASES, type TraceCase } from '../support/hierarchyCases.js';
import { ADDR } from '../support/hierarchyZones.js';
import { fakeClock, type FakeClock } from '../support/fakeClock.js';
import { rdataText } from '../../src/render/rdata/present.js';

let hierarchy: Hierarchy;
before(async () => {
  hierarchy = await startHierarchy();
});
after(async () => {
  await hierarchy?.close();
});

function settings(overrides: Partial<TraceSettings> = {}): TraceSettings {
  const startServers = [{ address: ADDR.root, port: hierarchy.port, name: ADDR.root }];
  const setup = {
    port: hierarchy.port,
    startServers,
    timeoutMs: 800,
    hedgeDelayMs: 150,
    rootHintsSource: 'file' as const,
  };
  return walkSettings(setup, overrides);
}

async function run(
  name: string,
  type: string,
  overrides: Partial<TraceSettings> = {},
  clock: FakeClock = fakeClock(),
): Promise<TraceResult> {
  const query = createQueryFn({ udp: udpTransport, tcp: tcpTransport });
  // The hierarchy's own hints: a failed start can never fall back to the real root servers.
  const rootHints = parseRootHints(hierarchy.rootHintsText);
  return trace({ name, type: parseType(type)!, class: 1 }, settings(overrides), {
    query,
    now: clock.now,
    timers: clock,
    rootHints,
  });
}

const expectedKind: Record<TraceCase['outcome'], string[]> = {
  answer: ['answer', 'cname'],
  nxdomain: ['nxdomain'],
  nodata: ['nodata'],
  'referral-loop': ['badReferral'],
  'upward-referral': ['badReferral'],
  'no-servers': ['allFailed'],
};

for (const [key, scenario] of Object.entries(TRACE_CASES) as [string, TraceCase][]) {
  test(`loopback trace: ${key} (${scenario.note})`, async () => {
    const result = await run(scenario.name, scenario.type);
    const walk = result.hops.slice(1);
    assert.deepEqual(
      walk.map((hop) => hop.zone),
      scenario.zones,
    );
    const last = walk.at(-1)!;
    assert.ok(
      expectedKind[scenario.outcome].includes(last.outcome.kind),
      `${last.outcome.kind} for ${scenario.outcome}`,
    );
    assert.equal(
      result.error === undefined,
      scenario.outcome === 'answer' || scenario.outcome === 'nxdomain' || scenario.outcome === 'nodata',
    );
    if (scenario.answeredBy)
      assert.equal(last.servers.find((s) => s.outcome === 'accepted')?.address, scenario.answeredBy);
    const answer = (last.exchange?.response.answer ?? []).filter((rr) => typeName(rr.type) !== 'RRSIG');
    assert.deepEqual(
      answer.map((rr) => ({ name: rr.name, type: typeName(rr.type), data: rdataText(rr.rdata) })),
      scenario.answer,
    );
    for (const address of scenario.neverAsked ?? []) {
      assert.equal(Object.keys(result.queriesByServer).filter((k) => k.startsWith(`${address}#`)).length, 0);
    }
  });
}

test('loopback trace: +follow goes on from the root with the CNAME target', async () => {
  const result = await run(TRACE_CASES.cnameAcross.name, 'A', { follow: true });
  assert.equal(result.error, undefined);
  assert.deepEqual(
    result.hops.slice(1).map((hop) => hop.zone),
    [...TRACE_CASES.cnameAcross.zones, ...TRACE_CASES.cnameTarget.zones],
  );
  assert.equal(
    result.hops.at(-1)!.servers.find((s) => s.outcome === 'accepted')?.address,
    TRACE_CASES.cnameTarget.answeredBy,
  );
});

test('loopback trace: a silent server is hedged, not waited for', async () => {
  const clock = fakeClock();
  const silent = hierarchy.byAddress.get(ADDR.silent)!;
  const asked = silent.queried(silent.count() + 1);
  const running = run(TRACE_CASES.silent.name, 'A', {}, clock);
  // The hedge delay passes once the silent server has the query, and not before.
  await asked;
  await clock.advance(settings().hedgeDelayMs);
  const result = await running;
  const last = result.hops.at(-1)!;
  assert.deepEqual(
    last.servers.map((s) => [s.address, s.outcome, s.hedged]),
    [
      [ADDR.silent, 'abandoned', true],
      [ADDR.faultBackup, 'accepted', false],
    ],
  );
});

test('loopback trace: a closed port is connection refused and the next server answers', async () => {
  const result = await run(TRACE_CASES.closed.name, 'A');
  assert.deepEqual(
    result.hops.at(-1)!.servers.map((s) => [s.address, s.outcome]),
    [
      [ADDR.closed, 'connectionRefused'],
      [ADDR.faultBackup, 'accepted'],
    ],
  );
});

test('loopback trace: +tcp applies to every hop', async () => {
  const result = await run(TRACE_CASES.plain.name, 'A', { exchange: { ...settings().exchange, tcp: true } });
  assert.equal(result.error, undefined);
  assert.ok(result.hops.every((hop) => hop.exchange?.protocol === 'tcp'));
});
