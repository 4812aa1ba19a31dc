import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tlsTransport } from '../../src/transport/tls.js';
import { TransportError, type TlsOptions } from '../../src/transport/types.js';
import { startDotServer, startRawServer, tlsFixtureText } from '../support/secureServers.js';
import { answer, answerData, transportRequest } from './secureFixtures.js';

const isFailure = (kind: TransportError['kind'], text?: RegExp) => (error: unknown) =>
  error instanceof TransportError && error.kind === kind && (text === undefined || text.test(error.message));

const verifying = (over: Partial<TlsOptions> = {}): TlsOptions => ({
  verify: true,
  ca: tlsFixtureText('ca.pem'),
  ...over,
});

test('dot: an answer over TLS, framed as over TCP, with ALPN dot and no SNI for an address', async () => {
  const server = await startDotServer({ answer });
  try {
    const reply = await tlsTransport.send(transportRequest(server.port));
    assert.deepEqual(answerData(reply.raw), ['192.0.2.10']);
    assert.deepEqual(server.connections, [{ sni: false, alpn: 'dot' }]);
    assert.equal(server.queries.length, 1);
  } finally {
    await server.close();
  }
});

test("dot: without verification (dig's default) a certificate that would not verify is accepted", async () => {
  const server = await startDotServer({ answer, cert: 'expired' });
  try {
    const reply = await tlsTransport.send(transportRequest(server.port, { tls: { verify: false } }));
    assert.deepEqual(answerData(reply.raw), ['192.0.2.10']);
  } finally {
    await server.close();
  }
});

test('dot: verification against the fixture CA succeeds for the address and for a host name, which goes as SNI', async () => {
  const server = await startDotServer({ answer });
  try {
    await tlsTransport.send(transportRequest(server.port, { tls: verifying() }));
    await tlsTransport.send(transportRequest(server.port, { tls: verifying({ hostname: 'localhost' }) }));
    assert.deepEqual(
      server.connections.map((c) => c.sni),
      [false, 'localhost'],
    );
  } finally {
    await server.close();
  }
});

test('dot: verification failures say which: unknown CA, expired, name mismatch', async () => {
  const good = await startDotServer({ answer });
  const expired = await startDotServer({ answer, cert: 'expired' });
  const wrongName = await startDotServer({ answer, cert: 'wrongname' });
  try {
    await assert.rejects(
      tlsTransport.send(transportRequest(good.port, { tls: verifying({ ca: tlsFixtureText('other-ca.pem') }) })),
      isFailure('certificate', /verification failed: unknown CA/),
    );
    // No CA file: the CAs Node.js trusts, which do not include the test CA.
    await assert.rejects(
      tlsTransport.send(transportRequest(good.port, { tls: { verify: true } })),
      isFailure('certificate', /unknown CA/),
    );
    await assert.rejects(
      tlsTransport.send(transportRequest(expired.port, { tls: verifying() })),
      isFailure('certificate', /verification failed: certificate has expired$/),
    );
    await assert.rejects(
      tlsTransport.send(transportRequest(wrongName.port, { tls: verifying() })),
      isFailure(
        'certificate',
        /hostname mismatch \(127\.0\.0\.1 is not among the certificate's names: DNS:wrong\.example\)/,
      ),
    );
    await assert.rejects(
      tlsTransport.send(transportRequest(good.port, { tls: verifying({ hostname: 'other.example' }) })),
      isFailure('certificate', /hostname mismatch \(other\.example/),
    );
    assert.equal(
      good.queries.length + expired.queries.length + wrongName.queries.length,
      0,
      'no query goes to a server that failed the check',
    );
  } finally {
    await Promise.all([good.close(), expired.close(), wrongName.close()]);
  }
});

test('dot: a client certificate is presented when given', async () => {
  const server = await startDotServer({ answer, requestCert: true });
  try {
    await tlsTransport.send(
      transportRequest(server.port, {
        tls: verifying({ cert: tlsFixtureText('client.pem'), key: tlsFixtureText('client.key') }),
      }),
    );
    await tlsTransport.send(transportRequest(server.port, { tls: { verify: false } }));
    assert.deepEqual(
      server.connections.map((c) => c.clientCertificate),
      ['client', undefined],
    );
  } finally {
    await server.close();
  }
});

test('dot: a server that does not speak TLS is a handshake failure', async () => {
  const server = await startRawServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  try {
    await assert.rejects(
      tlsTransport.send(transportRequest(server.port)),
      isFailure('handshake', /^TLS handshake failed: /),
    );
  } finally {
    await server.close();
  }
});

test('dot: a server that closes during the handshake is a handshake failure', async () => {
  const server = await startRawServer((socket) => socket.once('data', () => socket.destroy()));
  try {
    await assert.rejects(
      tlsTransport.send(transportRequest(server.port)),
      isFailure('handshake', /connection closed by the server/),
    );
  } finally {
    await server.close();
  }
});

test('dot: a silent TLS server times out, and so does one that never starts the handshake', async () => {
  const silent = await startDotServer({ answer, silent: true });
  const mute = await startRawServer(() => undefined);
  try {
    await assert.rejects(
      tlsTransport.send(transportRequest(silent.port, { timeoutMs: 300 })),
      isFailure('timeout', /^timed out$/),
    );
    assert.equal(silent.queries.length, 1, 'the query reached the silent server');
    await assert.rejects(tlsTransport.send(transportRequest(mute.port, { timeoutMs: 300 })), isFailure('timeout'));
  } finally {
    await Promise.all([silent.close(), mute.close()]);
  }
});

test('dot: connection refused', async () => {
  const server = await startRawServer(() => undefined);
  const port = server.port;
  await server.close();
  await assert.rejects(tlsTransport.send(transportRequest(port)), isFailure('refused', /^connection refused$/));
});

test('dot: a reply for another query fails the exchange', async () => {
  const server = await startDotServer({ answer });
  try {
    const request = transportRequest(server.port);
    await assert.rejects(
      tlsTransport.send({ ...request, check: () => ({ ok: false, warning: 'ID mismatch' }) }),
      isFailure('mismatch', /ID mismatch/),
    );
  } finally {
    await server.close();
  }
});

test('dot: an abort ends the exchange', async () => {
  const server = await startDotServer({ answer, silent: true });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  try {
    await assert.rejects(
      tlsTransport.send(transportRequest(server.port, { signal: controller.signal })),
      isFailure('aborted'),
    );
  } finally {
    await server.close();
  }
});
