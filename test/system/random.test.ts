import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomOctets, randomUint16 } from '../../src/system/random.js';

test('random octets are fresh copies, spread over every bit, across several 4 KiB draws', () => {
  // 2,000 cookies of 8 octets are 16,000 octets: four draws from the device.
  const cookies = Array.from({ length: 2000 }, () => randomOctets(8));
  assert.ok(cookies.every((cookie) => cookie.length === 8));
  assert.equal(new Set(cookies.map((cookie) => Buffer.from(cookie).toString('hex'))).size, 2000);
  const octets = cookies.flatMap((cookie) => [...cookie]);
  for (let bit = 0; bit < 8; bit++) {
    const set = octets.filter((octet) => octet & (1 << bit)).length;
    assert.ok(set > 7500 && set < 8500, `bit ${bit} set in ${set} of 16000 octets`);
  }
  // A cookie is its own buffer: changing one leaves the next draw and the others alone.
  const [first, second] = [randomOctets(8), randomOctets(8)];
  const kept = Buffer.from(second).toString('hex');
  first.fill(0xff);
  assert.equal(Buffer.from(second).toString('hex'), kept);
});

test('query IDs cover 0..65535; IDs and cookies drawn in turn stay distinct', () => {
  const ids = Array.from({ length: 4096 }, () => randomUint16());
  assert.ok(ids.every((id) => Number.isInteger(id) && id >= 0 && id <= 0xffff));
  assert.ok(new Set(ids).size > 3800, `only ${new Set(ids).size} distinct IDs`);
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const id = randomUint16();
    const cookie = Buffer.from(randomOctets(8)).toString('hex');
    seen.add(cookie);
    assert.ok(id >= 0 && id <= 0xffff);
  }
  assert.equal(seen.size, 1000);
});
