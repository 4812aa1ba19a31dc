/**
 * +compare +watch's pure parts: the changes between rounds of a comparison (each server's answer,
 * status, silence and serial, the headline when the grouping moves) and their text and NDJSON,
 * against golden files, on a propagation told round by round.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompareData } from '../../src/compare/types.js';
import {
  type CompareWatchChange,
  compareWatchStep,
  emptyCompareWatchState,
  everyAnswerHolds,
} from '../../src/compare/watchRounds.js';
import { plainPalette } from '../../src/render/palette.js';
import { rdataText } from '../../src/render/rdata/present.js';
import {
  compareWatchChangeEvent,
  compareWatchSummaryEvent,
  renderCompareWatchChanges,
  renderCompareWatchSummary,
} from '../../src/render/watchCompare.js';
import { assertGolden } from '../render/goldenFile.js';
import { a, answered, data, silent, soa, target } from './fixtures.js';
import { assertSchemaValid } from '../support/schemaValid.js';

const ns1 = target('192.0.2.1', 'ns1.example.test.');
const ns2 = target('192.0.2.2', 'ns2.example.test.');
const ns3 = target('2001:db8::3', 'ns3.example.test.');
const serving = (serial: number, ttl = 3600) => ({ aa: true, answers: [soa(serial, ttl)] });

/** A zone's new serial reaching its three servers, round by round (one round every 2 s). */
const ROUNDS: Array<[string, CompareData]> = [
  ['all three serve serial 1', data([answered(ns1, serving(1)), answered(ns2, serving(1)), answered(ns3, serving(1))])],
  ['nothing new', data([answered(ns1, serving(1)), answered(ns2, serving(1)), answered(ns3, serving(1))])],
  ['the primary has serial 2', data([answered(ns1, serving(1)), answered(ns2, serving(2)), answered(ns3, serving(1))])],
  ['ns1 follows, ns3 is silent', data([answered(ns1, serving(2)), answered(ns2, serving(2)), silent(ns3)])],
  [
    'ns3 is back with serial 2',
    data([answered(ns1, serving(2)), answered(ns2, serving(2)), answered(ns3, serving(2))]),
  ],
  ['ns3 refuses', data([answered(ns1, serving(2)), answered(ns2, serving(2)), answered(ns3, { rcode: 'REFUSED' })])],
  [
    'ns3 serves again, with another TTL',
    data([answered(ns1, serving(2)), answered(ns2, serving(2)), answered(ns3, serving(2, 60))]),
  ],
  ['only the TTL moves back', data([answered(ns1, serving(2)), answered(ns2, serving(2)), answered(ns3, serving(2))])],
];

const START = Date.parse('2026-01-01T00:00:00Z');

/** Every round's changes, in order, each with its time. */
function told(): Array<{ at: number; label: string; changes: CompareWatchChange[] }> {
  let state = emptyCompareWatchState();
  return ROUNDS.map(([label, round], index) => {
    const step = compareWatchStep(state, round);
    state = step.state;
    return { at: START + index * 2000, label, changes: step.changes };
  });
}

test('compare watch: what each round changed, per server and for the headline', () => {
  const rounds = told();
  const summary = rounds.map(({ label, changes }) => [
    label,
    changes.map((c) => (c.kind === 'agreement' ? `= ${c.to}` : `${c.target.name} ${c.change.kind}`)),
  ]);
  assert.deepEqual(summary, [
    [
      'all three serve serial 1',
      [
        'ns1.example.test. rcode',
        'ns1.example.test. added',
        'ns2.example.test. rcode',
        'ns2.example.test. added',
        'ns3.example.test. rcode',
        'ns3.example.test. added',
        '= all 3 servers agree',
      ],
    ],
    ['nothing new', []],
    [
      'the primary has serial 2',
      [
        'ns2.example.test. removed',
        'ns2.example.test. added',
        'ns2.example.test. serial',
        '= 1 of 3 servers disagrees: serial skew',
      ],
    ],
    [
      'ns1 follows, ns3 is silent',
      [
        'ns1.example.test. removed',
        'ns1.example.test. added',
        'ns1.example.test. serial',
        'ns3.example.test. silent',
        '= 1 of 3 servers disagrees: 1 timed out',
      ],
    ],
    [
      'ns3 is back with serial 2',
      [
        'ns3.example.test. answering',
        'ns3.example.test. removed',
        'ns3.example.test. added',
        'ns3.example.test. serial',
        '= all 3 servers agree',
      ],
    ],
    ['ns3 refuses', ['ns3.example.test. rcode', 'ns3.example.test. removed', '= 1 of 3 servers disagrees: 1 refused']],
    [
      'ns3 serves again, with another TTL',
      ['ns3.example.test. rcode', 'ns3.example.test. added', '= all 3 servers agree, but for TTLs'],
    ],
    // The records are compared without their TTLs, and the grouping did not move: nothing to say.
    ['only the TTL moves back', []],
  ]);
});

test('compare watch: the lines (golden), stamped with the time and the server', () => {
  const text = told()
    .map(({ at, changes }) => renderCompareWatchChanges(changes, at, plainPalette))
    .join('');
  assertGolden('compare/watch.txt', text);
  assert.match(text, /^;; 00:00:04 ns2\.example\.test\. \(192\.0\.2\.2\) serial: 1 -> 2$/m);
  assert.match(text, /^;; 00:00:08 all 3 servers agree$/m);
});

test('compare watch: one NDJSON event per change, each naming its server, each valid against the schema (golden)', () => {
  const events = told().flatMap(({ at, changes }) => changes.map((change) => compareWatchChangeEvent(change, at)));
  for (const event of events) assertSchemaValid(event);
  assertGolden('compare/watch.ndjson', events.map((event) => `${JSON.stringify(event)}\n`).join(''));
  const serial = events.find((e) => (e as { event: string }).event === 'serial');
  assert.deepEqual(serial, {
    kind: 'watch',
    event: 'serial',
    time: '2026-01-01T00:00:04.000Z',
    server: '192.0.2.2#53',
    serverName: 'ns2.example.test.',
    from: 1,
    to: 2,
  });
});

test('compare watch: the summary, the whole watch then each server (golden text, schema-valid event)', () => {
  const stats = (sent: number, lost: number, changes: number, rtts: number[]) => ({ sent, lost, changes, rtts });
  const servers = [
    { target: ns1, stats: stats(8, 0, 5, [3, 4, 5]) },
    { target: ns2, stats: stats(8, 0, 5, [2, 2, 2]) },
    { target: ns3, stats: stats(8, 1, 13, [7]) },
  ];
  const total = stats(24, 1, 29, [3, 4, 5, 2, 2, 2, 7]);
  assertGolden('compare/watch-summary.txt', renderCompareWatchSummary(total, servers, 'until', plainPalette));
  const event = compareWatchSummaryEvent(total, servers, 'deadline', START);
  assertSchemaValid(event);
  assertGolden('compare/watch-summary.json', `${JSON.stringify(event, null, 2)}\n`);
});

test('compare watch: a change of case in the data is no change (records compared as +compare compares them)', () => {
  const lower = data([answered(ns1, { aa: true, answers: [a('www.example.test', '192.0.2.80')] })]);
  const upper = data([answered(ns1, { aa: true, answers: [a('WWW.Example.TEST', '192.0.2.80', 10)] })]);
  const first = compareWatchStep(emptyCompareWatchState(), lower);
  assert.deepEqual(compareWatchStep(first.state, upper).changes, []);
});

test('compare watch: a serial seen in a negative answer is kept across replies without one', () => {
  const nx = (serial: number) => answered(ns1, { rcode: 'NXDOMAIN', aa: true, authorities: [soa(serial)] });
  const rounds = [nx(1), answered(ns1, { aa: true, answers: [a('example.test', '192.0.2.1')] }), nx(2)];
  let state = emptyCompareWatchState();
  const serials = rounds.flatMap((reply) => {
    const step = compareWatchStep(state, data([reply]));
    state = step.state;
    return step.changes.flatMap((c) => (c.kind === 'server' && c.change.kind === 'serial' ? [c.change] : []));
  });
  assert.deepEqual(serials, [{ kind: 'serial', from: 1, to: 2 }]);
});

test('compare watch +until: done only when every server gives the value', () => {
  const has = (round: CompareData) => everyAnswerHolds(round, (rdata) => rdataText(rdata).includes(' 2 3600 '));
  assert.deepEqual(
    ROUNDS.map(([, round]) => has(round)),
    [false, false, false, false, true, false, true, true],
  );
  assert.equal(has(data([])), false, 'no server is not every server');
});

test('compare watch: a hostile server name never reaches the terminal raw', () => {
  const hostile = target('192.0.2.9', 'evil\x1b[31m.example.test.');
  const first = compareWatchStep(emptyCompareWatchState(), data([silent(hostile)]));
  const text = renderCompareWatchChanges(first.changes, START, plainPalette);
  assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f]/);
  assert.match(text, /evil\\027\[31m\.example\.test\./);
  const event = compareWatchChangeEvent(first.changes[0], START);
  assertSchemaValid(event);
  assert.equal((event as { serverName: string }).serverName, 'evil\\027[31m.example.test.');
});
