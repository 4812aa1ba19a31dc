// Address and locator types as hex fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRdata, rdataAddress } from '../../../src/wire/rdata/rdata.js';
import { WireError } from '../../../src/wire/reader.js';
import { TYPE } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';

test('A and AAAA: the address as text (inet_ntop forms for IPv6)', () => {
  assert.deepEqual(decodeRdata(TYPE.A, 1, hex('c0 00 02 01 ; 192.0.2.1')), { type: 'A', address: '192.0.2.1' });
  assert.deepEqual(decodeRdata(TYPE.AAAA, 1, hex('20010db8 00000000 00000000 00000001')), {
    type: 'AAAA',
    address: '2001:db8::1',
  });
  assert.deepEqual(decodeRdata(TYPE.AAAA, 1, hex('00000000 00000000 0000ffff c0000201 ; v4-mapped')), {
    type: 'AAAA',
    address: '::ffff:192.0.2.1',
  });
  assert.equal(rdataAddress(decodeRdata(TYPE.A, 1, hex('7f000001'))), '127.0.0.1');
  assert.equal(rdataAddress(decodeRdata(TYPE.NS, 1, hex('00'))), undefined);
});

test('A and AAAA outside class IN are RFC 3597 data, as BIND treats them', () => {
  assert.deepEqual(decodeRdata(TYPE.A, 3, hex('c0000201')), { type: 'unknown', unknown: hex('c0000201') });
});

test('WKS: address, protocol and the ports of its bitmap', () => {
  const wks = hex(`
    c0000201  ; 192.0.2.1
    06        ; TCP
    00 00 00 40 ; bit 25 (SMTP)
    0000 04     ; bit 53 (domain)
  `);
  assert.deepEqual(decodeRdata(TYPE.WKS, 1, wks), { type: 'WKS', address: '192.0.2.1', protocol: 6, ports: [25, 53] });
});

test('EUI48, EUI64, NID, L64, L32: fixed sizes', () => {
  assert.deepEqual(decodeRdata(TYPE.EUI48, 1, hex('00005e00532a')), { type: 'EUI48', address: '00-00-5e-00-53-2a' });
  assert.deepEqual(decodeRdata(TYPE.EUI64, 1, hex('00005eef1000002a')), {
    type: 'EUI64',
    address: '00-00-5e-ef-10-00-00-2a',
  });
  assert.deepEqual(decodeRdata(TYPE.NID, 1, hex('000a 0014 4fff fe20 8ee3 ; preference 10')), {
    type: 'NID',
    preference: 10,
    locator: '14:4fff:fe20:8ee3',
  });
  assert.deepEqual(decodeRdata(TYPE.L64, 1, hex('000a 2001 0db8 1140 1000')), {
    type: 'L64',
    preference: 10,
    locator: '2001:db8:1140:1000',
  });
  assert.deepEqual(decodeRdata(TYPE.L32, 1, hex('000a 0a010203')), {
    type: 'L32',
    preference: 10,
    locator: '10.1.2.3',
  });
});

test('refused: an address of the wrong size', () => {
  const refuses = (type: number, data: string, message: string): void => {
    assert.throws(
      () => decodeRdata(type, 1, hex(data)),
      (e: unknown) => e instanceof WireError && e.message === message,
    );
  };
  refuses(TYPE.A, 'c00002', 'A data is 3 bytes, must be 4');
  refuses(TYPE.AAAA, 'c0000201', 'AAAA data is 4 bytes, must be 16');
  refuses(TYPE.EUI48, '00', 'EUI48 data is 1 bytes, must be 6');
  refuses(TYPE.WKS, 'c000', 'WKS address runs past end of record data');
});
