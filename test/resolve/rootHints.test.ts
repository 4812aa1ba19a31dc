import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BUILTIN_ROOT_HINTS, parseRootHints } from '../../src/resolve/rootHints.js';
import { InputError } from '../../src/errors.js';

test('the built-in hints are the 13 root servers with IPv4 and IPv6 addresses', () => {
  assert.equal(BUILTIN_ROOT_HINTS.length, 13);
  for (const hint of BUILTIN_ROOT_HINTS) {
    assert.match(hint.name, /^[a-m]\.root-servers\.net\.$/);
    assert.equal(hint.addresses.filter((a) => !a.includes(':')).length, 1);
    assert.equal(hint.addresses.filter((a) => a.includes(':')).length, 1);
  }
});

test('the built-in hints match named.root as shipped by dns-root-data', () => {
  const parsed = parseRootHints(readFileSync('/usr/share/dns/root.hints', 'utf8'));
  const lowered = parsed.map((hint) => ({ ...hint, name: hint.name.toLowerCase() }));
  assert.deepEqual(
    lowered,
    BUILTIN_ROOT_HINTS.map((hint) => ({ ...hint })),
  );
});

test('a small hints file: comments, $TTL, blank lines, TTL and class in either order, case', () => {
  const text = [
    '; test hierarchy',
    '$TTL 3600',
    '',
    '.  3600000 IN NS  A.ROOT.TEST.',
    '.  IN 60 NS  b.root.test. ; second',
    'a.root.test.  A  127.0.0.2',
    '              AAAA ::1',
    'b.root.test. 3600 IN A 127.0.0.3',
    'other.test. A 127.0.0.99',
  ].join('\n');
  assert.deepEqual(parseRootHints(text), [
    { name: 'A.ROOT.TEST.', addresses: ['127.0.0.2', '::1'] },
    { name: 'b.root.test.', addresses: ['127.0.0.3'] },
  ]);
});

test('bad hints files are input errors naming the line', () => {
  const cases: [string, RegExp][] = [
    ['. NS a.root.test.\na.root.test. A 300.1.1.1', /line 2: bad A address/],
    ['. NS a.root.test.\na.root.test. AAAA 127.0.0.1', /line 2: bad AAAA address/],
    ['. NS a.root.test.\na.root.test. MX 10 mail.', /line 2/],
    ['example. NS a.root.test.\n', /line 1: NS record for example\./],
    ['$ORIGIN example.\n', /line 1: unsupported directive/],
    ['. NS a.root.test.\n', /no root server with an address/],
    ['', /no root server with an address/],
    ['. NS a..b.\n', /line 1: .*empty label/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseRootHints(text),
      (error: unknown) => error instanceof InputError && message.test(error.message),
      text,
    );
  }
});

test('network-looking garbage in a hints file is escaped in the error', () => {
  assert.throws(
    () => parseRootHints('. NS a.root.test.\na.root.test. A 1.2.3.\x1b[31m'),
    (error: unknown) => error instanceof Error && !error.message.includes('\x1b') && error.message.includes('\\027'),
  );
});
