import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLASS,
  className,
  EDNS_OPTION,
  ednsOptionName,
  OPCODE,
  opcodeName,
  parseClass,
  parseType,
  RCODE,
  rcodeName,
} from '../../src/wire/rrtypes.js';

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

test("rcodeName: the RCODE table's names, dig's RESERVEDn for the rest; each name maps back to its number", () => {
  assert.deepEqual([0, 2, 3, 5, 9, 16, 23].map(rcodeName), [
    'NOERROR',
    'SERVFAIL',
    'NXDOMAIN',
    'REFUSED',
    'NOTAUTH',
    'BADVERS',
    'BADCOOKIE',
  ]);
  assert.deepEqual([12, 15, 24, 4095].map(rcodeName), ['RESERVED12', 'RESERVED15', 'RESERVED24', 'RESERVED4095']);
  for (const [name, value] of Object.entries(RCODE)) assert.equal(rcodeName(value), name);
  for (const [name, value] of Object.entries(OPCODE)) assert.equal(opcodeName(value), name);
});

test('CLASS and RRClass: the class table and the names dig reads (CHAOS is CH); className prints the short name', () => {
  assert.deepEqual(CLASS, { IN: 1, CH: 3, HS: 4, NONE: 254, ANY: 255 });
  assert.equal(parseClass('chaos'), CLASS.CH);
  assert.deepEqual([CLASS.IN, CLASS.CH, CLASS.HS, CLASS.NONE, CLASS.ANY, 2].map(className), [
    'IN',
    'CH',
    'HS',
    'NONE',
    'ANY',
    'CLASS2',
  ]);
});

test('ednsOptionName: IANA mnemonics from EDNS_OPTION, OPTnnn for the rest', () => {
  assert.deepEqual([3, 8, 10, 11, 12, 15, 4, 65001].map(ednsOptionName), [
    'NSID',
    'ECS',
    'COOKIE',
    'TCP-KEEPALIVE',
    'PADDING',
    'EDE',
    'OPT4',
    'OPT65001',
  ]);
  for (const [name, value] of Object.entries(EDNS_OPTION)) assert.equal(ednsOptionName(value), name);
});
