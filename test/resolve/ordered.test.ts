import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBounded } from '../../src/resolve/ordered.js';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('results come out in input order even when later jobs finish first', async () => {
  const order: number[] = [];
  await runBounded(5, 5, async (i) => { await delay((5 - i) * 5); return i * 10; }, (r) => order.push(r));
  assert.deepEqual(order, [0, 10, 20, 30, 40]);
});

test('unordered delivers as jobs finish', async () => {
  const order: number[] = [];
  await runBounded(3, 3, async (i) => { await delay((3 - i) * 10); return i; }, (r) => order.push(r), true);
  assert.deepEqual(order, [2, 1, 0]);
});

test('never more than `concurrency` jobs at once', async () => {
  let running = 0;
  let peak = 0;
  await runBounded(20, 4, async () => { running++; peak = Math.max(peak, running); await delay(2); running--; }, () => {});
  assert.equal(peak, 4);
});

test('zero jobs completes', async () => {
  let calls = 0;
  await runBounded(0, 8, async () => { calls++; }, () => {});
  assert.equal(calls, 0);
});
