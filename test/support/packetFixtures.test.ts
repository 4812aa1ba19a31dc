import { test } from 'node:test';
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import { hexToBytes } from '../fixtures/packets/hex.js';
import * as malformed from '../fixtures/packets/malformed.js';
import * as odd from '../fixtures/packets/odd.js';
import { ANSWER_OFFSET, EXAMPLE_TEST } from '../fixtures/packets/common.js';

const bytes = (hex: string): Buffer => Buffer.from(hexToBytes(hex));
const u16 = (b: Buffer, offset: number): number => b.readUInt16BE(offset);

test('every fixture carries the question example.test. A IN at offset 12', () => {
  for (const [name, hex] of Object.entries({ ...malformed, ...odd })) {
    const b = bytes(hex);
    assert.equal(u16(b, 4), 1, name);
    assert.equal(
      dnsPacket.decode(Buffer.concat([b.subarray(0, 4), Buffer.from([0, 1, 0, 0, 0, 0, 0, 0]), b.subarray(12, 30)]))
        .questions![0]!.name,
      'example.test',
      name,
    );
  }
});

test('legal fixtures decode with an independent decoder', () => {
  assert.deepEqual(
    dnsPacket.decode(bytes(odd.goodA)).answers!.map((a) => [a.type, (a as { data: string }).data]),
    [['A', '192.0.2.1']],
  );
  assert.equal(dnsPacket.decode(bytes(odd.truncatedEmpty)).flag_tc, true);
  assert.equal(dnsPacket.decode(bytes(odd.unknownType)).answers![0]!.type, 'UNKNOWN_65280');
  assert.deepEqual(bytes(odd.trailingBytes).subarray(0, bytes(odd.goodA).length), bytes(odd.goodA));
  assert.equal(bytes(odd.trailingBytes).length, bytes(odd.goodA).length + 4);
  assert.deepEqual((dnsPacket.decode(bytes(odd.txtEscapes)).answers![0] as { data: Buffer[] }).data.map(String), [
    '',
    'a"b\\c',
  ]);
  assert.equal(u16(bytes(odd.txtRdlength0), ANSWER_OFFSET + 10), 0);
});

test('malformed fixtures have exactly the stated defect', () => {
  const rdlen = (hex: string) => u16(bytes(hex), ANSWER_OFFSET + 10);
  const past = bytes(malformed.rdlengthPastEnd);
  assert.ok(ANSWER_OFFSET + 12 + rdlen(malformed.rdlengthPastEnd) > past.length);
  assert.equal(rdlen(malformed.aRdlength0), 0);
  assert.equal(rdlen(malformed.aRdlength16), 16);
  assert.equal(u16(bytes(malformed.pointerToSelf), ANSWER_OFFSET), 0xc000 | ANSWER_OFFSET);
  assert.equal(u16(bytes(malformed.pointerLoop), ANSWER_OFFSET + 2), 0xc000 | ANSWER_OFFSET);
  const forward = bytes(malformed.forwardPointer);
  const target = u16(forward, ANSWER_OFFSET) & 0x3fff;
  assert.ok(target > ANSWER_OFFSET);
  assert.equal(forward.subarray(target, target + 14).toString('hex'), EXAMPLE_TEST);
  assert.equal(bytes(malformed.labelType0x40)[ANSWER_OFFSET]! & 0xc0, 0x40);
  const tooMany = bytes(malformed.countsTooLarge);
  assert.equal(u16(tooMany, 6), 5);
  assert.equal(tooMany.length, ANSWER_OFFSET + 16);
  const txt = bytes(malformed.txtOverrun);
  assert.ok(txt[ANSWER_OFFSET + 12]! + 1 > rdlen(malformed.txtOverrun));
  const opt = bytes(malformed.optOptionOverrun);
  const optStart = ANSWER_OFFSET + 16;
  assert.equal(u16(opt, optStart + 1), 41);
  assert.ok(4 + u16(opt, optStart + 11 + 2) > u16(opt, optStart + 9));
});

test('an independent decoder refuses the structurally broken ones', () => {
  for (const hex of [
    malformed.txtOverrun,
    malformed.pointerToSelf,
    malformed.pointerLoop,
    malformed.forwardPointer,
    malformed.labelType0x40,
    malformed.countsTooLarge,
  ]) {
    assert.throws(() => dnsPacket.decode(bytes(hex)));
  }
});
