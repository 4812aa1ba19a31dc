/** A signature time (32 bits, RFC 4034 3.1.5) as a date: the value nearest to now, so a time after 2106 wraps. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signatureDate } from '../../src/wire/encoding.js';

const at = (iso: string): number => Date.parse(iso) / 1000;

test('signatureDate: a time near now is that day', () => {
  assert.equal(signatureDate(at('2027-01-15T12:00:00Z'), at('2027-01-01T00:00:00Z')), '2027-01-15');
});

test('signatureDate: near 2106, a small 32-bit value is after the wrap, not in 1970', () => {
  const now = at('2106-01-01T00:00:00Z');
  const wrapped = (at('2106-03-01T00:00:00Z') - 2 ** 32) >>> 0;
  assert.equal(signatureDate(wrapped, now), '2106-03-01');
});
