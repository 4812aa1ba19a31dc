/**
 * `tsdig NAME +trace` end to end: the real bin against the loopback hierarchy (every server on one
 * port, reached with -p), checking the text a person reads and the exit code.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { TRACE_CASES } from '../support/hierarchyCases.js';
import { ADDR } from '../support/hierarchyZones.js';
import { runBin, writeResolvConf, type CliRun } from '../support/runCli.js';

let hierarchy: Hierarchy;
before(async () => {
  hierarchy = await startHierarchy();
});
after(async () => {
  await hierarchy?.close();
});

/** Runs a trace started at the hierarchy's root server (as `@127.0.0.2 -p PORT`). */
function traceRun(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runBin([...args, '+trace', `@${ADDR.root}`, '-p', String(hierarchy.port), '+timeout=1', '+tries=1'], { env });
}

/** The `;; Received ... from ADDR#PORT(NAME)` servers, in order. */
function receivedFrom(stdout: string): string[] {
  return [...stdout.matchAll(/^;; Received \d+ bytes from (\S+?)#\d+\(/gm)].map((m) => m[1]);
}

test("e2e trace: plain name through two cuts, dig's layout, exit 0", async () => {
  const run = await traceRun([TRACE_CASES.plain.name]);
  assert.equal(run.code, 0, run.stderr);
  const servers = receivedFrom(run.stdout);
  assert.deepEqual([servers[0], servers[1], servers[3]], [ADDR.root, ADDR.root, ADDR.example]);
  assert.ok([ADDR.testA, ADDR.testB].includes(servers[2] as typeof ADDR.testA), servers[2]);
  assert.equal(servers.length, 4);
  assert.match(run.stdout, /^example\.test\.\s+\d+\s+IN\s+A\s+192\.0\.2\.1$/m);
  assert.match(
    run.stdout,
    /^;; zone: example\.test\. {2}question: example\.test\. A {2}outcome: authoritative answer$/m,
  );
  assert.match(run.stdout, /^;; Total: 4 hops, 4 queries, \d+ ms$/m);
});

test('e2e trace: glueless delegation is resolved by tsdig itself', async () => {
  const run = await traceRun([TRACE_CASES.glueless.name]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^;; looked up ns\.hoster\.demo\. \(no usable glue\): 127\.0\.0\.11 /m);
  assert.equal(receivedFrom(run.stdout).at(-1), ADDR.glueless);
});

for (const [key, what] of [
  ['lame', /lame \(no aa flag and no referral\), trying next server/],
  ['refused', /REFUSED, trying next server/],
  ['closed', /connection refused, trying next server/],
  ['silent', /no reply after \d+ ms; asked the next server in parallel/],
] as const) {
  test(`e2e trace: ${key} first server is shown and the second answers`, async () => {
    const scenario = TRACE_CASES[key];
    const run = await traceRun([scenario.name]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, what);
    assert.equal(receivedFrom(run.stdout).at(-1), scenario.answeredBy);
  });
}

test('e2e trace: a zone whose servers all fail ends with exit 9 and says why', async () => {
  const run = await traceRun([TRACE_CASES.dead.name]);
  assert.equal(run.code, 9);
  assert.match(run.stdout + run.stderr, /all servers of dead\.test\. failed/);
});

test('e2e trace: a referral to the same zone is a BAD REFERRAL, exit 9', async () => {
  const run = await traceRun([TRACE_CASES.loop.name]);
  assert.equal(run.code, 9);
  assert.match(run.stdout, /^;; BAD REFERRAL$/m);
  assert.ok(hierarchy.byAddress.get(ADDR.loop)!.count() < 5);
});

test('e2e trace: an upward referral is a BAD REFERRAL, exit 9', async () => {
  const run = await traceRun([TRACE_CASES.upward.name]);
  assert.equal(run.code, 9);
  assert.match(run.stdout, /^;; BAD REFERRAL$/m);
});

test('e2e trace: out-of-bailiwick glue is ignored, said so, and its address never asked', async () => {
  const before = hierarchy.byAddress.get(ADDR.poison)!.count();
  const run = await traceRun([TRACE_CASES.oob.name]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^;; ignored out-of-bailiwick glue: ns\.oobhost\.demo\. A 127\.0\.0\.21$/m);
  assert.equal(hierarchy.byAddress.get(ADDR.poison)!.count(), before);
  assert.equal(receivedFrom(run.stdout).at(-1), ADDR.oob);
});

test('e2e trace: a deep chain of cuts shows one hop per cut', async () => {
  const run = await traceRun([TRACE_CASES.deep.name]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(
    [...run.stdout.matchAll(/^;; zone: (\S+)/gm)].map((m) => m[1]),
    ['.', ...TRACE_CASES.deep.zones],
  );
});

test('e2e trace: NXDOMAIN at an intermediate cut ends the trace, exit 0', async () => {
  const run = await traceRun([TRACE_CASES.nxCut.name]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^;; zone: test\. {2}question: www\.nx\.test\. A {2}outcome: NXDOMAIN \(authoritative\)/m);
});

test('e2e trace: the IPv6-only name server on ::1 is found and asked', async () => {
  const run = await traceRun([TRACE_CASES.v6only.name]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(receivedFrom(run.stdout).at(-1), '::1');
});

test('e2e trace: a CNAME across zones is shown, and +follow traces the target from the root', async () => {
  const plain = await traceRun([TRACE_CASES.cnameAcross.name]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /CNAME\s+host\.other\.demo\.$/m);
  assert.doesNotMatch(plain.stdout, /other\.demo\. {2}question/);
  const followed = await traceRun([TRACE_CASES.cnameAcross.name, '+follow']);
  assert.equal(followed.code, 0, followed.stderr);
  assert.match(followed.stdout, /^host\.other\.demo\.\s+\d+\s+IN\s+A\s+192\.0\.2\.10$/m);
  assert.equal(receivedFrom(followed.stdout).at(-1), ADDR.other);
});

test('e2e trace: -x traces the reverse name', async () => {
  const run = await traceRun(['-x', '192.0.2.1']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^1\.2\.0\.192\.in-addr\.arpa\.\s+\d+\s+IN\s+PTR\s+example\.test\.$/m);
});

test('e2e trace: --root-hints FILE starts from the file, without asking the resolv.conf server', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'tsdig-hints-')), 'named.root');
  writeFileSync(path, hierarchy.rootHintsText);
  const run = await runBin([
    TRACE_CASES.plain.name,
    '+trace',
    `--root-hints=${path}`,
    '-p',
    String(hierarchy.port),
    '+timeout=1',
    '+tries=1',
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(receivedFrom(run.stdout).at(-1), ADDR.example);
  assert.match(run.stdout, /root servers from the root hints file/);
});

test('e2e trace: with @server, the resolv.conf server is never contacted', async () => {
  const watched = '127.0.0.251';
  const sockets: Socket[] = [];
  let packets = 0;
  for (const port of [53, hierarchy.port]) {
    const socket = createSocket('udp4');
    socket.on('message', () => packets++);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, watched, () => resolve());
    });
    sockets.push(socket);
  }
  try {
    const resolvConf = writeResolvConf([`nameserver ${watched}`]);
    const run = await traceRun([TRACE_CASES.glueless.name], { TSDIG_RESOLV_CONF: resolvConf });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(packets, 0);
  } finally {
    for (const socket of sockets) socket.close();
  }
});

test('e2e trace: the summary names every hop and the total', async () => {
  const run = await traceRun([TRACE_CASES.plain.name]);
  const summary = run.stdout.slice(run.stdout.indexOf(';; Trace summary'));
  assert.match(summary, /^;; Trace summary for example\.test\. A:$/m);
  assert.equal([...summary.matchAll(/^;; {3}(\.|test\.|example\.test\.) /gm)].length, 4);
});
