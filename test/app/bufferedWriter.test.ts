import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bufferedWriter } from '../../src/app/bufferedWriter.js';

test('writes in one turn are joined and go out on the next turn', async () => {
  const written: string[] = [];
  const out = bufferedWriter({ write: (t: string) => written.push(t) });
  out.write('a');
  out.write('b');
  assert.deepEqual(written, []);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(written, ['ab']);
});

test('the size limit and flush() write at once, in order', () => {
  const written: string[] = [];
  const out = bufferedWriter({ write: (t: string) => written.push(t) }, 4);
  out.write('ab');
  out.write('cd');
  assert.deepEqual(written, ['abcd']);
  out.write('e');
  out.flush();
  out.flush();
  assert.deepEqual(written, ['abcd', 'e']);
});
