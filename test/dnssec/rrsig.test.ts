/** The RRSIG, DNSKEY and DS readers: fields for records with data; undefined, never an exception, for records without. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signatureCheck } from '../../src/dnssec/linkChecks.js';
import { readDnskey, readDs, readRrsig } from '../../src/dnssec/rrsig.js';
import { parseTrustAnchors } from '../../src/dnssec/trustAnchor.js';
import { DEFAULT_VALIDATION_LIMITS } from '../../src/dnssec/types.js';
import { validateReply } from '../../src/dnssec/validate.js';
import { keyTag } from '../../src/wire/rdata/dnssec.js';
import { CLASS, TYPE } from '../../src/wire/rrtypes.js';
import type { Message } from '../../src/wire/types.js';
import { recordFromWire } from '../support/records.js';
import { fixtureZones, signedNetwork } from './signedNetwork.js';
import { fixtureText, loadSignedZone } from './signedZone.js';

/** 2027-01-01: inside every fixture signature's validity window. */
const NOW = Date.UTC(2027, 0, 1) / 1000;
const ANCHORS = parseTrustAnchors(fixtureText('root.ds'));

/** A record of `type` as an update's delete carries it: class ANY, no RDATA. */
const withoutData = (name: string, type: number) => recordFromWire(name, type, new Uint8Array(), CLASS.ANY, 0);

test('each reader gives its fields, the DNSKEY its key tag, and undefined for a record without data', () => {
  const records = loadSignedZone('ec.signed');
  const key = records.find((r) => r.type === TYPE.DNSKEY);
  const sig = records.find((r) => r.type === TYPE.RRSIG);
  const ds = loadSignedZone('root.signed').find((r) => r.type === TYPE.DS && r.name === 'ec.');
  assert.ok(key && sig && ds);
  assert.equal(readDnskey(key)?.tag, keyTag(key.rdataWire));
  assert.equal(readRrsig(sig)?.signer, 'ec.');
  assert.equal(readDs(ds)?.digestType, 2);
  // A reader never reads another type's data, and a record without data has none to read.
  assert.equal(readDnskey(sig), undefined);
  assert.equal(readRrsig(withoutData('ec.', TYPE.RRSIG)), undefined);
  assert.equal(readDnskey(withoutData('ec.', TYPE.DNSKEY)), undefined);
  assert.equal(readDs(withoutData('ec.', TYPE.DS)), undefined);
});

test('one link: a DNSKEY record without data beside the signing key is no key, and the signature still checks valid', () => {
  const records = loadSignedZone('ec.signed');
  const rrset = records.filter((r) => r.name === 'www.ec.' && r.type === TYPE.A);
  const sig = records
    .filter((r) => r.name === 'www.ec.')
    .map(readRrsig)
    .find((s) => s?.typeCovered === TYPE.A);
  assert.ok(sig);
  const keys = records.filter((r) => r.type === TYPE.DNSKEY);
  assert.equal(signatureCheck(rrset, sig, keys, NOW), 'valid');
  assert.equal(signatureCheck(rrset, sig, [withoutData('ec.', TYPE.DNSKEY), ...keys], NOW), 'valid');
  assert.equal(signatureCheck(rrset, sig, [withoutData('ec.', TYPE.DNSKEY)], NOW), 'noKey');
});

test('the validator: a DNSKEY or DS RRset holding a record without data is malformed, so bogus', async () => {
  const run = async (tamper: (name: string, type: number, m: Message) => Message) => {
    const { fetch } = signedNetwork(fixtureZones(), tamper);
    const reply = await fetch('www.ec.', TYPE.A);
    return validateReply('www.ec.', TYPE.A, reply, fetch, ANCHORS, NOW, DEFAULT_VALIDATION_LIMITS);
  };
  assert.equal((await run((_n, _t, m) => m)).status, 'secure');
  const keys = await run((name, type, m) =>
    name === 'ec.' && type === TYPE.DNSKEY ? { ...m, answer: [...m.answer, withoutData('ec.', TYPE.DNSKEY)] } : m,
  );
  assert.deepEqual([keys.status, keys.reason], ['bogus', 'malformed DNSSEC record: DNSKEY RDATA too short']);
  const ds = await run((name, type, m) =>
    name === 'ec.' && type === TYPE.DS ? { ...m, answer: [...m.answer, withoutData('ec.', TYPE.DS)] } : m,
  );
  assert.equal(ds.status, 'bogus');
});
