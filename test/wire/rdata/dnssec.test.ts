// DNSSEC types as hex fixtures: the values validation reads, and the malformations refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyTag, keyTagOf } from '../../../src/wire/rdata/dnssec.js';
import { decodeRdata } from '../../../src/wire/rdata/rdata.js';
import { WireError } from '../../../src/wire/reader.js';
import { TYPE } from '../../../src/wire/rrtypes.js';
import { hex } from '../hex.js';

const refuses = (type: number, data: string, message: string): void => {
  assert.throws(
    () => decodeRdata(type, 1, hex(data)),
    (e: unknown) => e instanceof WireError && e.message === message,
  );
};

test('DS and its kin: key tag, algorithm, digest type, digest octets', () => {
  const ds = hex(`
    3039   ; key tag 12345
    0d     ; ECDSAP256SHA256
    01     ; SHA-1, 20 octets
    0123456789abcdef0123456789abcdef01234567
  `);
  const value = {
    keyTag: 12345,
    algorithm: 13,
    digestType: 1,
    digest: hex('0123456789abcdef0123456789abcdef01234567'),
  };
  assert.deepEqual(decodeRdata(TYPE.DS, 1, ds), { type: 'DS', ...value });
  assert.deepEqual(decodeRdata(TYPE.CDS, 1, ds), { type: 'CDS', ...value });
  assert.deepEqual(decodeRdata(TYPE.DLV, 1, ds), { type: 'DLV', ...value });
  refuses(TYPE.DS, '0001 08 02 aabb', 'DS digest type 2 must be 32 bytes, got 2');
  refuses(TYPE.TA, '0001 08 04 aabb', 'TA digest type 4 must be 48 bytes, got 2');
});

test('DNSKEY and its kin: flags, protocol, algorithm, key; the key tag from the value equals the one over the octets', () => {
  const rdata = hex(`
    0101       ; flags 257 (zone key, SEP)
    03         ; protocol 3
    0d         ; algorithm 13
    99db2cc14cabdc33d6d77da63a2f15f71112584f234e8d1dc428e39e8a4a97e1
    aa271a555dc90701e17e2a4c4b6f120b7c32d44f4ac02bd894cf2d4be7778a19
  `);
  const key = decodeRdata(TYPE.DNSKEY, 1, rdata);
  assert.ok(key.type === 'DNSKEY');
  assert.deepEqual(
    { ...key, publicKey: [...key.publicKey] },
    {
      type: 'DNSKEY',
      flags: 257,
      protocol: 3,
      algorithm: 13,
      publicKey: [...rdata.subarray(4)],
    },
  );
  assert.equal(keyTag(rdata), keyTagOf(key));
  assert.equal(keyTag(hex('0000 03 00 00')), 768);
  assert.equal(keyTagOf({ flags: 0, protocol: 3, algorithm: 0, publicKey: hex('00') }), 768);
  assert.deepEqual(decodeRdata(TYPE.KEY, 1, hex('c000 03 05')), {
    type: 'KEY',
    flags: 0xc000,
    protocol: 3,
    algorithm: 5,
    publicKey: new Uint8Array(),
  });
  refuses(TYPE.DNSKEY, '0101 03', 'DNSKEY algorithm runs past end of record data');
});

test('RRSIG and SIG: times as unsigned seconds, the signer, the signature octets', () => {
  const rrsig = hex(`
    0001       ; covers A
    0d 02      ; algorithm 13, 2 labels
    0000012c   ; original TTL 300
    fffffffe   ; expiration: unsigned, past 2038
    65920080   ; inception 2024-01-01
    3039       ; key tag 12345
    07 6578616d706c65 00 ; signer example.
    a1b2c3     ; signature
  `);
  const value = {
    typeCovered: 1,
    algorithm: 13,
    labels: 2,
    originalTtl: 300,
    expiration: 0xfffffffe,
    inception: Date.UTC(2024, 0, 1) / 1000,
    keyTag: 12345,
    signer: 'example.',
    signature: hex('a1b2c3'),
  };
  assert.deepEqual(decodeRdata(TYPE.RRSIG, 1, rrsig), { type: 'RRSIG', ...value });
  assert.deepEqual(decodeRdata(TYPE.SIG, 1, rrsig), { type: 'SIG', ...value });
  refuses(TYPE.RRSIG, '0001 0d 02 0000012c', 'RRSIG expiration runs past end of record data');
});

test('NSEC and CSYNC: type numbers from the bitmap, in order', () => {
  const nsec = hex(`
    04 6e657874 00           ; next.
    00 07 6201800800 0380    ; window 0: A NS SOA MX TXT AAAA RRSIG NSEC DNSKEY
    01 01 40                 ; window 1: CAA (257)
  `);
  assert.deepEqual(decodeRdata(TYPE.NSEC, 1, nsec), {
    type: 'NSEC',
    next: 'next.',
    types: [1, 2, 6, 15, 16, 28, 46, 47, 48, 257],
  });
  assert.deepEqual(decodeRdata(TYPE.CSYNC, 1, hex('00000042 0003 00 01 60 ; serial 66, flags 3, A NS')), {
    type: 'CSYNC',
    serial: 66,
    flags: 3,
    types: [1, 2],
  });
  refuses(TYPE.NSEC, '01 6e 00 00 00', 'NSEC type bitmap block length 0 is not 1-32');
  refuses(TYPE.NSEC, '01 6e 00 01 01 40 00 01 40', 'NSEC type bitmap windows out of order');
  refuses(TYPE.NSEC, '01 6e 00 00 02 40 00', 'NSEC type bitmap block ends with a zero octet');
});

test('NSEC3 and NSEC3PARAM: hash parameters, salt and next hashed owner as octets', () => {
  const nsec3 = hex(`
    01 01 000c         ; SHA-1, opt-out, 12 iterations
    04 aabbccdd        ; salt
    14 174eb2409fe28bcb4887a1836f957f0a8425e27b ; next hashed owner, 20 octets
    00 06 400000000002 ; A RRSIG
  `);
  assert.deepEqual(decodeRdata(TYPE.NSEC3, 1, nsec3), {
    type: 'NSEC3',
    hashAlgorithm: 1,
    flags: 1,
    iterations: 12,
    salt: hex('aabbccdd'),
    nextHashed: hex('174eb2409fe28bcb4887a1836f957f0a8425e27b'),
    types: [1, 46],
  });
  assert.deepEqual(decodeRdata(TYPE.NSEC3PARAM, 1, hex('01 00 000a 00 ; no salt')), {
    type: 'NSEC3PARAM',
    hashAlgorithm: 1,
    flags: 0,
    iterations: 10,
    salt: new Uint8Array(),
  });
  refuses(TYPE.NSEC3, '01 00 0000 00 00', 'NSEC3 next hashed owner is empty');
});
