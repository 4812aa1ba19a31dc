import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { helpText, usageWords, versionText } from '../../src/cli/help.js';

test('the usage lines are dig\'s synopsis, wrapped under "Usage: tsdig"', () => {
  assert.deepStrictEqual(helpText().split('\n').slice(0, 3), [
    'Usage: tsdig [@server] [-b address[#port]] [-c class] [-f file] [-p port]',
    '             [-q name] [-t type] [-x addr] [-y [hmac:]name:secret] [-k file]',
    '             [-4] [-6] [-u] [-r] [name] [type] [class] [+queryopt...]',
  ]);
  assert.deepStrictEqual(usageWords().slice(-4), ['[name]', '[type]', '[class]', '[+queryopt...]']);
});

test('dash options come first, then the +option groups, in table order', () => {
  const text = helpText();
  const headings = text.split('\n').filter((line) => /^\S.*:$/.test(line));
  assert.deepStrictEqual(headings, [
    'Query options:',
    'Output options:',
    'Other options:',
    'Query options (+[no]option; a unique prefix is enough, as in dig):',
    'Query flags and EDNS:',
    'Transport:',
    'DNS over TLS and HTTPS:',
    'Display:',
    'Iteration:',
  ]);
});

test('terms are written the dig way and descriptions line up in one column', () => {
  const text = helpText();
  assert.match(text, /\n {2}-b address\[#port\] +Send from this local address/);
  assert.match(text, /\n {2}\+\[no\]edns\[=N\] +Use EDNS version N/);
  assert.match(text, /\n {2}\+bufsize=N +Advertise/);
  assert.match(text, /\n {2}--color=auto\|always\|never {2,}Colour the output/);
  assert.match(text, /\n {2}\+\[no\]http-plain-post\[=PATH\] {2}Like \+http-plain/);
  const columns = new Set(
    text.split('\n').flatMap((line) => {
      const match = line.match(/^ {2}[-+]\S.*? {2,}(?=\S)/);
      return match ? [match[0].length] : [];
    }),
  );
  assert.equal(columns.size, 1, `description columns: ${[...columns].join(', ')}`);
});

test('--version prints the package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  assert.equal(versionText(), `tsdig ${pkg.version}\n`);
});
