/** batchLineParser reads the command line's defaults once; each line must still get parseArgs' exact answer. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { batchLineParser, parseArgs, type BatchLineOutcome } from '../../src/cli/parseArgs.js';
import type { Options, ParseOutcome } from '../../src/cli/types.js';

const word = fc.oneof(
  fc.constantFrom(
    '-x',
    '-p',
    '-b',
    '-t',
    '-c',
    '-q',
    '-4',
    '-6',
    '-tMX',
    '-4t',
    '-h',
    '-v',
    '--color',
    '--concurrency',
    '--json',
    '--unordered',
  ),
  fc.constantFrom(
    '@',
    '@127.0.0.1',
    '@::1',
    '+',
    '+no',
    '+subnet=',
    '+subnet=192.0.2.0/24',
    '+cookie=',
    '+cookie=0102',
    '+edns=',
    '+noedns',
    '+dnssec',
  ),
  fc.constantFrom(
    '+short',
    '+noall',
    '+answer',
    '+bufsize=1',
    '+tcp',
    '+notcp',
    '+qr',
    '+nsid',
    '+search',
    '+ndots=3',
    '+tries=2',
    '+time=1',
  ),
  fc.constantFrom(
    'MX',
    'ANY',
    'TYPE65',
    'CLASS3',
    'CH',
    'IXFR',
    'example.com',
    'h1.bench.test',
    '::1',
    '1.2.3.4',
    '53',
    '999999999999',
    'always',
  ),
);

/** A batch line's outcome in parseArgs' shape: its queries and argv back in its options. */
function asParse(outcome: BatchLineOutcome, argv: readonly string[]): ParseOutcome {
  if (outcome.kind !== 'run') return outcome;
  assert.deepEqual(
    [outcome.options.queries, outcome.options.argv],
    [[], []],
    'a batch line keeps its queries apart from its options',
  );
  const options: Options = { ...outcome.options, queries: outcome.queries, argv: [...argv] };
  if (outcome.warnings) options.warnings = outcome.warnings;
  if (outcome.greeting) options.greeting = outcome.greeting;
  return { kind: 'run', options };
}

/** The options of a parse that must succeed. */
function run(argv: readonly string[], parse: (words: readonly string[]) => BatchLineOutcome | ParseOutcome): Options {
  const outcome = parse(argv);
  assert.equal(outcome.kind, 'run', JSON.stringify(outcome));
  return 'queries' in outcome
    ? (asParse(outcome, argv) as { options: Options }).options
    : (outcome as { options: Options }).options;
}

/**
 * A check that each line of one batch parser parses as parseArgs reads the defaults followed by the
 * line, but for the warnings: the line reports only its own, the last of parseArgs' ones; those
 * before them are the defaults' (the command line's), the same for every line.
 */
function parsesAlike(prefix: readonly string[]): (line: readonly string[]) => void {
  const parseLine = batchLineParser(prefix);
  let commandLine: string[] | undefined;
  return (line) => {
    const outcome = parseLine(line);
    const expected = parseArgs([...prefix, ...line], { lineStart: prefix.length });
    if (outcome.kind === 'run' && expected.kind === 'run') {
      const all = expected.options.warnings ?? [];
      const own = outcome.warnings ?? [];
      assert.deepEqual(all.slice(all.length - own.length), own);
      const before = all.slice(0, all.length - own.length);
      commandLine ??= before;
      assert.deepEqual(before, commandLine);
      if (before.length > 0) outcome.warnings = all;
    }
    assert.deepEqual(asParse(outcome, [...prefix, ...line]), expected);
  };
}

test('every line gets what parseArgs gives for the defaults followed by the line', () => {
  fc.assert(
    fc.property(
      fc.array(word, { maxLength: 6 }),
      fc.array(fc.array(word, { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
      (prefix, lines) => {
        const alike = parsesAlike(prefix);
        for (const line of lines) alike(line);
      },
    ),
    { numRuns: 3000, seed: 20_260_503 },
  );
});

test("a line's warnings are its own: the defaults' (the command line's) are not repeated with every line", () => {
  const warningsOf = (prefix: string[], line: string[]) => {
    const outcome = batchLineParser(prefix)(line);
    return outcome.kind === 'run' ? outcome.warnings : assert.fail(JSON.stringify(outcome));
  };
  // The command line's extra class is its own, printed once before the run (as dig prints it once).
  const commandLine = parseArgs(['-c', 'IN', '-c', 'CH', '-f', 'batch.txt']);
  assert.deepEqual(commandLine.kind === 'run' && commandLine.options.warnings, [';; Warning, extra class option']);
  assert.equal(warningsOf(['-c', 'IN', '-c', 'CH'], ['c.example']), undefined);
  // A second type or class on the line itself is the line's warning, as dig prints it for that line.
  const defaults = ['+short', '@127.0.0.1'];
  assert.deepEqual(warningsOf(defaults, ['a.example', 'A', 'MX']), [';; Warning, extra type option']);
  assert.deepEqual(warningsOf(defaults, ['b.example', 'IN', 'CH']), [';; Warning, extra class option']);
  assert.equal(warningsOf(defaults, ['c.example']), undefined);
});

test('a line reads on from the defaults: value options, -x queries and @server before it apply to it', () => {
  const parseLine = batchLineParser(['-p', '5353', '+dnssec', '@127.0.0.1']);
  const options = run(['a.example', 'MX', '+short', 'b.example'], parseLine);
  assert.equal(options.port, 5353);
  assert.deepEqual(
    options.queries.map((q) => [q.name, q.type, q.servers, q.settings.dnssec, q.settings.display.short]),
    [
      ['a.example', 15, ['127.0.0.1'], true, true],
      ['b.example', 1, ['127.0.0.1'], true, false],
    ],
  );
  // dig reads each line afresh: after the command line's -t, a line's type word is a type again (an extra
  // one, with dig's warning); after a -t on the line itself, as on the command line, it is a name.
  const typed = batchLineParser(['-t', 'MX']);
  const line = typed(['a.example', 'AAAA']);
  assert.deepEqual(line.kind === 'run' && line.queries.map((q) => [q.name, q.type]), [['a.example', 28]]);
  assert.deepEqual(line.kind === 'run' && line.warnings, [';; Warning, extra type option']);
  assert.deepEqual(
    run(['-t', 'A', 'a.example', 'AAAA'], typed).queries.map((q) => [q.name, q.type]),
    [
      ['a.example', 1],
      ['AAAA', 1],
    ],
  );
  const classed = batchLineParser(['-c', 'IN']);
  const chaos = classed(['a.example', 'CH']);
  assert.deepEqual(chaos.kind === 'run' && chaos.queries.map((q) => [q.name, q.class]), [['a.example', 3]]);
  assert.deepEqual(chaos.kind === 'run' && chaos.warnings, [';; Warning, extra class option']);
  const reverse = batchLineParser(['-x', '192.0.2.1']);
  assert.deepEqual(
    run(['a.example'], reverse).queries.map((q) => [q.name, q.reverseOf, q.type]),
    [
      ['1.2.0.192.in-addr.arpa.', '192.0.2.1', 12],
      ['a.example', undefined, 1],
    ],
  );
});

test("a line's +options and ANY never reach the defaults, nor the lines after it", () => {
  const parseLine = batchLineParser(['+nsid']);
  const first = run(['+short', '+bufsize=512', 'a.example', 'ANY'], parseLine).queries[0];
  const second = run(['b.example'], parseLine).queries[0];
  assert.deepEqual(
    [first.settings.display.short, first.settings.bufsize, first.settings.tcp, first.settings.nsid],
    [true, 512, true, true],
  );
  assert.deepEqual(
    [second.settings.display.short, second.settings.bufsize, second.settings.tcp, second.settings.nsid],
    [false, 1232, false, true],
  );
  assert.deepEqual(second, run(['+nsid', 'b.example'], (words) => parseArgs([...words])).queries[0]);
});

test('lines left with the defaults share one settings object; a line that changes them has its own', () => {
  const parseLine = batchLineParser(['+dnssec']);
  const [a, b] = [run(['a.example'], parseLine), run(['b.example', 'MX'], parseLine)].map(
    (options) => options.queries[0],
  );
  const changed = run(['c.example', '+nodnssec'], parseLine).queries[0];
  assert.equal(a.settings, b.settings);
  assert.notEqual(changed.settings, a.settings);
  assert.equal(a.settings.dnssec, true);
  assert.equal(changed.settings.dnssec, false);
});

test('defaults that do not parse alone are read with each line, as parseArgs reads them', () => {
  const parseLine = batchLineParser(['-t']);
  assert.deepEqual(
    asParse(parseLine(['MX', 'a.example']), ['-t', 'MX', 'a.example']),
    parseArgs(['-t', 'MX', 'a.example']),
  );
  assert.equal(run(['MX', 'a.example'], parseLine).queries[0].type, 15);
  assert.deepEqual(batchLineParser(['-h'])(['a.example']), parseArgs(['-h', 'a.example']));
  assert.deepEqual(batchLineParser(['-p', 'x'])(['a.example']), {
    kind: 'invalid',
    message: "invalid port 'x' (1-65535)",
  });
});

test('lines that set no dash option share one options object; a line with its own -p gets its own, and the next line does not see it', () => {
  const parseLine = batchLineParser(['-p', '5353', '@127.0.0.1']);
  const outcomes = [
    ['a.example'],
    ['b.example', 'MX', '+dnssec'],
    ['c.example', '-p', '53'],
    ['d.example'],
    ['e.example', '--json'],
  ].map((line) => parseLine(line));
  const options = outcomes.map((outcome) =>
    outcome.kind === 'run' ? outcome.options : assert.fail(JSON.stringify(outcome)),
  );
  assert.equal(options[0], options[1]);
  assert.equal(options[0], options[3]);
  assert.notEqual(options[2], options[0]);
  assert.deepEqual(
    options.map((o) => [o.port, o.format]),
    [
      [5353, 'dig'],
      [5353, 'dig'],
      [53, 'dig'],
      [5353, 'dig'],
      [5353, 'json'],
    ],
  );
});

test('lines that start with the same options, read from the cache of their leading words, still get parseArgs exact answer', () => {
  fc.assert(
    fc.property(
      fc.array(word, { maxLength: 4 }),
      fc.array(word, { minLength: 1, maxLength: 5 }),
      fc.array(fc.array(word, { maxLength: 4 }), { minLength: 2, maxLength: 5 }),
      (prefix, lead, tails) => {
        const alike = parsesAlike(prefix);
        for (const tail of tails) alike([...lead, ...tail]);
      },
    ),
    { numRuns: 3000, seed: 20_261_207 },
  );
});

test('lines with the same @server and options share their options and settings; what a line adds after its name stays its own', () => {
  const parseLine = batchLineParser([]);
  const lead = ['@127.0.0.1', '-p', '5353', '+norec'];
  const outcomes = [
    ['a.example', 'A'],
    ['b.example', 'MX'],
    ['c.example', '+dnssec'],
    ['d.example', '-p', '53'],
    ['e.example'],
  ].map((tail) => parseLine([...lead, ...tail]));
  const runs = outcomes.map((outcome) => (outcome.kind === 'run' ? outcome : assert.fail(JSON.stringify(outcome))));
  const [a, b, c, d, e] = runs;
  assert.equal(a.options, b.options);
  assert.equal(a.options, e.options);
  assert.equal(a.options, c.options);
  assert.notEqual(d.options, a.options);
  assert.equal(a.queries[0].settings, b.queries[0].settings);
  assert.equal(a.queries[0].settings, e.queries[0].settings);
  assert.notEqual(c.queries[0].settings, a.queries[0].settings);
  assert.deepEqual(
    runs.map(({ options, queries: [q] }) => [
      q.name,
      q.type,
      q.servers,
      options.port,
      q.settings.recurse,
      q.settings.dnssec,
    ]),
    [
      ['a.example', 1, ['127.0.0.1'], 5353, false, false],
      ['b.example', 15, ['127.0.0.1'], 5353, false, false],
      ['c.example', 1, ['127.0.0.1'], 5353, false, true],
      ['d.example', 1, ['127.0.0.1'], 53, false, false],
      ['e.example', 1, ['127.0.0.1'], 5353, false, false],
    ],
  );
});

test('lines that differ from the line before only in a name, read from its parse, still get parseArgs exact answer', () => {
  const name = fc.constantFrom(
    'a.example',
    'h2.bench.test',
    'B.EXAMPLE.',
    'ixfr=1.example',
    'IXFR=2',
    '-x.example',
    '+a.example',
    '@1.2.3.4',
    '1.2.3.4',
    'example',
    'MX',
    'CH',
    '.',
    'a..b',
  );
  fc.assert(
    fc.property(
      fc.array(word, { maxLength: 4 }),
      fc.array(word, { maxLength: 3 }),
      fc.array(word, { maxLength: 3 }),
      fc.array(name, { minLength: 2, maxLength: 5 }),
      (prefix, before, after, names) => {
        const alike = parsesAlike(prefix);
        for (const each of names) alike([...before, each, ...after]);
      },
    ),
    { numRuns: 4000, seed: 20_261_207 },
  );
});

test('a line that repeats the one before but for its name gets its own query, with its own name', () => {
  const parseLine = batchLineParser(['@127.0.0.1', '+short']);
  const [a, b, c] = [
    ['h1.bench.test', 'A'],
    ['h2.bench.test', 'A'],
    ['h3.bench.test', 'MX'],
  ].map((line) => {
    const outcome = parseLine(line);
    return outcome.kind === 'run' ? outcome : assert.fail(JSON.stringify(outcome));
  });
  assert.deepEqual(
    [a, b, c].map(({ queries }) => queries.map((q) => [q.name, q.type])),
    [[['h1.bench.test', 1]], [['h2.bench.test', 1]], [['h3.bench.test', 15]]],
  );
  assert.notEqual(a.queries[0], b.queries[0]);
  assert.equal(a.queries[0].settings, b.queries[0].settings);
  assert.equal(a.options, b.options);
});
