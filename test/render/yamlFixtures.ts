/**
 * Replies for the +yaml tests, built as wire bytes and decoded by src/wire, so every record carries
 * the presenters' own text: hostile names and strings, every EDNS option dig names, addresses that
 * end in ::, an UPDATE, a TSIG record. Fixed times, no network.
 */
import type { Exchange, LookupResult } from '../../src/resolve/types.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { encodeQuery } from '../../src/wire/encode.js';
import type { Message } from '../../src/wire/types.js';

const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number): Buffer => Buffer.from([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

/** A wire name from labels given as bytes (latin1 text), root-terminated, uncompressed. */
function name(...labels: string[]): Buffer {
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), bytes(l)])), Buffer.from([0])]);
}

/** One resource record: owner, type, class, TTL, RDATA. */
function rr(owner: Buffer, type: number, klass: number, ttl: number, rdata: Buffer): Buffer {
  return Buffer.concat([owner, u16(type), u16(klass), u32(ttl), u16(rdata.length), rdata]);
}

/** TXT RDATA: each string with its length octet. */
function txt(...strings: string[]): Buffer {
  return Buffer.concat(strings.map((s) => Buffer.concat([Buffer.from([bytes(s).length]), bytes(s)])));
}

/** An OPT record: UDP size, extended RCODE, version, flags and the options' code and data. */
function opt(options: Array<[number, Buffer]>, flags = 0, extendedRcode = 0, version = 0): Buffer {
  const data = Buffer.concat(options.map(([code, value]) => Buffer.concat([u16(code), u16(value.length), value])));
  return Buffer.concat([
    Buffer.from([0]),
    u16(41),
    u16(1232),
    Buffer.from([extendedRcode, version]),
    u16(flags),
    u16(data.length),
    data,
  ]);
}

interface Build {
  id?: number;
  /** Header flags word without the RCODE (QR AA RD by default). */
  flags?: number;
  rcode?: number;
  question: Buffer;
  answer?: Buffer[];
  authority?: Buffer[];
  additional?: Buffer[];
  opt?: Buffer;
}

function message(build: Build): Uint8Array {
  const answer = build.answer ?? [];
  const authority = build.authority ?? [];
  const additional = [...(build.additional ?? []), ...(build.opt ? [build.opt] : [])];
  return Uint8Array.from(
    Buffer.concat([
      u16(build.id ?? 0x1234),
      u16((build.flags ?? 0x8500) | (build.rcode ?? 0)),
      u16(1),
      u16(answer.length),
      u16(authority.length),
      u16(additional.length),
      build.question,
      ...answer,
      ...authority,
      ...additional,
    ]),
  );
}

const A = 1;
const IN = 1;
const question = (owner: Buffer, type = A, klass = IN): Buffer => Buffer.concat([owner, u16(type), u16(klass)]);
const example = name('example', 'test');
const v6 = Buffer.from('20010db8000000000000000000000000', 'hex');

/** Names and strings a server may send to break YAML or a terminal: quotes, `: `, ` #`, a leading `-`, controls, bidi. */
export const hostileReply = message({
  question: question(example, 16),
  answer: [
    rr(name("a'b", 'x'), A, IN, 60, Buffer.from([192, 0, 2, 1])),
    rr(
      example,
      16,
      IN,
      60,
      txt("it's", 'say "hi"', '\u0000\n\r\u001b[2J\u007f\u0080\u009b', '# not a comment', ': colon', "''"),
    ),
    rr(name('-dash', '#hash', 'sp ace', "q'", '\n', '\u00e2\u0080\u00ae'), A, IN, 60, Buffer.from([192, 0, 2, 2])),
    rr(example, 12, IN, 60, name("ptr'x", 'tab\tx')),
    rr(example, 65280, IN, 60, Buffer.from([0xde, 0xad])),
    rr(example, A, 65280, 60, Buffer.from([1, 2, 3, 4])),
  ],
  opt: opt([
    [3, bytes('a: b #c\u001b')],
    [15, Buffer.concat([u16(18), Buffer.from('bad \'text\' "q" \\ \u001b[31m \u202e', 'utf8')])],
    [15, Buffer.concat([u16(3)])],
    [15, Buffer.concat([u16(99), bytes('\u00ff\u0001x')])],
    [65001, bytes("a'b: c")],
  ]),
});

/** Every EDNS option dig 9.18 names, each well formed, and the flags and extended RCODE it prints. */
export const ednsReply = message({
  question: question(example),
  answer: [rr(example, A, IN, 300, Buffer.from([192, 0, 2, 9]))],
  opt: opt(
    [
      [3, bytes('ns1')],
      [8, Buffer.from([0, 1, 24, 0, 192, 0, 2])],
      [9, u32(3600)],
      [10, Buffer.from('0102030405060708aabbccddeeff0011', 'hex')],
      [11, u16(300)],
      [12, Buffer.alloc(5)],
      [14, Buffer.concat([u16(20326), u16(38696)])],
      [16, u16(7)],
      [17, u16(8)],
      [18, bytes('zz')],
    ],
    0x8000 | 0x4000 | 0x0010,
    1,
  ),
});

/** Addresses that end in `::`, which dig's YAML writes as `::0` (not in an SVCB hint). */
export const addressReply = message({
  question: question(example, 28),
  answer: [
    rr(example, 28, IN, 60, v6),
    rr(example, 28, IN, 60, Buffer.alloc(16)),
    rr(example, 28, IN, 60, Buffer.from('00000000000000000000ffff00000000', 'hex')),
    rr(example, 45, IN, 60, Buffer.concat([Buffer.from([10, 2, 1]), v6, Buffer.from([1, 2, 3, 4])])),
    rr(example, 64, IN, 60, Buffer.concat([u16(1), Buffer.from([0]), u16(6), u16(16), v6])),
  ],
});

/** An UPDATE reply (ZONE, PREREQUISITE, UPDATE sections) with the Z bit set. */
export const updateReply = message({
  flags: 0x8000 | (5 << 11) | 0x0040,
  question: question(example, 6),
  answer: [rr(example, A, 254, 0, Buffer.alloc(0))],
  authority: [rr(name('www', 'example', 'test'), A, IN, 300, Buffer.from([192, 0, 2, 3]))],
});

/** A signed reply: glue in the additional section, then the TSIG record dig shows apart. */
export const tsigReply = message({
  question: question(example),
  answer: [rr(example, A, IN, 300, Buffer.from([192, 0, 2, 1]))],
  additional: [
    rr(name('ns1', 'example', 'test'), A, IN, 300, Buffer.from([192, 0, 2, 53])),
    rr(
      name('xfr-key'),
      250,
      255,
      0,
      Buffer.concat([
        name('hmac-sha256'),
        u16(0),
        u32(1_700_000_000),
        u16(300),
        u16(4),
        Buffer.from('deadbeef', 'hex'),
        u16(0x1234),
        u16(0),
        u16(0),
      ]),
    ),
  ],
  opt: opt([]),
});

const SENT = new Date('2024-05-06T07:08:09.010Z');

/** An exchange around `raw` with a real query (a cookie, for +qr and the cookie verdict) from 127.0.0.1#5300. */
export function yamlExchange(raw: Uint8Array, server = { address: '127.0.0.1', port: 5300 }): Exchange {
  const response: Message = decodeMessage(raw);
  const cookie = Buffer.from('0102030405060708', 'hex');
  const q = response.question[0];
  const query = encodeQuery({
    id: response.id,
    name: q.name,
    type: q.type,
    class: q.class,
    rd: true,
    cd: false,
    ad: true,
    edns: { version: 0, udpSize: 1232, do: false, nsid: false, cookie },
  });
  return {
    server,
    protocol: 'udp',
    question: q,
    query,
    sentCookie: cookie,
    raw,
    response,
    rttMs: 1.5,
    receivedAt: SENT,
  };
}

/** A lookup answered by `raw`. */
export function yamlLookupOf(raw: Uint8Array, server?: { address: string; port: number }): LookupResult {
  const exchange = yamlExchange(raw, server);
  return { question: exchange.question, events: [], exchange };
}

/** The replies of the +yaml golden tests (file-name stem -> reply bytes). */
export const yamlReplies: ReadonlyArray<readonly [string, Uint8Array]> = [
  ['hostile', hostileReply],
  ['edns', ednsReply],
  ['addresses', addressReply],
  ['update', updateReply],
  ['tsig', tsigReply],
];
