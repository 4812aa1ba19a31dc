/**
 * The one fake server: the same spec answers the same on every listener and without sockets; its
 * query log can be waited on; it listens on loopback only. And the virtual clock the tests wait with.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createQueryFn } from '../../src/resolve/exchange.js';
import type { ExchangeSettings } from '../../src/resolve/types.js';
import { tcpTransport } from '../../src/transport/tcp.js';
import { tlsTransport } from '../../src/transport/tls.js';
import { httpsTransport } from '../../src/transport/https.js';
import { udpTransport } from '../../src/transport/udp.js';
import type { Message, Question } from '../../src/wire/types.js';
import { fakeClock, fakeNetwork, startFakeServer, zone, type ServerSpec } from './fakeServer.js';
import { rdataText } from '../../src/render/rdata/present.js';

const SETTINGS: ExchangeSettings = {
  rd: false,
  cd: false,
  ad: false,
  dnssec: false,
  edns: 0,
  bufsize: 1232,
  nsid: false,
  cookie: false,
  tcp: false,
  ignoreTc: false,
  timeoutMs: 2000,
  tries: 1,
};

const SPEC: ServerSpec = {
  zones: [
    zone('example.test.', [
      '@ NS ns1',
      'ns1 A 127.0.0.4',
      'www CNAME host',
      'host A 192.0.2.1',
      'host AAAA 2001:db8::1',
      'mail MX 10 host',
      'child NS ns.child',
      'ns.child A 127.0.0.9',
    ]),
  ],
};

/** What a reply says, without what differs from one exchange to the next (ID, size). */
function gist(message: Message): string[] {
  const flags = `rcode ${message.rcode} aa ${message.aa} tc ${message.tc}`;
  const records = [...message.answer, ...message.authority, ...message.additional].filter((r) => r.type !== 41);
  return [flags, ...records.map((r) => `${r.name} ${r.type} ${r.ttl} ${rdataText(r.rdata)}`)];
}

const Q = (name: string, type: number): Question => ({ name, type, class: 1 });

const QUESTIONS = [
  Q('www.example.test.', 1),
  Q('host.example.test.', 28),
  Q('mail.example.test.', 15),
  Q('nothing.example.test.', 1),
  Q('host.example.test.', 16),
  Q('a.child.example.test.', 1),
  Q('elsewhere.test.', 1),
];

test('one spec, one answer: UDP, TCP, TLS, HTTPS and the in-memory network reply alike', async () => {
  const server = await startFakeServer({ ...SPEC, transports: ['udp', 'tcp', 'tls', 'https'] });
  const net = fakeNetwork({ '127.0.0.1': SPEC });
  const query = createQueryFn({ udp: udpTransport, tcp: tcpTransport, tls: tlsTransport, https: httpsTransport });
  const channels: Array<[string, number, Partial<ExchangeSettings>]> = [
    ['udp', server.ports.udp ?? 0, {}],
    ['tcp', server.ports.tcp ?? 0, { tcp: true }],
    ['tls', server.ports.tls ?? 0, { channel: { protocol: 'tls' } }],
    [
      'https',
      server.ports.https ?? 0,
      { channel: { protocol: 'https', http: { method: 'POST', path: '/dns-query' } } },
    ],
  ];
  try {
    for (const question of QUESTIONS) {
      const { name, type } = question;
      const expected = gist((await net.query({ address: '127.0.0.1', port: 53 }, question, SETTINGS)).response);
      for (const [label, port, extra] of channels) {
        const exchange = await query({ address: '127.0.0.1', port }, question, { ...SETTINGS, ...extra });
        assert.deepEqual(gist(exchange.response), expected, `${label}: ${name} ${type}`);
      }
    }
    assert.equal(server.count(), QUESTIONS.length * channels.length);
    assert.deepEqual([...new Set(server.queries.map((q) => q.protocol))], ['udp', 'tcp', 'tls', 'https']);
  } finally {
    await server.close();
  }
});

test('queried(n) resolves once the n-th query has arrived, on any transport', async () => {
  const server = await startFakeServer({ behaviour: 'silent' });
  const query = createQueryFn({ udp: udpTransport, tcp: tcpTransport });
  try {
    let arrived = false;
    const second = server.queried(2).then(() => (arrived = true));
    const controller = new AbortController();
    const settings = { ...SETTINGS, signal: controller.signal };
    const first = query({ address: '127.0.0.1', port: server.port }, QUESTIONS[0]!, settings).catch(() => 'failed');
    await server.queried(1);
    assert.equal(arrived, false);
    const other = query({ address: '127.0.0.1', port: server.port }, QUESTIONS[1]!, { ...settings, tcp: true });
    await second;
    assert.deepEqual(
      server.queries.map((q) => [q.name, q.protocol]),
      [
        ['www.example.test', 'udp'],
        ['host.example.test', 'tcp'],
      ],
    );
    controller.abort();
    assert.equal(await first, 'failed');
    await other.catch(() => undefined);
  } finally {
    await server.close();
  }
});

test('a server listens on loopback only, and a refused connection is a port where nothing listens', async () => {
  await assert.rejects(startFakeServer({ address: '192.0.2.1', ...SPEC }), /loopback only/);
  await assert.rejects(startFakeServer({ behaviour: 'connectionRefused' }), /nothing listens/);
});

test('the in-memory network: silence is a timeout when the try ends, in virtual time; aborts are recorded', async () => {
  const clock = fakeClock();
  const net = fakeNetwork({ '127.0.0.1': { behaviour: 'silent' }, '127.0.0.2': { ...SPEC, delayMs: 300 } }, clock);
  const silent = net.query({ address: '127.0.0.1', port: 53 }, QUESTIONS[0]!, SETTINGS).catch((e) => e.kind);
  const controller = new AbortController();
  const slow = net
    .query({ address: '127.0.0.2', port: 53 }, QUESTIONS[0]!, { ...SETTINGS, signal: controller.signal })
    .catch((e) => e.kind);
  const nowhere = net.query({ address: '127.0.0.3', port: 53 }, QUESTIONS[0]!, SETTINGS).catch((e) => e.kind);
  await clock.advance(299);
  assert.equal(await nowhere, 'unreachable');
  controller.abort();
  assert.equal(await slow, 'aborted');
  assert.equal(clock.now(), 299);
  await clock.advance(SETTINGS.timeoutMs);
  assert.equal(await silent, 'timeout');
  assert.deepEqual(net.events, [
    'send 127.0.0.1 www.example.test. 1',
    'send 127.0.0.2 www.example.test. 1',
    'send 127.0.0.3 www.example.test. 1',
    'abort 127.0.0.2',
  ]);
});

test('the fake clock fires timers in time order (ties in scheduling order), and only when time passes', async () => {
  const clock = fakeClock();
  const fired: string[] = [];
  clock.setTimeout(() => fired.push('b@20'), 20);
  clock.setTimeout(() => fired.push('a@10'), 10);
  const cleared = clock.setTimeout(() => fired.push('never'), 15);
  clock.setTimeout(() => {
    fired.push('c@20');
    clock.setTimeout(() => fired.push('d@25'), 5);
  }, 20);
  clock.clearTimeout(cleared);
  await clock.advance(9);
  assert.deepEqual(fired, []);
  await clock.advance(11);
  assert.deepEqual(fired, ['a@10', 'b@20', 'c@20']);
  assert.equal(clock.pending(), 1);
  await clock.runAll();
  assert.deepEqual(fired, ['a@10', 'b@20', 'c@20', 'd@25']);
  assert.equal(clock.now(), 25);
});

test('an automatic clock moves by itself whenever nothing else is left to run', async () => {
  const clock = fakeClock({ auto: true });
  const order: string[] = [];
  const wait = (ms: number, label: string) =>
    new Promise<void>((resolve) =>
      clock.setTimeout(() => {
        order.push(`${label}@${clock.now()}`);
        resolve();
      }, ms),
    );
  await Promise.all([wait(60_000, 'slow'), wait(5, 'quick').then(() => wait(10, 'then'))]);
  assert.deepEqual(order, ['quick@5', 'then@15', 'slow@60000']);
});
