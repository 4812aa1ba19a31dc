import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reverseName } from '../../src/wire/reverse.js';
import { InputError } from '../../src/errors.js';

const nibbles = (hex32: string, suffix = 'ip6.arpa.'): string => `${hex32.split('').reverse().join('.')}.${suffix}`;

test('IPv4: octets reversed under in-addr.arpa', () => {
  assert.equal(reverseName('192.0.2.1'), '1.2.0.192.in-addr.arpa.');
  assert.equal(reverseName('0.0.0.0'), '0.0.0.0.in-addr.arpa.');
  assert.equal(reverseName('255.255.255.255'), '255.255.255.255.in-addr.arpa.');
  assert.equal(reverseName('10.20.30.40'), '40.30.20.10.in-addr.arpa.');
});

test('IPv6: 32 nibbles, least significant first, under ip6.arpa', () => {
  assert.equal(reverseName('2001:db8::1'), nibbles('20010db8000000000000000000000001'));
  assert.equal(reverseName('2001:0db8:0000:0000:0000:0000:0000:0001'), nibbles('20010db8000000000000000000000001'));
  assert.equal(reverseName('::1'), nibbles('00000000000000000000000000000001'));
  assert.equal(reverseName('::'), nibbles('00000000000000000000000000000000'));
  assert.equal(reverseName('1::'), nibbles('00010000000000000000000000000000'));
  assert.equal(reverseName('fe80::a:b:c:d'), nibbles('fe80000000000000000a000b000c000d'));
  assert.equal(reverseName('1:2:3:4:5:6:7:8'), nibbles('00010002000300040005000600070008'));
  assert.equal(reverseName('1:2:3:4:5:6:7::'), nibbles('00010002000300040005000600070000'));
  assert.equal(reverseName('::2:3:4:5:6:7:8'), nibbles('00000002000300040005000600070008'));
});

test('IPv6: upper case is the same address', () => {
  assert.equal(reverseName('2001:DB8::ABCD'), reverseName('2001:db8::abcd'));
});

test('IPv6 with an embedded IPv4 address', () => {
  assert.equal(reverseName('::ffff:1.2.3.4'), nibbles('00000000000000000000ffff01020304'));
  assert.equal(reverseName('::1.2.3.4'), nibbles('00000000000000000000000001020304'));
  assert.equal(reverseName('64:ff9b::192.0.2.33'), nibbles('0064ff9b0000000000000000c0000221'));
  assert.equal(reverseName('1:2:3:4:5:6:255.255.0.1'), nibbles('000100020003000400050006ffff0001'));
});

test('anything else is an InputError naming the input', () => {
  for (const bad of [
    '',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '256.1.1.1',
    'example.com',
    '1::2::3',
    'fe80::1%eth0',
    ' 1.2.3.4',
    '12345::',
    ':::',
  ]) {
    assert.throws(
      () => reverseName(bad),
      (error: unknown) => error instanceof InputError && error.message === `invalid IP address '${bad}'`,
      bad,
    );
  }
});
