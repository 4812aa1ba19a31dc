/**
 * Zone transfers from servers that misbehave: early close, silence after the first message,
 * refusal, an error RCODE mid-transfer, wrong IDs, garbage frames, a message of 65535 bytes, and
 * a million records through a capped heap. Output and exit codes are dig's (see README.md, "Reliability on hostile networks").
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { aRecord, REFUSED_XFR, soaRecord, TWO_MESSAGE_AXFR, xfrMessage } from '../fixtures/packets/transfer.js';
import { hex } from '../fixtures/packets/hex.js';
import { repoRoot, runBin } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import type { HostileAction } from '../support/hostileServer.js';
import { countLines, firstUnsafe, runAgainst } from './cli.js';

const FAST = ['+timeout=1', '+tries=1'];
const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;

/** The records of a run's output (lines that are not comments or blank). */
function recordLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line !== '' && !line.startsWith(';'));
}

function messages(...hexes: string[]): HostileAction {
  return { replies: hexes.map((bytes) => ({ bytes })) };
}

describe('zone transfers from hostile servers', { concurrency: true }, () => {
  test('a transfer in two messages: every record, then the XFR size line', async () => {
    const run = await runAgainst([messages(...TWO_MESSAGE_AXFR)], ['example.test', 'AXFR', ...FAST]);
    assert.equal(run.code, 0);
    assert.deepEqual(
      recordLines(run.stdout).map((line) => line.split('\t')[0]),
      ['example.test.', 'h1.example.test.', 'h2.example.test.', 'example.test.'],
    );
    assert.match(run.stdout, /^;; XFR size: 4 records \(messages 2, bytes \d+\)$/m);
    assert.match(
      run.stdout,
      new RegExp(`^;; SERVER: 127\\.0\\.0\\.1#${run.server.port}\\(127\\.0\\.0\\.1\\) \\(TCP\\)$`, 'm'),
    );
    assert.equal(run.server.queries[0].protocol, 'tcp');
  });

  test('+notcp does not move an AXFR to UDP', async () => {
    const run = await runAgainst([messages(...TWO_MESSAGE_AXFR)], ['example.test', 'AXFR', '+notcp', ...FAST]);
    assert.equal(run.code, 0);
    assert.deepEqual(
      run.server.queries.map((q) => q.protocol),
      ['tcp'],
    );
  });

  test('the connection closes before the closing SOA: end of file on each try, exit 9', async () => {
    const action: HostileAction = { replies: [{ bytes: TWO_MESSAGE_AXFR[0] }], close: true };
    const run = await runAgainst([action], ['example.test', 'AXFR', '+timeout=1', '+tries=2']);
    assert.equal(run.code, 9);
    assert.equal(countLines(run.stdout, `;; communications error to 127.0.0.1#${run.server.port}: end of file`), 2);
    assert.match(run.stdout, /^;; no servers could be reached$/m);
    assert.doesNotMatch(run.stdout, /XFR size/);
  });

  test('silence after the first message: the idle timeout ends it, exit 9', async () => {
    const run = await runAgainst([{ replies: [{ bytes: TWO_MESSAGE_AXFR[0] }] }], ['example.test', 'AXFR', ...FAST]);
    assert.equal(run.timedOut, false);
    assert.equal(run.code, 9);
    assert.equal(countLines(run.stdout, `;; communications error to 127.0.0.1#${run.server.port}: timed out`), 1);
    assert.equal(recordLines(run.stdout).length, 2, 'the records that came are shown');
  });

  test('REFUSED: dig\'s "; Transfer failed." and exit 0', async () => {
    const run = await runAgainst([messages(REFUSED_XFR)], ['example.test', 'AXFR', ...FAST]);
    assert.equal(run.code, 0);
    assert.equal(countLines(run.stdout, '; Transfer failed.'), 1);
    assert.doesNotMatch(run.stdout, /XFR size/);
  });

  test('an error RCODE in a later message ends the transfer, records or not', async () => {
    const servfail = xfrMessage([aRecord(2)], { rcode: 2 });
    const run = await runAgainst(
      [messages(TWO_MESSAGE_AXFR[0], servfail, TWO_MESSAGE_AXFR[1])],
      ['example.test', 'AXFR', ...FAST],
    );
    assert.equal(run.code, 0);
    assert.equal(countLines(run.stdout, '; Transfer failed.'), 1);
    assert.doesNotMatch(run.stdout, /XFR size/);
  });

  test('a first record that is not an SOA', async () => {
    const run = await runAgainst([messages(xfrMessage([aRecord(1), soaRecord(5)]))], ['example.test', 'AXFR', ...FAST]);
    assert.equal(countLines(run.stdout, "; Transfer failed.  Didn't start with SOA answer."), 1);
  });

  test('a wrong ID before the first SOA ends it; a wrong ID later is warned about once', async () => {
    const early = await runAgainst(
      [{ replies: [{ bytes: TWO_MESSAGE_AXFR[0], id: 'wrong' }] }],
      ['example.test', 'AXFR', ...FAST],
    );
    assert.equal(early.code, 0);
    assert.match(early.stdout, /^;; ERROR: ID mismatch: expected ID \d+, got \d+$/m);
    assert.equal(recordLines(early.stdout).length, 0);
    const later: HostileAction = {
      replies: [
        { bytes: TWO_MESSAGE_AXFR[0] },
        { bytes: xfrMessage([aRecord(7)]), id: 'wrong' },
        { bytes: xfrMessage([aRecord(8)]), id: 'wrong' },
        { bytes: TWO_MESSAGE_AXFR[1] },
      ],
    };
    const run = await runAgainst([later], ['example.test', 'AXFR', ...FAST]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout.match(/;; WARNING: ID mismatch/g)?.length, 1);
    assert.match(run.stdout, /^;; XFR size: 6 records \(messages 4, /m);
  });

  test('a frame too short for a header, and one that is not DNS at all', async () => {
    const short = await runAgainst([messages(TWO_MESSAGE_AXFR[0], '0102')], ['example.test', 'AXFR', ...FAST]);
    assert.equal(short.code, 0);
    assert.match(short.stdout, /^;; ERROR: short \(< header size\) message$/m);
    // A header claiming one question, then bytes that run out inside its name.
    const garbage = hex('0000 8400 0001 0000 0000 0000', '3f', 'ffffffff');
    const bad = await runAgainst([messages(TWO_MESSAGE_AXFR[0], garbage)], ['example.test', 'AXFR', ...FAST]);
    assert.equal(bad.code, 0);
    assert.match(bad.stdout, /^;; Got bad packet: /m);
    assert.equal(firstUnsafe(bad.stdout), undefined);
  });

  test('a message of 65535 bytes, the most a frame can carry', async () => {
    // SOA, then TXT records of 255-byte strings, then the closing SOA, padded to exactly 65535 bytes.
    const txt = (size: number): string =>
      hex(
        'c00c',
        '0010 0001 00000e10',
        (size + 1).toString(16).padStart(4, '0'),
        size.toString(16).padStart(2, '0'),
        '78'.repeat(size),
      );
    // A TXT record of an n-byte string takes 13 + n bytes (owner pointer, fixed fields, length octet).
    const budget = 65535 - xfrMessage([soaRecord(5), soaRecord(5)]).length / 2;
    const sizes = Array.from({ length: Math.floor(budget / 268) }, () => 255);
    const rest = budget % 268;
    if (rest >= 13) sizes.push(rest - 13);
    else sizes.splice(0, 1, 200, 42 + rest);
    const all = [soaRecord(5), ...sizes.map(txt), soaRecord(5)];
    const message = xfrMessage(all);
    assert.equal(message.length / 2, 65535);
    const run = await runAgainst([messages(message)], ['example.test', 'AXFR', ...FAST]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, new RegExp(`^;; XFR size: ${all.length} records \\(messages 1, bytes 65535\\)$`, 'm'));
  });

  test('--json: one schema-valid document, also for a refused transfer', async () => {
    for (const action of [
      messages(...TWO_MESSAGE_AXFR),
      messages(REFUSED_XFR),
      { replies: [{ bytes: TWO_MESSAGE_AXFR[0] }], close: true },
    ]) {
      const run = await runAgainst([action], ['example.test', 'AXFR', ...FAST, '--json']);
      assert.match(run.stdout, /^[\x20-\x7e\n]*$/);
      const doc = JSON.parse(run.stdout) as { kind: string; records: unknown[]; outcome: string };
      assert.deepEqual(validateJson(doc, schema), []);
      assert.equal(doc.kind, 'transfer');
    }
  });

  test('a million records pass through a 64 MiB heap: streamed, not held', async () => {
    const server = await millionRecordServer();
    try {
      const run = await runBin(
        ['@127.0.0.1', '-p', String(server.port), 'example.test', 'AXFR', '+noall', '+stats', '+timeout=5', '+tries=1'],
        {
          env: { NODE_OPTIONS: '--max-old-space-size=64' },
          timeoutMs: 120_000,
        },
      );
      assert.equal(run.stderr, '');
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^;; XFR size: 1000002 records \(messages 1002, /m);
    } finally {
      await server.close();
    }
  });
});

/** A loopback server that answers any AXFR with 1,000,000 A records in 1,000 messages between two SOAs. */
async function millionRecordServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('data', async (query) => {
      const id = query.subarray(2, 4).toString('hex');
      const frame = (messageHex: string): Buffer => {
        const body = Buffer.from(id + messageHex.slice(4), 'hex');
        const out = Buffer.alloc(body.length + 2);
        out.writeUInt16BE(body.length);
        body.copy(out, 2);
        return out;
      };
      socket.write(frame(xfrMessage([soaRecord(5)])));
      const records = Array.from({ length: 1000 }, (_, i) => aRecord(i));
      const body = frame(xfrMessage(records));
      for (let i = 0; i < 1000; i++) {
        if (!socket.write(body)) await new Promise((resolve) => socket.once('drain', resolve));
        if (socket.destroyed) return;
      }
      socket.end(frame(xfrMessage([soaRecord(5)])));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
