import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startXfr } from '../../src/resolve/xfrProgress.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { aRecord, soaRecord, xfrMessage } from '../fixtures/packets/transfer.js';
import { hexToBytes } from '../fixtures/packets/hex.js';

/** A decoded transfer message holding `records` (hex). */
function message(records: string[], rcode = 0) {
  const raw = hexToBytes(xfrMessage(records, { rcode }));
  return { message: decodeMessage(raw), size: raw.length };
}

/** Feeds messages to a tracker and returns the verdicts. */
function feed(ixfrSerial: number | undefined, ...messages: string[][]) {
  const progress = startXfr(ixfrSerial);
  const verdicts = messages.map((records) => {
    const { message: m, size } = message(records);
    return progress.track(m, size).kind;
  });
  return { progress, verdicts };
}

test('AXFR: ends at the second SOA, counting records up to it, over any number of messages', () => {
  const { progress, verdicts } = feed(undefined, [soaRecord(5), aRecord(1)], [aRecord(2)], [aRecord(3), soaRecord(5)]);
  assert.deepEqual(verdicts, ['more', 'more', 'done']);
  assert.equal(progress.records, 5);
  assert.equal(progress.messages, 3);
  assert.equal(progress.shape, 'axfr');
});

test('AXFR: a message with nothing in the answer, or a first record that is not the SOA, fails', () => {
  const empty = startXfr();
  const { message: m, size } = message([]);
  assert.deepEqual(empty.track(m, size), { kind: 'failed', line: '; Transfer failed.' });
  assert.deepEqual(feed(undefined, [aRecord(1), soaRecord(5)]).verdicts, ['failed']);
});

test("IXFR: a lone SOA no newer than the client's serial is up to date (serial arithmetic wraps)", () => {
  assert.equal(feed(7, [soaRecord(7)]).progress.shape, 'uptodate');
  assert.deepEqual(feed(7, [soaRecord(6)]).verdicts, ['done']);
  // 4294967295 is before 5 in RFC 1982 arithmetic: 5 is newer.
  assert.deepEqual(feed(4294967295, [soaRecord(5), aRecord(1)]).verdicts, ['more']);
});

test('IXFR: difference blocks end when the new serial comes round the second time', () => {
  const { progress, verdicts } = feed(
    5,
    [soaRecord(7), soaRecord(5), aRecord(1), soaRecord(6), aRecord(2)],
    [soaRecord(6), aRecord(3), soaRecord(7), aRecord(4)],
    [soaRecord(7)],
  );
  assert.deepEqual(verdicts, ['more', 'more', 'done']);
  assert.equal(progress.shape, 'incremental');
  assert.equal(progress.records, 10);
});

test('IXFR answered with the whole zone: AXFR rules from the second record on', () => {
  const { progress, verdicts } = feed(5, [soaRecord(7), aRecord(1), aRecord(2), soaRecord(7)]);
  assert.deepEqual(verdicts, ['done']);
  assert.equal(progress.shape, 'axfr');
});
