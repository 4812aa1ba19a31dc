import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeQuery } from '../../src/wire/encode.js';
import { decodeMessage } from '../../src/wire/decode.js';
import type { QueryPacketSpec } from '../../src/wire/types.js';
import { hex } from './hex.js';

const base: QueryPacketSpec = {
  id: 0x1234,
  name: 'example.com.',
  type: 1,
  class: 1,
  rd: true,
  cd: false,
  ad: true,
  edns: null,
};

test('encodes a plain query without EDNS byte for byte', () => {
  assert.deepEqual(
    encodeQuery(base),
    hex(`
    1234 0120 0001 0000 0000 0000 ; id, RD+AD, one question
    07 6578616d706c65 03 636f6d 00 ; example.com.
    0001 0001                      ; A IN
  `),
  );
});

test('encodes EDNS with DO, size, version, NSID, subnet, cookie and extra options', () => {
  const packet = encodeQuery({
    ...base,
    rd: false,
    ad: false,
    cd: true,
    opcode: 0,
    edns: {
      version: 0,
      udpSize: 1232,
      do: true,
      nsid: true,
      cookie: hex('0102030405060708'),
      subnet: { family: 1, sourcePrefix: 20, address: hex('c0a8ffff') },
      extra: [{ code: 65001, data: hex('abcd') }],
    },
  });
  assert.deepEqual(
    packet,
    hex(`
    1234 0010 0001 0000 0000 0001 ; id, CD, one question, one additional
    07 6578616d706c65 03 636f6d 00 0001 0001
    00 0029 04d0 00 00 8000       ; root OPT, udp 1232, ext rcode 0, version 0, DO
    0021                          ; rdlength 33
    0003 0000                     ; NSID, empty
    0008 0007 0001 14 00 c0a8f0   ; CLIENT-SUBNET v4 /20 scope 0, 192.168.240 (bits past /20 zeroed)
    000a 0008 0102030405060708    ; COOKIE
    fde9 0002 abcd                ; option 65001
  `),
  );
});

test('names and types dns-packet cannot express survive the round trip', () => {
  const spec: QueryPacketSpec = {
    ...base,
    name: 'a\\.b\\000.\\195\\169.example.',
    type: 65280,
    class: 3,
    opcode: 4,
    edns: { version: 1, udpSize: 4096, do: false, nsid: false },
  };
  const m = decodeMessage(encodeQuery(spec));
  assert.deepEqual(m.question, [{ name: spec.name, type: 65280, class: 3 }]);
  assert.equal(m.opcode, 4);
  assert.deepEqual([m.qr, m.rd, m.ad, m.cd], [false, true, true, false]);
  assert.deepEqual(m.edns, { version: 1, udpSize: 4096, do: false, flags: 0, options: [] });
  assert.equal(m.id, 0x1234);
});

/** dig 9.18's query for "x." with +nocookie: the base the tests below change. */
const digBase: QueryPacketSpec = {
  id: 0x2e75,
  name: 'x.',
  type: 1,
  class: 1,
  rd: true,
  cd: false,
  ad: true,
  edns: { version: 0, udpSize: 1232, do: false, nsid: false },
};

test('header bits and opcode as dig sends them for +aaflag +tcflag +raflag +zflag and +opcode=5', () => {
  // dig @... x. +nocookie +aaflag: 0520; +tcflag: 0320; +raflag: 01a0; +zflag: 0160; +opcode=5: 2920.
  const flagsOf = (spec: Partial<QueryPacketSpec>): string =>
    Buffer.from(encodeQuery({ ...digBase, ...spec }).subarray(2, 4)).toString('hex');
  assert.equal(flagsOf({ aa: true }), '0520');
  assert.equal(flagsOf({ tc: true }), '0320');
  assert.equal(flagsOf({ ra: true }), '01a0');
  assert.equal(flagsOf({ z: true }), '0160');
  assert.equal(flagsOf({ opcode: 5 }), '2920');
  assert.equal(flagsOf({ aa: true, tc: true, ra: true, z: true, opcode: 15, rd: false, ad: false, cd: true }), '7ed0');
});

test("+header-only: no question on the wire, QDCOUNT 0, the OPT record kept (dig's bytes)", () => {
  assert.deepEqual(
    encodeQuery({ ...digBase, id: 0x3bc7, name: 'example.com.', headerOnly: true }),
    hex(`
    3bc7 0120 0000 0000 0000 0001 ; id, RD+AD, no question, one additional
    00 0029 04d0 00 00 0000 0000  ; root OPT, udp 1232, no flags, no options
  `),
  );
});

test("+padding=64: a PADDING option brings the query to 64 octets (dig's bytes)", () => {
  const packet = encodeQuery({ ...digBase, id: 0x2f5c, edns: { ...digBase.edns!, padding: 64 } });
  assert.equal(packet.length, 64);
  assert.deepEqual(
    packet,
    hex(`
    2f5c 0120 0001 0000 0000 0001 01 78 00 0001 0001
    00 0029 04d0 00 00 0000 0022  ; root OPT, rdlength 34
    000c 001e ${'00'.repeat(30)}  ; PADDING, 30 zeros
  `),
  );
});

test('+padding: the option is sent even when no padding is needed, and a block of 1 pads nothing', () => {
  // "x." with EDNS is 30 octets; with the option's header 34: blocks 1, 2, 17 and 34 need no zeros (dig sends 000c 0000).
  for (const block of [1, 2, 17, 34]) {
    const packet = encodeQuery({ ...digBase, edns: { ...digBase.edns!, padding: block } });
    assert.equal(packet.length, 34, `block ${block}`);
    assert.deepEqual(packet.subarray(30), hex('000c 0000'));
  }
  assert.equal(encodeQuery({ ...digBase, edns: { ...digBase.edns!, padding: 35 } }).length, 35);
  assert.equal(encodeQuery({ ...digBase, edns: { ...digBase.edns!, padding: 33 } }).length, 66);
  assert.equal(encodeQuery({ ...digBase, edns: { ...digBase.edns!, padding: 0 } }).length, 30);
});

test("every option at once, in dig's order: NSID, ECS, COOKIE, EXPIRE, KEEPALIVE, +ednsopt, PADDING last (dig's bytes)", () => {
  // dig x. +nsid +expire +keepalive +padding=16 +ednsopt=5:01 +subnet=1.2.3.0/24 +cookie
  const packet = encodeQuery({
    ...digBase,
    id: 0x9ca8,
    edns: {
      version: 0,
      udpSize: 1232,
      do: false,
      nsid: true,
      expire: true,
      keepalive: true,
      padding: 16,
      cookie: hex('4fae1abc37a42c64'),
      subnet: { family: 1, sourcePrefix: 24, address: hex('010203') },
      extra: [{ code: 5, data: hex('01') }],
    },
  });
  assert.deepEqual(
    packet,
    hex(`
    9ca8 0120 0001 0000 0000 0001 01 78 00 0001 0001
    00 0029 04d0 00 00 0000 0032  ; root OPT, rdlength 50
    0003 0000                     ; NSID
    0008 0007 0001 18 00 010203   ; CLIENT-SUBNET 1.2.3.0/24
    000a 0008 4fae1abc37a42c64    ; COOKIE
    0009 0000                     ; EXPIRE
    000b 0000                     ; TCP KEEPALIVE
    0005 0001 01                  ; +ednsopt=5:01
    000c 0006 000000000000        ; PADDING to 80 octets
  `),
  );
  assert.equal(packet.length % 16, 0);
});

test('+ednsflags: the bits go beside DO (dig +ednsflags=1 +dnssec writes 8001)', () => {
  const packet = encodeQuery({ ...digBase, edns: { ...digBase.edns!, do: true, flags: 1 } });
  assert.deepEqual(packet.subarray(24, 28), hex('00 00 8001'));
  // A DO bit among the flags is not the DO switch: the flags never set or clear it.
  assert.deepEqual(
    encodeQuery({ ...digBase, edns: { ...digBase.edns!, flags: 0xc000 } }).subarray(26, 28),
    hex('4000'),
  );
});

test('a query longer than 65535 octets is refused, never cut: no length prefix or datagram could carry it', () => {
  const edns = { version: 0, udpSize: 1232, do: false, nsid: false };
  const option = (octets: number) => ({ code: 65001, data: new Uint8Array(octets) });
  // 12 header + 17 question (example.com. A IN) + 11 OPT + 4 option header = 44 octets around the data.
  assert.equal(encodeQuery({ ...base, edns: { ...edns, extra: [option(65535 - 44)] } }).length, 65535);
  assert.throws(
    () => encodeQuery({ ...base, edns: { ...edns, extra: [option(65535 - 43)] } }),
    /^RangeError: message length 65536 does not fit in 16 bits$/,
  );
});
