import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchDefaults, batchLines, batchLineWords, splitWords } from '../../src/cli/batch.js';

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

test('batchLineWords: plain ASCII lines and the rest split alike (trimmed, at runs of whitespace, quotes honoured, comments skipped)', async () => {
  const fc = await import('fast-check');
  const line = fc
    .array(
      fc.constantFrom(
        'a',
        'B',
        '.',
        '+',
        '@',
        '-',
        ';',
        '#',
        ' ',
        '\t',
        '\v',
        '\f',
        '\r',
        '\x1f',
        '\u00a0',
        '\u2003',
        'é',
        '"',
        "'",
        '\\',
      ),
      { maxLength: 24 },
    )
    .map((chars) => chars.join(''));
  /** The rule, spelled out: blank and comment lines have no words; others split as a shell would. */
  const expected = (text: string): string[] | undefined => {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) return undefined;
    return /["'\\]/.test(trimmed) ? splitWords(trimmed) : trimmed.split(/\s+/);
  };
  fc.assert(
    fc.property(line, (text) => assert.deepEqual(batchLineWords(text), expected(text))),
    { numRuns: 3000, seed: 20_261_207 },
  );
  assert.deepEqual(batchLineWords('  h1.bench.test\tA  '), ['h1.bench.test', 'A']);
  assert.equal(batchLineWords(' \t '), undefined);
  assert.equal(batchLineWords('  ;h1.bench.test A'), undefined);
});
