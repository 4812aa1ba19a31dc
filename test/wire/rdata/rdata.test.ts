// decodeRdata as a whole: RFC 3597 data, update deletes, and every type with a format decoding to its own kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeRdata, isRecordOf } from '../../../src/wire/rdata/rdata.js';
import { TYPE, typeName } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';
import { recordFromWire } from '../../support/records.js';
import { rdataCaseArb } from '../rdataArbitrary.js';

test('types without a format, and class-specific types outside IN, stay octets (RFC 3597)', () => {
  assert.deepEqual(decodeRdata(65280, 1, hex('0a0b')), { type: 'unknown', unknown: hex('0a0b') });
  assert.deepEqual(decodeRdata(TYPE.NULL, 1, new Uint8Array()), { type: 'unknown', unknown: new Uint8Array() });
  assert.deepEqual(decodeRdata(TYPE.HTTPS, 3, hex('0001 00')), { type: 'unknown', unknown: hex('000100') });
  assert.deepEqual(decodeRdata(TYPE.A6, 1, hex('00')), { type: 'unknown', unknown: hex('00') });
});

test("no data with class ANY or NONE is an update's delete, whatever the type", () => {
  for (const type of [TYPE.A, TYPE.MX, TYPE.RRSIG, 65280]) {
    assert.deepEqual(decodeRdata(type, 255, new Uint8Array()), { type: 'empty' });
    assert.deepEqual(decodeRdata(type, 254, new Uint8Array()), { type: 'empty' });
  }
});

test('isRecordOf narrows a record by the kind of its data', () => {
  const ns = recordFromWire('example.', TYPE.NS, hex('02 6e73 00'));
  assert.ok(isRecordOf(ns, 'NS'));
  assert.equal(ns.rdata.target, 'ns.');
  assert.equal(isRecordOf(ns, 'CNAME'), false);
});

test('property: well-formed RDATA of every type decodes to the kind its type names', () => {
  const kinds = new Set<string>();
  fc.assert(
    fc.property(rdataCaseArb, ({ type, rdata }) => {
      const value = decodeRdata(type, 1, rdata);
      const expected = type === TYPE.NULL || type === 65280 ? 'unknown' : typeName(type);
      assert.equal(value.type, expected);
      kinds.add(value.type);
    }),
    { numRuns: 2000, seed: 20_260_602 },
  );
  assert.ok(kinds.size >= 60, `only ${kinds.size} kinds generated`);
});
