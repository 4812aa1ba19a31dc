// TSIG RDATA as a hex fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRdata } from '../../../src/wire/rdata/rdata.js';
import { WireError } from '../../../src/wire/reader.js';
import { TYPE } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';

test('TSIG: algorithm, 48-bit time, fudge, MAC, original ID, error, other data', () => {
  const tsig = hex(`
    0b 686d61632d736861323536 00  ; hmac-sha256.
    0001 00000000                 ; time signed: 2^32 seconds
    012c                          ; fudge 300
    0002 abcd                     ; MAC
    1234                          ; original ID
    0012                          ; BADTIME
    0006 0000 6553f100            ; other data: the server's time
  `);
  assert.deepEqual(decodeRdata(TYPE.TSIG, 255, tsig), {
    type: 'TSIG',
    algorithm: 'hmac-sha256.',
    timeSigned: 2 ** 32,
    fudge: 300,
    mac: hex('abcd'),
    originalId: 0x1234,
    error: 18,
    other: hex('00006553f100'),
  });
  assert.throws(
    () => decodeRdata(TYPE.TSIG, 255, tsig.subarray(0, -1)),
    (e: unknown) => e instanceof WireError && e.message === 'TSIG other data runs past end of record data',
  );
});
