import { test } from 'node:test';
import assert from 'node:assert/strict';
import { glueAddresses, inBailiwickGlue } from '../../src/resolve/bailiwick.js';
import { rr } from './fakeMessages.js';
import { rdataText } from '../../src/render/rdata/present.js';

test('glue for NS names inside the delegated zone is kept, in order', () => {
  const additional = [
    rr('ns1.example.test.', 'A', '127.0.0.4'),
    rr('ns1.example.test.', 'AAAA', '::1'),
    rr('NS2.example.test.', 'A', '127.0.0.5'),
  ];
  const split = inBailiwickGlue('example.test.', ['ns1.example.test.', 'ns2.example.test.'], additional);
  assert.deepEqual(
    split.glue.map((r) => rdataText(r.rdata)),
    ['127.0.0.4', '::1', '127.0.0.5'],
  );
  assert.deepEqual(split.ignored, []);
});

test('glue for NS names outside the delegated zone is ignored', () => {
  const additional = [rr('ns.other.test.', 'A', '127.0.0.9'), rr('ns1.example.test.', 'A', '127.0.0.4')];
  const split = inBailiwickGlue('example.test.', ['ns.other.test.', 'ns1.example.test.'], additional);
  assert.deepEqual(
    split.glue.map((r) => r.name),
    ['ns1.example.test.'],
  );
  assert.deepEqual(
    split.ignored.map((r) => r.name),
    ['ns.other.test.'],
  );
});

test('addresses for names that are not in the NS set are ignored, even inside the zone', () => {
  const split = inBailiwickGlue('example.test.', ['ns1.example.test.'], [rr('www.example.test.', 'A', '192.0.2.1')]);
  assert.deepEqual(split.glue, []);
  assert.equal(split.ignored.length, 1);
});

test('records other than A/AAAA are neither glue nor ignored glue', () => {
  const split = inBailiwickGlue('example.test.', ['ns1.example.test.'], [rr('ns1.example.test.', 'TXT', '"x"')]);
  assert.deepEqual(split, { glue: [], ignored: [] });
});

test('a name server named like the zone apex is in bailiwick', () => {
  const split = inBailiwickGlue('example.test.', ['example.test.'], [rr('example.test.', 'A', '127.0.0.4')]);
  assert.equal(split.glue.length, 1);
});

test("glueAddresses picks one name server's addresses", () => {
  const glue = [
    rr('ns1.example.test.', 'A', '127.0.0.4'),
    rr('ns2.example.test.', 'A', '127.0.0.5'),
    rr('ns1.example.test.', 'AAAA', '::1'),
  ];
  assert.deepEqual(glueAddresses('NS1.example.test.', glue), ['127.0.0.4', '::1']);
});
