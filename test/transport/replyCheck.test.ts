import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReply } from '../../src/transport/replyCheck.js';
import { encodeQuery } from '../../src/wire/encode.js';
import type { QueryPacketSpec } from '../../src/wire/types.js';
import { hex } from '../wire/hex.js';

/** The query every reply below is checked against: example.com. A IN, ID 0x1234. */
const base: QueryPacketSpec = {
  id: 0x1234,
  name: 'example.com.',
  type: 1,
  class: 1,
  rd: true,
  cd: false,
  ad: true,
  edns: null,
};

/** A reply to `base` with header fields overridable. */
function reply(
  id = '1234',
  flags = '8180',
  question = '07 6578616d706c65 03 636f6d 00 0001 0001',
  qd = '0001',
): Uint8Array {
  return hex(`${id} ${flags} ${qd} 0000 0000 0000 ${question}`);
}

test('checkReply accepts a matching reply, question case-insensitively, and one with no question', () => {
  assert.deepEqual(checkReply(base, reply()), { ok: true });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '07 4558414d504c45 03 434f4d 00 0001 0001')), { ok: true });
  assert.deepEqual(checkReply(base, reply('1234', '8181', '', '0000')), { ok: true });
});

test('checkReply explains each mismatch like dig', () => {
  assert.deepEqual(checkReply(base, reply('10e1')), { ok: false, warning: 'ID mismatch: expected ID 4660, got 4321' });
  assert.deepEqual(checkReply(base, reply('1234', '0180')), { ok: false, warning: 'query response not set' });
  assert.deepEqual(checkReply(base, reply('1234', 'a180')), {
    ok: false,
    warning: 'Opcode mismatch: expected QUERY, got NOTIFY',
  });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '07 6578616d706c65 03 6e6574 00 0001 0001')), {
    ok: false,
    warning: 'Question section mismatch: got example.net./A/IN',
  });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '07 6578616d706c65 03 636f6d 00 001c 0001')), {
    ok: false,
    warning: 'Question section mismatch: got example.com./AAAA/IN',
  });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '07 6578616d706c65 03 636f6d 00 0001 0003')), {
    ok: false,
    warning: 'Question section mismatch: got example.com./A/CH',
  });
});

test('checkReply never throws on garbage', () => {
  assert.deepEqual(checkReply(base, hex('1234')), {
    ok: false,
    warning: 'reply of 2 bytes is shorter than a DNS header',
  });
  assert.deepEqual(checkReply(base, reply('1234', '8180', 'c00c 0001 0001')), {
    ok: false,
    warning: 'Question section is malformed: compression pointer at offset 12 points to itself',
  });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '07 6578')), {
    ok: false,
    warning: 'Question section is malformed: name runs past end of message',
  });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '00 00')), {
    ok: false,
    warning: 'Question section runs past end of reply',
  });
});

test('checkReply: after +header-only any question is accepted; an ID set with +qid is still checked', () => {
  const headerOnly = { ...base, headerOnly: true };
  assert.deepEqual(checkReply(headerOnly, reply('1234', '8180', '07 6578616d706c65 03 6e6574 00 0001 0001')), {
    ok: true,
  });
  assert.deepEqual(checkReply(headerOnly, reply('1234', '8180', '', '0000')), { ok: true });
  assert.deepEqual(checkReply(headerOnly, reply('1235', '8180', '', '0000')), {
    ok: false,
    warning: 'ID mismatch: expected ID 4660, got 4661',
  });
  assert.deepEqual(checkReply({ ...base, opcode: 5 }, reply('1234', 'a980')), { ok: true });
  assert.deepEqual(checkReply({ ...base, opcode: 5 }, reply('1234', '8180')), {
    ok: false,
    warning: 'Opcode mismatch: expected UPDATE, got QUERY',
  });
});

test('checkReply with the query as sent: the same verdict as reading the question, for near and far misses alike', async () => {
  const fc = await import('fast-check');
  const sent = encodeQuery(base);
  const question = sent.subarray(12);
  // The reply starts as the query's own question, then has octets changed, cut or added (a pointer among them).
  const mutated = fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.nat(question.length + 2),
          fc.constantFrom(0x00, 0x0c, 0x41, 0x45, 0x65, 0xc0, 0x03, 0x07, 0x5a, 0x7a),
        ),
        {
          maxLength: 3,
        },
      ),
      fc.integer({ min: -6, max: 2 }),
    )
    .map(([changes, lengthChange]) => {
      const bytes = [...question.subarray(0, Math.max(0, question.length + lengthChange))];
      for (let i = 0; i < lengthChange; i++) bytes.push(0);
      for (const [at, value] of changes) if (at < bytes.length) bytes[at] = value;
      return Uint8Array.from([...reply().subarray(0, 12), ...bytes]);
    });
  fc.assert(
    fc.property(mutated, (raw) => assert.deepEqual(checkReply(base, raw, sent), checkReply(base, raw))),
    { numRuns: 3000, seed: 20_261_207 },
  );
  // Upper case in the reply's question is still the same question; another type is not.
  assert.deepEqual(checkReply(base, reply('1234', '8180', '07 4558414d504c45 03 434f4d 00 0001 0001'), sent), {
    ok: true,
  });
  assert.equal(checkReply(base, reply('1234', '8180', '07 6578616d706c65 03 636f6d 00 0041 0001'), sent).ok, false);
});
