import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyReply, isFinalOutcome, isUsableOutcome } from '../../src/resolve/classify.js';
import { RRType } from '../../src/wire/rrtypes.js';
import { reply, rr, soa } from './fakeMessages.js';
import { rdataText } from '../../src/render/rdata/present.js';

const www = { name: 'www.example.test.', type: RRType.A, class: 1 };

test('authoritative data for the name is an answer', () => {
  const msg = reply({
    aa: true,
    answer: [
      rr('www.example.test.', 'A', '192.0.2.1'),
      rr('www.example.test.', 'RRSIG', 'A 13 3 3600 20300101000000 20240101000000 12345 example.test. c2lnbmF0dXJl'),
    ],
  });
  const outcome = classifyReply(www, 'example.test.', msg);
  assert.equal(outcome.kind, 'answer');
  assert.ok(outcome.kind === 'answer');
  assert.deepEqual(
    outcome.records.map((r) => rdataText(r.rdata)),
    ['192.0.2.1'],
  );
  assert.equal(outcome.chain.length, 0);
});

test('names compare case-insensitively', () => {
  const msg = reply({ aa: true, answer: [rr('WWW.Example.TEST.', 'A', '192.0.2.1')] });
  assert.equal(classifyReply(www, 'example.test.', msg).kind, 'answer');
});

test('a CNAME chain resolved inside the reply is an answer for its target', () => {
  const msg = reply({
    aa: true,
    answer: [rr('www.example.test.', 'CNAME', 'web.example.test.'), rr('web.example.test.', 'A', '192.0.2.2')],
  });
  const outcome = classifyReply(www, 'example.test.', msg);
  assert.ok(outcome.kind === 'answer');
  assert.equal(outcome.name, 'web.example.test.');
  assert.equal(outcome.chain.length, 1);
});

test('a CNAME to a name outside the reply reports the target', () => {
  const msg = reply({ aa: true, answer: [rr('www.example.test.', 'CNAME', 'cdn.other.test.')] });
  const outcome = classifyReply(www, 'example.test.', msg);
  assert.deepEqual(outcome.kind === 'cname' && outcome.target, 'cdn.other.test.');
});

test('a CNAME loop inside one reply ends as a CNAME, not a hang', () => {
  const msg = reply({
    aa: true,
    answer: [rr('www.example.test.', 'CNAME', 'a.example.test.'), rr('a.example.test.', 'CNAME', 'www.example.test.')],
  });
  const outcome = classifyReply(www, 'example.test.', msg);
  assert.equal(outcome.kind, 'cname');
});

test('asking for the CNAME itself gets the CNAME as the answer', () => {
  const msg = reply({ aa: true, answer: [rr('www.example.test.', 'CNAME', 'cdn.other.test.')] });
  assert.equal(classifyReply({ ...www, type: RRType.CNAME }, 'example.test.', msg).kind, 'answer');
});

test('NXDOMAIN after an in-zone CNAME is NXDOMAIN for the target', () => {
  const msg = reply({
    aa: true,
    rcode: 3,
    answer: [rr('www.example.test.', 'CNAME', 'gone.example.test.')],
    authority: [soa('example.test.')],
  });
  const outcome = classifyReply(www, 'example.test.', msg);
  assert.ok(outcome.kind === 'nxdomain');
  assert.equal(outcome.name, 'gone.example.test.');
});

test('a referral one cut down gives the child zone, NS names and in-bailiwick glue', () => {
  const msg = reply({
    authority: [
      rr('example.test.', 'NS', 'ns1.example.test.'),
      rr('example.test.', 'NS', 'ns.elsewhere.'),
      rr('example.test.', 'DS', '1 13 2 AB'),
    ],
    additional: [rr('ns1.example.test.', 'A', '127.0.0.4'), rr('ns.elsewhere.', 'A', '127.0.0.9')],
  });
  const outcome = classifyReply(www, 'test.', msg);
  assert.ok(outcome.kind === 'referral');
  assert.equal(outcome.zone, 'example.test.');
  assert.deepEqual(outcome.nsNames, ['ns1.example.test.', 'ns.elsewhere.']);
  assert.deepEqual(
    outcome.glue.map((r) => rdataText(r.rdata)),
    ['127.0.0.4'],
  );
  assert.deepEqual(
    outcome.ignoredGlue.map((r) => r.name),
    ['ns.elsewhere.'],
  );
});

test('a referral several cuts down is still a referral', () => {
  const msg = reply({ authority: [rr('example.test.', 'NS', 'ns1.example.test.')] });
  assert.equal(classifyReply(www, '.', msg).kind, 'referral');
});

test('authoritative NXDOMAIN', () => {
  const msg = reply({ aa: true, rcode: 3, authority: [soa('example.test.')] });
  const outcome = classifyReply(www, 'example.test.', msg);
  assert.ok(outcome.kind === 'nxdomain');
  assert.equal(outcome.soa?.type, RRType.SOA);
});

test('authoritative NODATA, with the SOA or with nothing in authority', () => {
  assert.equal(
    classifyReply(www, 'example.test.', reply({ aa: true, authority: [soa('example.test.')] })).kind,
    'nodata',
  );
  assert.equal(classifyReply(www, 'example.test.', reply({ aa: true })).kind, 'nodata');
});

test('an SOA below the zone that holds the name speaks for the denial; one of another zone makes aa a lie (lame)', () => {
  const below = classifyReply(www, 'test.', reply({ aa: true, rcode: 3, authority: [soa('example.test.')] }));
  assert.ok(below.kind === 'nxdomain');
  assert.equal(below.soa?.name, 'example.test.');
  // A sibling's SOA, a parent's, or one below the name: not where www.example.test. lives.
  for (const zone of ['other.test.', 'test.', 'sub.www.example.test.']) {
    for (const rcode of [0, 3]) {
      const outcome = classifyReply(www, 'example.test.', reply({ aa: true, rcode, authority: [soa(zone)] }));
      assert.deepEqual(
        outcome,
        { kind: 'lame', reason: `aa with the SOA of ${zone}, not of example.test.` },
        `${zone} rcode ${rcode}`,
      );
    }
  }
});

test("NODATA with the zone's own NS set in authority is still NODATA", () => {
  const msg = reply({ aa: true, authority: [rr('example.test.', 'NS', 'ns1.example.test.')] });
  assert.equal(classifyReply(www, 'example.test.', msg).kind, 'nodata');
});

test('no aa and no referral is lame', () => {
  const outcome = classifyReply(www, 'example.test.', reply());
  assert.ok(outcome.kind === 'lame');
  assert.match(outcome.reason, /no aa/);
});

test('data or NXDOMAIN without aa is lame', () => {
  assert.equal(
    classifyReply(www, 'example.test.', reply({ answer: [rr('www.example.test.', 'A', '192.0.2.1')] })).kind,
    'lame',
  );
  assert.equal(classifyReply(www, 'example.test.', reply({ rcode: 3 })).kind, 'lame');
});

test('a referral sideways or to a zone not containing the name is lame', () => {
  const sideways = reply({ authority: [rr('other.test.', 'NS', 'ns1.other.test.')] });
  assert.equal(classifyReply(www, 'example.test.', sideways).kind, 'lame');
  const elsewhere = reply({ authority: [rr('mail.example.test.', 'NS', 'ns1.mail.example.test.')] });
  assert.equal(classifyReply(www, 'example.test.', elsewhere).kind, 'lame');
});

test('an upward referral is a BAD REFERRAL', () => {
  const msg = reply({ authority: [rr('test.', 'NS', 'ns1.test.')] });
  const outcome = classifyReply(www, 'example.test.', msg);
  assert.deepEqual(outcome, { kind: 'badReferral', zone: 'test.', direction: 'upward' });
  const toRoot = reply({ authority: [rr('.', 'NS', 'a.root.test.')] });
  assert.equal(classifyReply(www, 'example.test.', toRoot).kind, 'badReferral');
});

test('a same-zone referral without aa is a BAD REFERRAL', () => {
  const msg = reply({ authority: [rr('example.test.', 'NS', 'ns1.example.test.')] });
  assert.deepEqual(classifyReply(www, 'example.test.', msg), {
    kind: 'badReferral',
    zone: 'example.test.',
    direction: 'same',
  });
});

test('REFUSED, SERVFAIL and other rcodes', () => {
  assert.equal(classifyReply(www, 'example.test.', reply({ rcode: 5 })).kind, 'refused');
  assert.equal(classifyReply(www, 'example.test.', reply({ rcode: 2, aa: true })).kind, 'servfail');
  assert.deepEqual(classifyReply(www, 'example.test.', reply({ rcode: 4 })), { kind: 'otherRcode', rcode: 4 });
});

test('only server failures send the resolver to the next server', () => {
  assert.equal(isUsableOutcome({ kind: 'refused' }), false);
  assert.equal(isUsableOutcome({ kind: 'lame', reason: 'x' }), false);
  assert.equal(isUsableOutcome({ kind: 'servfail' }), false);
  assert.equal(isUsableOutcome({ kind: 'otherRcode', rcode: 4 }), false);
  assert.equal(isUsableOutcome({ kind: 'badReferral', zone: '.', direction: 'upward' }), true);
  assert.equal(isUsableOutcome({ kind: 'nodata', name: 'a.', chain: [] }), true);
});

// RFC 2181 section 5.4.1: a server speaks for its zone only. The bank.test records below are what a
// server of extra.test. would love the resolver to cache.
const oob = { name: 'oob.extra.test.', type: RRType.A, class: 1 };

test('out-of-zone data in an answer is not an answer: the CNAME target outside the zone is handed on, the record ignored', () => {
  const poisoned = rr('www.bank.test.', 'A', '192.0.2.66');
  const msg = reply({ aa: true, answer: [rr('oob.extra.test.', 'CNAME', 'www.bank.test.'), poisoned] });
  const outcome = classifyReply(oob, 'extra.test.', msg);
  assert.ok(outcome.kind === 'cname', outcome.kind);
  assert.equal(outcome.target, 'www.bank.test.');
  assert.deepEqual(outcome.reading?.outOfZone, [poisoned]);
});

test('out-of-zone records are set aside even beside a good in-zone answer', () => {
  const stray = rr('ns.bank.test.', 'A', '192.0.2.66');
  const msg = reply({ aa: true, answer: [rr('oob.extra.test.', 'A', '192.0.2.5'), stray] });
  const outcome = classifyReply(oob, 'extra.test.', msg);
  assert.ok(outcome.kind === 'answer');
  assert.deepEqual(
    outcome.records.map((r) => rdataText(r.rdata)),
    ['192.0.2.5'],
  );
  assert.deepEqual(outcome.reading?.outOfZone, [stray]);
});

test('a record for the very name asked, but sent by the server of a zone above the cut it is not in, is not taken', () => {
  // Asked of test.'s servers, an answer owned by a name outside test. is not theirs to give.
  const msg = reply({
    aa: true,
    answer: [rr('oob.extra.test.', 'CNAME', 'x.bank.example.'), rr('x.bank.example.', 'A', '192.0.2.66')],
  });
  const outcome = classifyReply(oob, 'test.', msg);
  assert.ok(outcome.kind === 'cname');
  assert.equal(outcome.target, 'x.bank.example.');
});

test("NXDOMAIN at the end of a chain that left the zone is not the server's to say: the CNAME is handed on", () => {
  const msg = reply({
    aa: true,
    rcode: 3,
    answer: [rr('oob.extra.test.', 'CNAME', 'gone.bank.test.')],
    authority: [soa('extra.test.')],
  });
  const outcome = classifyReply(oob, 'extra.test.', msg);
  assert.ok(outcome.kind === 'cname');
  assert.equal(outcome.target, 'gone.bank.test.');
});

test('a DNAME without its CNAME is followed by synthesizing the CNAME (RFC 6672), not read as NODATA', () => {
  const dname = rr('dname.example.test.', 'DNAME', 'example.test.');
  const q = { name: 'www.dname.example.test.', type: RRType.A, class: 1 };
  const inZone = reply({ aa: true, answer: [dname, rr('www.example.test.', 'A', '192.0.2.1')] });
  const answered = classifyReply(q, 'example.test.', inZone);
  assert.ok(answered.kind === 'answer', answered.kind);
  assert.equal(answered.name, 'www.example.test.');
  assert.deepEqual(
    answered.chain.map((r) => [r.name, r.type, rdataText(r.rdata), r.ttl]),
    [['www.dname.example.test.', RRType.CNAME, 'www.example.test.', 3600]],
  );
  assert.deepEqual(answered.reading?.synthesized, answered.chain);
  const away = rr('dname.example.test.', 'DNAME', 'other.test.');
  const handedOn = classifyReply(q, 'example.test.', reply({ aa: true, answer: [away] }));
  assert.ok(handedOn.kind === 'cname', handedOn.kind);
  assert.equal(handedOn.target, 'www.other.test.');
});

test('a DNAME only applies below its owner, and a substitute longer than 255 octets is not made', () => {
  const dname = rr('dname.example.test.', 'DNAME', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.test.`);
  const owner = { name: 'dname.example.test.', type: RRType.A, class: 1 };
  assert.equal(classifyReply(owner, 'example.test.', reply({ aa: true, answer: [dname] })).kind, 'nodata');
  // 61 octets of prefix on a 198-octet target: the substitute would be 259 octets, so no CNAME is made, and NOERROR is not what RFC 6672 says.
  const long = { name: `${'d'.repeat(60)}.dname.example.test.`, type: RRType.A, class: 1 };
  const outcome = classifyReply(long, 'example.test.', reply({ aa: true, answer: [dname] }));
  assert.ok(outcome.kind === 'misbehaving', outcome.kind);
  assert.equal(
    outcome.reason,
    `NOERROR, not YXDOMAIN, though the DNAME at dname.example.test. makes ${long.name} 259 octets long, over 255`,
  );
  assert.equal(isUsableOutcome(outcome), false);
});

/** dname.example.test. DNAME to a 198-octet target: a name one 60-octet label below the owner would become 259 octets long. */
const LONG_DNAME = rr('dname.example.test.', 'DNAME', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.test.`);
const TOO_LONG = { name: `${'d'.repeat(60)}.dname.example.test.`, type: RRType.A, class: 1 };
const YXDOMAIN = 6;

test('YXDOMAIN with the DNAME that really makes the name too long (RFC 6672 2.2) is the zone saying the name cannot exist', () => {
  const msg = reply({ aa: true, rcode: YXDOMAIN, answer: [LONG_DNAME], authority: [soa('example.test.')] });
  const outcome = classifyReply(TOO_LONG, 'example.test.', msg);
  assert.ok(outcome.kind === 'yxdomain', outcome.kind);
  assert.equal(outcome.name, TOO_LONG.name);
  assert.equal(outcome.dname, LONG_DNAME);
  assert.equal(outcome.octets, 259);
  assert.deepEqual(outcome.chain, []);
  assert.equal(outcome.soa?.name, 'example.test.');
  assert.equal(isUsableOutcome(outcome), true);
});

test('YXDOMAIN at the end of a CNAME chain: the DNAME must overflow the last name of the chain', () => {
  const alias = rr('www.example.test.', 'CNAME', TOO_LONG.name);
  const msg = reply({ aa: true, rcode: YXDOMAIN, answer: [alias, LONG_DNAME] });
  const outcome = classifyReply(www, 'example.test.', msg);
  assert.ok(outcome.kind === 'yxdomain', outcome.kind);
  assert.equal(outcome.name, TOO_LONG.name);
  assert.deepEqual(outcome.chain, [alias]);
});

test('a YXDOMAIN without its proof is that server misbehaving, never the zone speaking', () => {
  const yx = (answer: ReturnType<typeof rr>[], aa = true) => reply({ aa, rcode: YXDOMAIN, answer });
  const cases: Array<[string, ReturnType<typeof reply>, { name: string; type: number; class: number }, string]> = [
    ['no DNAME', yx([]), TOO_LONG, `YXDOMAIN without a DNAME that makes ${TOO_LONG.name} longer than 255 octets`],
    [
      'a DNAME whose substitute fits',
      yx([rr('dname.example.test.', 'DNAME', 'short.test.')]),
      TOO_LONG,
      `YXDOMAIN, though the DNAME substitution of ${TOO_LONG.name} fits in 255 octets (${'d'.repeat(60)}.short.test.)`,
    ],
    [
      'the DNAME at the name itself, not above it',
      yx([LONG_DNAME]),
      { ...TOO_LONG, name: 'dname.example.test.' },
      'YXDOMAIN without a DNAME that makes dname.example.test. longer than 255 octets',
    ],
    [
      'a DNAME of another zone',
      yx([rr('dname.other.test.', 'DNAME', LONG_DNAME.rdata.type === 'DNAME' ? LONG_DNAME.rdata.target : '')]),
      { ...TOO_LONG, name: `${'d'.repeat(60)}.dname.other.test.` },
      `YXDOMAIN without a DNAME that makes ${'d'.repeat(60)}.dname.other.test. longer than 255 octets`,
    ],
  ];
  for (const [what, msg, question, reason] of cases) {
    const outcome = classifyReply(question, 'example.test.', msg);
    assert.ok(outcome.kind === 'misbehaving', `${what}: ${outcome.kind}`);
    assert.equal(outcome.reason, reason, what);
    assert.equal(isUsableOutcome(outcome), false, what);
  }
  // Without the aa flag, the server does not speak for the zone at all.
  const lame = classifyReply(TOO_LONG, 'example.test.', yx([LONG_DNAME], false));
  assert.deepEqual(lame, { kind: 'lame', reason: 'YXDOMAIN without the aa flag' });
});

test('NXDOMAIN with a DNAME that makes the name too long is misbehaving too: RFC 6672 says YXDOMAIN', () => {
  const msg = reply({ aa: true, rcode: 3, answer: [LONG_DNAME], authority: [soa('example.test.')] });
  const outcome = classifyReply(TOO_LONG, 'example.test.', msg);
  assert.ok(outcome.kind === 'misbehaving', outcome.kind);
  assert.match(outcome.reason, /^NXDOMAIN, not YXDOMAIN, though the DNAME at dname\.example\.test\. makes /);
});

test('a CNAME loop inside one reply is handed on as a CNAME back to a name of the chain, never as NODATA', () => {
  const msg = reply({
    aa: true,
    answer: [rr('www.example.test.', 'CNAME', 'a.example.test.'), rr('a.example.test.', 'CNAME', 'www.example.test.')],
    authority: [soa('example.test.')],
  });
  const outcome = classifyReply(www, 'example.test.', msg);
  assert.ok(outcome.kind === 'cname');
  assert.equal(outcome.target, 'www.example.test.');
  assert.equal(outcome.chain.length, 2);
});

test('an answer, a CNAME, NXDOMAIN and NODATA settle a question; a referral, a failure or a limit does not', () => {
  const example = 'example.test.';
  const settles = (msg: ReturnType<typeof reply>) => isFinalOutcome(classifyReply(www, example, msg));
  assert.equal(settles(reply({ aa: true, answer: [rr('www.example.test.', 'A', '192.0.2.1')] })), true);
  assert.equal(settles(reply({ aa: true, answer: [rr('www.example.test.', 'CNAME', 'elsewhere.demo.')] })), true);
  assert.equal(settles(reply({ aa: true, rcode: 3, authority: [soa(example)] })), true);
  assert.equal(settles(reply({ aa: true, authority: [soa(example)] })), true);
  assert.equal(
    settles(reply({ authority: [rr('www.example.test.', 'NS', 'ns.www.example.test.')] })),
    false,
    'a referral',
  );
  assert.equal(settles(reply({ rcode: 2 })), false);
  assert.equal(settles(reply({})), false, 'lame: no aa and no referral');
  for (const kind of ['rootServers', 'allFailed', 'limit']) assert.equal(isFinalOutcome({ kind }), false, kind);
});
