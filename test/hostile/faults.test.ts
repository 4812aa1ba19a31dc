/**
 * Network faults through the real CLI: silence, refusal, TCP framing faults, a slow drip against
 * the per-try deadline, and truncation whose TCP retry fails or is itself truncated. No timings
 * are asserted; the drip case is bounded by killing the run, which then fails the test.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hex } from '../fixtures/packets/hex.js';
import { goodA, truncatedEmpty } from '../fixtures/packets/odd.js';
import { FLAGS_TC } from '../fixtures/packets/common.js';
import {
  SILENT,
  TCP_CLOSE_EARLY,
  replyWith,
  tcOverTcp,
  tcThenTcp,
  tcpBadLength,
  tcpDrip,
  type HostileScript,
} from '../support/hostileServer.js';
import { repoRoot, runBin } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { countLines, runAgainst } from './cli.js';

const FAST = ['+timeout=1', '+tries=1'];
const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;

/** goodA with TC set: a truncated reply that still carries an answer, which must not be shown as the answer. */
const truncatedWithAnswer = hex(goodA.slice(0, 4), FLAGS_TC, goodA.slice(8));

function commError(port: number, reason: string): string {
  return `;; communications error to 127.0.0.1#${port}: ${reason}`;
}

describe('UDP faults', { concurrency: true }, () => {
  test('a silent server: one timeout per try, then exit 9', async () => {
    const run = await runAgainst([SILENT], ['example.test', 'A', '+timeout=1', '+tries=2']);
    assert.equal(run.code, 9);
    assert.equal(run.server.count(), 2);
    assert.equal(countLines(run.stdout, commError(run.server.port, 'timed out')), 2);
    assert.match(run.stdout, /^;; no servers could be reached$/m);
  });

  test('--json on a timeout: one ASCII document, schema-valid, with the error and the event', async () => {
    const run = await runAgainst([SILENT], ['example.test', 'A', ...FAST, '--json']);
    assert.equal(run.code, 9);
    assert.match(run.stdout, /^[\x20-\x7e\n]*$/);
    const doc = JSON.parse(run.stdout) as {
      status: string;
      error: { code: string };
      events: Array<{ kind: string; text: string }>;
    };
    assert.deepEqual(validateJson(doc, schema), []);
    assert.equal(doc.status, 'ERROR');
    assert.equal(doc.error.code, 'transport.timeout');
    assert.deepEqual(
      doc.events.map((e) => e.text),
      [`communications error to 127.0.0.1#${run.server.port}: timed out`],
    );
  });

  test('connection refused: reported per try, exit 9', async () => {
    const probe = createSocket('udp4');
    await new Promise<void>((done) => probe.bind(0, '127.0.0.1', done));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((done) => probe.close(() => done()));
    const run = await runBin(['@127.0.0.1', '-p', String(port), 'example.test', 'A', '+timeout=1', '+tries=2']);
    assert.equal(run.code, 9);
    assert.equal(countLines(run.stdout, commError(port, 'connection refused')), 2);
    assert.equal(run.stderr, '');
  });
});

describe('TCP faults', { concurrency: true }, () => {
  const tcpRun = (script: HostileScript, extra: string[] = FAST, timeoutMs?: number) =>
    runAgainst(script, ['example.test', 'A', '+tcp', ...extra], timeoutMs ? { timeoutMs } : {});

  test('the server closes without replying', async () => {
    const run = await tcpRun([TCP_CLOSE_EARLY]);
    assert.equal(run.code, 9);
    assert.equal(countLines(run.stdout, commError(run.server.port, 'connection closed before a reply')), 1);
  });

  test('a long length prefix, then close: the short read is an error', async () => {
    const run = await tcpRun([tcpBadLength(goodA, 5)]);
    assert.equal(run.code, 9);
    assert.equal(
      countLines(run.stdout, commError(run.server.port, 'connection closed after 46 of 51 bytes of the reply')),
      1,
    );
    assert.doesNotMatch(run.stdout, /ANSWER SECTION/);
  });

  test('a short length prefix: the cut message is a bad packet, not an answer', async () => {
    const run = await tcpRun([tcpBadLength(goodA, -3)]);
    assert.equal(run.code, 9);
    assert.equal(
      countLines(
        run.stdout,
        `;; Got bad packet from 127.0.0.1#${run.server.port}: answer record 1: rdlength 4 runs past end of message`,
      ),
      1,
    );
    assert.doesNotMatch(run.stdout, /ANSWER SECTION/);
  });

  test('a one-byte-every-250-ms drip is ended by the whole-try deadline (+timeout=1)', async () => {
    // The 48 framed bytes would take 12 s: a per-read idle timer would never fire and the run would be killed at 8 s.
    const run = await tcpRun([tcpDrip(goodA, 250)], FAST, 8000);
    assert.equal(run.timedOut, false, 'the drip outlasted the deadline');
    assert.equal(run.code, 9);
    assert.equal(countLines(run.stdout, commError(run.server.port, 'timed out')), 1);
    assert.doesNotMatch(run.stdout, /ANSWER SECTION/);
  });

  test('a fast drip that ends inside the deadline is a normal answer', async () => {
    const run = await tcpRun([tcpDrip(goodA, 2)], ['+timeout=3', '+tries=1', '+short']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '192.0.2.1\n');
  });
});

describe('truncation', { concurrency: true }, () => {
  test('TC over UDP, then the TCP retry is closed early: exit 9, and the truncated answer is not shown', async () => {
    const script: HostileScript = ({ protocol }) =>
      protocol === 'udp' ? replyWith(truncatedWithAnswer) : TCP_CLOSE_EARLY;
    const run = await runAgainst(script, ['example.test', 'A', '+timeout=1', '+tries=3']);
    assert.equal(run.code, 9);
    assert.deepEqual(
      run.server.queries.map((q) => q.protocol),
      ['udp', 'tcp'],
    );
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], ';; Truncated, retrying in TCP mode.');
    assert.equal(lines[1], commError(run.server.port, 'connection closed before a reply'));
    assert.doesNotMatch(run.stdout, /192\.0\.2\.1|ANSWER SECTION|Got answer/);
  });

  test('TC over UDP, then the TCP retry stays silent: exit 9 after one TCP timeout', async () => {
    const script: HostileScript = ({ protocol }) => (protocol === 'udp' ? replyWith(truncatedWithAnswer) : SILENT);
    const run = await runAgainst(script, ['example.test', 'A', ...FAST]);
    assert.equal(run.code, 9);
    assert.deepEqual(
      run.server.queries.map((q) => q.protocol),
      ['udp', 'tcp'],
    );
    assert.equal(countLines(run.stdout, commError(run.server.port, 'timed out')), 1);
    assert.doesNotMatch(run.stdout, /192\.0\.2\.1/);
  });

  test('TC over UDP and TC again over TCP: one TCP query, no loop', async () => {
    const run = await runAgainst(tcThenTcp(truncatedEmpty, truncatedWithAnswer), [
      'example.test',
      'A',
      ...FAST,
      '+nocmd',
      '+nostats',
    ]);
    assert.deepEqual(
      run.server.queries.map((q) => q.protocol),
      ['udp', 'tcp'],
    );
    assert.equal(countLines(run.stdout, ';; Truncated, retrying in TCP mode.'), 1);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^;; flags: qr tc rd ra;/m);
  });

  test('+tcp and a TC reply: shown as it is, one query, no retry', async () => {
    const run = await runAgainst([tcOverTcp(goodA)], ['example.test', 'A', '+tcp', ...FAST, '+nocmd', '+nostats']);
    assert.equal(run.code, 0);
    assert.equal(run.server.count(), 1);
    assert.doesNotMatch(run.stdout, /retrying/);
    assert.match(run.stdout, /^;; flags: qr tc rd ra;/m);
  });

  test('TC then a full TCP answer: the TCP answer is used', async () => {
    const run = await runAgainst(tcThenTcp(truncatedEmpty, goodA), ['example.test', 'A', ...FAST, '+short']);
    assert.equal(run.code, 0);
    // dig's truncation line is a comment: +short (like +nocomments) leaves it out.
    assert.equal(run.stdout, '192.0.2.1\n');
    const full = await runAgainst(tcThenTcp(truncatedEmpty, goodA), [
      'example.test',
      'A',
      ...FAST,
      '+noall',
      '+answer',
    ]);
    assert.equal(full.stdout, 'example.test.\t\t3600\tIN\tA\t192.0.2.1\n');
    const commented = await runAgainst(tcThenTcp(truncatedEmpty, goodA), ['example.test', 'A', ...FAST]);
    assert.match(commented.stdout, /^;; Truncated, retrying in TCP mode\.\n/);
  });
});
