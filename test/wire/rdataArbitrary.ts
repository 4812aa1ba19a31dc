/**
 * fast-check arbitraries of well-formed RDATA (uncompressed wire bytes) for every type the decoder
 * knows, so properties over record data reach the presenters instead of stopping at the decoder's
 * checks. Names and character-strings carry control bytes, quotes and backslashes; lengths, key
 * flags and algorithms lean toward the values that change how a record is written.
 */
import fc from 'fast-check';
import { TYPE } from '../../src/wire/rrtypes.js';

/** One generated RDATA and the type it is for. */
export interface RdataCase {
  type: number;
  rdata: Uint8Array;
}

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (max: number, min = 0): fc.Arbitrary<number[]> =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => [...b]);
const exact = (n: number): fc.Arbitrary<number[]> => bytes(n, n);

const be16 = (n: number): number[] => [n >> 8, n & 0xff];
const be32 = (n: number): number[] => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** Label octets: mostly letters, sometimes the bytes that need escaping. */
const labelByte = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x61, max: 0x7a }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0x00, 0x09, 0x1b, 0x20, 0x22, 0x28, 0x2e, 0x3b, 0x40, 0x5c, 0x7f, 0xe9, 0xff),
  },
);
const label = fc.array(labelByte, { minLength: 1, maxLength: 12 });

/** An uncompressed name of 0-4 labels (0: the root). */
export const wireNameArb: fc.Arbitrary<number[]> = fc
  .array(label, { maxLength: 4 })
  .map((labels) => [...labels.flatMap((l) => [l.length, ...l]), 0]);

/** A character-string: length octet and its bytes. */
const charString = (max = 40, min = 0): fc.Arbitrary<number[]> =>
  fc.array(fc.oneof(labelByte, u8), { minLength: min, maxLength: max }).map((s) => [s.length, ...s]);

/** An RFC 4034 type bitmap of some types, windows in order, no trailing zero octets. */
const typeBitmapArb: fc.Arbitrary<number[]> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 65 }) },
      { weight: 1, arbitrary: fc.constantFrom(99, 255, 256, 257, 32768, 32769, 65280) },
      { weight: 1, arbitrary: u16 },
    ),
    { maxLength: 8 },
  )
  .map((types) => {
    const windows = new Map<number, number[]>();
    for (const t of types) {
      const block = windows.get(t >> 8) ?? new Array<number>(32).fill(0);
      block[(t & 255) >> 3] |= 0x80 >> (t & 7);
      windows.set(t >> 8, block);
    }
    const out: number[] = [];
    for (const [window, block] of [...windows].sort((a, b) => a[0] - b[0])) {
      let length = 32;
      while (block[length - 1] === 0) length--;
      out.push(window, length, ...block.slice(0, length));
    }
    return out;
  });

const join = (...parts: fc.Arbitrary<number[]>[]): fc.Arbitrary<number[]> =>
  fc.tuple(...parts).map((list) => list.flat());
const num = (arb: fc.Arbitrary<number>, size: 1 | 2 | 4): fc.Arbitrary<number[]> =>
  arb.map((n) => (size === 1 ? [n] : size === 2 ? be16(n) : be32(n)));

/** IPv6 addresses with zero runs and the v4-mapped and v4-compatible forms inet_ntop writes apart. */
const ipv6Arb = fc.oneof(
  exact(16),
  fc
    .tuple(fc.array(fc.constantFrom(0, 0, 0, 1, 0xffff, 0x2001, 0xdb8), { minLength: 8, maxLength: 8 }))
    .map(([groups]) => groups.flatMap(be16)),
  exact(4).map((v4) => [...new Array<number>(10).fill(0), 0xff, 0xff, ...v4]),
  exact(4).map((v4) => [...new Array<number>(12).fill(0), ...v4]),
);

/** Digest or fingerprint bytes of the length a digest type fixes, any length for other types. */
function sizedDigest(sizes: Readonly<Record<number, number>>): fc.Arbitrary<number[]> {
  const known = Object.keys(sizes).map(Number);
  return fc
    .oneof(fc.constantFrom(...known), u8)
    .chain((kind) => (sizes[kind] === undefined ? bytes(80) : exact(sizes[kind])).map((d) => [kind, ...d]));
}

const keyFlags = fc.oneof(fc.constantFrom(256, 257, 385, 0, 0xc000, 0xc101, 0x4000), u16);
const keyAlgorithm = fc.oneof(fc.constantFrom(8, 13, 15, 253, 254, 0, 200), u8);
/** A key; for algorithm 253 (PRIVATEDNS) it may start with a name, as the key comment reads. */
const keyArb: fc.Arbitrary<number[]> = fc
  .tuple(keyFlags, u8, keyAlgorithm)
  .chain(([flags, protocol, algorithm]) =>
    (algorithm === 253 ? fc.oneof(join(wireNameArb, bytes(40)), bytes(40)) : bytes(300)).map((key) => [
      ...be16(flags),
      protocol,
      algorithm,
      ...key,
    ]),
  );

const signatureArb = join(
  num(fc.oneof(fc.constantFrom(1, 2, 6, 28, 46, 48, 65280), u16), 2),
  num(u8, 1),
  num(u8, 1),
  num(u32, 4),
  num(u32, 4),
  num(u32, 4),
  num(u16, 2),
  wireNameArb,
  bytes(200),
);

/** LOC version 0: size and precisions as valid mantissa/exponent octets, angles within range. */
const sizeOctet = fc
  .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }))
  .map(([m, e]) => (m << 4) | e);
const EQUATOR = 2 ** 31;
const locArb = fc
  .tuple(
    sizeOctet,
    sizeOctet,
    sizeOctet,
    fc.integer({ min: EQUATOR - 90 * 3_600_000, max: EQUATOR + 90 * 3_600_000 }),
    fc.integer({ min: EQUATOR - 180 * 3_600_000, max: EQUATOR + 180 * 3_600_000 }),
    u32,
  )
  .map(([size, h, v, lat, lon, alt]) => [0, size, h, v, ...be32(lat), ...be32(lon), ...be32(alt)]);

const ipseckeyArb = fc
  .tuple(u8, fc.integer({ min: 0, max: 3 }), u8)
  .chain(([precedence, gatewayType, algorithm]) =>
    fc
      .tuple(
        gatewayType === 0
          ? fc.constant<number[]>([])
          : gatewayType === 1
            ? exact(4)
            : gatewayType === 2
              ? exact(16)
              : wireNameArb,
        bytes(60),
      )
      .map(([gateway, key]) => [precedence, gatewayType, algorithm, ...gateway, ...key]),
  );

/** One SvcParam value that fits its key. */
function svcParamValue(key: number): fc.Arbitrary<number[]> {
  switch (key) {
    case 0:
      return fc
        .array(fc.oneof(fc.integer({ min: 0, max: 8 }), u16), { minLength: 1, maxLength: 4 })
        .map((keys) => keys.flatMap(be16));
    case 1:
      return fc.array(charString(8, 1), { minLength: 1, maxLength: 3 }).map((ids) => ids.flat());
    case 2:
      return fc.constant<number[]>([]);
    case 3:
      return exact(2);
    case 4:
      return fc.array(exact(4), { minLength: 1, maxLength: 3 }).map((list) => list.flat());
    case 6:
      return fc.array(ipv6Arb, { minLength: 1, maxLength: 2 }).map((list) => list.flat());
    default:
      return bytes(20);
  }
}

const svcbArb = fc
  .tuple(
    u16,
    wireNameArb,
    fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 9, max: 65534 })), { maxLength: 5 }),
  )
  .chain(([priority, target, keys]) => {
    const sorted = [...keys].sort((a, b) => a - b);
    const values = sorted.map((key) => svcParamValue(key).map((v) => [...be16(key), ...be16(v.length), ...v]));
    return fc.tuple(...values).map((params) => [...be16(priority), ...target, ...params.flat()]);
  });

const tsigArb = fc
  .tuple(wireNameArb, exact(6), u16, bytes(40), u16, fc.oneof(fc.integer({ min: 0, max: 24 }), u16), bytes(12))
  .map(([algorithm, time, fudge, mac, id, error, other]) => [
    ...algorithm,
    ...time,
    ...be16(fudge),
    ...be16(mac.length),
    ...mac,
    ...be16(id),
    ...be16(error),
    ...be16(other.length),
    ...other,
  ]);

const nameOnly = wireNameArb;
const preferenceName = join(num(u16, 2), wireNameArb);
const twoNames = join(wireNameArb, wireNameArb);
const strings = (min: number, max: number): fc.Arbitrary<number[]> =>
  fc.array(charString(), { minLength: min, maxLength: max }).map((list) => list.flat());

/** Well-formed RDATA by type number. */
export const RDATA_ARBITRARIES: Readonly<Record<number, fc.Arbitrary<number[]>>> = {
  [TYPE.A]: exact(4),
  [TYPE.NS]: nameOnly,
  [TYPE.MD]: nameOnly,
  [TYPE.MF]: nameOnly,
  [TYPE.CNAME]: nameOnly,
  [TYPE.SOA]: join(wireNameArb, wireNameArb, num(u32, 4), num(u32, 4), num(u32, 4), num(u32, 4), num(u32, 4)),
  [TYPE.MB]: nameOnly,
  [TYPE.MG]: nameOnly,
  [TYPE.MR]: nameOnly,
  [TYPE.WKS]: join(exact(4), num(u8, 1), bytes(12)),
  [TYPE.PTR]: nameOnly,
  [TYPE.HINFO]: strings(2, 2),
  [TYPE.MINFO]: twoNames,
  [TYPE.MX]: preferenceName,
  [TYPE.TXT]: fc.oneof(strings(1, 4), fc.constant<number[]>([])),
  [TYPE.RP]: twoNames,
  [TYPE.AFSDB]: preferenceName,
  [TYPE.X25]: strings(1, 1),
  [TYPE.ISDN]: strings(1, 2),
  [TYPE.RT]: preferenceName,
  [TYPE.SIG]: signatureArb,
  [TYPE.KEY]: keyArb,
  [TYPE.PX]: join(num(u16, 2), wireNameArb, wireNameArb),
  [TYPE.AAAA]: ipv6Arb,
  [TYPE.LOC]: locArb,
  [TYPE.SRV]: join(num(u16, 2), num(u16, 2), num(u16, 2), wireNameArb),
  [TYPE.NAPTR]: join(num(u16, 2), num(u16, 2), charString(), charString(), charString(), wireNameArb),
  [TYPE.KX]: preferenceName,
  [TYPE.CERT]: join(
    num(fc.oneof(fc.constantFrom(1, 3, 8, 253, 254), u16), 2),
    num(u16, 2),
    num(keyAlgorithm, 1),
    bytes(120),
  ),
  [TYPE.DNAME]: nameOnly,
  [TYPE.DS]: join(num(u16, 2), num(keyAlgorithm, 1), sizedDigest({ 1: 20, 2: 32, 3: 32, 4: 48 })),
  [TYPE.SSHFP]: join(num(u8, 1), sizedDigest({ 1: 20, 2: 32 })),
  [TYPE.IPSECKEY]: ipseckeyArb,
  [TYPE.RRSIG]: signatureArb,
  [TYPE.NSEC]: join(wireNameArb, typeBitmapArb),
  [TYPE.DNSKEY]: keyArb,
  [TYPE.DHCID]: bytes(60),
  [TYPE.NSEC3]: join(num(u8, 1), num(u8, 1), num(u16, 2), charString(12), charString(32, 1), typeBitmapArb),
  [TYPE.NSEC3PARAM]: join(num(u8, 1), num(u8, 1), num(u16, 2), charString(12)),
  [TYPE.TLSA]: join(num(u8, 1), num(u8, 1), num(u8, 1), bytes(80)),
  [TYPE.SMIMEA]: join(num(u8, 1), num(u8, 1), num(u8, 1), bytes(80)),
  [TYPE.CDS]: join(num(u16, 2), num(keyAlgorithm, 1), sizedDigest({ 1: 20, 2: 32, 3: 32, 4: 48 })),
  [TYPE.CDNSKEY]: keyArb,
  [TYPE.OPENPGPKEY]: bytes(120),
  [TYPE.CSYNC]: join(num(u32, 4), num(u16, 2), typeBitmapArb),
  [TYPE.ZONEMD]: join(num(u32, 4), num(u8, 1), sizedDigest({ 1: 48, 2: 64 })),
  [TYPE.SVCB]: svcbArb,
  [TYPE.HTTPS]: svcbArb,
  [TYPE.SPF]: strings(1, 3),
  [TYPE.NID]: exact(10),
  [TYPE.L32]: exact(6),
  [TYPE.L64]: exact(10),
  [TYPE.LP]: preferenceName,
  [TYPE.EUI48]: exact(6),
  [TYPE.EUI64]: exact(8),
  [TYPE.TSIG]: tsigArb,
  [TYPE.URI]: join(num(u16, 2), num(u16, 2), bytes(40)),
  [TYPE.CAA]: join(num(u8, 1), charString(12, 1), bytes(40)),
  [TYPE.RESINFO]: strings(1, 3),
  [TYPE.TA]: join(num(u16, 2), num(keyAlgorithm, 1), sizedDigest({ 1: 20, 2: 32, 3: 32, 4: 48 })),
  [TYPE.DLV]: join(num(u16, 2), num(keyAlgorithm, 1), sizedDigest({ 1: 20, 2: 32, 3: 32, 4: 48 })),
  // Types the decoder has no format for: RFC 3597 data, whatever the bytes.
  [TYPE.NULL]: bytes(40),
  65280: bytes(40),
};

/** Every type number with a well-formed RDATA arbitrary. */
export const ARBITRARY_TYPES: readonly number[] = Object.keys(RDATA_ARBITRARIES).map(Number);

/** Well-formed RDATA of `type`. */
export function rdataArb(type: number): fc.Arbitrary<Uint8Array> {
  return RDATA_ARBITRARIES[type].map((list) => Uint8Array.from(list));
}

/** A type with well-formed RDATA for it. */
export const rdataCaseArb: fc.Arbitrary<RdataCase> = fc
  .constantFrom(...ARBITRARY_TYPES)
  .chain((type) => rdataArb(type).map((rdata) => ({ type, rdata })));
