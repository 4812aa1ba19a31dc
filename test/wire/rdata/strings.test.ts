// Character-string types as hex fixtures: raw octets, counts checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRdata } from '../../../src/wire/rdata/rdata.js';
import { WireError } from '../../../src/wire/reader.js';
import { TYPE } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';

test('TXT: each character-string as its octets, escapes left to the presenter', () => {
  const txt = hex(`
    05 68656c6c6f  ; hello
    03 00 22 ff    ; NUL, a quote, 0xff
    00             ; an empty string
  `);
  assert.deepEqual(decodeRdata(TYPE.TXT, 1, txt), {
    type: 'TXT',
    strings: [hex('68656c6c6f'), hex('0022ff'), new Uint8Array()],
  });
  assert.deepEqual(decodeRdata(TYPE.SPF, 1, hex('01 61')), { type: 'SPF', strings: [hex('61')] });
});

test('an empty TXT has no strings (and a TXT delete in class ANY is no data at all)', () => {
  assert.deepEqual(decodeRdata(TYPE.TXT, 1, new Uint8Array()), { type: 'TXT', strings: [] });
  assert.deepEqual(decodeRdata(TYPE.TXT, 255, new Uint8Array()), { type: 'empty' });
});

test('HINFO two strings, X25 one, ISDN one or two; other counts are refused', () => {
  assert.deepEqual(decodeRdata(TYPE.HINFO, 1, hex('02 5043 05 4c696e7578 ; PC, Linux')), {
    type: 'HINFO',
    strings: [hex('5043'), hex('4c696e7578')],
  });
  assert.deepEqual(decodeRdata(TYPE.ISDN, 1, hex('01 31 01 32')), { type: 'ISDN', strings: [hex('31'), hex('32')] });
  const refuses = (type: number, data: string, message: string): void => {
    assert.throws(
      () => decodeRdata(type, 1, hex(data)),
      (e: unknown) => e instanceof WireError && e.message === message,
    );
  };
  refuses(TYPE.HINFO, '02 5043', 'HINFO data has 1 character-strings, expected 2');
  refuses(TYPE.X25, '01 31 01 32', 'X25 data has 2 character-strings, expected 1');
  refuses(TYPE.ISDN, '', 'ISDN data has 0 character-strings, expected 1 to 2');
  refuses(TYPE.TXT, '05 6865', 'TXT character-string runs past end of record data');
});
