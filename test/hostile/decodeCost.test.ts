/**
 * Decode cost through the real CLI: a 64 KiB TCP reply whose every owner name is a long chain of
 * compression pointers finishes and prints what it holds; a chain past the hop cap is a bad packet.
 * No timing is asserted: a decoder that walked chains without a cap would still finish here, so
 * the cap itself is checked by the second case, and the run's own kill deadline bounds a hang.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { replyWith } from '../support/hostileServer.js';
import { MAX_POINTER_HOPS } from '../../src/wire/reader.js';
import { pointerChainReply } from './packets.js';
import { badPacketLine, runAgainst } from './cli.js';

describe('64 KiB of compression-pointer chains over TCP', { concurrency: true }, () => {
  test(`chains of ${MAX_POINTER_HOPS - 1} hops: every record decoded and printed`, async () => {
    const { bytes, records } = pointerChainReply(MAX_POINTER_HOPS - 1);
    assert.ok(bytes.length > 65000);
    const run = await runAgainst(
      [replyWith(bytes)],
      ['example.test', 'A', '+tcp', '+timeout=5', '+tries=1', '+nocmd'],
      { timeoutMs: 15_000 },
    );
    assert.equal(run.timedOut, false);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(`^;; flags: qr rd ra; QUERY: 1, ANSWER: ${records}, AUTHORITY: 0, ADDITIONAL: 0$`, 'm'),
    );
    const nullRecords = run.stdout.split('\n').filter((line) => line === 'example.test.\t\t0\tIN\tNULL\t\\# 0');
    assert.equal(nullRecords.length, records - 1);
    assert.match(run.stdout, new RegExp(`^;; MSG SIZE  rcvd: ${bytes.length}$`, 'm'));
  });

  test(`chains of ${MAX_POINTER_HOPS + 1} hops: a bad packet at the first record that uses one, exit 9`, async () => {
    const { bytes } = pointerChainReply(MAX_POINTER_HOPS + 1);
    const run = await runAgainst([replyWith(bytes)], ['example.test', 'A', '+tcp', '+timeout=5', '+tries=1'], {
      timeoutMs: 15_000,
    });
    assert.equal(run.timedOut, false);
    assert.equal(run.code, 9);
    assert.ok(
      run.stdout.includes(
        badPacketLine(run.server, `answer record 2: name uses more than ${MAX_POINTER_HOPS} compression pointers`),
      ),
      run.stdout.slice(0, 500),
    );
  });
});
