import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedData } from '../../src/dnssec/canonical.js';
import { dsMatches, verifySignature } from '../../src/dnssec/crypto.js';
import { parseDnskey, parseDs, parseRrsig } from '../../src/dnssec/rrsig.js';
import { keyTag } from '../../src/wire/rdata-text.js';
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
    const data = parseRrsig(sig.rdata);
    const rrset = records.filter((r) => r.type === data.typeCovered && r.name.toLowerCase() === sig.name.toLowerCase());
    const key = keys.find((k) => keyTag(k.rdata) === data.keyTag)!;
    if (verifySignature(parseDnskey(key.rdata), signedData(data, rrset), data.signature)) verified++;
    else failed.push(`${sig.name} ${sig.data.split(' ')[0]}`);
  }
  return { verified, failed };
}

for (const [file, algorithm] of [['root.signed', 13], ['ec.signed', 13], ['sec.signed', 8], ['ed.sec.signed', 15]] as const) {
  test(`every signature of ${file} (algorithm ${algorithm}, from dnssec-signzone) verifies`, () => {
    const records = loadSignedZone(file);
    assert.ok(records.some((r) => r.type === DNSKEY && parseDnskey(r.rdata).algorithm === algorithm));
    const { verified, failed } = verifyZone(records);
    assert.deepEqual(failed, []);
    assert.ok(verified >= 4);
  });
}

test('a changed record or a changed signature byte fails verification', () => {
  const records = loadSignedZone('ec.signed');
  const a = records.find((r) => r.name === 'www.ec.' && r.type === 1)!;
  const sig = records.find((r) => r.name === 'www.ec.' && r.type === RRSIG && parseRrsig(r.rdata).typeCovered === 1)!;
  const key = records.find((r) => r.type === DNSKEY && keyTag(r.rdata) === parseRrsig(sig.rdata).keyTag)!;
  const data = parseRrsig(sig.rdata);
  assert.equal(verifySignature(parseDnskey(key.rdata), signedData(data, [a]), data.signature), true);
  const tampered = { ...a, rdata: Uint8Array.from([192, 0, 2, 99]) };
  assert.equal(verifySignature(parseDnskey(key.rdata), signedData(data, [tampered]), data.signature), false);
  const flipped = Uint8Array.from(data.signature);
  flipped[5] ^= 1;
  assert.equal(verifySignature(parseDnskey(key.rdata), signedData(data, [a]), flipped), false);
});

test('the owner case and the TTL of the records do not change the signed data', () => {
  const records = loadSignedZone('ec.signed');
  const a = records.find((r) => r.name === 'www.ec.' && r.type === 1)!;
  const sig = parseRrsig(records.find((r) => r.name === 'www.ec.' && r.type === RRSIG && parseRrsig(r.rdata).typeCovered === 1)!.rdata);
  assert.deepEqual(signedData(sig, [{ ...a, name: 'WWW.Ec.', ttl: 5 }]), signedData(sig, [a]));
});

test('the DS published in the parent matches the child KSK (SHA-256), and not the ZSK', () => {
  const root = loadSignedZone('root.signed');
  const sec = loadSignedZone('sec.signed');
  const ds = parseDs(root.find((r) => r.name === 'sec.' && r.type === 43)!.rdata);
  const keys = sec.filter((r) => r.type === DNSKEY);
  const matching = keys.filter((k) => dsMatches(ds, 'sec.', k.rdata, keyTag(k.rdata), parseDnskey(k.rdata).algorithm));
  assert.equal(matching.length, 1);
  assert.equal(parseDnskey(matching[0].rdata).flags, 257);
  assert.equal(keys.length, 2);
});
