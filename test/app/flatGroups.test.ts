import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatGroups } from '../../src/app/flatGroups.js';
import { runBounded } from '../../src/resolve/ordered.js';

/** A source of groups that yields to the event loop before each group, as a file read does. */
async function* slowGroups<G>(groups: G[][]): AsyncGenerator<G[]> {
  for (const group of groups) {
    await new Promise((resolve) => setImmediate(resolve));
    yield group;
  }
}

/** What an async generator looping over the groups gives: the reference the iterator must match. */
async function* generatorOf<G, T>(groups: AsyncIterable<G[]>, map: (item: G) => T): AsyncGenerator<T> {
  for await (const group of groups) for (const item of group) yield map(item);
}

/** Asks `count` times at once, then once more when those are answered: every answer, in request order. */
async function askConcurrently<T>(iterator: AsyncIterator<T>, count: number): Promise<IteratorResult<T>[]> {
  const first = await Promise.all(Array.from({ length: count }, () => iterator.next()));
  return [...first, await iterator.next()];
}

test('flatGroups: items come in order, across empty groups, then the end', async () => {
  const groups = [[1, 2], [], [3], [4, 5, 6], []];
  const items: number[] = [];
  for await (const item of flatGroups(slowGroups(groups), (n: number) => n * 10)) items.push(item);
  assert.deepEqual(items, [10, 20, 30, 40, 50, 60]);
});

test('flatGroups: concurrent requests are answered in the order made, as an async generator answers them', async () => {
  const groups = [[1], [2, 3], [], [4, 5, 6, 7], [8]];
  const map = (n: number) => `q${n}`;
  const mine = await askConcurrently(flatGroups(slowGroups(groups), map), 10);
  const reference = await askConcurrently(generatorOf(slowGroups(groups), map), 10);
  assert.deepEqual(mine, reference);
  assert.deepEqual(
    mine.filter((r) => !r.done).map((r) => r.value),
    ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'],
  );
});

test('flatGroups: a source that fails rejects the request it reached, and the iteration ends there', async () => {
  async function* failing(): AsyncGenerator<number[]> {
    yield [1];
    throw new Error('read failed');
  }
  const iterator = flatGroups(failing(), (n: number) => n);
  const answers = await Promise.allSettled([iterator.next(), iterator.next(), iterator.next()]);
  assert.deepEqual(answers[0], { status: 'fulfilled', value: { value: 1, done: false } });
  assert.equal(answers[1].status, 'rejected');
  assert.deepEqual(answers[2], { status: 'fulfilled', value: { value: undefined, done: true } });
});

test('flatGroups: a mapping that throws rejects its request and ends the iteration', async () => {
  const iterator = flatGroups(slowGroups([[1, 2, 3]]), (n: number) => {
    if (n === 2) throw new Error('bad item');
    return n;
  });
  assert.deepEqual(await iterator.next(), { value: 1, done: false });
  await assert.rejects(iterator.next(), /bad item/);
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
});

test('flatGroups: runBounded lanes over it deliver every item once, in input order', async () => {
  const groups = Array.from({ length: 30 }, (_, g) => Array.from({ length: g % 4 }, (_, i) => g * 10 + i));
  const seen: number[] = [];
  await runBounded(
    flatGroups(slowGroups(groups), (n: number) => n),
    7,
    async (n) => {
      await new Promise((resolve) => setImmediate(resolve));
      return n;
    },
    (n) => seen.push(n),
  );
  assert.deepEqual(seen, groups.flat());
});
