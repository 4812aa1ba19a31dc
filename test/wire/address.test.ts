import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import fc from 'fast-check';
import { ipv6Bytes, isIP, serverFamily } from '../../src/wire/address.js';

const SAMPLES = [
  '127.0.0.1',
  '0.0.0.0',
  '255.255.255.255',
  '256.1.1.1',
  '01.2.3.4',
  '1.2.3',
  '1.2.3.4.5',
  '1..2.3',
  '',
  '.',
  '::',
  '::1',
  '1::',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9',
  '1:2:3:4:5:6:7::',
  '::2:3:4:5:6:7:8',
  '1::2::3',
  '::ffff:1.2.3.4',
  '1:2:3:4:5:6:1.2.3.4',
  '1:2:3:4:5:6:7:1.2.3.4',
  '::1.2.3',
  'fe80::1%eth0',
  'fe80::1%',
  'fe80::1%a b',
  '12345::',
  'g::',
  ':1',
  '1:',
  ':::',
  '2001:db8::10',
  '2001:DB8::A',
  '::ffff:01.2.3.4',
  'localhost',
  '1.2.3.4%x',
];

test('isIP agrees with node:net on hand-picked forms', () => {
  for (const text of SAMPLES) assert.equal(isIP(text), net.isIP(text), text);
});

test('isIP agrees with node:net on generated strings', () => {
  const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF:.%'.split(''));
  fc.assert(
    fc.property(fc.string({ unit: alphabet, maxLength: 45 }), (text) => isIP(text) === net.isIP(text)),
    { numRuns: 20000, seed: 1126 },
  );
  fc.assert(
    fc.property(fc.ipV6(), (text) => isIP(text) === 6),
    { numRuns: 2000, seed: 1127 },
  );
  fc.assert(
    fc.property(fc.ipV4(), (text) => isIP(text) === 4),
    { numRuns: 2000, seed: 1128 },
  );
});

test('ipv6Bytes expands every form', () => {
  assert.deepEqual([...ipv6Bytes('2001:db8::1')], [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual([...ipv6Bytes('::ffff:1.2.3.4')].slice(10), [0xff, 0xff, 1, 2, 3, 4]);
});

test('serverFamily: isIP, and an IPv6 address with a zone index is IPv6 too', () => {
  assert.deepEqual(
    ['127.0.0.1', '::1', 'fe80::1%eth0', '::1%lo', 'fe80::1%', '%eth0', '1.2.3.4%eth0', 'example.com', '300.1.1.1'].map(
      serverFamily,
    ),
    [4, 6, 6, 6, 0, 0, 0, 0, 0],
  );
  // The zone is an interface name or number, never a control character, a space or a second %.
  assert.deepEqual(
    [
      'fe80::1%2',
      'fe80::1%br-1.100',
      'fe80::1%\x1b[31m',
      '::1%\x1b]0;x\x07',
      'fe80::1%eth 0',
      'fe80::1%eth0%1',
      'fe80::1%\u202e',
    ].map(serverFamily),
    [6, 6, 0, 0, 0, 0, 0],
  );
});
