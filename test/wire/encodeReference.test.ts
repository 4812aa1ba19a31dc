/**
 * encodeQuery writes packets itself; these tests hold it to the bytes dns-packet writes for the
 * same query (header and OPT record), over many generated queries, and to dig where they differ.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import dnsPacket from 'dns-packet';
import { encodeQuery } from '../../src/wire/encode.js';
import { nameToWire } from '../../src/wire/name.js';
import type { QueryPacketSpec } from '../../src/wire/types.js';
import { hex } from './hex.js';

/** The query as dns-packet writes its header and OPT record, with the question spliced in from nameToWire. */
function referenceEncode(spec: QueryPacketSpec): Uint8Array {
  let flags = ((spec.opcode ?? 0) & 0xf) << 11;
  if (spec.aa) flags |= 0x0400;
  if (spec.tc) flags |= 0x0200;
  if (spec.rd) flags |= 0x0100;
  if (spec.ra) flags |= 0x0080;
  if (spec.z) flags |= 0x0040;
  if (spec.ad) flags |= 0x0020;
  if (spec.cd) flags |= 0x0010;
  const additionals: dnsPacket.Answer[] = [];
  const questionOctets = spec.headerOnly ? 0 : nameToWire(spec.name).length + 4;
  if (spec.edns) {
    const options: Array<{ code: number; data: Buffer }> = [];
    if (spec.edns.nsid) options.push({ code: 3, data: Buffer.alloc(0) });
    if (spec.edns.subnet) {
      const { family, sourcePrefix, address } = spec.edns.subnet;
      const octets = Math.ceil(sourcePrefix / 8);
      const data = Buffer.alloc(4 + octets);
      data.writeUInt16BE(family, 0);
      data[2] = sourcePrefix;
      for (let i = 0; i < octets; i++) data[4 + i] = address[i] ?? 0;
      const spare = octets * 8 - sourcePrefix;
      if (octets > 0 && spare > 0) data[3 + octets] &= (0xff << spare) & 0xff;
      options.push({ code: 8, data });
    }
    if (spec.edns.cookie) options.push({ code: 10, data: Buffer.from(spec.edns.cookie) });
    if (spec.edns.expire) options.push({ code: 9, data: Buffer.alloc(0) });
    if (spec.edns.keepalive) options.push({ code: 11 } as never);
    for (const option of spec.edns.extra ?? []) options.push({ code: option.code, data: Buffer.from(option.data) });
    const opt = {
      type: 'OPT',
      name: '.',
      udpPayloadSize: spec.edns.udpSize,
      extendedRcode: 0,
      ednsVersion: spec.edns.version,
      flags: (spec.edns.do ? 0x8000 : 0) | ((spec.edns.flags ?? 0) & 0x7fff),
      options,
    } as dnsPacket.Answer;
    if (spec.edns.padding) {
      // The PADDING option that brings the whole message (question included) to a multiple of the block.
      const unpadded =
        dnsPacket.encodingLength({ type: 'query', id: spec.id, flags, questions: [], additionals: [opt] }) +
        questionOctets +
        4;
      const over = unpadded % spec.edns.padding;
      options.push({ code: 12, length: over === 0 ? 0 : spec.edns.padding - over } as never);
    }
    additionals.push(opt);
  }
  const shell = dnsPacket.encode({ type: 'query', id: spec.id, flags, questions: [], additionals });
  if (spec.headerOnly) return new Uint8Array(shell);
  const qname = nameToWire(spec.name);
  const out = new Uint8Array(shell.length + qname.length + 4);
  out.set(shell.subarray(0, 12), 0);
  out[5] = 1;
  out.set(qname, 12);
  let at = 12 + qname.length;
  out[at++] = spec.type >> 8;
  out[at++] = spec.type & 0xff;
  out[at++] = spec.class >> 8;
  out[at++] = spec.class & 0xff;
  out.set(shell.subarray(12), at);
  return out;
}

const labelChar = fc.constantFrom(...'abcxyzABCXYZ0189-_*'.split(''), '\\.', '\\000', '\\255', '\\\\', 'é', ' ');
const label = fc.array(labelChar, { minLength: 1, maxLength: 20 }).map((chars) => chars.join(''));
const name = fc.oneof(
  fc.constant('.'),
  fc.constant(''),
  fc
    .array(label, { minLength: 1, maxLength: 6 })
    .chain((labels) => fc.boolean().map((dot) => labels.join('.') + (dot ? '.' : ''))),
  fc
    .array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 63 })
    .map((chars) => `${chars.join('')}.example.`),
);
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
const edns = fc.record(
  {
    version: fc.integer({ min: 0, max: 255 }),
    udpSize: fc.integer({ min: 1, max: 65535 }),
    do: fc.boolean(),
    nsid: fc.boolean(),
    cookie: bytes(8, 40),
    subnet: fc.record({
      family: fc.constantFrom(1 as const, 2 as const),
      sourcePrefix: fc.integer({ min: 0, max: 128 }),
      address: bytes(0, 16),
    }),
    extra: fc.array(fc.record({ code: fc.integer({ min: 0, max: 65535 }), data: bytes(0, 12) }), { maxLength: 3 }),
    flags: fc.integer({ min: 0, max: 0xffff }),
    expire: fc.boolean(),
    keepalive: fc.boolean(),
    padding: fc.integer({ min: 0, max: 512 }),
  },
  { requiredKeys: ['version', 'udpSize', 'do', 'nsid'] },
);
const spec: fc.Arbitrary<QueryPacketSpec> = fc.record(
  {
    id: fc.integer({ min: 0, max: 0xffff }),
    name,
    type: fc.integer({ min: 0, max: 0xffff }),
    class: fc.integer({ min: 0, max: 0xffff }),
    opcode: fc.integer({ min: 0, max: 15 }),
    rd: fc.boolean(),
    cd: fc.boolean(),
    ad: fc.boolean(),
    aa: fc.boolean(),
    ra: fc.boolean(),
    tc: fc.boolean(),
    z: fc.boolean(),
    headerOnly: fc.boolean(),
    edns: fc.option(edns, { nil: null }),
  },
  { requiredKeys: ['id', 'name', 'type', 'class', 'rd', 'cd', 'ad', 'edns'] },
);

test('encodeQuery writes the same bytes as dns-packet for generated queries', () => {
  fc.assert(
    fc.property(spec, (query) => {
      assert.deepEqual(encodeQuery(query), referenceEncode(query));
    }),
    { numRuns: 3000, seed: 20_260_502 },
  );
});

test('encodeQuery refuses what dns-packet refuses: names nameToWire rejects, and fields out of range', () => {
  const base: QueryPacketSpec = {
    id: 1,
    name: 'example.',
    type: 1,
    class: 1,
    rd: true,
    cd: false,
    ad: true,
    edns: null,
  };
  for (const name of ['a..b.', '.a.', `${'a'.repeat(64)}.`, `${'abcdefg.'.repeat(32)}`, 'a\\1.']) {
    assert.throws(() => encodeQuery({ ...base, name }), /not a legal name/);
    assert.throws(() => referenceEncode({ ...base, name }), /not a legal name/);
  }
  assert.throws(() => encodeQuery({ ...base, id: 0x10000 }), RangeError);
  assert.throws(
    () => encodeQuery({ ...base, edns: { version: 256, udpSize: 1232, do: false, nsid: false } }),
    RangeError,
  );
  assert.throws(
    () => encodeQuery({ ...base, edns: { version: 0, udpSize: 65536, do: false, nsid: false } }),
    RangeError,
  );
  assert.throws(() => encodeQuery({ ...base, opcode: 16 }), RangeError);
  assert.throws(
    () => encodeQuery({ ...base, edns: { version: 0, udpSize: 1232, do: false, nsid: false, flags: 0x10000 } }),
    RangeError,
  );
});

test('a 255-octet name is the longest encodeQuery writes', () => {
  const longest = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}.`;
  const packet = encodeQuery({ id: 1, name: longest, type: 1, class: 1, rd: false, cd: false, ad: false, edns: null });
  assert.equal(packet.length, 12 + 255 + 4);
  assert.deepEqual(packet.subarray(12, 12 + 255), nameToWire(longest));
  assert.throws(
    () => encodeQuery({ id: 1, name: `a${longest}`, type: 1, class: 1, rd: false, cd: false, ad: false, edns: null }),
    /not a legal name/,
  );
});

test('+bufsize=0 advertises a UDP size of 0, as dig does (dns-packet would write 4096)', () => {
  const packet = encodeQuery({
    id: 1,
    name: '.',
    type: 2,
    class: 1,
    rd: false,
    cd: false,
    ad: false,
    edns: { version: 0, udpSize: 0, do: false, nsid: false },
  });
  assert.deepEqual(
    packet,
    hex(`
    0001 0000 0001 0000 0000 0001 ; id 1, no flags, one question, one additional
    00 0002 0001                  ; . NS IN
    00 0029 0000 00 00 0000 0000  ; root OPT, udp 0, version 0, no flags, no options
  `),
  );
});
