/**
 * fast-check arbitraries for the decoder fuzzing: well-formed replies built with dns-packet (names
 * and strings carrying control bytes, C1, bidi controls and non-ASCII), and mutations of them of
 * the kinds that break naive decoders: bit flips, truncation, section count changes, compression
 * pointers rewritten or planted, bytes overwritten with boundary values, slices cut or repeated.
 */
import fc from 'fast-check';
import dnsPacket from 'dns-packet';

/** Characters for labels and strings: plain letters and digits, plus everything a terminal could act on. */
const CHARS = [
  ...'abcxyzABC019-_*',
  '\x00',
  '\x07',
  '\x1b',
  '\x7f',
  '\u0085',
  '\u009b',
  '\u202e',
  '\u2066',
  '\u00e9',
  '\u4e2d',
  '\ud83d\ude00',
  ' ',
  '"',
  '\\',
  ';',
  '(',
  '@',
  '$',
];

/** A-labels for +idnout: valid (münchen), and punycode of U+202E, C1 and U+2066 that must never be shown decoded, and junk. */
const A_LABELS = ['xn--mnchen-3ya', 'xn--abc-4q0a', 'xn--ab-qa', 'xn--ab-88t', 'xn--zz', 'xn--'];

const label = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 8 })
      .filter((l) => !l.includes('.')),
  },
  { weight: 1, arbitrary: fc.constantFrom(...A_LABELS) },
);

/** A name of 0-4 labels (0: the root), as dns-packet takes it (no trailing dot). */
export const nameArb = fc.array(label, { minLength: 0, maxLength: 4 }).map((labels) => labels.join('.'));

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max }).map((b) => Buffer.from(b));
const exactBytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b));
const text = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 20 });
const ipv4 = fc.tuple(u8, u8, u8, u8).map((parts) => parts.join('.'));
const ipv6 = fc.array(u16, { minLength: 8, maxLength: 8 }).map((groups) => groups.map((g) => g.toString(16)).join(':'));

/** One answer-section record of a common type with random data. */
const recordArb: fc.Arbitrary<dnsPacket.Answer> = fc
  .oneof(
    fc.record({ type: fc.constant('A'), data: ipv4 }),
    fc.record({ type: fc.constant('AAAA'), data: ipv6 }),
    fc.record({ type: fc.constantFrom('CNAME', 'NS', 'PTR', 'DNAME'), data: nameArb }),
    fc.record({ type: fc.constant('MX'), data: fc.record({ preference: u16, exchange: nameArb }) }),
    fc.record({ type: fc.constant('TXT'), data: fc.array(bytes(255), { minLength: 1, maxLength: 3 }) }),
    fc.record({
      type: fc.constant('SOA'),
      data: fc.record({
        mname: nameArb,
        rname: nameArb,
        serial: u32,
        refresh: u32,
        retry: u32,
        expire: u32,
        minimum: u32,
      }),
    }),
    fc.record({
      type: fc.constant('SRV'),
      data: fc.record({ priority: u16, weight: u16, port: u16, target: nameArb }),
    }),
    fc.record({
      type: fc.constant('CAA'),
      data: fc.record({
        flags: fc.constantFrom(0, 128),
        tag: fc.constantFrom('issue', 'iodef', 'x\x1by'),
        value: text,
      }),
    }),
    fc.record({ type: fc.constant('HINFO'), data: fc.record({ cpu: text, os: text }) }),
    // Known digest types have fixed lengths (a strict decoder rejects others); unassigned types take any length.
    fc.record({
      type: fc.constant('DS'),
      data: fc
        .tuple(
          u16,
          u8,
          fc.oneof(
            fc.constantFrom([1, 20], [2, 32], [4, 48]).chain(([t, n]) => fc.tuple(fc.constant(t), exactBytes(n))),
            fc.tuple(fc.integer({ min: 5, max: 255 }), bytes(48)),
          ),
        )
        .map(([keyTag, algorithm, [digestType, digest]]) => ({ keyTag, algorithm, digestType, digest })),
    }),
    fc.record({ type: fc.constant('DNSKEY'), data: fc.record({ flags: u16, algorithm: u8, key: bytes(64) }) }),
    fc.record({
      type: fc.constant('NAPTR'),
      data: fc.record({ order: u16, preference: u16, flags: text, services: text, regexp: text, replacement: nameArb }),
    }),
    fc.record({ type: fc.constant('UNKNOWN_65280'), data: bytes(40) }),
  )
  .chain((partial) =>
    fc
      .record({ name: nameArb, ttl: u32, class: fc.constantFrom('IN', 'CH', 'ANY') })
      .map((head) => ({ ...head, ...partial }) as unknown as dnsPacket.Answer),
  );

/** An OPT record with random options (COOKIE, NSID, ECS, EDE and unknown codes, any lengths). */
const optArb = fc
  .record({
    udpPayloadSize: u16,
    flags: fc.constantFrom(0, 0x8000, 0x7fff),
    options: fc.array(fc.record({ code: fc.constantFrom(3, 8, 10, 12, 15, 65001), data: bytes(24) }), { maxLength: 3 }),
  })
  .map((opt) => ({ type: 'OPT', name: '.', ...opt }) as unknown as dnsPacket.Answer);

/** A well-formed reply, encoded by dns-packet. */
export const replyArb: fc.Arbitrary<Uint8Array> = fc
  .record({
    id: u16,
    flags: fc.integer({ min: 0, max: 0x7fff }),
    question: fc.record({ name: nameArb, type: fc.constantFrom('A', 'TXT', 'ANY', 'NS') }),
    answers: fc.array(recordArb, { maxLength: 4 }),
    authorities: fc.array(recordArb, { maxLength: 2 }),
    additionals: fc.array(recordArb, { maxLength: 2 }),
    opt: fc.option(optArb, { nil: undefined }),
  })
  .map((r) =>
    Uint8Array.from(
      dnsPacket.encode({
        type: 'response',
        id: r.id,
        flags: r.flags,
        questions: [{ name: r.question.name, type: r.question.type as dnsPacket.RecordType, class: 'IN' }],
        answers: r.answers,
        authorities: r.authorities,
        additionals: r.opt ? [...r.additionals, r.opt] : r.additionals,
      }),
    ),
  );

/** One change to a packet; positions and values are reduced modulo the packet's length when applied. */
export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'count'; section: number; value: number }
  | { kind: 'pointer'; at: number; target: number }
  | { kind: 'retarget'; nth: number; target: number }
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number };

const BOUNDARY_BYTES = [0x00, 0x01, 0x3f, 0x40, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xfe, 0xff];

/** Mutation arbitrary. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('count' as const),
    section: fc.integer({ min: 0, max: 3 }),
    value: fc.oneof(fc.integer({ min: 0, max: 8 }), u16),
  }),
  fc.record({ kind: fc.constant('pointer' as const), at: fc.nat(), target: fc.integer({ min: 0, max: 0x3fff }) }),
  fc.record({ kind: fc.constant('retarget' as const), nth: fc.nat(), target: fc.integer({ min: 0, max: 0x3fff }) }),
  fc.record({
    kind: fc.constant('byte' as const),
    at: fc.nat(),
    value: fc.oneof(fc.constantFrom(...BOUNDARY_BYTES), u8),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 32 }) }),
);

/** Applies one mutation, returning a new array (the input is left alone). */
export function mutate(packet: Uint8Array, m: Mutation): Uint8Array {
  const out = Uint8Array.from(packet);
  const n = out.length;
  if (n === 0) return out;
  switch (m.kind) {
    case 'flip':
      out[m.at % n] ^= 1 << m.bit;
      return out;
    case 'truncate':
      return out.subarray(0, m.at % n);
    case 'count': {
      const at = 4 + m.section * 2;
      if (at + 1 < n) {
        out[at] = m.value >> 8;
        out[at + 1] = m.value & 0xff;
      }
      return out;
    }
    case 'pointer': {
      const at = 12 + (m.at % Math.max(1, n - 13));
      if (at + 1 < n) {
        out[at] = 0xc0 | (m.target >> 8);
        out[at + 1] = m.target & 0xff;
      }
      return out;
    }
    case 'retarget': {
      const pointers: number[] = [];
      for (let i = 12; i + 1 < n; i++) if ((out[i]! & 0xc0) === 0xc0) pointers.push(i);
      if (pointers.length === 0) return out;
      const at = pointers[m.nth % pointers.length]!;
      // Mostly near the pointer itself (self, just before, just after), sometimes anywhere.
      const target = m.target % 4 === 0 ? m.target : Math.max(0, at - 2 + (m.target % 5));
      out[at] = 0xc0 | ((target >> 8) & 0x3f);
      out[at + 1] = target & 0xff;
      return out;
    }
    case 'byte':
      out[m.at % n] = m.value;
      return out;
    case 'cut': {
      const at = m.at % n;
      return Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + m.length)]);
    }
    case 'repeat': {
      const at = m.at % n;
      const slice = out.subarray(at, at + m.length);
      return Uint8Array.from([...out.subarray(0, at), ...slice, ...out.subarray(at)]);
    }
  }
}

/** A valid reply with 1-4 mutations applied in turn. */
export const mutatedReplyArb: fc.Arbitrary<Uint8Array> = fc
  .tuple(replyArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
  .map(([packet, mutations]) => mutations.reduce(mutate, packet));

/** Random bytes: wholly random, or a plausible header (QR set, small counts) followed by random bytes. */
export const randomPacketArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 512 }),
  fc
    .tuple(
      u16,
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
      fc.uint8Array({ minLength: 0, maxLength: 400 }),
    )
    .map(([id, counts, tail]) =>
      Uint8Array.from([id >> 8, id & 0xff, 0x81, 0x80, ...counts.flatMap((c) => [0, c]), ...tail]),
    ),
);
