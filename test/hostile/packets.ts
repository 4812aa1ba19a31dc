/**
 * Hand-made replies for the end-to-end hostile tests, beyond test/fixtures/packets/: the malformed
 * cases those do not cover, odd-but-legal records followed by an ordinary one, and replies whose
 * names and strings carry every kind of byte a terminal could be driven by. The ID at offset 0 is
 * patched in by the hostile server.
 */
import { ascii, hex } from '../fixtures/packets/hex.js';
import {
  A_IN_3600,
  EXAMPLE_TEST,
  FLAGS_OK,
  ID,
  PTR_QNAME,
  QUESTION,
  TXT_IN_3600,
  counts,
} from '../fixtures/packets/common.js';

const u16 = (n: number): string => n.toString(16).padStart(4, '0');

/** Flags: QR, AA, RD, NOERROR (an authoritative answer, so +trace stops at it). */
export const FLAGS_AA = '8500';

/** Question: example.test. TXT IN (18 bytes, offset 12..29). */
export const QUESTION_TXT = hex(EXAMPLE_TEST, '0010', '0001');

/** The ordinary record every "does not poison" fixture ends with: example.test. 3600 IN A 192.0.2.1. */
const GOOD_A_RECORD = hex(PTR_QNAME, A_IN_3600, '0004', 'c0000201');

/** CNAME whose name (6 bytes) crosses its RDLENGTH (3). */
export const nameCrossesRdlength = hex(
  ID,
  FLAGS_OK,
  counts(1),
  QUESTION,
  PTR_QNAME, //           owner
  '0005',
  '0001',
  '00000e10', // CNAME IN 3600
  '0003', //              RDLENGTH 3 ...
  '04',
  ascii('mail'),
  '00', // ... but the name is 6 bytes
);

/** Owner name that is a pointer to offset 0x3fff, far past the end of the message. */
export const pointerIntoNothing = hex(
  ID,
  FLAGS_OK,
  counts(1),
  QUESTION,
  'ffff', //        owner: pointer to offset 16383
  A_IN_3600, //     A IN 3600
  '0004', //        RDLENGTH 4
  'c0000201', //    192.0.2.1
);

/** Owner name starting with label type 0x80 (reserved: top bits 10). */
export const labelType0x80 = hex(
  ID,
  FLAGS_OK,
  counts(1),
  QUESTION,
  '81',
  ascii('a'), // length byte 0x81: top bits 10 = reserved label type
  '00', //             root
  A_IN_3600, //        A IN 3600
  '0004', //           RDLENGTH 4
  'c0000201', //       192.0.2.1
);

/** Owner name of four 63-octet labels: 257 octets with the root, over the 255 limit. */
export const nameOver255 = hex(
  ID,
  FLAGS_OK,
  counts(1),
  QUESTION,
  `3f${ascii('a'.repeat(63))}`.repeat(4), // four labels of 63 "a"
  '00', //          root
  A_IN_3600, //     A IN 3600
  '0004', //        RDLENGTH 4
  'c0000201', //    192.0.2.1
);

/**
 * Odd but legal records, each followed by more data that must come out intact: an unknown type,
 * an unknown class, an empty TXT, DNSKEY protocol 2, SSHFP hash type 9, then the ordinary A; in
 * additional an OPT whose COOKIE is 3 bytes and whose NSID is empty; 2 trailing bytes after it all.
 */
export const oddThenGood = hex(
  ID,
  FLAGS_OK,
  counts(6, 1),
  QUESTION,
  PTR_QNAME,
  'ff00',
  '0001',
  '00000e10',
  '0003',
  '010203', // TYPE65280 IN, 3 opaque bytes
  PTR_QNAME,
  '0001',
  '1234',
  '00000e10',
  '0004',
  'c0000209', // A in CLASS4660 (unknown class), 4 bytes
  PTR_QNAME,
  TXT_IN_3600,
  '0000', //                          TXT with RDLENGTH 0
  PTR_QNAME,
  '0030',
  '0001',
  '00000e10',
  '0006', // DNSKEY IN 3600, RDLENGTH 6
  '0100',
  '02',
  '0d',
  '0102', //                    flags 256, protocol 2 (not 3), algorithm 13, key 0102
  PTR_QNAME,
  '002c',
  '0001',
  '00000e10',
  '0004', // SSHFP IN 3600, RDLENGTH 4
  '01',
  '09',
  'abcd', //                            algorithm 1, hash type 9 (unassigned), fingerprint
  GOOD_A_RECORD, //                                 the ordinary A record
  '00',
  '0029',
  '04d0',
  '00000000',
  '000b', //      OPT: root, UDP 1232, RDLENGTH 11
  '000a',
  '0003',
  'a1b2c3', //                      COOKIE of 3 bytes (a client cookie is 8)
  '0003',
  '0000', //                                NSID, empty
  'beef', //                                        2 bytes no section accounts for
);

/** Labels holding bytes a terminal acts on, and their dig escapes (what every view must print). */
export const HOSTILE_LABELS: Array<{ hex: string; text: string }> = [
  // NUL, BEL, ESC [ 3 1 m (a colour change)
  { hex: '00071b5b33316d', text: '\\000\\007\\027[31m' },
  // U+0085 and U+009B as UTF-8, then raw C1 bytes 0x9b, 0x85
  { hex: 'c285c29b9b85', text: '\\194\\133\\194\\155\\155\\133' },
  // U+202E (RIGHT-TO-LEFT OVERRIDE) then "abc"
  { hex: 'e280ae616263', text: '\\226\\128\\174abc' },
  // invalid UTF-8: 0xff 0xfe, an overlong NUL (c0 80), an encoded surrogate (ed a0 80)
  { hex: 'fffec080eda080', text: '\\255\\254\\192\\128\\237\\160\\128' },
  // DEL, a dot and a backslash inside a label
  { hex: '7f2e5c', text: '\\127\\.\\\\' },
];

/** The hostile name on the wire (uncompressed) and as dig prints it. */
export const HOSTILE_NAME = {
  wire: hex(...HOSTILE_LABELS.map((l) => u16(l.hex.length / 2).slice(2) + l.hex), '04', ascii('test'), '00'),
  text: `${HOSTILE_LABELS.map((l) => `${l.text}.`).join('')}test.`,
};

/** Every byte value once, 0..255, as a 255-byte and a 1-byte character-string. */
const ALL_BYTES_RDATA = hex(
  'ff',
  Buffer.from(Array.from({ length: 255 }, (_, i) => i)).toString('hex'), // 255 bytes: 0x00..0xfe
  '01',
  'ff', //                                                               1 byte: 0xff
);

/** Offset of the hostile owner name in `hostileReply`: after the header, question and the TXT record (30 + 12 + 258). */
const HOSTILE_OWNER_OFFSET = 30 + 12 + ALL_BYTES_RDATA.length / 2;

/**
 * Reply to `example.test. TXT` (authoritative) with three answers:
 * example.test. TXT holding all 256 byte values; HOSTILE_NAME CNAME HOSTILE_NAME (compressed);
 * and example.test. TXT "\027]0;pwned\007" (an xterm title escape).
 */
export const hostileReply = hex(
  ID,
  FLAGS_AA,
  counts(3),
  QUESTION_TXT,
  PTR_QNAME,
  TXT_IN_3600,
  u16(ALL_BYTES_RDATA.length / 2), // example.test. TXT, RDLENGTH 258
  ALL_BYTES_RDATA,
  HOSTILE_NAME.wire, //                                    owner: the hostile name, uncompressed at HOSTILE_OWNER_OFFSET
  '0005',
  '0001',
  '00000e10',
  '0002', //                   CNAME IN 3600, RDLENGTH 2
  u16(0xc000 | HOSTILE_OWNER_OFFSET), //                   target: pointer to the hostile owner
  PTR_QNAME,
  TXT_IN_3600,
  '000b', //                       example.test. TXT, RDLENGTH 11
  '0a',
  '1b5d303b70776e656407', //                         ESC ] 0 ; p w n e d BEL
);

/** dig's text of a character-string: printable ASCII kept, `"` and `\` backslashed, every other byte `\DDD`. */
export function digString(bytes: number[]): string {
  return bytes
    .map((b) =>
      b === 0x22 || b === 0x5c
        ? `\\${String.fromCharCode(b)}`
        : b >= 0x20 && b <= 0x7e
          ? String.fromCharCode(b)
          : `\\${String(b).padStart(3, '0')}`,
    )
    .join('');
}

/** The TXT data line of the all-bytes record, as dig prints it. */
export const ALL_BYTES_TEXT = `"${digString(Array.from({ length: 255 }, (_, i) => i))}" "\\255"`;

/** The TXT data line of the title-escape record. */
export const TITLE_ESCAPE_TEXT = '"\\027]0;pwned\\007"';

/**
 * A 64 KiB reply to `example.test. A`: a NULL record whose RDATA is `chain` compression pointers,
 * each pointing at the one before it (the first at the question name), then as many NULL records
 * as fit, every owner a pointer to the last link, so each owner name costs `chain` hops to read.
 */
export function pointerChainReply(chain: number): { bytes: Uint8Array; records: number } {
  const size = 65535;
  const chainStart = 30 + 12;
  const recordsStart = chainStart + chain * 2;
  const records = 1 + Math.floor((size - recordsStart) / 12);
  const bytes = new Uint8Array(recordsStart + (records - 1) * 12);
  bytes.set(
    Buffer.from(
      hex(ID, FLAGS_OK, counts(records), QUESTION, PTR_QNAME, '000a', '0001', '00000000', u16(chain * 2)),
      'hex',
    ),
  );
  for (let i = 0; i < chain; i++) {
    const at = chainStart + i * 2;
    const target = i === 0 ? 12 : at - 2;
    bytes[at] = 0xc0 | (target >> 8);
    bytes[at + 1] = target & 0xff;
  }
  const last = recordsStart - 2;
  for (let r = 0; r < records - 1; r++) {
    // owner: pointer to the last link; NULL IN, TTL 0, RDLENGTH 0
    bytes.set([0xc0 | (last >> 8), last & 0xff, 0x00, 0x0a, 0x00, 0x01, 0, 0, 0, 0, 0, 0], recordsStart + r * 12);
  }
  return { bytes, records };
}

/**
 * Referral to `test.` (not authoritative) from a root, for +trace: the one name server of test. is
 * HOSTILE_NAME (at offset 42, as the NS RDATA), with in-bailiwick glue 127.0.0.1.
 */
export const hostileReferral = hex(
  ID,
  '8000',
  counts(0, 1, 1),
  QUESTION_TXT, // QR only; NS=1 AR=1
  'c014',
  '0002',
  '0001',
  '0002a300',
  u16(HOSTILE_NAME.wire.length / 2), // test. (pointer into the question) NS IN 172800
  HOSTILE_NAME.wire, //                                                  NS target: the hostile name, at offset 42
  'c02a',
  '0001',
  '0001',
  '0002a300',
  '0004', //                         glue: pointer to offset 42, A IN 172800
  '7f000001', //                                                         127.0.0.1
);
