import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReply } from '../../src/transport/replyCheck.js';
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
