// Expected texts were checked against dig 9.18 talking to a loopback server sending each option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ednsOptionText } from '../../src/render/ednsText.js';
import { hex } from '../wire/hex.js';

const text = (code: number, data: string | Uint8Array) =>
  ednsOptionText({ code, data: typeof data === 'string' ? hex(data) : data });

test('NSID as hex and dotted ASCII', () => {
  assert.equal(text(3, Buffer.from('ns1\x01"\\é')), 'NSID: 6e 73 31 01 22 5c c3 a9 ("ns1."\\..")');
  assert.equal(text(3, ''), 'NSID:');
});

test('COOKIE, CLIENT-SUBNET, EXPIRE, TCP KEEPALIVE, PAD, KEY-TAG', () => {
  assert.equal(text(10, '0102030405060708aabbccddeeff0011'), 'COOKIE: 0102030405060708aabbccddeeff0011');
  assert.equal(text(8, '0001 18 00 c00002'), 'CLIENT-SUBNET: 192.0.2.0/24/0');
  assert.equal(text(8, '0001 18 10 c00002'), 'CLIENT-SUBNET: 192.0.2.0/24/16');
  assert.equal(text(8, '0001 00 00'), 'CLIENT-SUBNET: 0.0.0.0/0/0');
  assert.equal(text(8, '0002 38 00 20010db8000001'), 'CLIENT-SUBNET: 2001:db8:0:100::/56/0');
  assert.equal(text(8, '0001 18 00 00c00002'), 'CLIENT-SUBNET: 00 01 18 00 00 c0 00 02 ("........")');
  assert.equal(text(9, '00000708'), 'EXPIRE: 1800 (30 minutes)');
  assert.equal(text(9, '00000e11'), 'EXPIRE: 3601 (1 hour 1 second)');
  assert.equal(text(9, ''), 'EXPIRE:');
  assert.equal(text(11, '012c'), 'TCP KEEPALIVE: 30.0 secs');
  assert.equal(text(11, ''), 'TCP KEEPALIVE:');
  assert.equal(text(12, '0000000000'), 'PAD: (5 bytes)');
  assert.equal(text(14, '30390001'), 'KEY-TAG: 12345, 1');
});

test('EDE with name and text, unknown codes bare', () => {
  assert.equal(
    text(15, Buffer.concat([hex('0012'), Buffer.from('blocked \x07 by "policy"')])),
    'EDE: 18 (Prohibited): (blocked . by "policy")',
  );
  assert.equal(text(15, '0016'), 'EDE: 22 (No Reachable Authority)');
  assert.equal(text(15, '0199'), 'EDE: 409');
  // dig's own names for codes 0 and 19, and nothing for the codes after 24 it does not know.
  assert.equal(text(15, '0000'), 'EDE: 0 (Other)');
  assert.equal(text(15, '0013'), 'EDE: 19 (Stale NXDOMAIN Answer)');
  assert.equal(text(15, '0018'), 'EDE: 24 (Invalid Data)');
  assert.equal(text(15, '0019'), 'EDE: 25');
  assert.equal(text(15, Buffer.concat([hex('0199'), Buffer.from('txt')])), 'EDE: 409: (txt)');
});

test('unknown options as OPT=code with hex and dotted ASCII, escaped', () => {
  assert.equal(text(65001, Buffer.from('ab\x00\x7fz')), 'OPT=65001: 61 62 00 7f 7a ("ab..z")');
  assert.equal(text(65002, ''), 'OPT=65002:');
  assert.equal(text(13, '0378797a00'), 'OPT=13: 03 78 79 7a 00 (".xyz.")');
  assert.ok(
    !/[\x00-\x1f\x7f-\uffff]/.test(
      text(
        65003,
        Uint8Array.from({ length: 256 }, (_, i) => i),
      ),
    ),
  );
});

test('an empty PAD (dig sends its padding placeholder so), CLIENT-TAG and SERVER-TAG as dig 9.18 prints them', () => {
  assert.equal(text(12, ''), 'PAD:');
  assert.equal(text(12, '00'.repeat(30)), 'PAD: (30 bytes)');
  assert.equal(text(16, '0001'), 'CLIENT-TAG: 1');
  assert.equal(text(17, '4142'), 'SERVER-TAG: 16706');
  assert.equal(text(16, '01'), 'CLIENT-TAG: 01 (".")');
  assert.equal(text(17, ''), 'SERVER-TAG:');
});
