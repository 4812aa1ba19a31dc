import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeMessage } from '../../src/wire/decode.js';
import { BadPacketError } from '../../src/errors.js';
import { hex } from './hex.js';

/** Header of a reply with id 0x1234, QR+AA+RD+RA, and the given counts. */
function header(qd: number, an: number, ns: number, ar: number, flags = '8580'): string {
  const c = (n: number) => n.toString(16).padStart(4, '0');
  return `1234 ${flags} ${c(qd)} ${c(an)} ${c(ns)} ${c(ar)}`;
}

/** Question example.com. A IN, starting at offset 12. */
const QUESTION = `
  07 6578616d706c65 03 636f6d 00 ; example.com. (offset 12)
  0001 0001                      ; type A, class IN
`;

function rejects(packet: Uint8Array, message: string | RegExp): void {
  assert.throws(
    () => decodeMessage(packet),
    (e: unknown) =>
      e instanceof BadPacketError && (typeof message === 'string' ? e.message === message : message.test(e.message)),
  );
}

test('decodes a plain answer', () => {
  const m = decodeMessage(
    hex(`
    ${header(1, 1, 0, 0)}
    ${QUESTION}
    c00c            ; owner: pointer to example.com.
    0001 0001       ; A IN
    0000012c        ; TTL 300
    0004 c0000201   ; rdlength 4, 192.0.2.1
  `),
  );
  assert.equal(m.id, 0x1234);
  assert.deepEqual(
    [m.qr, m.aa, m.tc, m.rd, m.ra, m.ad, m.cd, m.z],
    [true, true, false, true, true, false, false, false],
  );
  assert.deepEqual(m.question, [{ name: 'example.com.', type: 1, class: 1 }]);
  assert.equal(m.answer.length, 1);
  assert.deepEqual(m.answer[0], {
    name: 'example.com.',
    type: 1,
    class: 1,
    ttl: 300,
    rdata: { type: 'A', address: '192.0.2.1' },
    rdataWire: Uint8Array.from([192, 0, 2, 1]),
  });
  assert.deepEqual(m.warnings, []);
  assert.equal(m.size, 45);
});

test('expands compressed names inside RDATA', () => {
  const m = decodeMessage(
    hex(`
    ${header(1, 1, 0, 0)}
    ${QUESTION}
    c00c 000f 0001 00000e10 ; example.com. MX IN 3600
    0009                    ; rdlength 9
    000a                    ; preference 10
    04 6d61696c c00c        ; mail + pointer to example.com.
  `),
  );
  assert.deepEqual(m.answer[0].rdata, { type: 'MX', preference: 10, exchange: 'mail.example.com.' });
  assert.deepEqual(
    [...m.answer[0].rdataWire],
    [0, 10, 4, ...Buffer.from('mail'), 7, ...Buffer.from('example'), 3, ...Buffer.from('com'), 0],
  );
});

test('keeps label bytes that are not text, escaped', () => {
  const m = decodeMessage(
    hex(`
    ${header(1, 0, 0, 0)}
    03 1b2e80 00 0001 0001 ; label ESC . 0x80, A IN
  `),
  );
  assert.equal(m.question[0].name, '\\027\\.\\128.');
});

test('merges the OPT extended RCODE and reads EDNS fields', () => {
  const m = decodeMessage(
    hex(`
    ${header(1, 0, 0, 1, '8400')}
    ${QUESTION}
    00 0029 04d0   ; root, OPT, udp 1232
    01 00 8000     ; extended rcode 1 (<<4), version 0, DO
    0008           ; rdlength 8
    000a 0004 01020304 ; COOKIE, 4 bytes (an odd length, still decoded)
  `),
  );
  assert.equal(m.rcode, 16);
  assert.deepEqual(m.edns, {
    version: 0,
    udpSize: 1232,
    do: true,
    flags: 0,
    options: [{ code: 10, data: Uint8Array.from([1, 2, 3, 4]) }],
  });
  assert.deepEqual(m.additional, []);
});

test('odd but legal: unknown type and class, empty TXT, DNSKEY protocol 2, unknown SSHFP hash, trailing bytes', () => {
  const m = decodeMessage(
    hex(`
    ${header(1, 5, 0, 0)}
    ${QUESTION}
    c00c ff00 0009 0000003c 0003 0a0b0c ; TYPE65280 CLASS9, \\# 3
    c00c 0010 0001 0000003c 0000        ; TXT with rdlength 0
    c00c 0030 0001 0000003c 0006        ; DNSKEY, rdlength 6
    0100 02 0d 0102                     ; flags 256, protocol 2, alg 13, key 0102
    c00c 002c 0001 0000003c 0004        ; SSHFP, rdlength 4
    01 09 abcd                          ; alg 1, hash type 9, fingerprint
    c00c 0001 00ff 00000000 0000        ; A, class ANY, rdlength 0 (update-style)
    000000                              ; 3 bytes of trailing garbage
  `),
  );
  assert.deepEqual(
    m.answer.map((r) => r.rdata),
    [
      { type: 'unknown', unknown: Uint8Array.of(0x0a, 0x0b, 0x0c) },
      { type: 'TXT', strings: [] },
      { type: 'DNSKEY', flags: 256, protocol: 2, algorithm: 13, publicKey: Uint8Array.of(1, 2) },
      { type: 'SSHFP', algorithm: 1, fpType: 9, fingerprint: Uint8Array.of(0xab, 0xcd) },
      { type: 'empty' },
    ],
  );
  assert.deepEqual(m.warnings, ['Message has 3 extra bytes at end']);
});

test('a truncated (TC) reply keeps the complete records and warns', () => {
  const m = decodeMessage(
    hex(`
    ${header(1, 3, 0, 0, '8780')}
    ${QUESTION}
    c00c 0001 0001 0000012c 0004 c0000201 ; first A
    c00c 0001 0001 0000012c 0004 c000     ; second A, cut short
  `),
  );
  assert.equal(m.answer.length, 1);
  assert.deepEqual(m.warnings, ['Message is truncated (TC): answer record 2 and later records are missing']);
});

test('malformed: shorter than the header', () => {
  rejects(hex('1234 8180 0001'), 'message is 6 bytes, shorter than the 12-byte header');
});

test('malformed: counts larger than the bytes can hold', () => {
  rejects(
    hex(`${header(1, 65535, 0, 0)} ${QUESTION}`),
    'header claims 1 question and 65535 records, more than 29 bytes can hold',
  );
});

test('malformed: rdlength past the end, named by section and record', () => {
  const packet = hex(`
    ${header(1, 2, 0, 0)}
    ${QUESTION}
    c00c 0001 0001 0000012c 0004 c0000201 ; answer 1: fine
    c00c 0010 0001 0000012c 0028 0568656c6c6f ; answer 2: rdlength 40, 6 bytes there
  `);
  assert.throws(
    () => decodeMessage(packet),
    (e: unknown) =>
      e instanceof BadPacketError &&
      e.message === 'answer record 2: rdlength 40 runs past end of message' &&
      e.section === 'answer' &&
      e.recordIndex === 1,
  );
});

test('malformed: A and AAAA of the wrong size', () => {
  rejects(
    hex(`${header(1, 1, 0, 0)} ${QUESTION} c00c 0001 0001 0000012c 0005 c000020101`),
    'answer record 1: A data is 5 bytes, must be 4',
  );
  rejects(
    hex(`${header(1, 1, 0, 0)} ${QUESTION} c00c 001c 0001 0000012c 0004 20010db8`),
    'answer record 1: AAAA data is 4 bytes, must be 16',
  );
});

test('malformed: a name crossing its rdlength', () => {
  rejects(
    hex(`
    ${header(1, 1, 0, 0)} ${QUESTION}
    c00c 0005 0001 0000012c 0003 ; CNAME, rdlength 3
    04 6d61696c 00               ; but the name is 6 bytes
  `),
    'answer record 1: name runs past end of record data',
  );
});

test('malformed: bytes left after a name-only RDATA', () => {
  rejects(
    hex(`
    ${header(1, 1, 0, 0)} ${QUESTION}
    c00c 0002 0001 0000012c 0004 ; NS, rdlength 4
    c00c ffff                    ; pointer, then 2 stray bytes
  `),
    'answer record 1: 2 unexpected bytes after record data',
  );
});

test('malformed: compression pointers forward, to self, outside, and looping', () => {
  rejects(
    hex(`${header(1, 0, 0, 0)} c00e 0001 0001 00`),
    'question 1: compression pointer at offset 12 points forward to 14',
  );
  rejects(hex(`${header(1, 0, 0, 0)} c00c 0001 0001`), 'question 1: compression pointer at offset 12 points to itself');
  rejects(
    hex(`${header(1, 0, 0, 0)} ffff 0001 0001`),
    'question 1: compression pointer to offset 16383 is outside the message',
  );
  // Owner at 29 is "a" + pointer to 29's own first label: a loop through the same name.
  rejects(
    hex(`
    ${header(1, 1, 0, 0)} ${QUESTION}
    01 61 c01d 0001 0001 0000012c 0000 ; a -> pointer to offset 29 (this name)
  `),
    'answer record 1: compression pointer loop at offset 31',
  );
});

test('malformed: label types 0x40 and 0x80', () => {
  rejects(hex(`${header(1, 0, 0, 0)} 41 00 0001 0001`), 'question 1: unsupported label type 0x40');
  rejects(hex(`${header(1, 0, 0, 0)} 81 00 0001 0001`), 'question 1: unsupported label type 0x80');
});

test('malformed: names over 255 octets', () => {
  const label = `3f${'61'.repeat(63)}`;
  rejects(hex(`${header(1, 0, 0, 0)} ${label.repeat(4)} 00 0001 0001`), 'question 1: name longer than 255 octets');
});

test('malformed: TXT string running past its RDATA', () => {
  rejects(
    hex(`
    ${header(1, 1, 0, 0)} ${QUESTION}
    c00c 0010 0001 0000012c 0004 ; TXT, rdlength 4
    05 616263                    ; string says 5, 3 bytes follow
  `),
    'answer record 1: TXT character-string runs past end of record data',
  );
});

test('malformed: OPT options overrunning, two OPTs, OPT outside additional', () => {
  const opt = (rd: string) => `00 0029 04d0 00000000 ${rd}`;
  rejects(
    hex(`${header(1, 0, 0, 1)} ${QUESTION} ${opt('0006 000a 0004 0102')}`),
    'additional record 1: OPT option 10 length 4 runs past end of OPT record',
  );
  rejects(
    hex(`${header(1, 0, 0, 1)} ${QUESTION} ${opt('0002 000a')}`),
    'additional record 1: OPT option header runs past end of OPT record',
  );
  rejects(
    hex(`${header(1, 0, 0, 2)} ${QUESTION} ${opt('0000')} ${opt('0000')}`),
    'additional record 2: more than one OPT record',
  );
  rejects(hex(`${header(1, 1, 0, 0)} ${QUESTION} ${opt('0000')}`), 'answer record 1: OPT record in answer section');
});

/**
 * A 64 KiB message: a first NULL record whose RDATA is `chain` pointers, each pointing 2 bytes
 * back (the first at the question name), then as many NULL records as fit, every owner a
 * pointer to the chain's last link.
 */
function pointerChainPacket(chain: number): { packet: Uint8Array; records: number } {
  const size = 65535;
  const chainStart = 29 + 12;
  const recordsStart = chainStart + chain * 2;
  const records = 1 + Math.floor((size - recordsStart) / 12);
  const packet = new Uint8Array(size);
  const length = (chain * 2).toString(16).padStart(4, '0');
  packet.set(hex(`${header(1, records, 0, 0)} ${QUESTION} c00c 000a 0001 00000000 ${length}`));
  for (let i = 0; i < chain; i++) {
    const at = chainStart + i * 2;
    const target = i === 0 ? 12 : at - 2;
    packet[at] = 0xc0 | (target >> 8);
    packet[at + 1] = target & 0xff;
  }
  const last = recordsStart - 2;
  for (let r = 0; r < records - 1; r++) {
    packet.set([0xc0 | (last >> 8), last & 0xff, 0x00, 0x0a, 0x00, 0x01, 0, 0, 0, 0, 0, 0], recordsStart + r * 12);
  }
  return { packet: packet.subarray(0, recordsStart + (records - 1) * 12), records };
}

test('a 64 KiB packet of 127-pointer chains decodes every record', () => {
  const { packet, records } = pointerChainPacket(127);
  const m = decodeMessage(packet);
  assert.equal(m.answer.length, records);
  assert.ok(
    m.answer.slice(1).every((r) => r.name === 'example.com.' && r.rdata.type === 'unknown' && r.rdataWire.length === 0),
  );
});

test('a 64 KiB packet of 129-pointer chains is rejected at the first record that uses it', () => {
  rejects(pointerChainPacket(129).packet, 'answer record 2: name uses more than 128 compression pointers');
});

test('garbage never throws anything but BadPacketError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
      try {
        decodeMessage(bytes);
      } catch (e) {
        if (!(e instanceof BadPacketError)) throw e;
      }
    }),
    { numRuns: 3000 },
  );
});
