import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExchangeError } from '../../src/errors.js';
import { createQueryFn } from '../../src/resolve/exchange.js';
import type { EncryptedChannel, LookupEvent } from '../../src/resolve/types.js';
import { TransportError, type Transport, type TransportRequest } from '../../src/transport/types.js';
import { answer, plainSettings } from '../transport/secureFixtures.js';
import { rdataText } from '../../src/render/rdata/present.js';

/** A transport that answers from the example zone and keeps every request it was given. */
function recording(): Transport & { requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  return {
    requests,
    async send(request) {
      requests.push(request);
      const raw = answer(request.payload)!;
      const verdict = request.check(raw);
      if (!verdict.ok) throw new TransportError('mismatch', verdict.warning);
      return { raw, rttMs: 1 };
    },
  };
}

const unused: Transport = {
  send: () => Promise.reject(new Error('this transport must not be used')),
};

const server = { address: '127.0.0.1', port: 853 };
const question = { name: 'www.example.test.', type: 1, class: 1 };

test('a channel picks its transport, hands it the TLS and HTTP set-up, and names the protocol', async () => {
  const cases: [EncryptedChannel, 'tls' | 'https' | 'http'][] = [
    [{ protocol: 'tls', tls: { verify: true, hostname: 'dns.example' } }, 'tls'],
    [{ protocol: 'https', tls: { verify: false }, http: { method: 'GET', path: '/q' } }, 'https'],
    [{ protocol: 'http', http: { method: 'POST', path: '/dns-query' } }, 'http'],
  ];
  for (const [channel, protocol] of cases) {
    const transports = { tls: recording(), https: recording(), http: recording() };
    const query = createQueryFn({ udp: unused, tcp: unused, ...transports });
    const exchange = await query(server, question, plainSettings({ channel, tries: 3 }));
    assert.equal(exchange.protocol, protocol);
    assert.equal(rdataText(exchange.response.answer[0].rdata), '192.0.2.10');
    assert.equal(exchange.httpMethod, channel.http?.method);
    const used = transports[protocol].requests;
    assert.equal(used.length, 1, 'one attempt, whatever +tries says');
    assert.deepEqual(used[0].tls, channel.tls);
    assert.deepEqual(used[0].http, channel.http);
    for (const other of Object.keys(transports) as (keyof typeof transports)[]) {
      if (other !== protocol) assert.equal(transports[other].requests.length, 0);
    }
  }
});

test('DoH sends message ID 0 (RFC 8484); DoT a random one', async () => {
  const ids = { tls: new Set<number>(), https: new Set<number>() };
  for (let i = 0; i < 8; i++) {
    const transports = { tls: recording(), https: recording() };
    const query = createQueryFn({ udp: unused, tcp: unused, ...transports });
    await query(server, question, plainSettings({ channel: { protocol: 'tls', tls: { verify: false } } }));
    await query(
      server,
      question,
      plainSettings({
        channel: { protocol: 'https', tls: { verify: false }, http: { method: 'POST', path: '/dns-query' } },
      }),
    );
    const idOf = (request: TransportRequest) => (request.payload[0] << 8) | request.payload[1];
    ids.tls.add(idOf(transports.tls.requests[0]));
    ids.https.add(idOf(transports.https.requests[0]));
  }
  assert.deepEqual([...ids.https], [0]);
  assert.ok(ids.tls.size > 1, 'DoT IDs vary');
});

test('a channel failure is one communications error, as dig words it', async () => {
  const failing: Transport = {
    send: () =>
      Promise.reject(
        new TransportError('certificate', 'TLS peer certificate verification failed: certificate has expired'),
      ),
  };
  const events: LookupEvent[] = [];
  const query = createQueryFn({ udp: unused, tcp: unused, tls: failing });
  await assert.rejects(
    query(server, question, plainSettings({ channel: { protocol: 'tls', tls: { verify: true } } }), (event) =>
      events.push(event),
    ),
    (error: unknown) => error instanceof ExchangeError && error.code === 'transport.certificate',
  );
  assert.deepEqual(
    events.map((event) => event.text),
    ['communications error to 127.0.0.1#853: TLS peer certificate verification failed: certificate has expired'],
  );
});

test('+keepopen sends TCP queries, and the TCP retry of a truncated UDP reply, over the kept connections; without it, one connection each', async () => {
  /** A UDP transport whose every reply is truncated (TC set). */
  const truncating: Transport = {
    async send(request) {
      const raw = Uint8Array.from(answer(request.payload)!);
      raw[2] |= 0x02;
      return { raw, rttMs: 1 };
    },
  };
  for (const keepopen of [true, false]) {
    for (const tcp of [true, false]) {
      const transports = { tcp: recording(), tcpKept: recording() };
      const query = createQueryFn({ udp: truncating, ...transports });
      const exchange = await query(server, question, plainSettings({ tcp, ...(keepopen && { keepopen }) }));
      assert.equal(exchange.protocol, 'tcp');
      assert.equal(exchange.response.tc, false);
      assert.deepEqual(
        [transports.tcpKept.requests.length, transports.tcp.requests.length],
        keepopen ? [1, 0] : [0, 1],
        JSON.stringify({ keepopen, tcp }),
      );
    }
  }
  // A run without kept connections (a QueryFn built without them) sends +keepopen queries the usual way.
  const plain = recording();
  const exchange = await createQueryFn({ udp: unused, tcp: plain })(
    server,
    question,
    plainSettings({ tcp: true, keepopen: true }),
  );
  assert.equal(exchange.protocol, 'tcp');
  assert.equal(plain.requests.length, 1);
});
