import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeQuery, checkReply, randomId } from '../../src/wire/encode.js';
import { decodeMessage } from '../../src/wire/decode.js';
import type { QueryPacketSpec } from '../../src/wire/types.js';
import { hex } from './hex.js';

const base: QueryPacketSpec = { id: 0x1234, name: 'example.com.', type: 1, class: 1, rd: true, cd: false, ad: true, edns: null };

test('encodes a plain query without EDNS byte for byte', () => {
  assert.deepEqual(encodeQuery(base), hex(`
    1234 0120 0001 0000 0000 0000 ; id, RD+AD, one question
    07 6578616d706c65 03 636f6d 00 ; example.com.
    0001 0001                      ; A IN
  `));
});

test('encodes EDNS with DO, size, version, NSID, subnet, cookie and extra options', () => {
  const packet = encodeQuery({
    ...base, rd: false, ad: false, cd: true, opcode: 0,
    edns: {
      version: 0, udpSize: 1232, do: true, nsid: true,
      cookie: hex('0102030405060708'),
      subnet: { family: 1, sourcePrefix: 20, address: hex('c0a8ffff') },
      extra: [{ code: 65001, data: hex('abcd') }],
    },
  });
  assert.deepEqual(packet, hex(`
    1234 0010 0001 0000 0000 0001 ; id, CD, one question, one additional
    07 6578616d706c65 03 636f6d 00 0001 0001
    00 0029 04d0 00 00 8000       ; root OPT, udp 1232, ext rcode 0, version 0, DO
    0021                          ; rdlength 33
    0003 0000                     ; NSID, empty
    0008 0007 0001 14 00 c0a8f0   ; CLIENT-SUBNET v4 /20 scope 0, 192.168.240 (bits past /20 zeroed)
    000a 0008 0102030405060708    ; COOKIE
    fde9 0002 abcd                ; option 65001
  `));
});

test('names and types dns-packet cannot express survive the round trip', () => {
  const spec: QueryPacketSpec = {
    ...base, name: 'a\\.b\\000.\\195\\169.example.', type: 65280, class: 3, opcode: 4,
    edns: { version: 1, udpSize: 4096, do: false, nsid: false },
  };
  const m = decodeMessage(encodeQuery(spec));
  assert.deepEqual(m.question, [{ name: spec.name, type: 65280, class: 3 }]);
  assert.equal(m.opcode, 4);
  assert.deepEqual([m.qr, m.rd, m.ad, m.cd], [false, true, true, false]);
  assert.deepEqual(m.edns, { version: 1, udpSize: 4096, do: false, flags: 0, options: [] });
  assert.equal(m.id, 0x1234);
});

test('randomId stays within 16 bits and varies', () => {
  const ids = new Set(Array.from({ length: 64 }, () => randomId()));
  assert.ok([...ids].every((id) => Number.isInteger(id) && id >= 0 && id <= 0xffff));
  assert.ok(ids.size > 1);
});

/** A reply to `base` with header fields overridable. */
function reply(id = '1234', flags = '8180', question = '07 6578616d706c65 03 636f6d 00 0001 0001', qd = '0001'): Uint8Array {
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
  assert.deepEqual(checkReply(base, reply('1234', 'a180')), { ok: false, warning: 'Opcode mismatch: expected QUERY, got NOTIFY' });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '07 6578616d706c65 03 6e6574 00 0001 0001')),
    { ok: false, warning: 'Question section mismatch: got example.net./A/IN' });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '07 6578616d706c65 03 636f6d 00 001c 0001')),
    { ok: false, warning: 'Question section mismatch: got example.com./AAAA/IN' });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '07 6578616d706c65 03 636f6d 00 0001 0003')),
    { ok: false, warning: 'Question section mismatch: got example.com./A/CH' });
});

test('checkReply never throws on garbage', () => {
  assert.deepEqual(checkReply(base, hex('1234')), { ok: false, warning: 'reply of 2 bytes is shorter than a DNS header' });
  assert.deepEqual(checkReply(base, reply('1234', '8180', 'c00c 0001 0001')),
    { ok: false, warning: 'Question section is malformed: compression pointer at offset 12 points to itself' });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '07 6578')),
    { ok: false, warning: 'Question section is malformed: name runs past end of message' });
  assert.deepEqual(checkReply(base, reply('1234', '8180', '00 00')),
    { ok: false, warning: 'Question section runs past end of reply' });
});
