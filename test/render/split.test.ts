// +split and +rrcomments. Expected text was printed by dig 9.18.49 for the same records, served by
// NSD on loopback (a key generated with dnssec-keygen); the interop suite repeats the check live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRecord, recordData } from '../../src/render/record.js';
import { rdataText } from '../../src/render/rdata/present.js';
import { recordFromWire } from '../support/records.js';
import type { ResourceRecord } from '../../src/wire/types.js';

const KEY = 'awb8avOgrPIUbjJstKk+2Esmo0EhSwR3Yv8oMu2SpQjG7j8oD3GMUzgJVgVT3fbRbcO4+Jk/ZKp0oYrBeYFbhg==';

function keyRecord(type: number, flags: number): ResourceRecord {
  const rdata = Uint8Array.from([flags >> 8, flags & 0xff, 3, 13, ...Buffer.from(KEY, 'base64')]);
  return recordFromWire('k.sp.test.', type, rdata, 1, 300);
}

function record(name: string, type: number, hex: string): ResourceRecord {
  const rdata = Uint8Array.from(Buffer.from(hex, 'hex'));
  return recordFromWire(name, type, rdata, 1, 300);
}

const line = (text: string): string => text.replace(/→/g, '\t');
const oneLine = { ttl: true, class: true, ttlUnits: false };
const multi = { ...oneLine, multiline: true };
const cdnskey = keyRecord(60, 257);
const key = keyRecord(25, 512);
const unknown = record(
  'unk.sp.test.',
  65534,
  '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627ff',
);

test('+split=W: fields in words of W characters; 0 keeps them whole; the default stays 56', () => {
  assert.equal(recordData(cdnskey, {}), `257 3 13 ${KEY.slice(0, 56)} ${KEY.slice(56)}`);
  assert.equal(
    recordData(cdnskey, { split: 12 }),
    '257 3 13 awb8avOgrPIU bjJstKk+2Esm o0EhSwR3Yv8o Mu2SpQjG7j8o D3GMUzgJVgVT 3fbRbcO4+Jk/ ZKp0oYrBeYFb hg==',
  );
  assert.equal(recordData(cdnskey, { split: 0 }), `257 3 13 ${KEY}`);
  assert.equal(
    recordData(unknown, { split: 12 }),
    '\\# 40 010203040506 0708090A0B0C 0D0E0F101112 131415161718 191A1B1C1D1E 1F2021222324 252627FF',
  );
  assert.equal(
    formatRecord(unknown, { ...oneLine, split: 12 }),
    line(
      'unk.sp.test.→→300→IN→TYPE65534 \\# 40 010203040506 0708090A0B0C 0D0E0F101112 131415161718 191A1B1C1D1E 1F2021222324 252627FF',
    ),
  );
});

test('+rrcomments on one line: two spaces and the role for DNSKEY/CDNSKEY, one space and no role for KEY', () => {
  assert.equal(
    formatRecord(cdnskey, { ...oneLine, rrcomments: true, split: 0 }),
    line(`k.sp.test.→→300→IN→CDNSKEY→257 3 13 ${KEY}  ; KSK; alg = ECDSAP256SHA256 ; key id = 60432`),
  );
  assert.equal(
    recordData(key, { rrcomments: true, split: 0 }),
    `512 3 13 ${KEY} ; alg = ECDSAP256SHA256 ; key id = 60687`,
  );
  // Records without a comment of their own are left as they are.
  assert.equal(recordData(unknown, { rrcomments: true }), rdataText(unknown.rdata));
});

test('+multiline with +split: lines of the given width, whole with 0', () => {
  assert.equal(
    formatRecord(cdnskey, { ...multi, split: 20 }),
    line(
      'k.sp.test.→→300 IN CDNSKEY 257 3 13 (\n→→→→awb8avOgrPIUbjJstKk+\n→→→→2Esmo0EhSwR3Yv8oMu2S\n→→→→pQjG7j8oD3GMUzgJVgVT\n→→→→3fbRbcO4+Jk/ZKp0oYrB\n→→→→eYFbhg==\n→→→→) ; KSK; alg = ECDSAP256SHA256 ; key id = 60432',
    ),
  );
  assert.equal(
    formatRecord(unknown, { ...multi, split: 0 }),
    line(
      'unk.sp.test.→→300 IN TYPE65534 \\# 40 ( 0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F2021222324252627FF )',
    ),
  );
});

test('+multiline +norrcomments: keys close their parenthesis on the last line; SOA timers bare, closed on the last', () => {
  assert.equal(
    formatRecord(key, { ...multi, rrcomments: false, split: 0 }),
    line(`k.sp.test.→→300 IN KEY 512 3 13 (\n→→→→${KEY} )`),
  );
  const soa = record(
    'sp.test.',
    6,
    '036e7331027370047465737400' +
      '0a686f73746d6173746572027370047465737400' +
      '00000001' +
      '00000e10' +
      '00000384' +
      '00093a80' +
      '0000012c',
  );
  assert.equal(
    formatRecord(soa, { ...multi, rrcomments: false }),
    line('sp.test.→→300 IN SOA ns1.sp.test. hostmaster.sp.test. (\n→→→→1\n→→→→3600\n→→→→900\n→→→→604800\n→→→→300)'),
  );
});
