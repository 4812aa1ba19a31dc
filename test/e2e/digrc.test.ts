/** ~/.digrc and -u through the real CLI (in process), against an in-process server on loopback. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';
import { exampleZone } from '../support/exampleZones.js';
import { runMain } from '../support/runCli.js';

let server: ZoneServer;
before(async () => {
  server = await startZoneServer({ address: '127.0.0.1', zones: [exampleZone()] });
});
after(async () => {
  await server?.close();
});

function home(digrc: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdig-home-'));
  writeFileSync(join(dir, '.digrc'), digrc);
  return dir;
}

const args = (...rest: string[]): string[] => ['@127.0.0.1', '-p', String(server.port), ...rest];

test('~/.digrc: its options come before the command line, which still wins; the echoed command line is the one typed', async () => {
  const dir = home('+noall +answer\n');
  const short = await runMain(args('www.example.test'), { env: { HOME: dir } });
  assert.equal(short.code, 0, short.stderr);
  assert.match(short.stdout, /^www\.example\.test\.\s+300\s+IN\s+A\s+192\.0\.2\.10\n$/);
  // dig decides on its header at the first name: ~/.digrc's +noall is in force there unless +cmd comes first.
  const late = await runMain(args('www.example.test', '+cmd', '+comments'), { env: { HOME: dir } });
  assert.match(late.stdout, /^;; Got answer:\n/);
  const withCmd = await runMain(args('+cmd', 'www.example.test', '+comments'), { env: { HOME: dir } });
  assert.match(
    withCmd.stdout,
    new RegExp(
      `^\\n; <<>> tsdig [^ ]+ <<>> @127\\.0\\.0\\.1 -p ${server.port} \\+cmd www\\.example\\.test \\+comments\\n`,
    ),
  );
  assert.match(withCmd.stdout, /status: NOERROR/);
});

test("-r skips ~/.digrc; a batch file's lines start from its options too", async () => {
  const dir = home('+short\n');
  const skipped = await runMain(['-r', ...args('www.example.test')], { env: { HOME: dir } });
  assert.match(skipped.stdout, /;; ANSWER SECTION:/);
  const batch = join(dir, 'batch');
  writeFileSync(batch, 'www.example.test\nwww.example.test AAAA\n');
  const lines = await runMain(args('-f', batch), { env: { HOME: dir } });
  assert.equal(lines.stdout, '192.0.2.10\n2001:db8::10\n');
});

test('a bad option in ~/.digrc is bad input naming the file; nothing is sent', async () => {
  const before = server.count();
  const run = await runMain(args('www.example.test'), { env: { HOME: home('+frobnicate\n') } });
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  assert.equal(
    run.stderr,
    "tsdig: ~/.digrc: unknown query option '+frobnicate' (see tsdig -h); tsdig -r skips the file\n",
  );
  assert.equal(server.count(), before);
});

test('-u: query time in microseconds, as dig -u prints it, and with +identify', async () => {
  const full = await runMain(['-u', ...args('www.example.test')]);
  assert.match(full.stdout, /^;; Query time: \d+ usec$/m);
  const identify = await runMain(['-u', ...args('www.example.test', '+short', '+identify')]);
  assert.match(identify.stdout, /^192\.0\.2\.10 from server 127\.0\.0\.1 in \d+ us\.\n$/);
});
