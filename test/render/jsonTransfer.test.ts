import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringifyAscii } from '../../src/render/json.js';
import { recordJson } from '../../src/render/jsonMessage.js';
import { transferHead, transferJsonWriter, transferTail } from '../../src/render/jsonTransfer.js';
import type { TransferResult } from '../../src/resolve/transfer.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { hexToBytes } from '../fixtures/packets/hex.js';
import { TWO_MESSAGE_AXFR } from '../fixtures/packets/transfer.js';

const question = { name: 'example.test.', type: 252, class: 1 };
const records = TWO_MESSAGE_AXFR.flatMap((h) => decodeMessage(hexToBytes(h)).answer);
const result: TransferResult = {
  question,
  outcome: 'complete',
  server: { address: '127.0.0.1', port: 53 },
  shape: 'axfr',
  messages: 2,
  records: 4,
  bytes: 200,
  rcode: 0,
  rttMs: 1.5,
  receivedAt: new Date('2026-01-01T00:00:00Z'),
  events: [],
};

for (const pretty of [true, false]) {
  for (const count of [0, 1, 4]) {
    test(`the streamed document is the whole document's text (${pretty ? 'pretty' : 'one line'}, ${count} records)`, () => {
      const head = transferHead('1.0', question, result.server);
      const tail = transferTail(result);
      const writer = transferJsonWriter(pretty);
      const streamed =
        writer.head(head) +
        records
          .slice(0, count)
          .map((r) => writer.record(r))
          .join('') +
        writer.tail(tail);
      const whole =
        stringifyAscii({ ...head, records: records.slice(0, count).map(recordJson), ...tail }, pretty ? 2 : undefined) +
        '\n';
      assert.equal(streamed, whole);
      JSON.parse(streamed);
    });
  }
}
