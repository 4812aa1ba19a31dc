import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trace } from '../../src/resolve/trace.js';
import { TraceCache } from '../../src/resolve/traceCache.js';
import type { Hop, TraceRequest } from '../../src/resolve/traceTypes.js';
import type { Exchange } from '../../src/resolve/types.js';
import { RRType } from '../../src/wire/rrtypes.js';
import type { ResourceRecord } from '../../src/wire/types.js';
import { fakeClock } from '../support/fakeClock.js';
import { reply, rr } from './fakeMessages.js';
import { PORT, START, testDeps, testSettings } from './traceFixture.js';

const A = (name: string): TraceRequest => ({ name, type: RRType.A, class: 1 });
const at = (address: string): string => `${address}#${PORT}`;
const summary = (hops: Hop[]): string[] =>
  hops.map(
    (hop) =>
      `${hop.cached ? '(cached) ' : ''}${hop.zone} ${hop.outcome.kind}${hop.outcome.kind === 'referral' ? ` ${hop.outcome.zone}` : ''}`,
  );

/** A referral hop of `zone`'s server for `question` to `child`, with its NS records and glue at `ttl`. */
function referralHop(zone: string, name: string, child: string, ttl: number, glue: ResourceRecord[] = []): Hop {
  const question = { name, type: RRType.A, class: 1 };
  const exchange: Exchange = {
    server: { address: '127.0.0.2', port: PORT, name: `ns.${zone}` },
    protocol: 'udp',
    question,
    query: new Uint8Array(),
    raw: new Uint8Array(),
    response: reply({ authority: [rr(child, 'NS', `ns1.${child}`, ttl)], additional: glue }),
    rttMs: 1,
    receivedAt: new Date(0),
  };
  return {
    zone,
    question,
    servers: [],
    exchange,
    outcome: { kind: 'referral', zone: child, nsNames: [`ns1.${child}`], glue, ignoredGlue: [] },
    glueLookups: [],
    ignoredGlue: [],
    notes: [],
  };
}

test('cache: a referral is served within its TTL, toward names below the cut, and is gone after it', async () => {
  const clock = fakeClock();
  const cache = new TraceCache(clock.now);
  const glue = [rr('ns1.example.test.', 'A', '127.0.0.4', 600)];
  cache.storeReferral('test.', referralHop('test.', 'www.example.test.', 'example.test.', 3600, glue));
  assert.equal(cache.referral('test.', 'mail.example.test.', RRType.A)?.outcome.zone, 'example.test.');
  assert.equal(cache.referral('test.', 'a.b.EXAMPLE.test.', RRType.A)?.outcome.zone, 'example.test.');
  // Only the zone that gave it: the root's servers did not, another zone's name is not below it.
  assert.equal(cache.referral('.', 'www.example.test.', RRType.A), undefined);
  assert.equal(cache.referral('test.', 'www.other.test.', RRType.A), undefined);
  // The lowest TTL of the NS set and the glue (600 s) rules.
  await clock.advance(599_000);
  assert.ok(cache.referral('test.', 'www.example.test.', RRType.A));
  await clock.advance(1_000);
  assert.equal(cache.referral('test.', 'www.example.test.', RRType.A), undefined);
  assert.equal(cache.size, 0);
});

test('cache: the DS of a cut is asked of its parent, not served by the cut', () => {
  const clock = fakeClock();
  const cache = new TraceCache(clock.now);
  cache.storeReferral('test.', referralHop('test.', 'www.example.test.', 'example.test.', 3600));
  assert.equal(cache.referral('test.', 'example.test.', RRType.DS), undefined);
  assert.ok(cache.referral('test.', 'example.test.', RRType.A));
  assert.ok(cache.referral('test.', 'sub.example.test.', RRType.DS));
});

test('cache: a referral outside the zone asked, or not toward the name asked, or with TTL 0, is not kept', () => {
  const clock = fakeClock();
  const cache = new TraceCache(clock.now);
  cache.storeReferral('example.test.', referralHop('example.test.', 'www.bank.test.', 'bank.test.', 3600));
  cache.storeReferral('test.', referralHop('test.', 'www.example.test.', 'bank.test.', 3600));
  cache.storeReferral('test.', referralHop('test.', 'www.zero.test.', 'zero.test.', 0));
  assert.equal(cache.size, 0);
  assert.equal(cache.referral('example.test.', 'www.bank.test.', RRType.A), undefined);
  assert.equal(cache.referral('test.', 'www.bank.test.', RRType.A), undefined);
});

test('cache: only the glue the trace trusted is kept; the rest of the reply is dropped', () => {
  const clock = fakeClock();
  const cache = new TraceCache(clock.now);
  const hop = referralHop('test.', 'www.example.test.', 'example.test.', 3600);
  const poison = rr('www.bank.test.', 'A', '192.0.2.66');
  const stray = rr('ns.elsewhere.', 'A', '192.0.2.67');
  const exchange = hop.exchange as Exchange;
  hop.exchange = {
    ...exchange,
    response: {
      ...exchange.response,
      answer: [poison],
      authority: [...exchange.response.authority, rr('other.', 'NS', 'ns.elsewhere.')],
      additional: [stray],
    },
  };
  cache.storeReferral('test.', hop);
  const kept = cache.referral('test.', 'www.example.test.', RRType.A)?.exchange.response;
  assert.deepEqual(kept?.answer, []);
  assert.deepEqual(
    kept?.authority.map((rr) => rr.name),
    ['example.test.'],
  );
  assert.deepEqual(kept?.additional, []);
});

test('cache: bounded in entries, the least recently used goes first', () => {
  const clock = fakeClock();
  const cache = new TraceCache(clock.now, 2);
  cache.storeReferral('test.', referralHop('test.', 'a.one.test.', 'one.test.', 3600));
  cache.storeReferral('test.', referralHop('test.', 'a.two.test.', 'two.test.', 3600));
  assert.ok(cache.referral('test.', 'b.one.test.', RRType.A));
  cache.storeReferral('test.', referralHop('test.', 'a.three.test.', 'three.test.', 3600));
  assert.equal(cache.size, 2);
  assert.ok(cache.referral('test.', 'b.one.test.', RRType.A));
  assert.equal(cache.referral('test.', 'b.two.test.', RRType.A), undefined);
  assert.ok(cache.referral('test.', 'b.three.test.', RRType.A));
});

test('cache: name-server addresses within their TTL', async () => {
  const clock = fakeClock();
  const cache = new TraceCache(clock.now);
  cache.storeAddresses('NS.Hoster.demo.', ['127.0.0.11'], 300);
  assert.deepEqual(cache.addresses('ns.hoster.demo.'), ['127.0.0.11']);
  await clock.advance(300_000);
  assert.equal(cache.addresses('ns.hoster.demo.'), undefined);
});

test('traces sharing a cache: the root and the TLD are asked once, every answer is the uncached one', async () => {
  const alone = testDeps();
  const names = ['www.example.test.', 'ns1.example.test.', 'www.other.', 'ns2.example.test.'];
  const uncached = [];
  for (const name of names) uncached.push(await trace(A(name), testSettings(), alone.deps));

  const shared = testDeps();
  const cache = new TraceCache(shared.clock.now);
  const deps = { ...shared.deps, cache };
  const cached = [];
  for (const name of names) cached.push(await trace(A(name), testSettings(), deps));

  assert.deepEqual(
    cached.map((result) => result.final),
    uncached.map((result) => result.final),
  );
  assert.deepEqual(summary(cached[1].hops), [
    '(cached) . rootServers',
    '(cached) . referral test.',
    '(cached) test. referral example.test.',
    'example.test. answer',
  ]);
  assert.deepEqual(summary(cached[2].hops), ['(cached) . rootServers', '. referral other.', 'other. answer']);
  assert.equal(cached[1].queries, 1);
  assert.equal(shared.net.counts[`${START}#53`], 1);
  assert.equal(shared.net.counts[at('127.0.0.1')], 2);
  assert.equal(shared.net.counts[at('127.0.0.2')], 1);
  assert.equal(alone.net.counts[at('127.0.0.1')], 4);
  // Hops served from the cache sent nothing and name no server tried.
  assert.ok(cached[3].hops.filter((hop) => hop.cached).every((hop) => hop.servers.length === 0));
});

test('traces sharing a cache: a referral past its TTL is asked again', async () => {
  const shared = testDeps();
  const deps = { ...shared.deps, cache: new TraceCache(shared.clock.now) };
  await trace(A('www.example.test.'), testSettings(), deps);
  await shared.clock.advance(3_600_000);
  const again = await trace(A('www.example.test.'), testSettings(), deps);
  assert.deepEqual(summary(again.hops), [
    '. rootServers',
    '. referral test.',
    'test. referral example.test.',
    'example.test. answer',
  ]);
  assert.equal(shared.net.counts[at('127.0.0.1')], 2);
});

test('traces sharing a cache: out-of-bailiwick glue is never kept; the address found by iteration is', async () => {
  const shared = testDeps();
  const deps = { ...shared.deps, cache: new TraceCache(shared.clock.now) };
  const first = await trace(A('www.glueless.test.'), testSettings(), deps);
  const second = await trace(A('www.glueless.test.'), testSettings(), deps);
  assert.deepEqual(second.final, first.final);
  assert.equal(second.final?.kind, 'answer');
  const cut = second.hops.find((hop) => hop.cached && hop.zone === 'test.');
  assert.deepEqual(cut?.exchange?.response.additional, []);
  // The poisoned glue address (127.0.0.66) was never asked; ns.glueless.other. was looked up once.
  assert.equal(shared.net.counts[at('127.0.0.66')], undefined);
  assert.equal(second.queries, 1);
  assert.equal(first.hops.flatMap((hop) => hop.glueLookups).length, 1);
  assert.equal(second.hops.flatMap((hop) => hop.glueLookups).length, 0);
});

test('traces sharing a cache: a lame or silent server met in one trace changes no later outcome', async () => {
  const alone = testDeps();
  const uncached = await trace(A('www.lame.test.'), testSettings(), alone.deps);
  const shared = testDeps();
  const deps = { ...shared.deps, cache: new TraceCache(shared.clock.now) };
  await trace(A('www.lame.test.'), testSettings(), deps);
  const second = await trace(A('www.lame.test.'), testSettings(), deps);
  assert.equal(uncached.final?.kind, 'answer');
  assert.deepEqual(second.final, uncached.final);
  assert.deepEqual(
    second.hops.at(-1)?.servers.map((s) => s.outcome),
    uncached.hops.at(-1)?.servers.map((s) => s.outcome),
  );
});

test('cache: DS and DNSKEY replies are shared while in flight and kept within their TTL; others are asked every time', async () => {
  const clock = fakeClock();
  const cache = new TraceCache(clock.now);
  let asked = 0;
  const keys = reply({ aa: true, answer: [rr('sec.', 'NS', 'ns.sec.', 300)] });
  const ask = async () => {
    asked++;
    return keys;
  };
  const [first, second] = await Promise.all([cache.keyReply('sec.', 48, ask), cache.keyReply('SEC.', 48, ask)]);
  assert.equal(first, keys);
  assert.equal(second, keys);
  assert.equal(asked, 1);
  await cache.keyReply('sec.', 48, ask);
  assert.equal(asked, 1);
  await clock.advance(300_000);
  await cache.keyReply('sec.', 48, ask);
  assert.equal(asked, 2);
  // Not authoritative: used by the trace that asked, not kept.
  const lame = async () => {
    asked++;
    return reply({ answer: keys.answer });
  };
  await cache.keyReply('other.', 48, lame);
  await cache.keyReply('other.', 48, lame);
  assert.equal(asked, 4);
  await cache.keyReply('sec.', RRType.A, ask);
  await cache.keyReply('sec.', RRType.A, ask);
  assert.equal(asked, 6);
});
