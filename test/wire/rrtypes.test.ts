import { test } from 'node:test';
import assert from 'node:assert/strict';
import { opcodeName, parseClass, parseType } from '../../src/wire/rrtypes.js';

test('parseType: mnemonics and TYPEnnn in any case; names and out-of-range numbers are not types', () => {
  assert.equal(parseType('A'), 1);
  assert.equal(parseType('aaaa'), 28);
  assert.equal(parseType('Nsap-Ptr'), 23);
  assert.equal(parseType('type65535'), 65535);
  assert.equal(parseType('TYPE0'), 0);
  for (const word of ['type65536', 'TYPE', 'TYPE1x', 'a.', 'example.com', 'type1.', 'h1.bench.test', 'constructor'])
    assert.equal(parseType(word), undefined, word);
});

test('parseClass: mnemonics and CLASSnnn in any case; names are not classes', () => {
  assert.equal(parseClass('in'), 1);
  assert.equal(parseClass('CH'), 3);
  assert.equal(parseClass('class255'), 255);
  for (const word of ['class65536', 'in.', 'ch.example', 'CLASS1.', 'toString'])
    assert.equal(parseClass(word), undefined, word);
});

test("opcodeName: dig 9.18's names, RESERVEDn for the rest (6, DSO elsewhere, included)", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 15].map(opcodeName), [
    'QUERY',
    'IQUERY',
    'STATUS',
    'RESERVED3',
    'NOTIFY',
    'UPDATE',
    'RESERVED6',
    'RESERVED15',
  ]);
});
