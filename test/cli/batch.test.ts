import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchDefaults, batchLines, splitWords } from '../../src/cli/batch.js';

test('splitWords honours quotes and escapes', () => {
  assert.deepEqual(splitWords(`a.example  MX "+subnet=1.2.3.0/24" 'x y' z\\ w`), [
    'a.example',
    'MX',
    '+subnet=1.2.3.0/24',
    'x y',
    'z w',
  ]);
  assert.deepEqual(splitWords('""'), ['']);
  assert.deepEqual(splitWords('   '), []);
});

test('batchLines skips blanks and comment lines', () => {
  assert.deepEqual(batchLines('a.example A\n\n; comment\n# another\r\nb.example MX @127.0.0.1\n'), [
    ['a.example', 'A'],
    ['b.example', 'MX', '@127.0.0.1'],
  ]);
});

test('batchDefaults keeps options and @server, drops names and -f', () => {
  assert.deepEqual(
    batchDefaults([
      '-f',
      'list',
      '@127.0.0.1',
      '-p',
      '5353',
      'ignored.example',
      '+short',
      '-4',
      '-flist2',
      '--concurrency',
      '16',
      '--root-hints=h',
    ]),
    ['@127.0.0.1', '-p', '5353', '+short', '-4', '--concurrency', '16', '--root-hints=h'],
  );
});

test('splitWords: a line without quotes or escapes splits at every run of whitespace, Unicode spaces included', async () => {
  const fc = await import('fast-check');
  const line = fc
    .array(fc.constantFrom('a', '.', '+', '@', '-', ' ', '\t', '\u00a0', '\u2003', '\r', 'é'), { maxLength: 24 })
    .map((chars) => chars.join(''));
  fc.assert(
    fc.property(line, (text) => {
      assert.deepEqual(
        splitWords(text),
        [...text.matchAll(/\S+/g)].map((match) => match[0]),
      );
      assert.deepEqual(splitWords(`${text} "q"`), [...[...text.matchAll(/\S+/g)].map((match) => match[0]), 'q']);
    }),
    { numRuns: 2000, seed: 20_260_505 },
  );
});
