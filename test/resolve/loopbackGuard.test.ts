import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackAddress, loopbackOnly } from '../../src/resolve/loopbackGuard.js';
import { runMain } from '../support/runCli.js';

test('loopback addresses', () => {
  for (const a of ['127.0.0.1', '127.255.0.9', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.2'])
    assert.equal(isLoopbackAddress(a), true, a);
  for (const a of ['192.0.2.1', '10.0.0.53', '::', '2001:db8::1', '::ffff:192.0.2.1', '128.0.0.1', 'localhost'])
    assert.equal(isLoopbackAddress(a), false, a);
});

test('loopbackOnly: each query judged by its own address, however often an address comes back', async () => {
  const sentTo: string[] = [];
  const guarded = loopbackOnly(async (server) => {
    sentTo.push(server.address);
    throw new Error('sent');
  });
  const question = { name: 'example.test.', type: 1, class: 1 };
  const order = ['127.0.0.1', '192.0.2.1', '127.0.0.1', '192.0.2.1', '::1', '192.0.2.1'];
  const outcomes: string[] = [];
  for (const address of order) {
    const events: string[] = [];
    await guarded({ address, port: 53 }, question, {} as never, (e) => events.push(e.kind)).catch((error: Error) =>
      outcomes.push(`${error.message} ${events.join()}`),
    );
  }
  assert.deepEqual(sentTo, ['127.0.0.1', '127.0.0.1', '::1']);
  assert.deepEqual(
    outcomes.map((o) => (o.startsWith('sent') ? 'sent' : o.includes('commError') ? 'refused' : o)),
    ['sent', 'refused', 'sent', 'refused', 'sent', 'refused'],
  );
});

test('TSDIG_LOOPBACK_ONLY: a query to another address is not sent, and says so', async () => {
  let sent = 0;
  const r = await runMain(['@192.0.2.1', 'example.test', '+tries=1'], {
    env: { TSDIG_LOOPBACK_ONLY: '1' },
    io: {
      queryFn: async () => {
        sent++;
        throw new Error('must not be called');
      },
    },
  });
  assert.equal(sent, 0);
  assert.equal(r.code, 9);
  assert.match(
    r.stdout,
    /;; communications error to 192\.0\.2\.1#53: not sent: TSDIG_LOOPBACK_ONLY allows loopback addresses only\n/,
  );
});

test('TSDIG_LOOPBACK_ONLY: a trace whose first server is dead does not fall back to the real root servers', async () => {
  const asked: string[] = [];
  const r = await runMain(['@127.0.0.1', '-p', '9', 'example.test', '+trace', '+tries=1', '+timeout=1'], {
    env: { TSDIG_LOOPBACK_ONLY: '1' },
    io: {
      queryFn: async (server: { address: string }) => {
        asked.push(server.address);
        const { ExchangeError } = await import('../../src/errors.js');
        throw new ExchangeError('refused', 'connection refused');
      },
    },
  });
  assert.deepEqual(
    asked.filter((a) => !isLoopbackAddress(a)),
    [],
  );
  assert.equal(r.code, 9);
});
