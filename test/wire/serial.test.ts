/** RFC 1982 serial arithmetic: order across the wrap, the pair with no order, and the newest of several. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSerials, newestSerial } from '../../src/wire/serial.js';

test('compareSerials: plain order, across the wrap, and no order 2^31 apart (RFC 1982 3.2)', () => {
  assert.equal(compareSerials(2024010102, 2024010101), 'newer');
  assert.equal(compareSerials(2024010101, 2024010102), 'older');
  assert.equal(compareSerials(7, 7), 'equal');
  assert.equal(compareSerials(5, 4294967295), 'newer', 'a wrapped serial is newer, not smaller');
  assert.equal(compareSerials(4294967295, 5), 'older');
  assert.equal(compareSerials(0, 0x80000000), 'undefined');
  assert.equal(compareSerials(0x80000000, 0), 'undefined');
  assert.equal(compareSerials(0, 0x7fffffff), 'older');
});

test('newestSerial: the one after all others, across the wrap; none when they have no single newest', () => {
  assert.equal(newestSerial([2024010101, 2024010102, 2024010101]), 2024010102);
  assert.equal(newestSerial([4294967295, 5, 4294967290]), 5);
  assert.equal(newestSerial([9]), 9);
  assert.equal(newestSerial([]), undefined);
  assert.equal(newestSerial([0, 0x80000000]), undefined);
  assert.equal(newestSerial([0, 0x60000000, 0xc0000000]), undefined, 'spread over more than half the space');
});
