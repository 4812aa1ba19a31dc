// LOC as hex fixtures: position in thousandths of an arc-second, altitude in centimetres.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRdata } from '../../../src/wire/rdata/rdata.js';
import { WireError } from '../../../src/wire/reader.js';
import { TYPE } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';

test('LOC version 0: precisions as their octets, signed angles and altitude', () => {
  const loc = hex(`
    00        ; version 0
    33        ; size 3e3 cm
    12        ; horizontal precision 1e2 cm
    18        ; vertical precision 1e8 cm
    76e8d03c  ; latitude: south of the equator
    70be1575  ; longitude: west of the meridian
    00989fea  ; altitude: 2410 cm above the base
  `);
  assert.deepEqual(decodeRdata(TYPE.LOC, 1, loc), {
    type: 'LOC',
    size: 0x33,
    horizontalPrecision: 0x12,
    verticalPrecision: 0x18,
    latitude: 0x76e8d03c - 2 ** 31,
    longitude: 0x70be1575 - 2 ** 31,
    altitude: 2410,
  });
});

test('refused: other versions, other sizes, bad precision octets, angles out of range', () => {
  const refuses = (data: string, message: string): void => {
    assert.throws(
      () => decodeRdata(TYPE.LOC, 1, hex(data)),
      (e: unknown) => e instanceof WireError && e.message === message,
    );
  };
  refuses('01', 'LOC version 1 is not supported');
  refuses('00 12', 'LOC data is 2 bytes, must be 16');
  refuses('00 a0 12 13 80000000 80000000 00989680', 'LOC size octet 0xa0 is not valid');
  refuses('00 12 12 13 ffffffff 80000000 00989680', 'LOC latitude is out of range');
  refuses('', 'LOC version runs past end of record data');
});
