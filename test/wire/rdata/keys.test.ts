// TLSA, SMIMEA, SSHFP, OPENPGPKEY, CERT, IPSECKEY, DHCID and ZONEMD as hex fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRdata } from '../../../src/wire/rdata/rdata.js';
import { WireError } from '../../../src/wire/reader.js';
import { TYPE } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';

const refuses = (type: number, data: string, message: string): void => {
  assert.throws(
    () => decodeRdata(type, 1, hex(data)),
    (e: unknown) => e instanceof WireError && e.message === message,
  );
};

test('TLSA and SMIMEA: usage, selector, matching type, data', () => {
  const tlsa = hex('03 01 01 0c72ac70 ; DANE-EE, SPKI, SHA-256 (cut short: no size rule)');
  const value = { usage: 3, selector: 1, matchingType: 1, certificate: hex('0c72ac70') };
  assert.deepEqual(decodeRdata(TYPE.TLSA, 1, tlsa), { type: 'TLSA', ...value });
  assert.deepEqual(decodeRdata(TYPE.SMIMEA, 1, tlsa), { type: 'SMIMEA', ...value });
});

test('SSHFP: fingerprint sizes fixed for SHA-1 and SHA-256 only', () => {
  assert.deepEqual(decodeRdata(TYPE.SSHFP, 1, hex('01 07 0011 ; unknown hash type 7')), {
    type: 'SSHFP',
    algorithm: 1,
    fpType: 7,
    fingerprint: hex('0011'),
  });
  refuses(TYPE.SSHFP, '01 01 aabb', 'SSHFP fingerprint type 1 must be 20 bytes, got 2');
});

test('OPENPGPKEY, DHCID: opaque octets; CERT: type, key tag, algorithm, certificate', () => {
  assert.deepEqual(decodeRdata(TYPE.OPENPGPKEY, 1, hex('99010d')), { type: 'OPENPGPKEY', key: hex('99010d') });
  assert.deepEqual(decodeRdata(TYPE.DHCID, 1, hex('000201')), { type: 'DHCID', digest: hex('000201') });
  assert.deepEqual(decodeRdata(TYPE.CERT, 1, hex('0001 3039 08 3082 ; PKIX, 12345, RSASHA256')), {
    type: 'CERT',
    certType: 1,
    keyTag: 12345,
    algorithm: 8,
    certificate: hex('3082'),
  });
});

test('IPSECKEY: the gateway as its type says (none, IPv4, IPv6, name)', () => {
  const gateways: Array<[number, string, string]> = [
    [0, '', '.'],
    [1, 'c0000201', '192.0.2.1'],
    [2, '20010db8000000000000000000000001', '2001:db8::1'],
    [3, '02 6777 00', 'gw.'],
  ];
  for (const [gatewayType, wire, gateway] of gateways) {
    const rdata = hex(`0a 0${gatewayType} 02 ${wire} 0102 ; precedence 10, gateway type, RSA, gateway, key`);
    assert.deepEqual(decodeRdata(TYPE.IPSECKEY, 1, rdata), {
      type: 'IPSECKEY',
      precedence: 10,
      gatewayType,
      algorithm: 2,
      gateway,
      key: hex('0102'),
    });
  }
  refuses(TYPE.IPSECKEY, '0a 04 02', 'IPSECKEY gateway type 4 is unknown');
});

test('ZONEMD: digest sizes fixed for SHA-384 and SHA-512', () => {
  assert.deepEqual(decodeRdata(TYPE.ZONEMD, 1, hex('78771973 01 09 ab ; serial, SIMPLE, private hash 9')), {
    type: 'ZONEMD',
    serial: 2021071219,
    scheme: 1,
    algorithm: 9,
    digest: hex('ab'),
  });
  refuses(TYPE.ZONEMD, '78771973 01 01 ab', 'ZONEMD hash algorithm 1 digest must be 48 bytes, got 1');
});
