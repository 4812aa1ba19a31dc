import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerFromZones, indexZone, type ZoneData } from './zoneAnswer.js';

const soa = { mname: 'ns.p.', rname: 'h.p.', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 60 };
const parent: ZoneData = {
  origin: 'p.',
  records: [
    { name: '@', type: 'SOA', ttl: 900, data: soa },
    { name: 'loop1.p.', type: 'CNAME', data: 'loop2.p.' },
    { name: 'loop2.p.', type: 'CNAME', data: 'loop1.p.' },
    { name: 'c.p.', type: 'NS', data: 'ns.c.p.' },
    { name: 'c.p.', type: 'DS', data: { keyTag: 1, algorithm: 13, digestType: 2, digest: Buffer.alloc(32) } },
    { name: 'ns.c.p.', type: 'A', data: '127.0.0.9' },
    { name: 'into-child.p.', type: 'CNAME', data: 'www.c.p.' },
  ],
};
const child: ZoneData = {
  origin: 'c.p.',
  records: [
    { name: '@', type: 'SOA', data: soa },
    { name: '@', type: 'NS', data: 'ns.c.p.' },
  ],
};

test('a CNAME loop ends after one turn with both CNAMEs', () => {
  const plan = answerFromZones([indexZone(parent)], 'loop1.p.', 'A', false);
  assert.deepEqual(
    plan.answers.map((r) => r.name),
    ['loop1.p.', 'loop2.p.'],
  );
  assert.equal(plan.rcode, 'NOERROR');
});

test('DS at a cut is answered by the parent, even when the server also holds the child', () => {
  const plan = answerFromZones([indexZone(parent), indexZone(child)], 'c.p.', 'DS', false);
  assert.equal(plan.aa, true);
  assert.deepEqual(
    plan.answers.map((r) => r.type),
    ['DS'],
  );
});

test('a referral carries DS only when DNSSEC records are asked for', () => {
  const zones = [indexZone(parent)];
  assert.deepEqual(
    answerFromZones(zones, 'x.c.p.', 'A', true).authorities.map((r) => r.type),
    ['NS', 'DS'],
  );
  assert.deepEqual(
    answerFromZones(zones, 'x.c.p.', 'A', false).authorities.map((r) => r.type),
    ['NS'],
  );
});

test('a CNAME whose target lies below a cut keeps the CNAME and adds the referral', () => {
  const plan = answerFromZones([indexZone(parent)], 'into-child.p.', 'A', false);
  assert.equal(plan.aa, true);
  assert.deepEqual(
    plan.answers.map((r) => r.type),
    ['CNAME'],
  );
  assert.deepEqual(
    plan.authorities.map((r) => r.type),
    ['NS'],
  );
  assert.deepEqual(
    plan.additionals.map((r) => r.data),
    ['127.0.0.9'],
  );
});

test('@ owners become the origin name; the negative TTL is min(SOA TTL, minimum)', () => {
  const plan = answerFromZones([indexZone(parent)], 'missing.p.', 'A', false);
  assert.equal(plan.rcode, 'NXDOMAIN');
  assert.deepEqual(
    plan.authorities.map((r) => [r.name, r.ttl]),
    [['p.', 60]],
  );
});
