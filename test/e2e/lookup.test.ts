import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/main.js';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';
import { exampleZone, reverseZone } from '../support/exampleZones.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const resolvDir = mkdtempSync(join(tmpdir(), 'tsdig-resolv-'));

const zone = exampleZone();

let v4: ZoneServer;
let v6: ZoneServer;
let truncating: ZoneServer;
let silent: ZoneServer;

before(async () => {
  v4 = await startZoneServer({ address: '127.0.0.1', zones: [zone, reverseZone] });
  v6 = await startZoneServer({ address: '::1', zones: [zone] });
  truncating = await startZoneServer({ address: '127.0.0.1', zones: [zone], behaviour: 'tc-always' });
  silent = await startZoneServer({ address: '127.0.0.1', zones: [zone], behaviour: 'silent' });
});
after(async () => {
  await Promise.all([v4, v6, truncating, silent].map((s) => s?.close()));
});

function resolvConf(text: string): string {
  const path = join(resolvDir, `resolv-${Math.random().toString(16).slice(2)}.conf`);
  writeFileSync(path, text);
  return path;
}

/** Runs main() in-process with captured output; the resolv.conf is always a loopback fixture. */
async function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { TSDIG_RESOLV_CONF: resolvConf('nameserver 127.0.0.1\n'), NO_COLOR: '1', TSDIG_LOOPBACK_ONLY: '1', ...env },
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** Runs the real bin as a user would. */
function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(repo, 'bin/tsdig'), ...args],
      {
        env: {
          PATH: process.env.PATH,
          TSDIG_RESOLV_CONF: resolvConf('nameserver 127.0.0.1\n'),
          NO_COLOR: '1',
          TSDIG_LOOPBACK_ONLY: '1',
        },
      },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

const answerLines = (out: string) => out.split('\n').filter((l) => l && !l.startsWith(';'));

test("bin: a plain query prints dig's layout over UDP", async () => {
  const r = await runBin([`@127.0.0.1`, '-p', String(v4.port), 'www.example.test']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(
    r.stdout,
    /^\n; <<>> tsdig [0-9.]+ <<>> @127\.0\.0\.1 -p \d+ www\.example\.test\n; \(1 server found\)\n;; global options: \+cmd\n;; Got answer:\n/,
  );
  assert.match(
    r.stdout,
    /;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \d+\n;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n/,
  );
  assert.match(r.stdout, /;; AUTHORITATIVE ANSWER/);
  assert.match(
    r.stdout,
    /;; QUESTION SECTION:\n;www\.example\.test\.\t\tIN\tA\n\n;; ANSWER SECTION:\nwww\.example\.test\.\t300\tIN\tA\t192\.0\.2\.10\n/,
  );
  assert.match(
    r.stdout,
    new RegExp(
      `;; SERVER: 127\\.0\\.0\\.1#${v4.port}\\(127\\.0\\.0\\.1\\) \\(UDP\\)\n;; WHEN: .+\n;; MSG SIZE  rcvd: \\d+\n`,
    ),
  );
});

test('bin: bad input is one line on stderr, exit 1, and nothing is sent', async () => {
  const before = v4.count();
  const r = await runBin([`@127.0.0.1`, '-p', String(v4.port), 'a..b.example.test']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /^tsdig: 'a\.\.b\.example\.test' is not a legal name \(empty label\)\n$/);
  assert.equal(v4.count(), before);
});

test('+tcp goes over TCP', async () => {
  const r = await run(['@127.0.0.1', '-p', String(v4.port), 'www.example.test', '+tcp']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /\(TCP\)\n/);
  assert.equal(v4.queries.at(-1)?.protocol, 'tcp');
});

test('IPv6 server on ::1', async () => {
  const r = await run(['@::1', '-p', String(v6.port), 'www.example.test', 'AAAA']);
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(answerLines(r.stdout), ['www.example.test.\t300\tIN\tAAAA\t2001:db8::10']);
  assert.match(r.stdout, new RegExp(`;; SERVER: ::1#${v6.port}\\(::1\\) \\(UDP\\)`));
});

test('a truncated reply is retried over TCP, and said so', async () => {
  const r = await run(['@127.0.0.1', '-p', String(truncating.port), 'www.example.test']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^;; Truncated, retrying in TCP mode\.\n/);
  assert.match(r.stdout, /\(TCP\)\n/);
  assert.deepEqual(answerLines(r.stdout), ['www.example.test.\t300\tIN\tA\t192.0.2.10']);
});

test('+ignore keeps the truncated reply', async () => {
  const r = await run(['@127.0.0.1', '-p', String(truncating.port), 'www.example.test', '+ignore']);
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.stdout, /Truncated/);
  assert.match(r.stdout, /;; flags: qr (aa )?tc rd;/);
});

test('NXDOMAIN is a reply: exit 0, SOA in authority', async () => {
  const r = await run(['@127.0.0.1', '-p', String(v4.port), 'nope.example.test']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /status: NXDOMAIN/);
  assert.match(
    r.stdout,
    /;; AUTHORITY SECTION:\nexample\.test\.\t\t300\tIN\tSOA\tns1\.example\.test\. hostmaster\.example\.test\. 7 3600 900 604800 300\n/,
  );
});

test('NODATA: NOERROR with no answer', async () => {
  const r = await run(['@127.0.0.1', '-p', String(v4.port), 'txtonly.example.test', 'A']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /status: NOERROR/);
  assert.match(r.stdout, /ANSWER: 0, AUTHORITY: 1/);
});

test('CNAME chain inside the zone, and +short', async () => {
  const r = await run(['@127.0.0.1', '-p', String(v4.port), 'alias.example.test', '+short']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'www.example.test.\n192.0.2.10\n');
});

test('several queries on one line, type before name, each printed', async () => {
  const r = await run([
    '@127.0.0.1',
    '-p',
    String(v4.port),
    '+noall',
    '+answer',
    'MX',
    'mail.example.test',
    'www.example.test',
    'aaaa',
  ]);
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    'mail.example.test.\t300\tIN\tMX\t10 www.example.test.\nwww.example.test.\t300\tIN\tAAAA\t2001:db8::10\n',
  );
});

test('-x builds the in-addr.arpa name and asks for PTR', async () => {
  const r = await run(['@127.0.0.1', '-p', String(v4.port), '-x', '192.0.2.10', '+short']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'www.example.test.\n');
  const last = v4.queries.at(-1)!;
  assert.equal(last.name.toLowerCase(), '10.2.0.192.in-addr.arpa');
  assert.equal(last.type, 'PTR');
});

test('a silent server: timed out, no servers could be reached, exit 9', async () => {
  const r = await run(['@127.0.0.1', '-p', String(silent.port), 'www.example.test', '+timeout=1', '+tries=2']);
  assert.equal(r.code, 9);
  const lines = r.stdout.split('\n');
  assert.equal(lines.filter((l) => l === `;; communications error to 127.0.0.1#${silent.port}: timed out`).length, 2);
  assert.match(r.stdout, /;; no servers could be reached\n$/);
  assert.equal(silent.queries.length >= 2, true);
});

test('connection refused is reported at once, exit 9', async () => {
  const closed = await startZoneServer({ address: '127.0.0.1', zones: [zone] });
  const port = closed.port;
  await closed.close();
  const r = await run(['@127.0.0.1', '-p', String(port), 'www.example.test', '+tries=1', '+timeout=30']);
  assert.equal(r.code, 9);
  assert.match(r.stdout, new RegExp(`;; communications error to 127\\.0\\.0\\.1#${port}: connection refused\n`));
});

test('no @server: the first nameserver of the resolv.conf fixture is used', async () => {
  const r = await run(['-p', String(v4.port), 'www.example.test', '+short'], {
    TSDIG_RESOLV_CONF: resolvConf('# fixture\nnameserver 127.0.0.1\noptions ndots:1\n'),
  });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '192.0.2.10\n');
});

test('+search tries the search list from resolv.conf, moving on after NXDOMAIN as dig does', async () => {
  const r = await run(['-p', String(v4.port), 'www', '+search', '+short'], {
    TSDIG_RESOLV_CONF: resolvConf('nameserver 127.0.0.1\nsearch nothere.example.test example.test\n'),
  });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '192.0.2.10\n');
});

test('+qr prints the query as sent', async () => {
  const r = await run(['@127.0.0.1', '-p', String(v4.port), 'www.example.test', '+qr', '+norecurse']);
  assert.match(
    r.stdout,
    /;; Sending:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: (\d+)\n;; flags: ad; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n/,
  );
  assert.match(r.stdout, /;; QUERY SIZE: \d+\n/);
});

test('BADVERS: asked again with the EDNS version the server named, as dig does', async () => {
  const r = await run(['@127.0.0.1', '-p', String(v4.port), 'www.example.test', '+edns=1']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^;; BADVERS, retrying with EDNS version 0\.\n/);
  assert.match(r.stdout, /status: NOERROR/);
  assert.deepEqual(answerLines(r.stdout), ['www.example.test.\t300\tIN\tA\t192.0.2.10']);
});

test("a failure prints dig's command header even with +short or +nocmd, as dig does", async () => {
  for (const flag of ['+short', '+nocmd']) {
    const r = await run(['@127.0.0.1', '-p', String(silent.port), 'www.example.test', flag, '+timeout=1', '+tries=1']);
    assert.equal(r.code, 9);
    assert.match(
      r.stdout,
      new RegExp(
        `^;; communications error to 127\\.0\\.0\\.1#${silent.port}: timed out\\n\\n; <<>> tsdig [0-9.]+ <<>> .*\\n; \\(1 server found\\)\\n;; global options: \\+cmd\\n;; no servers could be reached\\n$`,
      ),
      flag,
    );
  }
});
