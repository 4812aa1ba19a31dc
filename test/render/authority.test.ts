/** The authority line under the flags says what each kind of reply is, and makes no claim a lying reply could not back. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dnsPacket from 'dns-packet';
import { claimText, replyClaim } from '../../src/render/authority.js';
import { decodeMessage } from '../../src/wire/decode.js';
import type { Message } from '../../src/wire/types.js';

type Section = dnsPacket.Answer[];

/** A reply to www.example.test. A built by the reference encoder and read by tsdig's decoder. */
function reply(flags: { aa?: boolean; ra?: boolean; rcode?: number }, sections: Record<string, Section> = {}): Message {
  const bytes = dnsPacket.encode({
    type: 'response',
    id: 1,
    flags: (flags.aa ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | (flags.ra ? 0x80 : 0) | (flags.rcode ?? 0),
    questions: [{ name: 'www.example.test', type: 'A', class: 'IN' }],
    answers: sections.answer ?? [],
    authorities: sections.authority ?? [],
    additionals: sections.additional ?? [],
  });
  return decodeMessage(bytes);
}

const ns = (zone: string, host: string): dnsPacket.Answer => ({ name: zone, type: 'NS', ttl: 60, data: host });
const a = (name: string, address: string): dnsPacket.Answer => ({ name, type: 'A', ttl: 60, data: address });
const soa: dnsPacket.Answer = {
  name: 'example.test',
  type: 'SOA',
  ttl: 60,
  data: {
    mname: 'ns.example.test',
    rname: 'h.example.test',
    serial: 1,
    refresh: 1,
    retry: 1,
    expire: 1,
    minimum: 60,
  },
};

const line = (msg: Message): string => claimText(replyClaim(msg));

test('an aa answer, NXDOMAIN or NODATA is authoritative', () => {
  const authoritative = ';; AUTHORITATIVE ANSWER: aa flag set, the server answered from its own zone data';
  assert.equal(line(reply({ aa: true }, { answer: [a('www.example.test', '192.0.2.1')] })), authoritative);
  assert.equal(line(reply({ aa: true, rcode: 3 }, { authority: [soa] })), authoritative);
  assert.equal(line(reply({ aa: true }, { authority: [soa] })), authoritative);
});

test('a referral (no answer, one NS set, no SOA, aa clear) is a referral to its zone, not an answer', () => {
  const msg = reply(
    {},
    {
      authority: [ns('example.test', 'ns1.example.test'), ns('example.test', 'ns2.example.test')],
      additional: [a('ns1.example.test', '192.0.2.53')],
    },
  );
  assert.equal(line(msg), ';; REFERRAL: referral to example.test., not an answer (aa flag not set)');
  // A root server's referral, and an upward referral from a lame server, say where they point.
  assert.equal(
    line(reply({}, { authority: [ns('test', 'a.nic.test')] })),
    ';; REFERRAL: referral to test., not an answer (aa flag not set)',
  );
  assert.equal(
    line(reply({ ra: true }, { authority: [ns('.', 'a.root-servers.net')] })),
    ';; REFERRAL: referral to ., not an answer (aa flag not set)',
  );
});

test('an error reply makes no claim about resolvers, whatever its flags', () => {
  for (const [rcode, name] of [
    [5, 'REFUSED'],
    [1, 'FORMERR'],
    [2, 'SERVFAIL'],
    [4, 'NOTIMP'],
  ] as const) {
    for (const flags of [{}, { aa: true }, { ra: true }]) {
      assert.equal(line(reply({ ...flags, rcode })), `;; ERROR REPLY: ${name}, the server gave no answer`);
    }
  }
});

test('BADCOOKIE (an extended RCODE) is an error reply too', () => {
  const msg: Message = { ...reply({}), rcode: 23 };
  assert.equal(line(msg), ';; ERROR REPLY: BADCOOKIE, the server gave no answer');
});

test('a non-aa answer: from a resolver when RA is set; without RA it says only what the flags say', () => {
  const answer = { answer: [a('www.example.test', '192.0.2.1')] };
  assert.equal(
    line(reply({ ra: true }, answer)),
    ';; NON-AUTHORITATIVE ANSWER: aa flag not set (relayed or cached by a resolver)',
  );
  assert.equal(
    line(reply({}, answer)),
    ';; NON-AUTHORITATIVE ANSWER: aa flag not set, and the server offers no recursion (ra flag not set)',
  );
});

test('what is not a clean referral is not called one: NS of two owners, an SOA beside the NS, an answer beside them', () => {
  const two = reply({}, { authority: [ns('example.test', 'ns1.example.test'), ns('other.test', 'ns.other.test')] });
  assert.equal(replyClaim(two).kind, 'nonRecursive');
  assert.equal(
    replyClaim(reply({ ra: true }, { authority: [ns('example.test', 'ns.example.test'), soa] })).kind,
    'recursive',
  );
  const withAnswer = reply(
    {},
    { answer: [a('www.example.test', '192.0.2.1')], authority: [ns('example.test', 'ns.x')] },
  );
  assert.equal(replyClaim(withAnswer).kind, 'nonRecursive');
  // NXDOMAIN without aa and with an NS set is a lame server's word, not a delegation.
  assert.equal(replyClaim(reply({ rcode: 3 }, { authority: [ns('example.test', 'ns.x')] })).kind, 'nonRecursive');
});

test('a zone name with bytes a terminal must not see is escaped in the line', () => {
  const msg = reply({}, { authority: [ns('a\x1bb.test', 'ns.example.test')] });
  assert.equal(line(msg), ';; REFERRAL: referral to a\\027b.test., not an answer (aa flag not set)');
});
