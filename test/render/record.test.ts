// Expected lines were checked against dig 9.18 querying named 9.18 on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRecord, formatQuestion, formatTtlUnits } from '../../src/render/record.js';
import type { ResourceRecord } from '../../src/wire/types.js';
import { recordFromWire } from '../support/records.js';

/** A record from its RDATA in hex. */
const rr = (name: string, ttl: number, type: number, hex: string, klass = 1): ResourceRecord =>
  recordFromWire(name, type, Uint8Array.from(Buffer.from(hex, 'hex')), klass, ttl);
const all = { ttl: true, class: true, ttlUnits: false };

test('owner padded with tabs to column 24, then 8-column steps', () => {
  assert.equal(formatRecord(rr('a.example.', 300, 1, 'c0000201'), all), 'a.example.\t\t300\tIN\tA\t192.0.2.1');
  assert.equal(
    formatRecord(rr('cdnskey.example.', 300, 60, '0000030000'), all),
    'cdnskey.example.\t300\tIN\tCDNSKEY\t0 3 0 AA==',
  );
  assert.equal(
    formatRecord(rr('ipseckey.example.', 300, 45, '0a0002'), all),
    'ipseckey.example.\t300\tIN\tIPSECKEY 10 0 2 .',
  );
  assert.equal(formatRecord(rr('unknown.example.', 300, 65280, ''), all), 'unknown.example.\t300\tIN\tTYPE65280 \\# 0');
});

test('fields past their column get one space, as in dig', () => {
  const long = rr('o12345678901234.example.', 2147483647, 1, 'c0000201');
  assert.equal(formatRecord(long, all), 'o12345678901234.example. 2147483647 IN\tA\t192.0.2.1');
  assert.equal(formatRecord(long, { ...all, ttl: false }), 'o12345678901234.example. IN\tA\t192.0.2.1');
  assert.equal(formatRecord(long, { ...all, class: false }), 'o12345678901234.example. 2147483647 A\t192.0.2.1');
  assert.equal(
    formatRecord(long, { ...all, ttlUnits: true }),
    'o12345678901234.example. 3550w5d3h14m7s\tIN A\t192.0.2.1',
  );
  const longer = rr('o123456789012345678901234567.example.', 300, 1, 'c0000201');
  assert.equal(formatRecord(longer, all), 'o123456789012345678901234567.example. 300 IN A\t192.0.2.1');
  assert.equal(formatRecord(longer, { ...all, ttl: false }), 'o123456789012345678901234567.example. IN A 192.0.2.1');
  assert.equal(
    formatRecord(longer, { ...all, ttl: false, class: false }),
    'o123456789012345678901234567.example. A\t192.0.2.1',
  );
});

test('without TTL or class the later fields move left', () => {
  const r = rr('o1234567890123.example.', 600, 1, 'c0000201');
  assert.equal(formatRecord(r, all), 'o1234567890123.example.\t600\tIN\tA\t192.0.2.1');
  assert.equal(formatRecord(r, { ...all, ttl: false }), 'o1234567890123.example.\tIN\tA\t192.0.2.1');
  assert.equal(formatRecord(r, { ...all, ttl: false, class: false }), 'o1234567890123.example.\tA\t192.0.2.1');
  assert.equal(formatRecord(r, { ...all, ttlUnits: true }), 'o1234567890123.example.\t10m\tIN\tA\t192.0.2.1');
});

test('empty data leaves no trailing separator', () => {
  assert.equal(formatRecord(rr('x.example.', 0, 1, '', 255), all), 'x.example.\t\t0\tANY\tA');
});

test('formatTtlUnits', () => {
  assert.equal(formatTtlUnits(0), '0s');
  assert.equal(formatTtlUnits(600), '10m');
  assert.equal(formatTtlUnits(3600), '1h');
  assert.equal(formatTtlUnits(604800), '1w');
  assert.equal(formatTtlUnits(2 * 86400 + 3 * 3600), '2d3h');
  assert.equal(formatTtlUnits(2147483647), '3550w5d3h14m7s');
});

test('formatQuestion puts the class at column 32', () => {
  assert.equal(formatQuestion({ name: 'example.com.', type: 1, class: 1 }), ';example.com.\t\t\tIN\tA');
  assert.equal(
    formatQuestion({ name: 'o12345678901234.example.', type: 1, class: 1 }),
    ';o12345678901234.example.\tIN\tA',
  );
  assert.equal(
    formatQuestion({ name: '2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.', type: 50, class: 1 }),
    ';2t7b4g4vsa5smi47k61mv5bv1a22bojr.example. IN NSEC3',
  );
});
