// +nocrypto, +unknownformat and +expandaaaa. Expected text was printed by dig 9.18.49 for the same
// records (the interop hierarchy's Knot server, the RRSIG from one run's signed example. zone);
// the interop suite repeats the check live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatQuestion, formatRecord, recordData } from '../../src/render/record.js';
import { recordFromWire } from '../support/records.js';
import type { ResourceRecord } from '../../src/wire/types.js';

function record(name: string, type: number, hex: string, ttl = 3600): ResourceRecord {
  const rdata = Uint8Array.from(Buffer.from(hex, 'hex'));
  return recordFromWire(name, type, rdata, 1, ttl);
}

const line = (text: string): string => text.replace(/→/g, '\t');
const oneLine = { ttl: true, class: true, ttlUnits: false };
const multi = { ...oneLine, multiline: true };
const noCrypto = { ...oneLine, crypto: false };

const cds = record('cds.knot.lab.', 59, '30390D020123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF');
const cdnskey = record(
  'cds.knot.lab.',
  60,
  '0101030D99DB2CC14CABDC33D6D77DA63A2F15F71112584F234E8D1DC428E39E8A4A97E1AA271A555DC90701E17E2A4C4B6F120B7C32D44F4AC02BD894CF2D4BE7778A19',
);
const zsk = record(
  'example.',
  48,
  '0100030D8C8C9C9DBCB12B203DBF9FC5F2364858FF85EB66EDDE8EF9BE0DC39959881F317C024A83C14B225A5FE4D665CB2EFC0446D4BE6BE4B60D26E1214C78AFA6786E',
);
const rrsig = record(
  'example.',
  46,
  '00300D0100000E106B2FBFAE6B0832AE55D7076578616D706C6500BC1115D0F0A0C51611D4226F2584E150287BE0AA51A9C20C46374B87DE4D703312BCEC126EE918A334D6E9EE7BA25DCECFEC30D7324D8AF0FF9894FCA5F8E5E6',
);
const zonemd = record(
  'zonemd.knot.lab.',
  63,
  '78A4B4C501010123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF',
);
const pgp = record(
  'pgp.knot.lab.',
  61,
  '0B30557A9FC4E90E33587DA2C7EC11365B80A5CAEF14395E83A8CDF2173C6186ABD0F51A3F6489AED3F81D42678CB1D6FB20456A8FB4D9FE23486D92B7DC01264B7095BADF04294E7398BDE2072C51769BC0E50A2F54799EC3E80D32577CA1C6EB10355A7FA4C9EE13385D82A7CCF1163B6085AACFF4193E6388ADD2F71C41668BB0D5FA1F44698EB3D8FD22476C91B6DB00254A6F94',
);
const aaaa = record('www.knot.lab.', 28, '20010DB8000000000000000000000010');
const soa = record(
  'knot.lab.',
  6,
  '036E7331046B6E6F74036C6162000A686F73746D6173746572046B6E6F74036C61620078A4B4C500000E100000038400093A800000012C',
);
const sshfp = record('ssh.knot.lab.', 44, '01010123456789ABCDEF0123456789ABCDEF01234567');

test('+nocrypto on one line: keys as their key id, signatures and digests [omitted], other types whole', () => {
  assert.equal(formatRecord(zsk, noCrypto), line('example.→→3600→IN→DNSKEY→256 3 13 [key id = 33721]'));
  assert.equal(
    formatRecord(rrsig, noCrypto),
    line('example.→→3600→IN→RRSIG→DNSKEY 13 1 3600 20261226132254 20261126132254 21975 example. [omitted]'),
  );
  assert.equal(formatRecord(cds, noCrypto), line('cds.knot.lab.→→3600→IN→CDS→12345 13 2 [omitted]'));
  assert.equal(formatRecord(zonemd, noCrypto), line('zonemd.knot.lab.→3600→IN→ZONEMD→2024060101 1 1 [omitted]'));
  assert.equal(formatRecord(pgp, noCrypto), line('pgp.knot.lab.→→3600→IN→OPENPGPKEY [omitted]'));
  assert.equal(
    formatRecord(sshfp, noCrypto),
    line('ssh.knot.lab.→→3600→IN→SSHFP→1 1 0123456789ABCDEF0123456789ABCDEF01234567'),
  );
  // With +rrcomments the key comment follows, two spaces after the key id.
  assert.equal(
    formatRecord(cdnskey, { ...noCrypto, rrcomments: true }),
    line('cds.knot.lab.→→3600→IN→CDNSKEY→257 3 13 [key id = 2371]  ; KSK; alg = ECDSAP256SHA256 ; key id = 2371'),
  );
  // +short keeps the same data.
  assert.equal(recordData(zsk, { crypto: false }), '256 3 13 [key id = 33721]');
});

test('+nocrypto +multiline: the key id or [omitted] on a line of its own, never cut by +split', () => {
  assert.equal(
    formatRecord(zsk, { ...multi, crypto: false }),
    line(
      'example.→→3600 IN→DNSKEY 256 3 13 (\n→→→→[key id = 33721]\n→→→→) ; ZSK; alg = ECDSAP256SHA256 ; key id = 33721',
    ),
  );
  assert.equal(
    formatRecord(cdnskey, { ...multi, crypto: false, rrcomments: false }),
    line('cds.knot.lab.→→3600 IN→CDNSKEY→257 3 13 (\n→→→→[key id = 2371] )'),
  );
  assert.equal(
    formatRecord(rrsig, { ...multi, crypto: false }),
    line(
      'example.→→3600 IN→RRSIG DNSKEY 13 1 3600 (\n→→→→20261226132254 20261126132254 21975 example.\n→→→→[omitted] )',
    ),
  );
  assert.equal(
    formatRecord(cds, { ...multi, crypto: false, split: 4 }),
    line('cds.knot.lab.→→3600 IN→CDS 12345 13 2 (\n→→→→[omitted] )'),
  );
  assert.equal(
    formatRecord(zonemd, { ...multi, crypto: false }),
    line('zonemd.knot.lab.→3600 IN→ZONEMD 2024060101 1 1 (\n→→→→[omitted] )'),
  );
  assert.equal(formatRecord(pgp, { ...multi, crypto: false }), line('pgp.knot.lab.→→3600 IN→OPENPGPKEY ( [omitted] )'));
});

test('+unknownformat: TYPEnnn, CLASSnnn and \\# data for every record and the question; +multiline in parentheses', () => {
  const unknown = { ...oneLine, unknownFormat: true };
  assert.equal(
    formatRecord(soa, unknown),
    line(
      'knot.lab.→→3600→CLASS1→TYPE6→\\# 55 036E7331046B6E6F74036C6162000A686F73746D6173746572046B6E 6F74036C61620078A4B4C500000E100000038400093A800000012C',
    ),
  );
  assert.equal(formatQuestion({ name: 'knot.lab.', type: 6, class: 1 }, unknown), line(';knot.lab.→→→CLASS1→TYPE6'));
  assert.equal(
    formatRecord(soa, { ...multi, unknownFormat: true }),
    line(
      'knot.lab.→→3600 CLASS1 TYPE6 \\# 55 ( 036E7331046B6E6F74036C6162000A686F73746D6173\n→→→→746572046B6E6F74036C61620078A4B4C500000E1000\n→→→→00038400093A800000012C )',
    ),
  );
  assert.equal(
    formatRecord(aaaa, { ...multi, unknownFormat: true }),
    line('www.knot.lab.→→3600 CLASS1 TYPE28 \\# 16 ( 20010DB8000000000000000000000010 )'),
  );
  // No key comment and no +nocrypto text: the octets are the data.
  assert.equal(
    recordData(cdnskey, { unknownFormat: true, crypto: false, rrcomments: true, split: 0 }),
    '\\# 68 0101030D99DB2CC14CABDC33D6D77DA63A2F15F71112584F234E8D1DC428E39E8A4A97E1AA271A555DC90701E17E2A4C4B6F120B7C32D44F4AC02BD894CF2D4BE7778A19',
  );
  const bare = { ttl: false, class: false, ttlUnits: false, unknownFormat: true };
  assert.equal(formatQuestion({ name: 'knot.lab.', type: 6, class: 1 }, bare), line(';knot.lab.→→CLASS1 TYPE6'));
  assert.equal(
    formatRecord(soa, bare),
    line(
      'knot.lab.→→TYPE6→\\# 55 036E7331046B6E6F74036C6162000A686F73746D6173746572046B6E 6F74036C61620078A4B4C500000E100000038400093A800000012C',
    ),
  );
});

test('+expandaaaa: all eight groups, four digits each; +unknownformat still wins', () => {
  assert.equal(
    formatRecord(aaaa, { ...oneLine, expandAaaa: true }),
    line('www.knot.lab.→→3600→IN→AAAA→2001:0db8:0000:0000:0000:0000:0000:0010'),
  );
  assert.equal(recordData(aaaa, { expandAaaa: true, multiline: true }), '2001:0db8:0000:0000:0000:0000:0000:0010');
  assert.equal(
    formatRecord(aaaa, { ...oneLine, expandAaaa: true, unknownFormat: true }),
    line('www.knot.lab.→→3600→CLASS1→TYPE28→\\# 16 20010DB8000000000000000000000010'),
  );
  assert.equal(recordData(aaaa, {}), '2001:db8::10');
});
