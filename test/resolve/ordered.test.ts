import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBounded } from '../../src/resolve/ordered.js';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

test('results come out in input order even when later jobs finish first', async () => {
  const order: number[] = [];
  await runBounded(
    range(5),
    5,
    async (i) => {
      await delay((5 - i) * 5);
      return i * 10;
    },
    (r) => order.push(r),
  );
  assert.deepEqual(order, [0, 10, 20, 30, 40]);
});

test('unordered delivers as jobs finish', async () => {
  const order: number[] = [];
  await runBounded(
    range(3),
    3,
    async (i) => {
      await delay((3 - i) * 10);
      return i;
    },
    (r) => order.push(r),
    true,
  );
  assert.deepEqual(order, [2, 1, 0]);
});

test('never more than `concurrency` jobs at once', async () => {
  let running = 0;
  let peak = 0;
  await runBounded(
    range(20),
    4,
    async () => {
      running++;
      peak = Math.max(peak, running);
      await delay(2);
      running--;
    },
    () => {},
  );
  assert.equal(peak, 4);
});

test('zero jobs completes', async () => {
  let calls = 0;
  await runBounded(
    [],
    8,
    async () => {
      calls++;
    },
    () => {},
  );
  assert.equal(calls, 0);
});

test('an async source is read only as lanes free up, and each job keeps its own index', async () => {
  let produced = 0;
  let finished = 0;
  let aheadPeak = 0;
  async function* jobs() {
    for (let i = 0; i < 50; i++) {
      await delay(i % 3);
      produced++;
      aheadPeak = Math.max(aheadPeak, produced - finished);
      yield `job${i}`;
    }
  }
  const seen: Array<[string, number]> = [];
  await runBounded(
    jobs(),
    4,
    async (job, index) => {
      await delay((index * 7) % 5);
      finished++;
      return [job, index] as [string, number];
    },
    (r) => seen.push(r),
  );
  assert.deepEqual(
    seen,
    range(50).map((i) => [`job${i}`, i]),
  );
  assert.ok(aheadPeak <= 4, `read ${aheadPeak} jobs ahead of the work with 4 lanes`);
});

test('a source that fails stops the run with its error', async () => {
  async function* jobs() {
    yield 1;
    throw new Error('file changed');
  }
  await assert.rejects(
    runBounded(
      jobs(),
      2,
      async (job) => job,
      () => {},
    ),
    /file changed/,
  );
});
