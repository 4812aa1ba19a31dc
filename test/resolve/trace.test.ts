import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trace } from '../../src/resolve/trace.js';
import type { Hop, TraceRequest } from '../../src/resolve/traceTypes.js';
import { RRType } from '../../src/wire/rrtypes.js';
import { encodeReply, record, withRecords, zone, type ParsedQuery, type ServerSpec } from '../support/fakeServer.js';
import { PORT, START, fakeServers, testDeps, testSettings } from './traceFixture.js';
import { ednsIntolerant } from '../support/misbehaviours.js';
import { rdataText } from '../../src/render/rdata/present.js';

const A = (name: string): TraceRequest => ({ name, type: RRType.A, class: 1 });
/** A recursive start server answering (RA set) with the records `answer` gives as lines; undefined: REFUSED. */
const recursive = (answer: (q: ParsedQuery) => string[] | undefined): ServerSpec => ({
  respond: (q) => {
    const lines = answer(q);
    return lines
      ? encodeReply(q, { rcode: 'NOERROR', ra: true, answers: lines.map((line) => record(line)) })
      : encodeReply(q, { rcode: 'REFUSED' });
  },
});
const at = (address: string): string => `${address}#${PORT}`;
const summary = (hops: Hop[]): string[] =>
  hops.map((hop) => `${hop.zone} ${hop.outcome.kind}${hop.outcome.kind === 'referral' ? ` ${hop.outcome.zone}` : ''}`);

test('a plain trace: start server, root, TLD, zone; each server asked once', async () => {
  const { net, deps, streamed } = testDeps();
  const result = await trace(A('www.example.test.'), testSettings(), deps);
  assert.equal(result.error, undefined);
  assert.deepEqual(summary(result.hops), [
    '. rootServers',
    '. referral test.',
    'test. referral example.test.',
    'example.test. answer',
  ]);
  assert.deepEqual(streamed, result.hops);
  assert.deepEqual(net.counts, {
    [`${START}#53`]: 1,
    [at('127.0.0.1')]: 1,
    [at('127.0.0.2')]: 1,
    [at('127.0.0.4')]: 1,
  });
  assert.equal(result.queries, 4);
  assert.deepEqual(result.queriesByServer, net.counts);
  assert.equal(result.final?.kind, 'answer');
  assert.equal(result.hops[3].servers[0].name, 'ns1.example.test.');
});

test('the first hop asks for the root NS set with RD=1, then RD=0 and DO throughout', async () => {
  const { net, deps } = testDeps();
  await trace(A('www.example.test.'), testSettings(), deps);
  assert.deepEqual(
    net.sent.map((s) => [s.question.name, s.question.type, s.settings.rd, s.settings.dnssec]),
    [
      ['.', RRType.NS, true, true],
      ['www.example.test.', RRType.A, false, true],
      ['www.example.test.', RRType.A, false, true],
      ['www.example.test.', RRType.A, false, true],
    ],
  );
});

test('-p applies to every learned server', async () => {
  const { net, deps } = testDeps();
  await trace(A('www.glueless.test.'), testSettings(), deps);
  const learned = Object.keys(net.counts).filter((k) => !k.startsWith(START));
  assert.ok(learned.length >= 4);
  assert.ok(
    learned.every((k) => k.endsWith(`#${PORT}`)),
    learned.join(' '),
  );
});

test('when the start server fails, the root hints take over and the first hop says so', async () => {
  const servers = fakeServers();
  servers[START] = { behaviour: 'refused' };
  const { net, deps } = testDeps(servers);
  const result = await trace(A('www.example.test.'), testSettings(), deps);
  assert.equal(result.error, undefined);
  const first = result.hops[0];
  assert.deepEqual(first.outcome.kind === 'rootServers' && first.outcome.source, 'builtin');
  assert.equal(first.servers[0].outcome, 'refused');
  assert.match(first.notes.join('\n'), /using the built-in root hints/);
  assert.equal(net.counts[at('127.0.0.1')], 1);
});

test('without a start server (--root-hints FILE) nothing is asked before the root', async () => {
  const { net, deps } = testDeps();
  const result = await trace(
    A('www.example.test.'),
    testSettings({ startServers: undefined, rootHintsSource: 'file' }),
    deps,
  );
  assert.deepEqual(result.hops[0].outcome.kind === 'rootServers' && result.hops[0].outcome.source, 'file');
  assert.equal(result.hops[0].servers.length, 0);
  assert.equal(net.counts[`${START}#53`], undefined);
  assert.equal(result.final?.kind, 'answer');
});

test('a glueless delegation: the NS name is found by iteration from the root, and cached', async () => {
  const { net, deps } = testDeps();
  const settings = testSettings({ follow: true });
  const result = await trace(A('back.glueless.test.'), settings, deps);
  assert.equal(result.error, undefined);
  const gluelessHop = result.hops.find((hop) => hop.zone === 'glueless.test.')!;
  assert.deepEqual(gluelessHop.glueLookups, [{ name: 'ns.glueless.other.', addresses: ['127.0.0.10'], queries: 2 }]);
  assert.equal(gluelessHop.servers[0].address, '127.0.0.10');
  // root: the trace, the glue lookup of ns.glueless.other., then the CNAME target from the root.
  assert.equal(net.counts[at('127.0.0.1')], 3);
  assert.equal(net.counts[at('127.0.0.3')], 1);
  assert.equal(net.counts[at('127.0.0.66')], undefined);
});

test('the glue cache is shared across the trace: a second glueless zone on the same NS costs no lookup', async () => {
  const servers = fakeServers();
  const { net, deps } = testDeps(servers);
  // evil.test. is also served by ns.glueless.other. (with out-of-bailiwick glue in test.) -- reach it via glueless.test.
  servers['127.0.0.10'] = {
    zones: [
      zone('glueless.test.', ['@ NS ns.glueless.other.', 'hop CNAME www.evil.test.']),
      zone('evil.test.', ['@ NS ns.glueless.other.', 'www A 192.0.2.66']),
    ],
    cnames: 'within-zone',
  };
  const result = await trace(A('hop.glueless.test.'), testSettings({ follow: true }), deps);
  assert.equal(result.error, undefined);
  const evilHop = result.hops.find((hop) => hop.zone === 'evil.test.')!;
  assert.deepEqual(evilHop.glueLookups, []);
  assert.equal(net.counts[at('127.0.0.3')], 1);
});

test('out-of-bailiwick glue is ignored and reported; the server is found by iteration instead', async () => {
  const servers = fakeServers();
  servers['127.0.0.10'] = { zones: [zone('evil.test.', ['@ NS ns.glueless.other.', 'www A 192.0.2.66'])] };
  const { net, deps } = testDeps(servers);
  const result = await trace(A('www.evil.test.'), testSettings(), deps);
  assert.equal(result.error, undefined);
  const referral = result.hops.find((hop) => hop.outcome.kind === 'referral' && hop.outcome.zone === 'evil.test.')!;
  assert.deepEqual(
    referral.ignoredGlue.map((r) => `${r.name} ${rdataText(r.rdata)}`),
    ['ns.glueless.other. 127.0.0.66'],
  );
  assert.equal(net.counts[at('127.0.0.66')], undefined);
  assert.ok(net.counts[at('127.0.0.10')] >= 1);
});

test('lame servers: REFUSED, silent, connection refused are shown and the next server is tried', async () => {
  const { net, deps } = testDeps();
  const result = await trace(A('www.lame.test.'), testSettings(), deps);
  assert.equal(result.error, undefined);
  const hop = result.hops.at(-1)!;
  assert.equal(hop.zone, 'lame.test.');
  assert.deepEqual(
    hop.servers.map((s) => [s.name, s.outcome, s.hedged]),
    [
      ['ns1.lame.test.', 'refused', false],
      ['ns2.lame.test.', 'abandoned', true],
      ['ns3.lame.test.', 'connectionRefused', false],
      ['ns4.lame.test.', 'accepted', false],
    ],
  );
  const lameEvents = net.events.filter((e) => /127\.0\.0\.[6-9]/.test(e));
  assert.deepEqual(lameEvents, [
    'send 127.0.0.6 www.lame.test. 1',
    'send 127.0.0.7 www.lame.test. 1',
    'send 127.0.0.8 www.lame.test. 1',
    'send 127.0.0.9 www.lame.test. 1',
    'abort 127.0.0.7',
  ]);
});

test('hedging: a slow server gets company after the delay, and the first usable reply wins', async () => {
  const servers = fakeServers();
  servers['127.0.0.4'] = { ...servers['127.0.0.4'], delayMs: 400 };
  const { net, deps } = testDeps(servers);
  const result = await trace(A('www.example.test.'), testSettings({ family: 4 }), deps);
  const hop = result.hops.at(-1)!;
  assert.deepEqual(
    hop.servers.map((s) => [s.address, s.outcome, s.hedged]),
    [
      ['127.0.0.4', 'abandoned', true],
      ['127.0.0.5', 'accepted', false],
    ],
  );
  assert.deepEqual(net.events.slice(-3), [
    'send 127.0.0.4 www.example.test. 1',
    'send 127.0.0.5 www.example.test. 1',
    'abort 127.0.0.4',
  ]);
});

test('a lame reply without aa or referral sends the trace to the next server', async () => {
  const servers = fakeServers();
  servers['127.0.0.4'] = { behaviour: 'lame' };
  const { deps } = testDeps(servers);
  const result = await trace(A('www.example.test.'), testSettings({ family: 4 }), deps);
  const hop = result.hops.at(-1)!;
  assert.deepEqual(
    hop.servers.map((s) => s.outcome),
    ['lame', 'accepted'],
  );
  assert.match(hop.servers[0].error!, /lame/);
});

test('a zone whose servers all fail ends the trace with an error naming them', async () => {
  const { deps } = testDeps();
  const result = await trace(A('www.dead.test.'), testSettings(), deps);
  assert.equal(result.error?.code, 'trace.allServersFailed');
  assert.match(result.error!.message, /all servers of dead\.test\. failed/);
  const hop = result.hops.at(-1)!;
  assert.equal(hop.outcome.kind, 'allFailed');
  // The first was hedged (the second ran beside it); the second had no successor to run beside it.
  assert.deepEqual(
    hop.servers.map((s) => [s.address, s.outcome, s.hedged]),
    [
      ['127.0.0.20', 'timeout', true],
      ['127.0.0.21', 'timeout', false],
    ],
  );
  assert.equal(result.final?.kind, 'allFailed');
});

test('an upward referral is a BAD REFERRAL and stops after one query to the bad server', async () => {
  const { net, deps } = testDeps();
  const result = await trace(A('www.loop.test.'), testSettings(), deps);
  assert.equal(result.error?.code, 'trace.badReferral');
  assert.match(result.error!.message, /BAD REFERRAL/);
  assert.equal(net.counts[at('127.0.0.11')], 1);
  assert.equal(result.hops.at(-1)!.outcome.kind, 'badReferral');
});

test('a same-zone referral is a BAD REFERRAL too', async () => {
  const servers = fakeServers();
  servers['127.0.0.11'] = {
    respond: (q) => encodeReply(q, { rcode: 'NOERROR', authorities: [record('loop.test. NS ns.loop.test.')] }),
  };
  const { deps } = testDeps(servers);
  const result = await trace(A('www.loop.test.'), testSettings(), deps);
  assert.equal(result.error?.code, 'trace.badReferral');
});

test('NXDOMAIN from a server of an intermediate cut ends the trace without error', async () => {
  const { deps } = testDeps();
  const result = await trace(A('www.nowhere.test.'), testSettings(), deps);
  assert.equal(result.error, undefined);
  assert.deepEqual(summary(result.hops).slice(-1), ['test. nxdomain']);
});

test('NODATA ends the trace without error', async () => {
  const { deps } = testDeps();
  const result = await trace({ name: 'www.example.test.', type: RRType.MX, class: 1 }, testSettings(), deps);
  assert.equal(result.error, undefined);
  assert.equal(result.final?.kind, 'nodata');
});

test('a deep chain of cuts is walked one cut at a time', async () => {
  const { deps } = testDeps();
  const result = await trace(A('www.c.b.a.deep.test.'), testSettings(), deps);
  assert.deepEqual(summary(result.hops).slice(1), [
    '. referral test.',
    'test. referral a.deep.test.',
    'a.deep.test. referral b.a.deep.test.',
    'b.a.deep.test. referral c.b.a.deep.test.',
    'c.b.a.deep.test. answer',
  ]);
});

test('the referral limit ends the trace naming it', async () => {
  const { deps } = testDeps();
  const settings = testSettings();
  settings.limits.maxReferrals = 3;
  const result = await trace(A('www.c.b.a.deep.test.'), settings, deps);
  assert.equal(result.error?.code, 'trace.limit.referrals');
  assert.match(result.error!.message, /referral limit/);
  assert.equal(result.hops.filter((h) => h.outcome.kind === 'referral').length, 4);
});

test('the query limit ends the trace naming it, and no more queries are sent', async () => {
  const { net, deps } = testDeps();
  const settings = testSettings();
  settings.limits.maxQueries = 3;
  const result = await trace(A('www.example.test.'), settings, deps);
  assert.equal(result.error?.code, 'trace.limit.queries');
  assert.equal(result.queries, 3);
  assert.equal(
    Object.values(net.counts).reduce((a, b) => a + b, 0),
    3,
  );
  assert.equal(result.hops.at(-1)!.outcome.kind, 'limit');
});

test('the glueless depth limit ends the trace naming it', async () => {
  const servers = fakeServers();
  // g1.test is served by ns.g2.test, g2.test by ns.g3.test, ... each glueless.
  const lines = [1, 2, 3, 4].map((i) => `g${i}.test. NS ns.g${i + 1}.test.`);
  servers['127.0.0.2'] = { zones: [withRecords(servers['127.0.0.2'].zones![0], lines)] };
  const { deps } = testDeps(servers);
  const settings = testSettings();
  settings.limits.maxGluelessDepth = 2;
  const result = await trace(A('www.g1.test.'), settings, deps);
  assert.equal(result.error?.code, 'trace.limit.glueDepth');
  assert.match(result.error!.message, /depth limit reached: 2/);
});

test('a name server that needs itself to be found (in-bailiwick, no glue) fails without looping', async () => {
  const { deps } = testDeps();
  const result = await trace(A('www.self.test.'), testSettings(), deps);
  assert.equal(result.error?.code, 'trace.allServersFailed');
  assert.equal(
    result.error!.message,
    'no usable address for any name server of self.test. (ns.self.test.: in-zone name server without glue)',
  );
  assert.equal(result.queries, 3);
});

test('a CNAME out of the zone is shown in the final hop; without follow the trace stops there', async () => {
  const { deps } = testDeps();
  const result = await trace(A('alias.example.test.'), testSettings(), deps);
  assert.equal(result.error, undefined);
  const final = result.final;
  assert.ok(final?.kind === 'cname');
  assert.equal(final.target, 'www.other.');
  assert.equal(result.hops.length, 4);
});

test('with follow, the CNAME target is traced again from the root', async () => {
  const { deps } = testDeps();
  const result = await trace(A('alias.example.test.'), testSettings({ follow: true }), deps);
  assert.equal(result.error, undefined);
  assert.deepEqual(summary(result.hops), [
    '. rootServers',
    '. referral test.',
    'test. referral example.test.',
    'example.test. cname',
    '. referral other.',
    'other. answer',
  ]);
  assert.match(result.hops[3].notes.join('\n'), /following the CNAME to www\.other\./);
  assert.equal(result.hops.at(-1)!.question.name, 'www.other.');
});

test('a CNAME loop across zones is named as a loop as soon as a name comes back, not run to the chain limit', async () => {
  const servers = fakeServers();
  servers['127.0.0.3'] = { zones: [zone('other.', ['@ NS ns.other.', 'www CNAME alias.example.test.'])] };
  const { net, deps } = testDeps(servers);
  const settings = testSettings({ follow: true });
  settings.limits.maxCnameChain = 4;
  const result = await trace(A('alias.example.test.'), settings, deps);
  assert.deepEqual(result.error, {
    code: 'trace.cname.loop',
    message: 'CNAME loop: alias.example.test. -> www.other. -> alias.example.test.',
  });
  assert.equal(result.hops.filter((h) => h.outcome.kind === 'cname').length, 2);
  assert.equal(net.counts[at('127.0.0.4')], 1);
  assert.match(result.hops.at(-1)?.notes.join('\n') ?? '', /^CNAME loop: /m);
});

test('a CNAME loop inside one reply is named too, with or without +follow', async () => {
  const servers = fakeServers();
  servers['127.0.0.3'] = { zones: [zone('other.', ['@ NS ns.other.', 'a CNAME b', 'b CNAME a'])] };
  for (const follow of [false, true]) {
    const { deps } = testDeps(servers);
    const result = await trace(A('a.other.'), testSettings({ follow }), deps);
    assert.equal(result.error?.message, 'CNAME loop: a.other. -> b.other. -> a.other.');
  }
});

test('the CNAME chain limit ends a followed trace naming it', async () => {
  const servers = fakeServers();
  servers['127.0.0.3'] = { zones: [zone('other.', ['@ NS ns.other.', 'www CNAME back.glueless.test.'])] };
  const { deps } = testDeps(servers);
  const settings = testSettings({ follow: true });
  settings.limits.maxCnameChain = 1;
  const result = await trace(A('alias.example.test.'), settings, deps);
  assert.equal(result.error?.code, 'trace.limit.cname');
  assert.equal(result.hops.filter((h) => h.outcome.kind === 'cname').length, 2);
});

test('-6: only IPv6 addresses are used, and an IPv4 start server is skipped for the hints', async () => {
  const { net, deps } = testDeps();
  const result = await trace(A('www.example.test.'), testSettings({ family: 6 }), deps);
  assert.equal(result.error, undefined);
  assert.deepEqual(Object.keys(net.counts).sort(), [at('fd00::1'), at('fd00::2'), at('fd00::4')]);
  assert.match(result.hops[0].notes.join('\n'), /address family/);
});

test('-4: only IPv4 addresses are used', async () => {
  const { net, deps } = testDeps();
  await trace(A('www.example.test.'), testSettings({ family: 4 }), deps);
  assert.ok(Object.keys(net.counts).every((k) => !k.includes(':')));
});

test('-6 with a glueless name server looks up its AAAA record', async () => {
  const servers = fakeServers();
  servers['127.0.0.2'] = { zones: [zone('test.', ['@ NS ns1.test.', 'v6 NS ns.v6.other.'])] };
  servers['fd00::2'] = servers['127.0.0.2'];
  servers['fd00::10'] = { zones: [zone('v6.test.', ['@ NS ns.v6.other.', 'www A 192.0.2.60'])] };
  servers['fd00::3'] = { zones: [zone('other.', ['@ NS ns.other.', 'ns.v6 A 127.0.0.10', 'ns.v6 AAAA fd00::10'])] };
  const { net, deps } = testDeps(servers);
  const result = await trace(A('www.v6.test.'), testSettings({ family: 6 }), deps);
  assert.equal(result.error, undefined);
  assert.deepEqual(
    result.hops.at(-1)!.glueLookups.map((g) => g.addresses),
    [['fd00::10']],
  );
  assert.ok(net.sent.some((s) => s.question.name === 'ns.v6.other.' && s.question.type === RRType.AAAA));
  assert.ok(!net.sent.some((s) => s.question.name === 'ns.v6.other.' && s.question.type === RRType.A));
});

test('the root hints are never used when the start server gives the root servers', async () => {
  const { deps } = testDeps();
  deps.rootHints = [{ name: 'a.root.test.', addresses: ['127.0.0.250'] }];
  const result = await trace(A('www.example.test.'), testSettings({ family: 4 }), deps);
  assert.equal(result.hops[1].servers[0].address, '127.0.0.1');
});

test('two zones whose glueless name servers need each other end with an error, not a hang', async () => {
  const servers = fakeServers();
  const lines = ['ping.test. NS ns.pong.test.', 'pong.test. NS ns.ping.test.'];
  servers['127.0.0.2'] = { zones: [withRecords(servers['127.0.0.2'].zones![0], lines)] };
  const { deps } = testDeps(servers);
  const result = await trace(A('www.ping.test.'), testSettings(), deps);
  assert.equal(result.error?.code, 'trace.allServersFailed');
  assert.match(result.error!.message, /glueless loop: looking up ns\.pong\.test\. needs ns\.pong\.test\. itself/);
  assert.ok(result.queries < 20, String(result.queries));
});

test('a glue lookup started by hedging is dropped once another server of the hop answers', async () => {
  const servers = fakeServers();
  const mixed = ['mixed.test. NS ns1.mixed.test.', 'mixed.test. NS ns.slow.other.', 'ns1.mixed.test. A 127.0.0.30'];
  servers['127.0.0.2'] = { zones: [withRecords(servers['127.0.0.2'].zones![0], mixed)] };
  servers['127.0.0.30'] = { zones: [zone('mixed.test.', ['@ NS ns1', 'www A 192.0.2.30'])], delayMs: 120 };
  servers['127.0.0.3'] = { zones: [zone('other.', ['@ NS ns', 'ns.slow A 127.0.0.32'])], delayMs: 250 };
  servers['127.0.0.32'] = { zones: [zone('mixed.test.', ['@ NS ns1', 'www A 192.0.2.32'])] };
  const { net, deps, clock } = testDeps(servers);
  const result = await trace(A('www.mixed.test.'), testSettings({ family: 4 }), deps);
  assert.equal(result.error, undefined);
  const hop = result.hops.at(-1)!;
  assert.deepEqual(
    hop.servers.map((s) => [s.address, s.outcome]),
    [['127.0.0.30', 'accepted']],
  );
  // Let the abandoned lookup of ns.slow.other. finish: it must neither touch the hop nor send on.
  await clock.runAll();
  assert.deepEqual(hop.glueLookups, []);
  assert.equal(net.counts[at('127.0.0.32')], undefined);
  assert.equal(net.counts[at('127.0.0.3')], 1);
});

test("a priming reply without addresses: the start server is asked for the root servers' addresses (RD=1)", async () => {
  const servers = fakeServers();
  servers[START] = recursive((q) => {
    if (q.name === '.' && q.type === 'NS') return ['. NS a.root.test.'];
    if (q.name === 'a.root.test' && q.type === 'A') return ['a.root.test. A 127.0.0.1'];
    return undefined;
  });
  const { net, deps } = testDeps(servers);
  deps.rootHints = [{ name: 'h.hints.test.', addresses: ['127.0.0.250'] }];
  const result = await trace(A('www.example.test.'), testSettings(), deps);
  assert.equal(result.error, undefined);
  assert.deepEqual(result.hops[0].glueLookups, [{ name: 'a.root.test.', addresses: ['127.0.0.1'], queries: 1 }]);
  assert.deepEqual(
    net.sent.slice(0, 2).map((s) => [s.server, s.question.name, s.question.type, s.settings.rd]),
    [
      [`${START}#53`, '.', RRType.NS, true],
      [`${START}#53`, 'a.root.test.', RRType.A, true],
    ],
  );
  assert.equal(net.counts[at('127.0.0.250')], undefined);
});

test('root servers the start server names but cannot address end the trace; the hints are not swapped in', async () => {
  const servers = fakeServers();
  servers[START] = recursive((q) => (q.type === 'NS' ? ['. NS a.root.test.'] : []));
  const { net, deps } = testDeps(servers);
  deps.rootHints = [{ name: 'h.hints.test.', addresses: ['127.0.0.250'] }];
  const result = await trace(A('www.example.test.'), testSettings(), deps);
  assert.equal(result.error?.code, 'trace.allServersFailed');
  assert.match(result.error!.message, /no usable address for the root servers named by 127\.0\.0\.53/);
  assert.equal(result.hops.length, 1);
  assert.deepEqual(Object.keys(net.counts), [`${START}#53`]);
});

test('EDNS fallback: a server that answers NOTIMP without OPT to EDNS is asked again without EDNS and DO, once, and noted', async () => {
  const servers = fakeServers();
  servers['127.0.0.4'] = { ...servers['127.0.0.4'], respond: ednsIntolerant('NOTIMP') };
  const { net, deps } = testDeps(servers);
  const result = await trace(A('www.example.test.'), testSettings(), deps);
  assert.equal(result.error, undefined);
  assert.equal(result.final?.kind, 'answer');
  const asked = net.sent.filter((s) => s.server === at('127.0.0.4')).map((s) => s.settings);
  assert.deepEqual(
    asked.map((s) => [s.edns, s.dnssec]),
    [
      [0, true],
      [null, false],
    ],
  );
  assert.equal(asked[1].cookie, false);
  assert.deepEqual(result.hops.at(-1)?.notes, [
    'ns1.example.test. (127.0.0.4) does not support EDNS: retried without it',
  ]);
  assert.equal(result.queries, 5);
});

test('no EDNS fallback for a FORMERR that carries an OPT record (the server speaks EDNS and means it)', async () => {
  const servers = fakeServers();
  servers['127.0.0.4'] = { respond: (query) => encodeReply(query, { rcode: 'FORMERR' }) };
  const { net, deps } = testDeps(servers);
  const result = await trace(A('www.example.test.'), testSettings(), deps);
  assert.equal(net.sent.filter((s) => s.server === at('127.0.0.4')).length, 1);
  assert.deepEqual(result.hops.at(-1)?.servers[0].error, 'FORMERR');
});

test('a lame server without aa: its answer is kept on its attempt (shown, not used) and the next server answers', async () => {
  const servers = fakeServers();
  servers['127.0.0.4'] = {
    respond: (query) => encodeReply(query, { rcode: 'NOERROR', answers: [record(`${query.name}. A 192.0.2.250`)] }),
  };
  const { deps } = testDeps(servers);
  const result = await trace(A('www.example.test.'), testSettings(), deps);
  const hop = result.hops.at(-1);
  assert.equal(hop?.servers[0].outcome, 'lame');
  assert.deepEqual(
    hop?.servers[0].answer?.map((r) => rdataText(r.rdata)),
    ['192.0.2.250'],
  );
  assert.equal(result.final?.kind === 'answer' && rdataText(result.final.records[0].rdata), '192.0.2.1');
});

/** 249 octets below d.example.test.: within 255, but not once the DNAME's 12-octet-longer target replaces d.example.test. */
const OVERFLOWING = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(40)}.d.example.test.`;

/** d.example.test. DNAME longer-target.example.test., 12 octets longer than its owner. */
const LONGER_DNAME = {
  name: 'd.example.test.',
  type: 'DNAME' as const,
  ttl: 300,
  class: 'IN' as const,
  data: 'longer-target.example.test.',
};

/** example.test.'s servers; for names below d.example.test., each gives the reply `reply(address, query)` makes. */
function dnameServers(reply: (address: string, q: ParsedQuery) => Uint8Array | undefined): Record<string, ServerSpec> {
  const servers = fakeServers();
  for (const address of ['127.0.0.4', 'fd00::4', '127.0.0.5'])
    servers[address] = {
      ...servers[address],
      respond: (q) => (/\.d\.example\.test\.?$/i.test(q.name) ? reply(address, q) : undefined),
    };
  return servers;
}

/** What every server of example.test. sends below d.example.test.: the DNAME alone, with `rcode`. */
const dnameAlone = (rcode: 'YXDOMAIN' | 'NOERROR') =>
  dnameServers((_, q) => encodeReply(q, { rcode, aa: true, answers: [LONGER_DNAME] }));

test('a DNAME that would make the name longer than 255 octets (RFC 6672 2.2): no CNAME is synthesized, nothing is asked for the substitute', async () => {
  assert.equal(OVERFLOWING.length + 1, 249);
  // An RFC 6672 server says YXDOMAIN; an older one sends the DNAME alone, as if the name could be rewritten.
  for (const rcode of ['YXDOMAIN', 'NOERROR'] as const) {
    const { net, deps } = testDeps(dnameAlone(rcode));
    const result = await trace(A(OVERFLOWING), testSettings(), deps);
    const last = result.hops.at(-1);
    assert.equal(last?.zone, 'example.test.', rcode);
    assert.deepEqual(
      net.sent.filter((s) => /longer-target/i.test(s.question.name)),
      [],
      rcode,
    );
    const outcome = last?.outcome;
    assert.ok(outcome && outcome.kind !== 'cname', `${rcode}: ${outcome?.kind}`);
    if (outcome && 'chain' in outcome) assert.deepEqual(outcome.chain, [], rcode);
    if (outcome && 'reading' in outcome) assert.equal(outcome.reading?.synthesized.length ?? 0, 0, rcode);
  }
});

test("YXDOMAIN with the DNAME that proves it ends the trace: the zone's answer, from the first server, no error", async () => {
  const { net, deps } = testDeps(dnameAlone('YXDOMAIN'));
  const result = await trace(A(OVERFLOWING), testSettings(), deps);
  assert.equal(result.error, undefined);
  const final = result.final;
  assert.ok(final?.kind === 'yxdomain', final?.kind);
  assert.equal(final.name, OVERFLOWING);
  assert.equal(final.dname.name, 'd.example.test.');
  assert.equal(final.octets, 261);
  const last = result.hops.at(-1);
  assert.deepEqual(
    last?.servers.map((s) => [s.address, s.outcome]),
    [['127.0.0.4', 'accepted']],
  );
  assert.equal(
    net.sent.filter((s) => s.question.name === OVERFLOWING).length,
    3,
    'the root, test. and one of example.test.',
  );
});

test('the DNAME alone under NOERROR when it would make the name too long is every server misbehaving, not NODATA', async () => {
  const { deps } = testDeps(dnameAlone('NOERROR'));
  const result = await trace(A(OVERFLOWING), testSettings(), deps);
  assert.equal(result.error?.code, 'trace.allServersFailed');
  assert.equal(result.final?.kind, 'allFailed');
  const last = result.hops.at(-1);
  const why = `misbehaving (NOERROR, not YXDOMAIN, though the DNAME at d.example.test. makes ${OVERFLOWING} 261 octets long, over 255)`;
  assert.deepEqual(
    last?.servers.map((s) => [s.address, s.outcome, s.error]),
    [
      ['127.0.0.4', 'misbehaving', why],
      ['127.0.0.5', 'misbehaving', why],
      ['fd00::4', 'misbehaving', why],
    ],
  );
});

test('a YXDOMAIN without its proof is that server failing: the next server is asked, and its proof ends the trace', async () => {
  const liars: Record<string, (q: ParsedQuery) => Uint8Array> = {
    // No DNAME at all.
    bare: (q) => encodeReply(q, { rcode: 'YXDOMAIN', aa: true }),
    // A DNAME whose substitute fits in 255 octets.
    fits: (q) =>
      encodeReply(q, { rcode: 'YXDOMAIN', aa: true, answers: [{ ...LONGER_DNAME, data: 'e.example.test.' }] }),
  };
  for (const [what, lie] of Object.entries(liars)) {
    const honest = (q: ParsedQuery) => encodeReply(q, { rcode: 'YXDOMAIN', aa: true, answers: [LONGER_DNAME] });
    const servers = dnameServers((address, q) => (address === '127.0.0.4' ? lie(q) : honest(q)));
    const { deps } = testDeps(servers);
    const result = await trace(A(OVERFLOWING), testSettings(), deps);
    assert.equal(result.error, undefined, what);
    assert.equal(result.final?.kind, 'yxdomain', what);
    const attempts = result.hops.at(-1)?.servers ?? [];
    assert.deepEqual(
      attempts.map((s) => [s.address, s.outcome]),
      [
        ['127.0.0.4', 'misbehaving'],
        ['127.0.0.5', 'accepted'],
      ],
      what,
    );
    assert.match(attempts[0].error ?? '', /^misbehaving \(YXDOMAIN(,| without)/, what);
  }
});
