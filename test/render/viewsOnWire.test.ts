/** Every view over messages that went through the real decoder: packets built with dns-packet, decoded by src/wire. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import dnsPacket from 'dns-packet';
import { decodeMessage } from '../../src/wire/decode.js';
import { lookupDocument, renderJsonDocuments } from '../../src/render/json.js';
import { renderTable } from '../../src/render/table.js';
import { plainPalette } from '../../src/render/palette.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { allBytes, digStringText, resultOf } from './viewFixtures.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;

const answers = [
  { type: 'A', name: 'example.com', ttl: 300, data: '192.0.2.1' },
  { type: 'AAAA', name: 'example.com', ttl: 300, data: '2001:db8::1' },
  { type: 'CNAME', name: 'www.example.com', ttl: 300, data: 'example.com' },
  { type: 'MX', name: 'example.com', ttl: 300, data: { preference: 10, exchange: 'mail.example.com' } },
  { type: 'NS', name: 'example.com', ttl: 300, data: 'ns1.example.com' },
  { type: 'PTR', name: '1.2.0.192.in-addr.arpa', ttl: 300, data: 'example.com' },
  {
    type: 'SOA',
    name: 'example.com',
    ttl: 300,
    data: { mname: 'ns1.example.com', rname: 'h.example.com', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 },
  },
  {
    type: 'SRV',
    name: '_s._tcp.example.com',
    ttl: 300,
    data: { priority: 1, weight: 2, port: 3, target: 't.example.com' },
  },
  {
    type: 'TXT',
    name: 'example.com',
    ttl: 300,
    data: [Buffer.from(allBytes.subarray(0, 255)), Buffer.from(allBytes.subarray(255))],
  },
  { type: 'CAA', name: 'example.com', ttl: 300, data: { flags: 128, tag: 'issue', value: 'ca.example' } },
  {
    type: 'DS',
    name: 'example.com',
    ttl: 300,
    data: { keyTag: 1, algorithm: 13, digestType: 2, digest: Buffer.alloc(32, 0xab) },
  },
  { type: 'DNSKEY', name: 'example.com', ttl: 300, data: { flags: 257, algorithm: 13, key: Buffer.alloc(64, 7) } },
  { type: 'SSHFP', name: 'example.com', ttl: 300, data: { algorithm: 4, hash: 2, fingerprint: 'AB'.repeat(32) } },
  {
    type: 'NAPTR',
    name: 'example.com',
    ttl: 300,
    data: {
      order: 1,
      preference: 2,
      flags: 'S',
      services: 'SIP+D2U',
      regexp: '',
      replacement: '_sip._udp.example.com',
    },
  },
  { type: 'HINFO', name: 'example.com', ttl: 300, data: { cpu: 'x86', os: 'linux' } },
  { type: 'UNKNOWN_65280', name: 'example.com', ttl: 300, data: Buffer.from([0xab, 0xcd]) },
];

function decoded(rcode: 'NOERROR' | 'NXDOMAIN', records: unknown[]) {
  const packet = dnsPacket.encode({
    type: 'response',
    id: 7,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | (rcode === 'NXDOMAIN' ? 3 : 0),
    questions: [{ type: 'ANY' as unknown as 'A', name: 'example.com' }],
    answers: records as dnsPacket.Answer[],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: 1232,
        flags: dnsPacket.DNSSEC_OK,
        options: [{ code: 3, data: Buffer.from('ns\x01') }],
      } as unknown as dnsPacket.Answer,
    ],
  });
  return decodeMessage(Uint8Array.from(packet));
}

test('views on decoded packets: JSON is schema-valid and ASCII for every common type', async () => {
  const result = resultOf(decoded('NOERROR', answers));
  const json = renderJsonDocuments([lookupDocument(result, { version: 'test' })], 'json');
  assert.match(json, /^[\x20-\x7e\n]*$/);
  const doc = JSON.parse(json);
  assert.deepEqual(validateJson(doc, schema), []);
  assert.equal(doc.message.answerRRs.length, answers.length);
  const txt = doc.message.answerRRs.find((r: { TYPEname: string }) => r.TYPEname === 'TXT');
  assert.equal(txt.rdataTXT, `"${digStringText(allBytes.subarray(0, 255))}" "\\255"`);
  assert.ok(doc.message.answerRRs.some((r: Record<string, unknown>) => r.rdataTYPE65280 === '\\# 2 ABCD'));
  assert.equal(doc.message.EDNS.options[0].decoded.text, 'ns\\001');
  assert.equal(doc.message.EDNS.DO, true);
});

test('views on decoded packets: the table holds every record and nothing raw', async () => {
  const text = await renderTable(resultOf(decoded('NOERROR', answers)), plainPalette);
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  assert.match(text, new RegExp(`Answer \\(${answers.length}\\)`));
  for (const type of [
    'A',
    'AAAA',
    'CNAME',
    'MX',
    'NS',
    'PTR',
    'SOA',
    'SRV',
    'TXT',
    'CAA',
    'DS',
    'DNSKEY',
    'SSHFP',
    'NAPTR',
    'HINFO',
    'TYPE65280',
  ]) {
    assert.match(text, new RegExp(`│ ${type} +│`), type);
  }
});

test('views on decoded packets: NXDOMAIN and NODATA', async () => {
  for (const message of [decoded('NXDOMAIN', []), decoded('NOERROR', [])]) {
    const doc = JSON.parse(renderJsonDocuments([lookupDocument(resultOf(message), { version: 'test' })], 'json'));
    assert.deepEqual(validateJson(doc, schema), []);
    assert.equal(doc.message.ANCOUNT, 0);
    const text = await renderTable(resultOf(message), plainPalette);
    assert.match(text, /No records\./);
  }
});
