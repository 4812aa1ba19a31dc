/**
 * TSIG MACs against known vectors: a query signed by dig 9.18 (-y hmac-sha256:tkey:...) and BIND
 * 9.18's signed reply to it, captured on loopback (the key was made with tsig-keygen for the capture).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTsig, signQuery, TsigVerifier, TSIG_FAILURE, type TsigKey } from '../../src/wire/tsig.js';
import { hexToBytes } from '../fixtures/packets/hex.js';

const key: TsigKey = {
  name: 'tkey.',
  algorithm: 'hmac-sha256',
  secret: Buffer.from('ycZQDKYdAZTl3DW2v5iSDIrOSQF447w5Lm3Cr+s5IXk=', 'base64'),
};

/** dig's query: tsig.test. SOA, +noedns +nocookie, then the TSIG record. */
const digQuery = hexToBytes(
  'f3dd 0120 0001 0000 0000 0001' + // ID, flags (RD AD), QD 1, AR 1 (the TSIG)
    '04747369670474657374 00 0006 0001' + // tsig.test. SOA IN
    '04746b657900 00fa 00ff 00000000 003d' + // tkey. TSIG ANY TTL 0, RDLENGTH 61
    '0b686d61632d73686132353600' + // hmac-sha256.
    '00006b0841b0 012c' + // time signed 1795703216, fudge 300
    '0020 f42a564cb16a276e184d8d59e0942a2718f5a57d154f25d7b541f7dde15c65' + // MAC (32)
    '17f3dd 0000 0000', // original ID, error, other length
);

/** BIND's reply: the SOA, then its TSIG over the request MAC and the reply. */
const bindReply = hexToBytes(
  'f3dd 8500 0001 0001 0000 0001' +
    '047473696704746573740000060001' +
    'c00c0006000100000e100027036e7331c00c0a686f73746d6173746572c00c78a3f17500001c2000000e10001275000000012c' + // SOA
    '04746b657900 00fa 00ff 00000000 003d 0b686d61632d73686132353600 00006b0841b0 012c' +
    '0020 1722c09f009a52715d2848b47c207070d934703ccb494ecdaa5e73237571e5a7 f3dd 0000 0000',
);

const signedAt = 1795703216 * 1000;

test("signQuery gives dig's signed query byte for byte (same key, time and ID)", () => {
  const found = findTsig(digQuery)!;
  const unsigned = Uint8Array.from(digQuery.subarray(0, found.start));
  unsigned[11] = 0; // ARCOUNT without the TSIG
  const { signed, mac } = signQuery(unsigned, key, signedAt);
  assert.deepEqual([...signed], [...digQuery]);
  assert.deepEqual([...mac], [...found.record.mac]);
});

test("TsigVerifier accepts BIND's reply and refuses a forged MAC, another key, unsigned replies and old times", () => {
  const requestMac = findTsig(digQuery)!.record.mac;
  assert.deepEqual(new TsigVerifier(key, requestMac).verify(bindReply, signedAt).ok, true);
  const forged = Uint8Array.from(bindReply);
  forged[forged.length - 10] ^= 1; // one bit of the MAC
  assert.deepEqual(new TsigVerifier(key, requestMac).verify(forged, signedAt), {
    ok: false,
    reason: TSIG_FAILURE.verify,
    record: findTsig(forged)!.record,
  });
  const changed = Uint8Array.from(bindReply);
  changed[60] ^= 1; // one bit of the SOA
  assert.equal(new TsigVerifier(key, requestMac).verify(changed, signedAt).ok, false);
  const otherKey = { ...key, secret: Buffer.from('another secret') };
  assert.equal(new TsigVerifier(otherKey, requestMac).verify(bindReply, signedAt).ok, false);
  const unsigned = Uint8Array.from(bindReply.subarray(0, findTsig(bindReply)!.start));
  unsigned[11] = 0;
  assert.deepEqual(new TsigVerifier(key, requestMac).verify(unsigned, signedAt), {
    ok: false,
    reason: TSIG_FAILURE.expected,
  });
  const late = new TsigVerifier(key, requestMac).verify(bindReply, signedAt + 301_000);
  assert.equal(late.ok ? '' : late.reason, TSIG_FAILURE.clock);
});

test('findTsig reads the record and never throws on garbage', () => {
  const { record } = findTsig(bindReply)!;
  assert.deepEqual(
    [
      record.keyName,
      record.algorithm,
      record.timeSigned,
      record.fudge,
      record.mac.length,
      record.originalId,
      record.error,
    ],
    ['tkey.', 'hmac-sha256.', 1795703216, 300, 32, 0xf3dd, 0],
  );
  for (let cut = 0; cut < bindReply.length; cut++) assert.equal(findTsig(bindReply.subarray(0, cut)), undefined);
});
