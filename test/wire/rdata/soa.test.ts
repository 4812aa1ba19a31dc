// SOA as a hex fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRdata } from '../../../src/wire/rdata/rdata.js';
import { WireError } from '../../../src/wire/reader.js';
import { TYPE } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';

const SOA = `
  03 6e7331 07 6578616d706c65 00                  ; mname ns1.example.
  0a 686f73746d6173746572 07 6578616d706c65 00    ; rname hostmaster.example.
  78a3f175                                        ; serial 2024010101
  00001c20                                        ; refresh 7200
  00000e10                                        ; retry 3600
  00127500                                        ; expire 1209600
  ffffffff                                        ; minimum 4294967295 (unsigned)
`;

test('SOA: two names and five unsigned 32-bit timers', () => {
  assert.deepEqual(decodeRdata(TYPE.SOA, 1, hex(SOA)), {
    type: 'SOA',
    mname: 'ns1.example.',
    rname: 'hostmaster.example.',
    serial: 2024010101,
    refresh: 7200,
    retry: 3600,
    expire: 1209600,
    minimum: 4294967295,
  });
});

test('SOA: a timer cut short is refused, naming it', () => {
  assert.throws(
    () => decodeRdata(TYPE.SOA, 1, hex(SOA).subarray(0, -2)),
    (e: unknown) => e instanceof WireError && e.message === 'SOA minimum runs past end of record data',
  );
});

test("SOA with no data in class ANY or NONE is an update's delete", () => {
  assert.deepEqual(decodeRdata(TYPE.SOA, 255, new Uint8Array()), { type: 'empty' });
  assert.deepEqual(decodeRdata(TYPE.SOA, 254, new Uint8Array()), { type: 'empty' });
});
