/**
 * Messages and lookup results for the view tests (JSON, table, colour), built by hand so every view
 * is tested on the same data. RDATA bytes come from dns-packet's encoders and are decoded as the wire
 * module decodes them; `data` and `fields` are what the presenters make of them (dig's presentation
 * format, already escaped), checked when the fixture is built.
 */
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import type { Edns, Message, ResourceRecord } from '../../src/wire/types.js';
import type { LookupResult } from '../../src/resolve/types.js';
import { RRType } from '../../src/wire/rrtypes.js';
import { rdataFields, rdataText } from '../../src/render/rdata/present.js';
import type { RdataFields } from '../../src/render/rdata/presenter.js';
import { recordFromWire } from '../support/records.js';

const encoders = dnsPacket as unknown as { record(type: string): { encode(data: unknown): Uint8Array } };

/** RDATA of a type dns-packet knows, without its 2-byte RDLENGTH prefix. */
function rdataOf(type: string, data: unknown): Uint8Array {
  return encoders.record(type).encode(data).subarray(2);
}

function rr(
  name: string,
  type: string,
  ttl: number,
  rdata: Uint8Array,
  data: string,
  fields?: RdataFields,
): ResourceRecord {
  const record = recordFromWire(name, RRType[type] ?? Number(type.replace('TYPE', '')), rdata, 1, ttl);
  assert.equal(rdataText(record.rdata), data, `${name} ${type}`);
  assert.deepEqual(rdataFields(record.rdata), fields, `${name} ${type}`);
  return record;
}

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

const DNSKEY_B64 = 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==';

/** One record of each common type, as an authoritative server for example.com. would send them. */
export const commonRecords: ResourceRecord[] = [
  rr('example.com.', 'A', 3600, rdataOf('A', '192.0.2.1'), '192.0.2.1', { address: '192.0.2.1' }),
  rr('example.com.', 'AAAA', 3600, rdataOf('AAAA', '2001:db8::1'), '2001:db8::1', { address: '2001:db8::1' }),
  rr('www.example.com.', 'CNAME', 300, rdataOf('CNAME', 'example.com'), 'example.com.', { target: 'example.com.' }),
  rr(
    'example.com.',
    'MX',
    86400,
    rdataOf('MX', { preference: 10, exchange: 'mail.example.com' }),
    '10 mail.example.com.',
    {
      preference: 10,
      exchange: 'mail.example.com.',
    },
  ),
  rr('example.com.', 'TXT', 90061, rdataOf('TXT', ['v=spf1 -all', 'two words']), '"v=spf1 -all" "two words"', {
    strings: ['v=spf1 -all', 'two words'],
  }),
  rr(
    '_sip._udp.example.com.',
    'SRV',
    600,
    rdataOf('SRV', { priority: 0, weight: 5, port: 5060, target: 'sip.example.com' }),
    '0 5 5060 sip.example.com.',
    {
      priority: 0,
      weight: 5,
      port: 5060,
      target: 'sip.example.com.',
    },
  ),
  rr(
    'example.com.',
    'CAA',
    3600,
    rdataOf('CAA', { flags: 0, tag: 'issue', value: 'letsencrypt.org' }),
    '0 issue "letsencrypt.org"',
    {
      flags: 0,
      tag: 'issue',
      value: 'letsencrypt.org',
    },
  ),
  rr('1.2.0.192.in-addr.arpa.', 'PTR', 3600, rdataOf('PTR', 'example.com'), 'example.com.', { target: 'example.com.' }),
  rr(
    'example.com.',
    'DS',
    86400,
    rdataOf('DS', {
      keyTag: 370,
      algorithm: 13,
      digestType: 2,
      digest: hex('BE74359954660069D5C63D200C39F5603827D7DD02B56F120EE9F3A86764247C'),
    }),
    '370 13 2 BE74359954660069D5C63D200C39F5603827D7DD02B56F120EE9F3A8 6764247C',
    {
      keyTag: 370,
      algorithm: 13,
      digestType: 2,
      digest: 'BE74359954660069D5C63D200C39F5603827D7DD02B56F120EE9F3A86764247C',
    },
  ),
  rr(
    'example.com.',
    'DNSKEY',
    3600,
    rdataOf('DNSKEY', { flags: 257, algorithm: 13, key: Buffer.from(DNSKEY_B64, 'base64') }),
    `257 3 13 ${DNSKEY_B64.slice(0, 56)} ${DNSKEY_B64.slice(56)}`,
    { flags: 257, protocol: 3, algorithm: 13, key: DNSKEY_B64 },
  ),
  rr('example.com.', 'HTTPS', 300, hex('0001 00 0001 0006 026832 026833'), '1 . alpn="h2,h3"', {
    priority: 1,
    target: '.',
    alpn: ['h2', 'h3'],
  }),
  rr(
    'example.com.',
    'SOA',
    3600,
    rdataOf('SOA', {
      mname: 'ns1.example.com',
      rname: 'hostmaster.example.com',
      serial: 2024010101,
      refresh: 7200,
      retry: 3600,
      expire: 1209600,
      minimum: 300,
    }),
    'ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300',
    {
      mname: 'ns1.example.com.',
      rname: 'hostmaster.example.com.',
      serial: 2024010101,
      refresh: 7200,
      retry: 3600,
      expire: 1209600,
      minimum: 300,
    },
  ),
  rr('example.com.', 'TYPE65280', 0, hex('ABCD'), '\\# 2 ABCD'),
];

const exampleSoa = commonRecords.find((r) => r.type === RRType.SOA)!;

const nsRecords: ResourceRecord[] = [
  rr('example.com.', 'NS', 172800, rdataOf('NS', 'ns1.example.com'), 'ns1.example.com.', {
    target: 'ns1.example.com.',
  }),
  rr('example.com.', 'NS', 172800, rdataOf('NS', 'ns2.example.com'), 'ns2.example.com.', {
    target: 'ns2.example.com.',
  }),
];

const glue: ResourceRecord[] = [
  rr('ns1.example.com.', 'A', 172800, rdataOf('A', '192.0.2.53'), '192.0.2.53', { address: '192.0.2.53' }),
  rr('ns1.example.com.', 'AAAA', 172800, rdataOf('AAAA', '2001:db8::53'), '2001:db8::53', { address: '2001:db8::53' }),
];

/** Every byte value 0..255 in one TXT record (two character-strings, 255 + 1 bytes). */
export const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

/** dig's escaping of character-string bytes, written out independently of the wire module. */
export function digStringText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x22) out += '\\"';
    else if (b === 0x5c) out += '\\\\';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\${String(b).padStart(3, '0')}`;
  }
  return out;
}

/** The TXT record holding all 256 byte values, under an owner name that needs escapes itself. */
export const allBytesTxt: ResourceRecord = rr(
  'tab\\009and\\.dot\\027[31m.example.com.',
  'TXT',
  60,
  Uint8Array.from([255, ...allBytes.subarray(0, 255), 1, 255]),
  `"${digStringText(allBytes.subarray(0, 255))}" "${digStringText(allBytes.subarray(255))}"`,
  { strings: [digStringText(allBytes.subarray(0, 255)), digStringText(allBytes.subarray(255))] },
);

const edns: Edns = {
  version: 0,
  udpSize: 1232,
  do: true,
  flags: 0,
  options: [
    { code: 3, data: Uint8Array.from(Buffer.from('ns1.lab\u001b[2J', 'latin1')) },
    { code: 10, data: hex('0102030405060708 1122334455667788 99AABBCCDDEEFF00') },
    { code: 8, data: hex('0001 18 18 C00002') },
    { code: 15, data: Uint8Array.from([0, 18, ...Buffer.from('blocked \u202Eby policy', 'utf8')]) },
    { code: 65001, data: hex('DEAD') },
  ],
};

function message(partial: Partial<Message>): Message {
  return {
    id: 4660,
    qr: true,
    opcode: 0,
    aa: true,
    tc: false,
    rd: true,
    ra: false,
    z: false,
    ad: false,
    cd: false,
    rcode: 0,
    question: [{ name: 'example.com.', type: RRType.A, class: 1 }],
    answer: [],
    authority: [],
    additional: [],
    size: 512,
    warnings: [],
    ...partial,
  };
}

/** An authoritative reply carrying every common type, NS in authority, glue and a full OPT record. */
export const allTypesMessage = message({
  question: [{ name: 'example.com.', type: RRType.ANY, class: 1 }],
  answer: commonRecords,
  authority: nsRecords,
  additional: glue,
  edns,
  size: 1187,
});

/** NXDOMAIN with the zone's SOA. */
export const nxdomainMessage = message({
  rcode: 3,
  question: [{ name: 'nope.example.com.', type: RRType.A, class: 1 }],
  authority: [exampleSoa],
  edns: { version: 0, udpSize: 1232, do: false, flags: 0, options: [] },
  size: 104,
});

/** NODATA: the name exists, the type does not; a recursive, non-authoritative reply. */
export const nodataMessage = message({
  aa: false,
  ra: true,
  question: [{ name: 'example.com.', type: RRType.SRV, class: 1 }],
  authority: [exampleSoa],
  size: 93,
});

/** A reply with the all-bytes TXT record and a warning. */
export const allBytesMessage = message({
  question: [{ name: allBytesTxt.name, type: RRType.TXT, class: 1 }],
  answer: [allBytesTxt],
  size: 380,
  warnings: ['message has 3 bytes of trailing data'],
});

const server = { address: '127.0.0.1', port: 5300 };

/** A lookup result around a reply, as the resolve stage returns it. */
export function resultOf(response: Message, events: LookupResult['events'] = []): LookupResult {
  return {
    question: response.question[0],
    events,
    exchange: {
      server,
      protocol: 'udp',
      question: response.question[0],
      query: new Uint8Array(12),
      raw: new Uint8Array(response.size),
      response,
      // biome-ignore lint/suspicious/noApproximativeNumericConstant: an RTT with more digits than any view keeps, not π
      rttMs: 3.1415926,
      receivedAt: new Date('2024-05-06T07:08:09.010Z'),
    },
  };
}

/** A lookup in which no server answered. */
export const timeoutResult: LookupResult = {
  question: { name: 'example.com.', type: RRType.A, class: 1 },
  events: [{ kind: 'commError', text: 'communications error to 127.0.0.1#5300: timed out', server }],
  error: { code: 'transport.timeout', message: 'no servers could be reached' },
};

/** The named lookups every view is tested on (file-name stem -> result). */
export const viewCases: ReadonlyArray<readonly [string, LookupResult]> = [
  ['all-types', resultOf(allTypesMessage, [{ kind: 'truncated', text: 'Truncated, retrying in TCP mode.', server }])],
  ['nxdomain', resultOf(nxdomainMessage)],
  ['nodata', resultOf(nodataMessage)],
  ['all-bytes-txt', resultOf(allBytesMessage)],
  ['timeout', timeoutResult],
];
