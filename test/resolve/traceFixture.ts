/** A small fake hierarchy and default settings for the trace state-machine tests. */
import { walkSettings } from '../support/traceSettings.js';
import type { Hop, RootHint, TraceDeps, TraceSettings } from '../../src/resolve/traceTypes.js';
import {
  encodeReply,
  fakeClock,
  fakeNetwork,
  record,
  zone,
  type FakeClock,
  type FakeNetwork,
  type ServerSpec,
} from '../support/fakeServer.js';

/** Port every learned server is asked on (as with -p). */
export const PORT = 5353;
/** The start server (as @127.0.0.53), a recursive resolver that knows the root NS set. */
export const START = '127.0.0.53';

/** Root hints of the fake hierarchy (used when priming fails or with --root-hints). */
export const FAKE_HINTS: RootHint[] = [{ name: 'a.root.test.', addresses: ['127.0.0.1', 'fd00::1'] }];

const rootZone = zone('.', [
  '@ NS a.root.test.',
  'a.root.test. A 127.0.0.1',
  'a.root.test. AAAA fd00::1',
  'test. NS ns1.test.',
  'test. DS 1 13 2 2BB183AF5F22588179A53B0A98631FAD1A292118DE2A0F5E3D9B6C1B2C8E57D4',
  'ns1.test. A 127.0.0.2',
  'ns1.test. AAAA fd00::2',
  'other. NS ns.other.',
  'ns.other. A 127.0.0.3',
  'ns.other. AAAA fd00::3',
]);

const testZone = zone('test.', [
  '@ NS ns1',
  'ns1 A 127.0.0.2',
  'example NS ns1.example',
  'example NS ns2.example',
  'ns1.example A 127.0.0.4',
  'ns1.example AAAA fd00::4',
  'ns2.example A 127.0.0.5',
  'glueless NS ns.glueless.other.',
  'evil NS ns.glueless.other.',
  'ns.glueless.other. A 127.0.0.66',
  'lame NS ns1.lame',
  'lame NS ns2.lame',
  'lame NS ns3.lame',
  'lame NS ns4.lame',
  'ns1.lame A 127.0.0.6',
  'ns2.lame A 127.0.0.7',
  'ns3.lame A 127.0.0.8',
  'ns4.lame A 127.0.0.9',
  'dead NS ns1.dead',
  'dead NS ns2.dead',
  'ns1.dead A 127.0.0.20',
  'ns2.dead A 127.0.0.21',
  'loop NS ns.loop',
  'ns.loop A 127.0.0.11',
  'self NS ns.self',
  'a.deep NS ns.a.deep',
  'ns.a.deep A 127.0.0.12',
]);

const exampleZone = zone('example.test.', [
  '@ NS ns1',
  '@ NS ns2',
  'www A 192.0.2.1',
  'www AAAA 2001:db8::1',
  'alias CNAME www.other.',
  'local CNAME www',
  'ns1 A 127.0.0.4',
  'ns2 A 127.0.0.5',
]);

const otherZone = zone('other.', [
  '@ NS ns',
  'ns A 127.0.0.3',
  'ns AAAA fd00::3',
  'www A 192.0.2.7',
  'ns.glueless A 127.0.0.10',
]);

const gluelessZone = zone('glueless.test.', [
  '@ NS ns.glueless.other.',
  'www A 192.0.2.9',
  'back CNAME www.example.test.',
]);

const deepZone = zone('a.deep.test.', ['@ NS ns', 'b NS ns.b', 'ns.b A 127.0.0.13']);
const deeperZone = zone('b.a.deep.test.', ['@ NS ns', 'c NS ns.c', 'ns.c A 127.0.0.14']);
const deepestZone = zone('c.b.a.deep.test.', ['@ NS ns', 'www A 192.0.2.99']);

/** The recursive start server: answers `. NS` with the root servers and their addresses. */
const startServer: ServerSpec = {
  respond: (query) =>
    query.name === '.' && query.type === 'NS'
      ? encodeReply(query, {
          rcode: 'NOERROR',
          ra: true,
          answers: [record('. NS a.root.test.')],
          additionals: [record('a.root.test. A 127.0.0.1'), record('a.root.test. AAAA fd00::1')],
        })
      : encodeReply(query, { rcode: 'REFUSED' }),
};

/** An upward referral (back to test.) for anything under loop.test.; REFUSED for the rest. */
const upwardReferral: ServerSpec = {
  respond: (query) =>
    /(^|\.)loop\.test$/i.test(query.name)
      ? encodeReply(query, {
          rcode: 'NOERROR',
          authorities: [record('test. NS ns1.test.')],
          additionals: [record('ns1.test. A 127.0.0.2')],
        })
      : encodeReply(query, { rcode: 'REFUSED' }),
};

/** Servers of the fake hierarchy, by address; tests override entries to break things. */
export function fakeServers(): Record<string, ServerSpec> {
  return {
    [START]: startServer,
    '127.0.0.1': { zones: [rootZone] },
    'fd00::1': { zones: [rootZone] },
    '127.0.0.2': { zones: [testZone] },
    'fd00::2': { zones: [testZone] },
    '127.0.0.3': { zones: [otherZone] },
    'fd00::3': { zones: [otherZone] },
    '127.0.0.4': { zones: [exampleZone] },
    'fd00::4': { zones: [exampleZone] },
    '127.0.0.5': { zones: [exampleZone] },
    '127.0.0.6': { behaviour: 'refused' },
    '127.0.0.7': { behaviour: 'silent' },
    '127.0.0.8': { behaviour: 'connectionRefused' },
    '127.0.0.9': { zones: [zone('lame.test.', ['@ NS ns4', 'www A 192.0.2.8'])] },
    '127.0.0.10': { zones: [gluelessZone] },
    '127.0.0.11': upwardReferral,
    '127.0.0.12': { zones: [deepZone] },
    '127.0.0.13': { zones: [deeperZone] },
    '127.0.0.14': { zones: [deepestZone] },
    '127.0.0.20': { behaviour: 'silent' },
    '127.0.0.21': { behaviour: 'silent' },
  };
}

/** Trace settings for tests: hedge delay and timeout in virtual time, the fake start server. */
export function testSettings(overrides: Partial<TraceSettings> = {}): TraceSettings {
  const startServers = [{ address: START, port: 53, name: START }];
  return walkSettings(
    { port: PORT, startServers, timeoutMs: 150, hedgeDelayMs: 25, rootHintsSource: 'builtin' },
    overrides,
  );
}

/**
 * A fake network plus deps wired to it, collecting hops as onHop reports them. The network's delays,
 * its timeouts and the hedge delay all run on one virtual clock that moves whenever the trace waits.
 */
export function testDeps(servers = fakeServers()): {
  net: FakeNetwork;
  deps: TraceDeps;
  streamed: Hop[];
  clock: FakeClock;
} {
  const clock = fakeClock({ auto: true });
  const net = fakeNetwork(servers, clock);
  const streamed: Hop[] = [];
  const deps: TraceDeps = {
    query: net.query,
    now: clock.now,
    timers: clock,
    onHop: (hop) => streamed.push(hop),
    rootHints: FAKE_HINTS,
  };
  return { net, deps, streamed, clock };
}
