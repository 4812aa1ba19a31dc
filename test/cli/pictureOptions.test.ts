/** --graph, --graph-out and --report on the command line: argv in, options or the one line saying what is wrong. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchLineParser, parseArgs } from '../../src/cli/parseArgs.js';

function options(argv: string[]) {
  const outcome = parseArgs(argv);
  assert.equal(outcome.kind, 'run', outcome.kind === 'invalid' ? outcome.message : '');
  return outcome.options;
}

function invalid(argv: string[]): string {
  const outcome = parseArgs(argv);
  assert.equal(outcome.kind, 'invalid');
  return outcome.message;
}

test('--graph=dot and --graph svg (value in the next word) with +trace', () => {
  assert.equal(options(['example.test', '+trace', '--graph=dot']).graph, 'dot');
  const svg = options(['--graph', 'svg', 'example.test', '+trace']);
  assert.equal(svg.graph, 'svg');
  assert.equal(svg.graphOut, undefined);
});

test('--graph-out FILE: the format from --graph, else from the name (.svg, .dot, .gv)', () => {
  assert.deepEqual(
    [options(['x.', '+trace', '--graph=svg', '--graph-out=pic.dot'])].map((o) => [o.graph, o.graphOut]),
    [['svg', 'pic.dot']],
  );
  assert.equal(options(['x.', '+trace', '--graph-out=chain.SVG']).graph, 'svg');
  assert.equal(options(['x.', '+trace', '--graph-out', 'walk.gv']).graph, 'dot');
  assert.equal(
    invalid(['x.', '+trace', '--graph-out=picture.png']),
    "--graph-out 'picture.png': say --graph=dot or --graph=svg, or name the file .dot or .svg",
  );
});

test('--report FILE alone, or with --graph', () => {
  const report = options(['x.', '+trace', '+validate', '--report=r.html']);
  assert.equal(report.report, 'r.html');
  assert.equal(report.graph, undefined);
  assert.equal(options(['x.', '+trace', '--report', 'r.html', '--graph=svg']).graph, 'svg');
});

test('picture options: bad values and misplaced uses are one line each', () => {
  assert.equal(invalid(['x.', '+trace', '--graph=png']), "invalid --graph value 'png' (dot, svg)");
  assert.equal(invalid(['x.', '+trace', '--graph']), 'option --graph needs a value (--graph=format)');
  assert.equal(invalid(['x.', '+trace', '--report=']), 'option --report needs a file name');
  assert.equal(
    invalid(['x.', '--graph=dot']),
    '--graph draws a +trace, a +compare or a +check: add +trace, +compare or +check',
  );
  assert.equal(
    invalid(['x.', '--report=r.html']),
    '--report draws a +trace, a +compare or a +check: add +trace, +compare or +check',
  );
  assert.equal(
    invalid(['x.', 'y.', '+trace', '--graph=dot']),
    '--graph draws one +trace, +compare or +check: give one name',
  );
  assert.equal(
    invalid(['-f', 'names.txt', '+trace', '--report=r.html']),
    '--report draws one +trace, +compare or +check: not with -f',
  );
});

test('+check draws too: --graph and --report with one checked name', () => {
  assert.equal(options(['x.', '+check', '--graph=dot']).graph, 'dot');
  assert.equal(options(['x.', '+check', '--report=r.html']).report, 'r.html');
});

test('+trace after the name still counts: the query is traced', () => {
  assert.equal(options(['--graph=dot', 'x.', '+trace']).queries[0].settings.trace, true);
});

test('a batch line cannot ask for a picture', () => {
  const parse = batchLineParser(['+trace']);
  const outcome = parse(['x.', '--graph=dot']);
  assert.equal(outcome.kind, 'invalid');
  assert.match(outcome.kind === 'invalid' ? outcome.message : '', /not in a batch file line/);
  assert.equal(batchLineParser(['-t'])(['A', 'x.', '+trace', '--report=r.html']).kind, 'invalid');
});

test('without picture options nothing changes', () => {
  const plain = options(['x.', '+trace']);
  assert.equal(plain.graph, undefined);
  assert.equal(plain.graphOut, undefined);
  assert.equal(plain.report, undefined);
});
