// SVCB and HTTPS as hex fixtures: each SvcParam typed by its key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRdata } from '../../../src/wire/rdata/rdata.js';
import { svcParamKeyName } from '../../../src/wire/rdata/svcb.js';
import { WireError } from '../../../src/wire/reader.js';
import { TYPE } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';

test('alias form: priority 0 and a target, no parameters', () => {
  assert.deepEqual(decodeRdata(TYPE.SVCB, 1, hex('0000 03 737663 00 ; 0 svc.')), {
    type: 'SVCB',
    priority: 0,
    target: 'svc.',
    params: [],
  });
});

test('service form: every known parameter, and one tsdig has no format for, in wire order', () => {
  const https = hex(`
    0001 00                          ; priority 1, target .
    0000 0004 0001 0003              ; mandatory=alpn,port
    0001 0006 02 6832 02 6833        ; alpn=h2,h3
    0002 0000                        ; no-default-alpn
    0003 0002 01bb                   ; port=443
    0004 0004 c0000201               ; ipv4hint=192.0.2.1
    0005 0002 abcd                   ; ech
    0006 0010 20010db8000000000000000000000001 ; ipv6hint=2001:db8::1
    029b 0001 61                     ; key667="a"
  `);
  assert.deepEqual(decodeRdata(TYPE.HTTPS, 1, https), {
    type: 'HTTPS',
    priority: 1,
    target: '.',
    params: [
      { kind: 'mandatory', keys: [1, 3] },
      { kind: 'alpn', ids: [hex('6832'), hex('6833')] },
      { kind: 'no-default-alpn' },
      { kind: 'port', port: 443 },
      { kind: 'ipv4hint', addresses: ['192.0.2.1'] },
      { kind: 'ech', config: hex('abcd') },
      { kind: 'ipv6hint', addresses: ['2001:db8::1'] },
      { kind: 'other', key: 667, value: hex('61') },
    ],
  });
  assert.equal(svcParamKeyName(6), 'ipv6hint');
  assert.equal(svcParamKeyName(667), 'key667');
});

test('refused: keys out of order, values that do not fit their key', () => {
  const refuses = (data: string, message: string): void => {
    assert.throws(
      () => decodeRdata(TYPE.SVCB, 1, hex(data)),
      (e: unknown) => e instanceof WireError && e.message === message,
    );
  };
  refuses('0001 00 0003 0002 0035 0001 0003 026832', 'SVCB parameter alpn out of order');
  refuses('0001 00 0003 0001 35', 'SVCB port length 1 is not 2');
  refuses('0001 00 0000 0001 00', 'SVCB mandatory length 1 is not a positive even number');
  refuses('0001 00 0001 0001 00', 'SVCB alpn has an empty protocol id');
  refuses('0001 00 0002 0001 00', 'SVCB no-default-alpn has a value');
  refuses('0001 00 0004 0003 c00002', 'SVCB ipv4hint length 3 is not a multiple of 4');
  refuses('0001 00 ffff 0000', 'SVCB key 65535 is reserved');
  refuses('0001 00 0003 0004 01bb', 'SVCB port value runs past end of record data');
});
