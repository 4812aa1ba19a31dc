import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedData } from '../../src/dnssec/canonical.js';
import { dsMatches, verifySignature } from '../../src/dnssec/crypto.js';
import { readDnskey, readDs, readRrsig } from '../../src/dnssec/rrsig.js';
import { keyTag } from '../../src/wire/rdata/dnssec.js';
import { rdataText } from '../../src/render/rdata/present.js';
import { withRdataWire } from '../support/records.js';
import type { ResourceRecord } from '../../src/wire/types.js';
import { loadSignedZone } from './signedZone.js';

const RRSIG = 46;
const DNSKEY = 48;

/** Every RRSIG of a zone checked against the zone's keys: how many verified, and the ones that did not. */
function verifyZone(records: ResourceRecord[]): { verified: number; failed: string[] } {
  const keys = records.filter((r) => r.type === DNSKEY);
  let verified = 0;
  const failed: string[] = [];
  for (const sig of records.filter((r) => r.type === RRSIG)) {
    const data = readRrsig(sig)!;
    const rrset = records.filter((r) => r.type === data.typeCovered && r.name.toLowerCase() === sig.name.toLowerCase());
    const key = keys.find((k) => keyTag(k.rdataWire) === data.keyTag)!;
    if (verifySignature(readDnskey(key)!, signedData(data, rrset), data.signature)) verified++;
    else failed.push(`${sig.name} ${rdataText(sig.rdata).split(' ')[0]}`);
  }
  return { verified, failed };
}

for (const [file, algorithm] of [
  ['root.signed', 13],
  ['ec.signed', 13],
  ['sec.signed', 8],
  ['ed.sec.signed', 15],
] as const) {
  test(`every signature of ${file} (algorithm ${algorithm}, from dnssec-signzone) verifies`, () => {
    const records = loadSignedZone(file);
    assert.ok(records.some((r) => r.type === DNSKEY && readDnskey(r)!.algorithm === algorithm));
    const { verified, failed } = verifyZone(records);
    assert.deepEqual(failed, []);
    assert.ok(verified >= 4);
  });
}

test('a changed record or a changed signature byte fails verification', () => {
  const records = loadSignedZone('ec.signed');
  const a = records.find((r) => r.name === 'www.ec.' && r.type === 1)!;
  const sig = records.find((r) => r.name === 'www.ec.' && r.type === RRSIG && readRrsig(r)!.typeCovered === 1)!;
  const key = records.find((r) => r.type === DNSKEY && keyTag(r.rdataWire) === readRrsig(sig)!.keyTag)!;
  const data = readRrsig(sig)!;
  assert.equal(verifySignature(readDnskey(key)!, signedData(data, [a]), data.signature), true);
  const tampered = withRdataWire(a, Uint8Array.from([192, 0, 2, 99]));
  assert.equal(verifySignature(readDnskey(key)!, signedData(data, [tampered]), data.signature), false);
  const flipped = Uint8Array.from(data.signature);
  flipped[5] ^= 1;
  assert.equal(verifySignature(readDnskey(key)!, signedData(data, [a]), flipped), false);
});

test('the owner case and the TTL of the records do not change the signed data', () => {
  const records = loadSignedZone('ec.signed');
  const a = records.find((r) => r.name === 'www.ec.' && r.type === 1)!;
  const sig = readRrsig(
    records.find((r) => r.name === 'www.ec.' && r.type === RRSIG && readRrsig(r)!.typeCovered === 1)!,
  )!;
  assert.deepEqual(signedData(sig, [{ ...a, name: 'WWW.Ec.', ttl: 5 }]), signedData(sig, [a]));
});

test('the DS published in the parent matches the child KSK (SHA-256), and not the ZSK', () => {
  const root = loadSignedZone('root.signed');
  const sec = loadSignedZone('sec.signed');
  const ds = readDs(root.find((r) => r.name === 'sec.' && r.type === 43)!)!;
  const keys = sec.filter((r) => r.type === DNSKEY);
  const matching = keys.filter((k) =>
    dsMatches(ds, 'sec.', k.rdataWire, keyTag(k.rdataWire), readDnskey(k)!.algorithm),
  );
  assert.equal(matching.length, 1);
  assert.equal(readDnskey(matching[0])!.flags, 257);
  assert.equal(keys.length, 2);
});

for (const [file, algorithm] of [
  ['alg5.test', 5],
  ['alg7.test', 7],
  ['alg10.test', 10],
  ['alg14.test', 14],
  ['alg16.test', 16],
] as const) {
  test(`every signature of ${file} (algorithm ${algorithm}, from dnssec-signzone) verifies; a changed record does not`, () => {
    const records = loadSignedZone(`algorithms/${file}.signed`);
    assert.ok(records.some((r) => r.type === DNSKEY && readDnskey(r)!.algorithm === algorithm));
    const { verified, failed } = verifyZone(records);
    assert.deepEqual(failed, []);
    assert.ok(verified >= 4);
    const changed = records.map((r) =>
      r.type === 16 ? withRdataWire(r, Uint8Array.from([...r.rdataWire.subarray(0, -1), 0x21])) : r,
    );
    assert.deepEqual(verifyZone(changed).failed, [`www.${file}. TXT`]);
  });
}

test('DS digest types 1, 2 and 4 (dnssec-dsfromkey) match their KSK; a changed digest does not', () => {
  const dsRecords = loadSignedZone('algorithms/ds.txt');
  assert.equal(dsRecords.length, 15);
  for (const record of dsRecords) {
    const ds = readDs(record)!;
    const key = loadSignedZone(`algorithms/${record.name.slice(0, -1)}.signed`).find(
      (r) => r.type === DNSKEY && keyTag(r.rdataWire) === ds.keyTag,
    )!;
    const algorithm = readDnskey(key)!.algorithm;
    assert.equal(
      dsMatches(ds, record.name, key.rdataWire, ds.keyTag, algorithm),
      true,
      `${record.name} digest ${ds.digestType}`,
    );
    const wrong = { ...ds, digest: Uint8Array.from(ds.digest, (b, i) => (i === 0 ? b ^ 1 : b)) };
    assert.equal(dsMatches(wrong, record.name, key.rdataWire, ds.keyTag, algorithm), false);
  }
});
