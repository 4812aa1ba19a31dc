// SRV, NAPTR, URI and CAA as hex fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRdata } from '../../../src/wire/rdata/rdata.js';
import { WireError } from '../../../src/wire/reader.js';
import { TYPE } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';

test('SRV: priority, weight, port, target', () => {
  assert.deepEqual(decodeRdata(TYPE.SRV, 1, hex('0000 0005 13c4 03 736970 00 ; 0 5 5060 sip.')), {
    type: 'SRV',
    priority: 0,
    weight: 5,
    port: 5060,
    target: 'sip.',
  });
});

test('NAPTR: order, preference, three character-strings as octets, replacement', () => {
  const naptr = hex(`
    0064 000a        ; order 100, preference 10
    01 53            ; flags "S"
    07 5349502b443255 ; services "SIP+D2U"
    00               ; regexp ""
    04 5f736970 00   ; _sip.
  `);
  assert.deepEqual(decodeRdata(TYPE.NAPTR, 1, naptr), {
    type: 'NAPTR',
    order: 100,
    preference: 10,
    flags: hex('53'),
    services: hex('5349502b443255'),
    regexp: new Uint8Array(),
    replacement: '_sip.',
  });
});

test('URI: the target is the rest of the data; CAA: flags, tag, value', () => {
  assert.deepEqual(decodeRdata(TYPE.URI, 1, hex('000a 0001 68747470 ; "http"')), {
    type: 'URI',
    priority: 10,
    weight: 1,
    target: hex('68747470'),
  });
  assert.deepEqual(decodeRdata(TYPE.CAA, 1, hex('80 05 6973737565 6361 ; critical, issue, "ca"')), {
    type: 'CAA',
    flags: 128,
    tag: hex('6973737565'),
    value: hex('6361'),
  });
});

test('refused: an empty CAA tag, SRV in class CH is opaque', () => {
  assert.throws(
    () => decodeRdata(TYPE.CAA, 1, hex('00 00')),
    (e: unknown) => e instanceof WireError && e.message === 'CAA tag is empty',
  );
  assert.deepEqual(decodeRdata(TYPE.SRV, 3, hex('0000')), { type: 'unknown', unknown: hex('0000') });
});
