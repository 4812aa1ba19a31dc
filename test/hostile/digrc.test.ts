/**
 * A hostile ~/.digrc and @server words with control characters, through the real CLI: exit 1, one
 * escaped line on stderr, nothing on stdout, no packet sent, never a hang or a stack trace.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';
import { runBin, type CliRun } from '../support/runCli.js';
import { assertPrintable } from './cli.js';

let server: ZoneServer;
before(async () => {
  server = await startZoneServer({
    address: '127.0.0.1',
    zones: [{ origin: 'example.test.', records: [{ name: 'example.test.', type: 'A', ttl: 60, data: '192.0.2.1' }] }],
  });
});
after(() => server?.close());

/** A HOME whose .digrc is made by `make` (given its path). */
function homeWith(make: (path: string) => void): string {
  const home = mkdtempSync(join(tmpdir(), 'tsdig-hostile-home-'));
  make(join(home, '.digrc'));
  return home;
}

/** Checks the one-line refusal every case must end in, and returns that line. */
function assertRefused(run: CliRun): string {
  assert.equal(run.timedOut, false, 'the run had to be killed: it hung');
  assert.equal(run.code, 1, `exit code; stdout ${run.stdout} stderr ${run.stderr}`);
  assert.equal(run.stdout, '');
  assertPrintable(run.stderr, 'stderr');
  assert.doesNotMatch(run.stderr, /RangeError|TypeError|internal error|\n\s+at /);
  const lines = run.stderr.split('\n');
  assert.deepEqual(lines.length, 2, `exactly one line on stderr: ${run.stderr}`);
  return lines[0]!;
}

const query = (...extra: string[]): string[] => [
  '@127.0.0.1',
  '-p',
  String(server.port),
  'example.test',
  '+timeout=1',
  '+tries=1',
  ...extra,
];

/** Each hostile .digrc and what its one line must say. */
const DIGRC_CASES: Array<{ what: string; make: (path: string) => void; says: RegExp }> = [
  {
    what: 'an option holding an xterm title escape',
    make: (path) => writeFileSync(path, '+bogus\x1b]0;pwned\x07\n'),
    says: /^tsdig: ~\/\.digrc: unknown query option '\+bogus\\027]0;pwned\\007'/,
  },
  {
    what: 'an option with a bad value',
    make: (path) => writeFileSync(path, '+timeout=\x1b[31m5\n'),
    says: /^tsdig: ~\/\.digrc: invalid \+timeout value '\\027\[31m5'/,
  },
  {
    what: 'a port out of range',
    make: (path) => writeFileSync(path, '-p 99999\n'),
    says: /^tsdig: ~\/\.digrc: invalid port '99999'/,
  },
  {
    what: '@server with control characters',
    make: (path) => writeFileSync(path, '@127.0.0.1\x1b[2J\n'),
    says: /^tsdig: ~\/\.digrc: invalid server '127\.0\.0\.1\\027\[2J'/,
  },
  {
    what: 'bytes that are not UTF-8 next to an unknown option',
    make: (path) =>
      writeFileSync(path, Buffer.from([0x2b, 0x62, 0x6f, 0x67, 0x75, 0x73, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x0a])),
    says: /^tsdig: ~\/\.digrc: not UTF-8 text \(byte 0xff at offset 6\); tsdig -r skips the file$/,
  },
  {
    what: 'binary data: every byte value',
    make: (path) => writeFileSync(path, Buffer.from(Array.from({ length: 256 }, (_, i) => i))),
    says: /^tsdig: ~\/\.digrc: not a text file \(a NUL byte at offset 0\); tsdig -r skips the file$/,
  },
  {
    what: 'a file of 8 MiB',
    make: (path) => writeFileSync(path, '+short '.repeat((8 << 20) / 7)),
    says: /^tsdig: ~\/\.digrc: larger than 65536 bytes; tsdig -r skips the file$/,
  },
  {
    what: 'a device that never ends (/dev/zero)',
    make: (path) => symlinkSync('/dev/zero', path),
    says: /^tsdig: ~\/\.digrc: not a regular file; tsdig -r skips the file$/,
  },
  {
    what: 'a directory',
    make: (path) => mkdirSync(path),
    says: /^tsdig: ~\/\.digrc: not a regular file; tsdig -r skips the file$/,
  },
];

describe('a hostile ~/.digrc: one escaped line, exit 1, nothing sent', { concurrency: 4 }, () => {
  for (const { what, make, says } of DIGRC_CASES) {
    test(what, async () => {
      const home = homeWith(make);
      const run = await runBin(query(), { env: { HOME: home }, timeoutMs: 30_000 });
      assert.match(assertRefused(run), says);
      const json = await runBin(query('--json'), { env: { HOME: home }, timeoutMs: 30_000 });
      assert.equal(json.code, 1);
      assert.match(json.stdout, /^[\x20-\x7e\n]*$/);
      assert.equal((JSON.parse(json.stdout) as { status: string }).status, 'ERROR');
      // -r skips the file: the same query then runs.
      const skipped = await runBin(['-r', ...query('+short')], { env: { HOME: home } });
      assert.equal(skipped.code, 0, skipped.stderr);
      assert.equal(skipped.stdout, '192.0.2.1\n');
    });
  }
});

/** @server words holding control characters, and what the line must say. */
const SERVER_CASES: Array<{ what: string; word: string; says: RegExp }> = [
  {
    what: 'an IPv6 zone index holding an SGR escape',
    word: '@fe80::1%\x1b[31meth0',
    says: /^tsdig: invalid IPv6 address 'fe80::1%\\027\[31meth0' for @server$/,
  },
  {
    what: 'a loopback address with a zone index holding a title escape',
    word: '@::1%\x1b]0;x\x07',
    says: /^tsdig: invalid IPv6 address '::1%\\027]0;x\\007' for @server$/,
  },
  {
    what: 'an IPv4 address holding ESC',
    word: '@127.0.0.1\x1b',
    says: /^tsdig: invalid server '127\.0\.0\.1\\027' for @/,
  },
  {
    what: 'a host name holding BEL and U+202E',
    word: '@ns\x07\u202e.test',
    says: /^tsdig: invalid server 'ns\\007\\u\{202E\}\.test' for @/,
  },
];

describe('@server with control characters: one escaped line, exit 1, nothing sent', { concurrency: 4 }, () => {
  for (const { what, word, says } of SERVER_CASES) {
    test(what, async () => {
      const run = await runBin(['-p', String(server.port), word, 'example.test', '+timeout=1', '+tries=1']);
      assert.match(assertRefused(run), says);
    });
  }
});

describe('after every refusal', () => {
  test('the server received no query, and answers one that is good', async () => {
    assert.equal(server.count(), DIGRC_CASES.length);
    const run = await runBin(query('+short'));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '192.0.2.1\n');
  });
});

describe('a batch file line that is not UTF-8', () => {
  test('the line is echoed with the bad bytes escaped, not as U+FFFD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsdig-hostile-batch-'));
    writeFileSync(
      join(dir, 'batch'),
      Buffer.concat([Buffer.from('example.test +bo'), Buffer.from([0xff]), Buffer.from('gus\n')]),
    );
    const run = await runBin(['-p', String(server.port), '@127.0.0.1', '-f', join(dir, 'batch')]);
    assert.equal(
      assertRefused(run),
      "tsdig: batch file line 1 ('example.test +bo\\u{FFFD}gus'): unknown query option '+bo\\u{FFFD}gus' (see tsdig -h)",
    );
  });
});
