import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dohRequest, httpPlainTransport, httpsTransport, replyHeadersProblem } from '../../src/transport/https.js';
import { TransportError } from '../../src/transport/types.js';
import { startDohServer, startDotServer, startRawServer, tlsFixtureText } from '../support/secureServers.js';
import { answer, answerData, transportRequest } from './secureFixtures.js';

const isFailure = (kind: TransportError['kind'], text?: RegExp) => (error: unknown) =>
  error instanceof TransportError && error.kind === kind && (text === undefined || text.test(error.message));

test('doh: the request of RFC 8484 for POST and GET (base64url without padding)', () => {
  const payload = Uint8Array.of(0, 0, 1, 0, 0xfb, 0xff);
  assert.deepEqual(dohRequest(payload, { method: 'POST', path: '/dns-query' }), {
    headers: {
      ':method': 'POST',
      ':path': '/dns-query',
      accept: 'application/dns-message',
      'content-type': 'application/dns-message',
      'content-length': 6,
    },
    body: payload,
  });
  assert.deepEqual(dohRequest(payload, { method: 'GET', path: '/q' }), {
    headers: { ':method': 'GET', ':path': '/q?dns=AAABAPv_', accept: 'application/dns-message' },
  });
  assert.deepEqual(dohRequest(Uint8Array.of(1), { method: 'GET', path: '/q' }).headers[':path'], '/q?dns=AQ');
});

test('doh: reply headers are checked for status 200 and the DNS media type (parameters and case aside)', () => {
  assert.equal(replyHeadersProblem({ ':status': 200, 'content-type': 'application/dns-message' } as never), undefined);
  assert.equal(
    replyHeadersProblem({ ':status': 200, 'content-type': 'Application/DNS-Message; charset=x' } as never),
    undefined,
  );
  assert.equal(
    replyHeadersProblem({ ':status': 404, 'content-type': 'application/dns-message' } as never),
    'HTTP status 404 from the server (expected 200)',
  );
  assert.equal(
    replyHeadersProblem({ ':status': 200, 'content-type': 'text/html' } as never),
    "reply of content type 'text/html' (expected application/dns-message)",
  );
  assert.equal(
    replyHeadersProblem({ ':status': 200 } as never),
    'reply without a content type (expected application/dns-message)',
  );
});

test('doh: an answer over HTTPS with POST; the server saw the method, path, content type and the query', async () => {
  const server = await startDohServer({ answer, secure: true });
  try {
    const request = transportRequest(server.port, { http: { method: 'POST', path: '/dns-query' } }, 0);
    const reply = await httpsTransport.send(request);
    assert.deepEqual(answerData(reply.raw), ['192.0.2.10']);
    assert.equal(server.requests.length, 1);
    const seen = server.requests[0];
    assert.deepEqual(
      { method: seen.method, path: seen.path, scheme: seen.scheme, contentType: seen.contentType, accept: seen.accept },
      {
        method: 'POST',
        path: '/dns-query',
        scheme: 'https',
        contentType: 'application/dns-message',
        accept: 'application/dns-message',
      },
    );
    assert.deepEqual([...seen.query], [...request.payload]);
    assert.deepEqual(server.connections, [{ sni: false, alpn: 'h2' }]);
  } finally {
    await server.close();
  }
});

test('doh: GET carries the query in ?dns=, base64url without padding, and no content type', async () => {
  const server = await startDohServer({ answer, secure: true, paths: ['/alt'] });
  try {
    const request = transportRequest(server.port, { http: { method: 'GET', path: '/alt' } }, 0);
    const reply = await httpsTransport.send(request);
    assert.deepEqual(answerData(reply.raw), ['192.0.2.10']);
    const seen = server.requests[0];
    assert.equal(seen.method, 'GET');
    assert.equal(seen.contentType, undefined);
    assert.equal(seen.dnsParam, Buffer.from(request.payload).toString('base64url'));
    assert.match(seen.dnsParam!, /^[A-Za-z0-9_-]+$/);
    assert.equal(seen.path, `/alt?dns=${seen.dnsParam}`);
    assert.deepEqual([...seen.query], [...request.payload]);
  } finally {
    await server.close();
  }
});

test('doh: plain HTTP/2 without TLS', async () => {
  const server = await startDohServer({ answer, secure: false });
  try {
    const reply = await httpPlainTransport.send(
      transportRequest(server.port, { http: { method: 'POST', path: '/dns-query' } }, 0),
    );
    assert.deepEqual(answerData(reply.raw), ['192.0.2.10']);
    assert.equal(server.requests[0].scheme, 'http');
  } finally {
    await server.close();
  }
});

test('doh: a status other than 200 is a communications error naming it', async () => {
  const failing = await startDohServer({ answer, secure: true, status: 503 });
  const elsewhere = await startDohServer({ answer, secure: true });
  try {
    await assert.rejects(
      httpsTransport.send(transportRequest(failing.port)),
      isFailure('http', /^HTTP status 503 from the server \(expected 200\)$/),
    );
    await assert.rejects(
      httpsTransport.send(transportRequest(elsewhere.port, { http: { method: 'POST', path: '/nothing-here' } })),
      isFailure('http', /HTTP status 404/),
    );
  } finally {
    await Promise.all([failing.close(), elsewhere.close()]);
  }
});

test('doh: a reply of another content type is refused', async () => {
  const server = await startDohServer({ answer, secure: false, contentType: 'text/html' });
  try {
    await assert.rejects(
      httpPlainTransport.send(transportRequest(server.port, {}, 0)),
      isFailure('http', /content type 'text\/html'/),
    );
  } finally {
    await server.close();
  }
});

test('doh: verification as for DoT: the fixture CA passes, an expired certificate fails as expired', async () => {
  const good = await startDohServer({ answer, secure: true });
  const expired = await startDohServer({ answer, secure: true, cert: 'expired' });
  const ca = tlsFixtureText('ca.pem');
  try {
    const reply = await httpsTransport.send(
      transportRequest(good.port, { tls: { verify: true, ca, hostname: 'localhost' } }, 0),
    );
    assert.deepEqual(answerData(reply.raw), ['192.0.2.10']);
    assert.equal(good.connections[0].sni, 'localhost');
    await assert.rejects(
      httpsTransport.send(transportRequest(expired.port, { tls: { verify: true, ca } }, 0)),
      isFailure('certificate', /certificate has expired/),
    );
    await assert.rejects(
      httpsTransport.send(
        transportRequest(good.port, { tls: { verify: true, ca: tlsFixtureText('other-ca.pem') } }, 0),
      ),
      isFailure('certificate', /unknown CA/),
    );
    assert.equal(expired.requests.length, 0);
  } finally {
    await Promise.all([good.close(), expired.close()]);
  }
});

test('doh: a TLS server without HTTP/2 (a DoT server) is a handshake failure', async () => {
  const dot = await startDotServer({ answer });
  try {
    await assert.rejects(httpsTransport.send(transportRequest(dot.port, {}, 0)), isFailure('handshake'));
  } finally {
    await dot.close();
  }
});

test('doh: a server that does not speak TLS is a handshake failure; one that is silent times out', async () => {
  const notTls = await startRawServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  const mute = await startRawServer(() => undefined);
  try {
    await assert.rejects(httpsTransport.send(transportRequest(notTls.port, {}, 0)), isFailure('handshake'));
    await assert.rejects(httpsTransport.send(transportRequest(mute.port, { timeoutMs: 300 }, 0)), isFailure('timeout'));
    await assert.rejects(
      httpPlainTransport.send(transportRequest(mute.port, { timeoutMs: 300 }, 0)),
      isFailure('timeout'),
    );
  } finally {
    await Promise.all([notTls.close(), mute.close()]);
  }
});

test('doh: connection refused, over TLS and plain', async () => {
  const server = await startRawServer(() => undefined);
  const port = server.port;
  await server.close();
  await assert.rejects(
    httpsTransport.send(transportRequest(port, {}, 0)),
    isFailure('refused', /^connection refused$/),
  );
  await assert.rejects(
    httpPlainTransport.send(transportRequest(port, {}, 0)),
    isFailure('refused', /^connection refused$/),
  );
});
