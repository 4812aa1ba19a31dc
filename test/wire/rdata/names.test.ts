// Name types as hex fixtures: what the decoder makes of them, and what it refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRdata } from '../../../src/wire/rdata/rdata.js';
import { WireError } from '../../../src/wire/reader.js';
import { TYPE } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';

test('one-name types: the target, escaped where a label needs it', () => {
  const rdata = hex(`
    03 6e7331            ; ns1
    07 6578 616d 706c 65 ; example
    00                   ; root
  `);
  assert.deepEqual(decodeRdata(TYPE.NS, 1, rdata), { type: 'NS', target: 'ns1.example.' });
  assert.deepEqual(decodeRdata(TYPE.DNAME, 3, rdata), { type: 'DNAME', target: 'ns1.example.' });
  assert.deepEqual(decodeRdata(TYPE.PTR, 1, hex('03 612e62 00 ; "a.b" as one label')), {
    type: 'PTR',
    target: 'a\\.b.',
  });
  assert.deepEqual(decodeRdata(TYPE.CNAME, 1, hex('00 ; the root')), { type: 'CNAME', target: '.' });
});

test('a preference and a name: MX, KX, RT, LP, AFSDB; PX with two names', () => {
  const mx = hex(`
    000a          ; preference 10
    02 6d78 00    ; mx.
  `);
  assert.deepEqual(decodeRdata(TYPE.MX, 1, mx), { type: 'MX', preference: 10, exchange: 'mx.' });
  assert.deepEqual(decodeRdata(TYPE.KX, 1, mx), { type: 'KX', preference: 10, exchange: 'mx.' });
  assert.deepEqual(decodeRdata(TYPE.RT, 1, mx), { type: 'RT', preference: 10, host: 'mx.' });
  assert.deepEqual(decodeRdata(TYPE.LP, 1, mx), { type: 'LP', preference: 10, fqdn: 'mx.' });
  assert.deepEqual(decodeRdata(TYPE.AFSDB, 1, mx), { type: 'AFSDB', subtype: 10, hostname: 'mx.' });
  assert.deepEqual(
    decodeRdata(
      TYPE.PX,
      1,
      hex(`
        0001      ; preference 1
        01 61 00  ; map822 a.
        01 62 00  ; mapx400 b.
      `),
    ),
    { type: 'PX', preference: 1, map822: 'a.', mapx400: 'b.' },
  );
});

test('two names: MINFO and RP', () => {
  const two = hex('01 61 00 ; a.\n01 62 00 ; b.');
  assert.deepEqual(decodeRdata(TYPE.MINFO, 1, two), { type: 'MINFO', rmailbx: 'a.', emailbx: 'b.' });
  assert.deepEqual(decodeRdata(TYPE.RP, 1, two), { type: 'RP', mbox: 'a.', txt: 'b.' });
});

test('refused: trailing octets, a pointer in uncompressed data, a name cut short', () => {
  const refuses = (type: number, data: string, message: string): void => {
    assert.throws(
      () => decodeRdata(type, 1, hex(data)),
      (e: unknown) => e instanceof WireError && e.message === message,
    );
  };
  refuses(TYPE.MX, '000a 02 6d78 00 00 ; one octet too many', 'MX data has 1 unexpected trailing bytes');
  refuses(TYPE.CNAME, 'c000 ; pointer', 'CNAME target: compression pointer inside uncompressed data');
  refuses(TYPE.NS, '03 6e73 ; label runs out', 'NS target: name runs past end of message');
  refuses(TYPE.MX, '00 ; half a preference', 'MX preference runs past end of record data');
});
