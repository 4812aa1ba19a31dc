/**
 * Batch mode (-f) end to end: the shipped bin (the bundle) against in-process servers on loopback.
 * Correctness only; timings are for bench/.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';
import { exampleZone } from '../support/exampleZones.js';
import { runBin, runMain } from '../support/runCli.js';
import { choosePort } from '../support/ports.js';

const zone = exampleZone(
  Array.from({ length: 40 }, (_, i) => ({
    name: `h${i}.example.test.`,
    type: 'A',
    ttl: 300,
    data: `192.0.2.${i + 100}`,
  })),
);

let live: ZoneServer;
let silent: ZoneServer;
/** The silent server listens on its own address on the live server's port: the command line's -p applies to every line. */
const SILENT_ADDRESS = '127.0.0.98';
const dir = mkdtempSync(join(tmpdir(), 'tsdig-batch-'));

before(async () => {
  const port = await choosePort(['127.0.0.1', SILENT_ADDRESS]);
  live = await startZoneServer({ address: '127.0.0.1', port, zones: [zone] });
  silent = await startZoneServer({ address: SILENT_ADDRESS, port, zones: [zone], behaviour: 'silent' });
});
after(async () => {
  await Promise.all([live?.close(), silent?.close()]);
});

function batchFile(lines: string[]): string {
  const path = join(dir, `batch-${Math.random().toString(16).slice(2)}.txt`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * dig text without what differs run to run (ID, timing, cookies) or per invocation (the command header:
 * a run's whole header with the blank line before it, a later batch line's words alone).
 */
function normalise(text: string): string {
  return text
    .replace(/^\n?; <<>> tsdig .*\n(; \(\d+ servers? found\)\n)?;; global options:.*\n/gm, '')
    .replace(/^; <<>> tsdig .*\n/gm, '')
    .replace(/id: \d+/g, 'id: N')
    .split('\n')
    .filter((line) => !/^;; (Query time|WHEN):/.test(line) && !/COOKIE/.test(line))
    .join('\n');
}

const LINES = [
  'www.example.test',
  'www.example.test AAAA',
  'nope.example.test',
  'alias.example.test +short',
  'mail.example.test MX +noall +answer',
  '-t TXT www.example.test',
  ...Array.from({ length: 40 }, (_, i) => `h${i}.example.test A +short`),
];

test('batch: output is in input order and equal, query by query, to running each line alone', async () => {
  const common = [`@127.0.0.1`, '-p', String(live.port)];
  const batch = await runBin([...common, '-f', batchFile(LINES)]);
  assert.equal(batch.code, 0, batch.stderr);
  assert.equal(batch.stderr, '');
  let alone = '';
  for (const line of LINES) {
    const run = await runBin([...common, ...line.split(' ')]);
    assert.equal(run.code, 0, run.stderr);
    alone += run.stdout;
  }
  assert.equal(normalise(batch.stdout), normalise(alone));
  // Every query of the file went out once (the server counts what it received).
  assert.ok(batch.stdout.indexOf('192.0.2.100\n') < batch.stdout.indexOf('192.0.2.139\n'));
});

test('batch: -f - reads the queries from standard input', async () => {
  const lines = ['h1.example.test +short', 'h2.example.test +short', 'www.example.test AAAA +short'];
  const run = await runBin(['@127.0.0.1', '-p', String(live.port), '-f', '-'], { stdin: `${lines.join('\n')}\n` });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '192.0.2.101\n192.0.2.102\n2001:db8::10\n');
});

test('batch: -f - with stdin redirected from a file, and -f on a named pipe, read the same queries', async () => {
  const lines = ['; a comment', 'h1.example.test +short', '', 'h2.example.test +short', 'www.example.test AAAA +short'];
  const expected = '192.0.2.101\n192.0.2.102\n2001:db8::10\n';
  const redirected = await runBin(['@127.0.0.1', '-p', String(live.port), '-f', '-'], { stdinFile: batchFile(lines) });
  assert.equal(redirected.code, 0, redirected.stderr);
  assert.equal(redirected.stdout, expected);
  // A pipe cannot be read twice (once to check every line, once to run them): its text is kept for the second pass.
  const fifo = join(dir, `fifo-${Math.random().toString(16).slice(2)}`);
  execFileSync('mkfifo', [fifo]);
  const writer = new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(fifo);
    stream.on('error', reject);
    stream.end(`${lines.join('\n')}\n`, () => resolve());
  });
  const piped = await runBin(['@127.0.0.1', '-p', String(live.port), '-f', fifo]);
  await writer;
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(piped.stdout, expected);
});

test('batch: a file longer than one read (64 KiB), with names split across reads, runs every line in order', async () => {
  // Comment lines of multi-byte characters and lines of varying length put line and character boundaries across the reads.
  const lines: string[] = [];
  for (let i = 0; lines.join('\n').length < 200_000; i++)
    lines.push(`h${i % 40}.example.test +short${' '.repeat(i % 7)}`, `; ${'é'.repeat(i % 5)}`);
  const queries = lines.filter((line) => !line.startsWith(';'));
  const before = live.count();
  const run = await runBin(['@127.0.0.1', '-p', String(live.port), '-f', batchFile(lines)], { timeoutMs: 60_000 });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, queries.map((_, i) => `192.0.2.${(i % 40) + 100}\n`).join(''));
  assert.equal(live.count() - before, queries.length);
});

test("batch: a line's warnings go to stderr as dig prints them, once, however many times the file is read", async () => {
  // Past 1000 queries the file is read once to check it, again to plan, and again to run.
  const lines = [
    'www.example.test A AAAA +short',
    ...Array.from({ length: 1000 }, (_, i) => `h${i % 40}.example.test +short`),
    'www.example.test CH IN +short',
  ];
  const run = await runBin(['@127.0.0.1', '-p', String(live.port), '-f', batchFile(lines)], { timeoutMs: 60_000 });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, ';; Warning, extra type option\n;; Warning, extra class option\n');
  const out = run.stdout.split('\n');
  assert.deepEqual([out[0], out[1001], out.length], ['2001:db8::10', '192.0.2.10', 1003]);
});

test('batch: an unreadable file exits 8 with one line on stderr', async () => {
  const missing = await runBin(['@127.0.0.1', '-p', String(live.port), '-f', join(dir, 'no-such-file')]);
  assert.equal(missing.code, 8);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /^tsdig: [^\n]*no-such-file[^\n]*\n$/);
  // A directory cannot be read as a file either (root can read a mode-000 file, so this case does not depend on permissions).
  const directory = await runBin(['@127.0.0.1', '-p', String(live.port), '-f', dir]);
  assert.equal(directory.code, 8);
  assert.equal(directory.stderr.split('\n').length, 2, directory.stderr);
  if (process.getuid?.() !== 0) {
    const locked = batchFile(['www.example.test']);
    chmodSync(locked, 0o000);
    const denied = await runBin(['@127.0.0.1', '-p', String(live.port), '-f', locked]);
    assert.equal(denied.code, 8);
  }
});

test('batch: a bad line exits 1 before any packet is sent', async () => {
  const before = live.count();
  const run = await runBin([
    '@127.0.0.1',
    '-p',
    String(live.port),
    '-f',
    batchFile(['www.example.test', 'www.example.test +bogusoption', 'h1.example.test']),
  ]);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^tsdig: batch file line 2 \('www\.example\.test \+bogusoption'\): .*bogusoption.*\n$/);
  assert.equal(live.count(), before);
  // Far into a file longer than one read (the check reads every line before the first query).
  const long = [...Array.from({ length: 6000 }, (_, i) => `h${i % 40}.example.test`), '', 'h1.example.test -t BOGUS'];
  const late = await runBin(['@127.0.0.1', '-p', String(live.port), '-f', batchFile(long)]);
  assert.equal(late.code, 1);
  assert.equal(late.stdout, '');
  assert.match(late.stderr, /^tsdig: batch file line 6002 \('h1\.example\.test -t BOGUS'\): [^\n]*BOGUS[^\n]*\n$/);
  assert.equal(live.count(), before);
});

test('batch: --json prints one JSON document per line (NDJSON), in input order', async () => {
  const lines = ['www.example.test', 'nope.example.test', 'h3.example.test', 'mail.example.test MX'];
  const run = await runBin(['@127.0.0.1', '-p', String(live.port), '--json', '-f', batchFile(lines)]);
  assert.equal(run.code, 0, run.stderr);
  const rows = run.stdout.trimEnd().split('\n');
  assert.equal(rows.length, lines.length);
  const names = rows.map((row) => JSON.stringify(JSON.parse(row)).match(/"name":"([^"]+)"/)?.[1]);
  assert.deepEqual(names, ['www.example.test.', 'nope.example.test.', 'h3.example.test.', 'mail.example.test.']);
});

test('batch: a dead server on one line does not hold up the others', async () => {
  const events: string[] = [];
  const liveBefore = live.count();
  // A line's @server joins the command line's list, as in dig: here each line names its own server.
  const lines = [
    `@${SILENT_ADDRESS} www.example.test +tries=1 +time=2`,
    ...Array.from({ length: 10 }, (_, i) => `@127.0.0.1 h${i}.example.test +short`),
  ];
  let first = true;
  const watch = setInterval(() => {
    if (live.count() - liveBefore === 10 && !events.includes('live server saw every query'))
      events.push('live server saw every query');
  }, 5);
  try {
    const run = await runMain(['-p', String(live.port), '-f', batchFile(lines)], {
      io: {
        stdout: {
          write: (text: string) => {
            if (first) events.push('first output');
            first = false;
            return text.length >= 0;
          },
        },
      },
    });
    assert.equal(run.code, 9);
  } finally {
    clearInterval(watch);
  }
  assert.equal(silent.count() >= 1, true);
  // Output is in input order, so nothing prints until the dead line times out; the live queries went out before that.
  assert.deepEqual(events, ['live server saw every query', 'first output']);
});

test('batch: a line may carry its own -p, which wins over the command line', async () => {
  const other = await startZoneServer({ address: '127.0.0.1', zones: [zone] });
  try {
    const file = batchFile([`www.example.test +short -p ${other.port}`, 'mail.example.test MX +short']);
    const r = await runMain(['@127.0.0.1', '-p', String(live.port), '-f', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '192.0.2.10\n10 www.example.test.\n');
    assert.deepEqual(
      other.queries.map((q) => q.name),
      ['www.example.test'],
    );
  } finally {
    await other.close();
  }
});

test('batch: --concurrency N (with a space) on the command line does not break the lines', async () => {
  const r = await runMain([
    '@127.0.0.1',
    '-p',
    String(live.port),
    '--concurrency',
    '4',
    '-f',
    batchFile(['www.example.test +short']),
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '192.0.2.10\n');
});

test('batch: +tcp +keepopen pipelines every query to a server on one connection; +tcp alone opens one per query, as dig does', async () => {
  const lines = Array.from({ length: 40 }, (_, i) => `h${i}.example.test +short`);
  const expected = lines.map((_, i) => `192.0.2.${i + 100}\n`).join('');
  const common = ['@127.0.0.1', '-p', String(live.port), '+tcp', '-f', batchFile(lines)];
  /** The TCP connections a run's queries came on (a connection is its source address and port). */
  const connectionsOf = async (argv: string[]) => {
    const first = live.count();
    const run = await runBin(argv);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, expected);
    const seen = live.queries.slice(first);
    assert.equal(seen.length, lines.length);
    assert.ok(seen.every((query) => query.protocol === 'tcp'));
    return new Set(seen.map((query) => query.fromPort)).size;
  };
  assert.equal(await connectionsOf([...common, '+keepopen']), 1);
  assert.equal(await connectionsOf(common), lines.length);
  // +nokeepopen after +keepopen turns it off again.
  assert.equal(await connectionsOf([...common, '+keepopen', '+nokeepopen']), lines.length);
});
