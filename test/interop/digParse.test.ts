/**
 * The dig-output parser on outputs dig printed against the interop hierarchy
 * (test/interop/fixtures/, saved from real runs; the +trace ones inside a private mount namespace).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { compareTrace } from './compare.js';
import { parseDig, parseDigOutput, parseRecordLine, parseShort, parseTrace } from './digParse.js';
import { traceWalks } from './queries.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../../../test/interop/fixtures/${name}`, import.meta.url), 'utf8');
}

test('a validated answer: header, flags, EDNS with DO, answer with its RRSIG, trailer', () => {
  const m = parseDig(fixture('resolver-dnssec.txt'));
  assert.equal(m.opcode, 'QUERY');
  assert.equal(m.status, 'NOERROR');
  assert.equal(m.id, 54019);
  assert.deepEqual(m.flags, ['qr', 'rd', 'ra', 'ad']);
  assert.deepEqual(m.counts, { question: 1, answer: 2, authority: 0, additional: 1 });
  assert.equal(m.ednsVersion, 0);
  assert.deepEqual(m.ednsFlags, ['do']);
  assert.equal(m.udpSize, 1232);
  assert.deepEqual(m.sections.question, [{ name: 'www.signed.example.', ttl: null, class: 'IN', type: 'A', data: '' }]);
  assert.deepEqual(m.sections.answer[0], {
    name: 'www.signed.example.',
    ttl: 3600,
    class: 'IN',
    type: 'A',
    data: '192.0.2.10',
  });
  assert.equal(m.sections.answer[1].type, 'RRSIG');
  assert.match(m.sections.answer[1].data, /^A 13 3 3600 \d{14} \d{14} \d+ signed\.example\. \S+ \S+$/);
  assert.equal(m.server, '127.53.0.53#59054(127.53.0.53)');
  assert.equal(m.protocol, 'UDP');
  assert.equal(m.size, 173);
});

test('a referral: authority NS, additional glue, the COOKIE kept as an EDNS option', () => {
  const m = parseDig(fixture('root-referral.txt'));
  assert.deepEqual(m.flags, ['qr']);
  assert.deepEqual(m.sections.answer, []);
  assert.deepEqual(m.sections.authority, [{ name: 'lab.', ttl: 172800, class: 'IN', type: 'NS', data: 'ns1.lab.' }]);
  assert.deepEqual(m.sections.additional, [
    { name: 'ns1.lab.', ttl: 172800, class: 'IN', type: 'A', data: '127.53.0.3' },
  ]);
  assert.equal(m.ednsOptions.length, 1);
  assert.match(m.ednsOptions[0], /^COOKIE: [0-9a-f]+ \(good\)$/);
});

test('NXDOMAIN with the SOA in authority', () => {
  const m = parseDig(fixture('nxdomain.txt'));
  assert.equal(m.status, 'NXDOMAIN');
  assert.deepEqual(m.flags, ['qr', 'aa']);
  assert.equal(m.sections.authority[0].type, 'SOA');
  assert.equal(m.sections.authority[0].ttl, 300);
  assert.equal(m.sections.authority[0].data, 'ns1.nsd.lab. hostmaster.nsd.lab. 2024060101 3600 900 604800 300');
});

test('TC then TCP: the retry note belongs to the reply, which came over TCP without OPT', () => {
  const out = parseDigOutput(fixture('truncated-tcp.txt'));
  assert.equal(out.messages.length, 1);
  const m = out.messages[0];
  assert.deepEqual(m.notes, ['Truncated, retrying in TCP mode.']);
  assert.equal(m.protocol, 'TCP');
  assert.equal(m.ednsVersion, null);
  assert.equal(m.udpSize, null);
  assert.equal(m.sections.answer.length, 40);
  assert.ok(m.sections.answer.every((r) => r.name === 'many.nsd.lab.' && r.type === 'A'));
});

test('a truncated reply shown with +ignore carries TC', () => {
  const m = parseDig(fixture('truncated-ignored.txt'));
  assert.deepEqual(m.flags, ['qr', 'aa', 'tc']);
  assert.equal(m.protocol, 'UDP');
  assert.equal(m.size, 30);
});

test('TXT data stays exactly as printed: escapes, quotes, several strings', () => {
  const m = parseDig(fixture('binary-txt.txt'));
  assert.equal(
    m.sections.answer[0].data,
    String.raw`"\000\001\031\127\128\200\255 end" "say \"hi\" \\ done" "tab\009here"`,
  );
});

test('a long owner name in the question and answer of a reverse lookup', () => {
  const m = parseDig(fixture('reverse-v6.txt'));
  const owner = '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.';
  assert.deepEqual(m.sections.question, [{ name: owner, ttl: null, class: 'IN', type: 'PTR', data: '' }]);
  assert.deepEqual(m.sections.answer, [{ name: owner, ttl: 3600, class: 'IN', type: 'PTR', data: 'signed.example.' }]);
});

test('SERVFAIL from the resolver', () => {
  assert.equal(parseDig(fixture('servfail.txt')).status, 'SERVFAIL');
});

test('no reply: no message, the errors kept as notes; parseDig refuses it', () => {
  const out = parseDigOutput(fixture('no-reply.txt'));
  assert.deepEqual(out.messages, []);
  assert.ok(out.notes.includes('no servers could be reached'), out.notes.join(' | '));
  assert.ok(out.notes.some((n) => /^communications error to 127\.53\.0\.9#\d+: connection refused$/.test(n)));
  assert.throws(() => parseDig(fixture('no-reply.txt')), /expected one reply, found 0/);
});

test('+short: one line per record, in printed order', () => {
  assert.deepEqual(parseShort(fixture('short.txt')), [
    'alias2.knot.lab.',
    'alias3.knot.lab.',
    'www.knot.lab.',
    '192.0.2.10',
  ]);
});

test('+trace: hops end at their "Received" line', () => {
  const hops = parseTrace(fixture('trace-www.b.a.deep.lab.txt'));
  assert.equal(hops.length, 6);
  assert.equal(hops[0].from, '127.53.0.53#59054(127.53.0.53)');
  assert.equal(hops[0].bytes, 149);
  assert.deepEqual(
    hops[0].records.map((r) => r.type),
    ['NS', 'RRSIG'],
  );
  assert.equal(hops[5].from, '127.53.0.5#59054(ns1.b.a.deep.lab)');
  assert.deepEqual(hops[5].records, [
    { name: 'www.b.a.deep.lab.', ttl: 3600, class: 'IN', type: 'A', data: '192.0.2.200' },
  ]);
});

test('the expected +trace walks are the ones dig itself printed', () => {
  for (const walk of traceWalks) {
    const hops = parseTrace(fixture(`trace-${walk.name}.txt`));
    assert.deepEqual(compareTrace(hops, walk.expected), [], walk.name);
  }
});

test('record lines: fields split on whitespace, data kept whole; other lines refused', () => {
  assert.deepEqual(parseRecordLine('x.lab.\t\t60\tIN\tTXT\t"a  b" "c"'), {
    name: 'x.lab.',
    ttl: 60,
    class: 'IN',
    type: 'TXT',
    data: '"a  b" "c"',
  });
  assert.throws(() => parseRecordLine(';; ANSWER SECTION:'), /not a record line/);
});

test("the SERVER line's protocol in each of dig's words, HTTPS-GET and HTTP-GET (DoH with GET) included", () => {
  const text = fixture('nxdomain.txt');
  for (const protocol of ['UDP', 'TCP', 'TLS', 'HTTPS', 'HTTPS-GET', 'HTTP', 'HTTP-GET']) {
    const m = parseDig(text.replace(/^(;; SERVER: \S+) \(UDP\)$/m, `$1 (${protocol})`));
    assert.equal(m.protocol, protocol);
  }
});
