import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knownCuts } from '../../src/resolve/knownCuts.js';
import type { Hop, HopOutcome, ServerAttempt, TraceResult } from '../../src/resolve/traceTypes.js';
import type { Exchange } from '../../src/resolve/types.js';
import { reply } from './fakeMessages.js';

const question = { name: 'www.ed.sec.', type: 1, class: 1 };
const attempt = (name: string, address: string, outcome: ServerAttempt['outcome']): ServerAttempt => ({
  name,
  address,
  port: 53,
  outcome,
  rttMs: 1,
  hedged: false,
});
const referral = (zone: string): HopOutcome => ({ kind: 'referral', zone, nsNames: [], glue: [], ignoredGlue: [] });

function hop(zone: string, outcome: HopOutcome, servers: ServerAttempt[], extra: Partial<Hop> = {}): Hop {
  return { zone, question, servers, outcome, glueLookups: [], ignoredGlue: [], notes: [], ...extra };
}

function taughtBy(address: string, name: string): Exchange {
  return {
    server: { address, port: 53, name },
    protocol: 'udp',
    question,
    query: new Uint8Array(),
    raw: new Uint8Array(),
    response: reply(),
    rttMs: 1,
    receivedAt: new Date(0),
  };
}

test('known cuts: per zone, the server whose reply was used first, then the others tried; a cached hop gives its teacher; the start server none', () => {
  const result: TraceResult = {
    request: question,
    hops: [
      hop('.', { kind: 'rootServers', source: 'startServer', servers: [] }, [
        attempt('@resolver', '127.0.0.53', 'accepted'),
      ]),
      hop('.', referral('sec.'), [
        attempt('a.root.', '127.0.0.1', 'timeout'),
        attempt('b.root.', '127.0.0.9', 'accepted'),
      ]),
      hop('SEC.', referral('ed.sec.'), [], { cached: true, exchange: taughtBy('127.0.0.3', 'ns.sec.') }),
      hop('ed.sec.', { kind: 'allFailed', message: 'x' }, [
        attempt('ns.ed.sec.', '127.0.0.4', 'refused'),
        attempt('NS.ed.sec.', '::4', 'lame'),
        attempt('ns2.ed.sec.', '127.0.0.4', 'lame'),
      ]),
    ],
    final: null,
    totalMs: 0,
    queries: 0,
    queriesByServer: {},
  };
  assert.deepEqual(Object.fromEntries(knownCuts(result)), {
    '.': [
      { name: 'b.root.', addresses: ['127.0.0.9'] },
      { name: 'a.root.', addresses: ['127.0.0.1'] },
    ],
    'sec.': [{ name: 'ns.sec.', addresses: ['127.0.0.3'] }],
    'ed.sec.': [{ name: 'ns.ed.sec.', addresses: ['127.0.0.4', '::4'] }],
  });
});
