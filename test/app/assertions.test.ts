/** The assertion judge: values compared in presentation format without case, quotes or final dots. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertionFailure, comparable } from '../../src/app/assertions.js';
import type { LookupResult } from '../../src/resolve/types.js';

/** A lookup whose reply has these A records (rcode 0 unless given). */
function result(values: string[], rcode = 0): LookupResult {
  const answer = values.map((address) => ({
    name: 'a.test.',
    type: 1,
    class: 1,
    ttl: 60,
    rdata: { type: 'A', address },
  }));
  return {
    question: { name: 'a.test.', type: 1, class: 1 },
    events: [],
    exchange: { response: { rcode, answer, authority: [], additional: [] } },
  } as unknown as LookupResult;
}

test('comparable: case, quotes around one string, final dots of names and runs of spaces do not count', () => {
  assert.equal(comparable('10  Mail.Example.'), '10 mail.example');
  assert.equal(comparable('"v=spf1 -all"'), 'v=spf1 -all');
  assert.equal(comparable('"a" "b"'), '"a" "b"');
  assert.equal(comparable('.'), '.');
});

test('+expect: exact set, order free; +expect-has: a subset', () => {
  assert.equal(
    assertionFailure(result(['192.0.2.1', '192.0.2.2']), {
      expect: { values: ['192.0.2.2', '192.0.2.1'], subset: false },
    }),
    undefined,
  );
  assert.equal(
    assertionFailure(result(['192.0.2.1', '192.0.2.2']), { expect: { values: ['192.0.2.1'], subset: false } }),
    '+expect: a.test. A is 192.0.2.1, 192.0.2.2; unexpected 192.0.2.2',
  );
  assert.equal(
    assertionFailure(result(['192.0.2.1', '192.0.2.2']), { expect: { values: ['192.0.2.1'], subset: true } }),
    undefined,
  );
  assert.equal(
    assertionFailure(result([]), { expect: { values: ['192.0.2.1'], subset: true } }),
    '+expect-has: a.test. A is NODATA; missing 192.0.2.1',
  );
});

test('+fail-on: the first condition met in the order given; bogus only on a bogus verdict', () => {
  assert.equal(
    assertionFailure(result([], 2), { failOn: ['nxdomain', 'servfail'] }),
    '+fail-on=servfail: a.test. A is SERVFAIL',
  );
  assert.equal(assertionFailure(result(['192.0.2.1']), { failOn: ['bogus'] }, 'secure'), undefined);
  assert.equal(
    assertionFailure(result(['192.0.2.1']), { failOn: ['bogus'] }, 'bogus'),
    '+fail-on=bogus: a.test. A is bogus',
  );
  // A lying server's records of another type do not make an answer.
  const cname = result([]);
  const answer = cname.exchange ? (cname.exchange.response.answer as unknown[]) : [];
  answer.push({ name: 'a.test.', type: 5, class: 1, ttl: 1, data: 'b.test.' });
  assert.equal(assertionFailure(cname, { failOn: ['nodata'] }), '+fail-on=nodata: a.test. A is NODATA');
});
