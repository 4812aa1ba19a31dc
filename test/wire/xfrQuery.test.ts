import { test } from 'node:test';
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import { encodeQuery } from '../../src/wire/encode.js';
import { serialAtOrAfter, soaSerial, withIxfrSoa } from '../../src/wire/xfrQuery.js';
import { decodeMessage } from '../../src/wire/decode.js';

test('withIxfrSoa: the SOA goes into the authority section, before the OPT record, as dig sends it', () => {
  const spec = {
    id: 0x1234,
    name: 'example.test.',
    type: 251,
    class: 1,
    rd: false,
    cd: false,
    ad: true,
    edns: { version: 0, udpSize: 1232, do: false, nsid: false },
  };
  const query = withIxfrSoa(encodeQuery(spec), 1, 2024010101);
  // dig's IXFR query for example.test. without a cookie: 12 + 18 + 34 (SOA, owner compressed) + 11 (OPT).
  assert.equal(query.length, 75);
  const decoded = dnsPacket.decode(Buffer.from(query));
  const authorities = decoded.authorities ?? [];
  assert.equal(authorities.length, 1);
  const soa = authorities[0] as { name: string; ttl: number; data: { serial: number; mname: string; rname: string } };
  assert.equal(soa.name, 'example.test');
  assert.equal(soa.ttl, 0);
  assert.deepEqual([soa.data.mname, soa.data.rname, soa.data.serial], ['.', '.', 2024010101]);
  assert.equal(decoded.additionals?.[0].type, 'OPT');
  assert.equal(soaSerial(decodeMessage(query).authority[0]), 2024010101);
});

test('serialAtOrAfter: RFC 1982 arithmetic', () => {
  assert.equal(serialAtOrAfter(5, 5), true);
  assert.equal(serialAtOrAfter(6, 5), true);
  assert.equal(serialAtOrAfter(5, 6), false);
  assert.equal(serialAtOrAfter(1, 0xffffffff), true);
  assert.equal(serialAtOrAfter(0xffffffff, 1), false);
});
