import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digrcOptions, skipsDigrc } from '../../src/cli/digrc.js';

test('digrcOptions: the options of every line, with their values; names, types and comments are left out, as dig reads the file', () => {
  assert.deepEqual(
    digrcOptions('+noall +answer\n# a comment\n; another\nexample.com MX -p 5353 @127.0.0.1\n"+subnet=192.0.2.0/24"\n'),
    ['+noall', '+answer', '-p', '5353', '@127.0.0.1', '+subnet=192.0.2.0/24'],
  );
  assert.deepEqual(digrcOptions(''), []);
});

test('skipsDigrc: -r alone or among one-letter flags; not a word that merely contains r', () => {
  assert.equal(skipsDigrc(['-r', 'x']), true);
  assert.equal(skipsDigrc(['-4r']), true);
  assert.equal(skipsDigrc(['-ru']), true);
  assert.equal(skipsDigrc(['example.org', '+recurse', '-x', '192.0.2.1']), false);
});
