import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type RemoteInfo } from 'node:dgram';
import { once } from 'node:events';
import { createUdpPool } from '../../src/transport/udpPool.js';
import { TransportError, type TransportRequest } from '../../src/transport/types.js';

/** A raw UDP server on loopback; `onMessage` decides what (if anything) to send back, and when. */
async function udpServer(onMessage: (msg: Buffer, reply: (bytes: Uint8Array) => void, from: RemoteInfo) => void) {
  const socket = createSocket('udp4');
  const sources = new Set<number>();
  socket.on('message', (msg, rinfo) => {
    sources.add(rinfo.port);
    onMessage(msg, (bytes) => socket.send(bytes, rinfo.port, rinfo.address), rinfo);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return { port: socket.address().port, sources, close: () => socket.close() };
}

/** A 3-byte "query": two ID bytes and a tag; the reply echoes all three. */
function query(port: number, id: number, tag: number, over: Partial<TransportRequest> = {}): TransportRequest {
  const payload = Uint8Array.of(id >> 8, id & 0xff, tag);
  return {
    payload,
    server: { address: '127.0.0.1', port },
    timeoutMs: 2000,
    check: (raw) =>
      raw[0] === payload[0] && raw[1] === payload[1] && raw[2] === tag
        ? { ok: true }
        : { ok: false, warning: `not mine: ${[...raw]}` },
    ...over,
  };
}

test('pool: concurrent queries to one server share one socket and get their own replies, even out of order', async () => {
  const server = await udpServer((msg, reply) => setTimeout(() => reply(msg), 40 - msg[2]));
  const pool = createUdpPool();
  try {
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => pool.send(query(server.port, 1000 + i, i))));
    assert.deepEqual(
      replies.map((r) => r.raw[2]),
      Array.from({ length: 30 }, (_, i) => i),
    );
    assert.equal(server.sources.size, 1);
    assert.equal(pool.socketCount(), 1);
  } finally {
    pool.close();
    server.close();
  }
});

test('pool: two queries in flight with the same ID never share a socket', async () => {
  const server = await udpServer((msg, reply) => setTimeout(() => reply(msg), 30));
  const pool = createUdpPool();
  try {
    const [a, b] = await Promise.all([pool.send(query(server.port, 77, 1)), pool.send(query(server.port, 77, 2))]);
    assert.deepEqual([a.raw[2], b.raw[2]], [1, 2]);
    assert.equal(server.sources.size, 2);
    assert.equal(pool.socketCount(), 2);
  } finally {
    pool.close();
    server.close();
  }
});

test('pool: a silent server times out on its own deadline while another server keeps answering', async () => {
  const silent = await udpServer(() => {});
  const live = await udpServer((msg, reply) => reply(msg));
  const pool = createUdpPool();
  const events: string[] = [];
  try {
    const dead = pool.send(query(silent.port, 1, 1, { timeoutMs: 400 })).then(
      () => events.push('dead answered'),
      (error: unknown) => events.push(error instanceof TransportError ? `dead ${error.kind}` : 'dead other'),
    );
    for (let i = 0; i < 20; i++) {
      await pool.send(query(live.port, 2 + i, i));
      events.push(`live ${i}`);
    }
    await dead;
    assert.deepEqual(events, [...Array.from({ length: 20 }, (_, i) => `live ${i}`), 'dead timeout']);
  } finally {
    pool.close();
    silent.close();
    live.close();
  }
});

test('pool: a reply the caller rejects is reported as a warning and the query keeps waiting', async () => {
  const server = await udpServer((msg, reply) => {
    reply(Uint8Array.of(msg[0], msg[1], 99));
    setTimeout(() => reply(msg), 20);
  });
  const pool = createUdpPool();
  const warnings: string[] = [];
  try {
    const reply = await pool.send(query(server.port, 5, 3, { onWarning: (w) => warnings.push(w) }));
    assert.deepEqual([...reply.raw], [0, 5, 3]);
    assert.deepEqual(warnings, ['not mine: 0,5,99']);
  } finally {
    pool.close();
    server.close();
  }
});

test('pool: a reply with an unknown ID is dropped while several queries wait, and each still gets its own', async () => {
  const server = await udpServer((msg, reply) => {
    reply(Uint8Array.of(0xff, 0xff, msg[2]));
    setTimeout(() => reply(msg), 20);
  });
  const pool = createUdpPool();
  const warnings: string[] = [];
  try {
    const replies = await Promise.all(
      [1, 2, 3].map((tag) => pool.send(query(server.port, 10 + tag, tag, { onWarning: (w) => warnings.push(w) }))),
    );
    assert.deepEqual(
      replies.map((r) => r.raw[2]),
      [1, 2, 3],
    );
    // The stray replies are not shown to queries whose ID they do not carry (only the last lone waiter may see one).
    assert.ok(warnings.length <= 1, `warnings: ${warnings.join('; ')}`);
  } finally {
    pool.close();
    server.close();
  }
});

test('pool: an abort signal ends one query as aborted; close() ends the rest and releases every socket', async () => {
  const silent = await udpServer(() => {});
  const pool = createUdpPool();
  const controller = new AbortController();
  try {
    const aborted = pool.send(query(silent.port, 1, 1, { signal: controller.signal }));
    const pending = pool.send(query(silent.port, 2, 2));
    controller.abort();
    await assert.rejects(aborted, (error: unknown) => error instanceof TransportError && error.kind === 'aborted');
    assert.equal(pool.socketCount(), 1);
    pool.close();
    await assert.rejects(pending, (error: unknown) => error instanceof TransportError && error.kind === 'aborted');
    assert.equal(pool.socketCount(), 0);
  } finally {
    silent.close();
  }
});

test('pool: queries with a source address bypass the shared sockets', async () => {
  const server = await udpServer((msg, reply) => reply(msg));
  const pool = createUdpPool();
  try {
    const reply = await pool.send(query(server.port, 9, 9, { source: { address: '127.0.0.1', port: 0 } }));
    assert.deepEqual([...reply.raw], [0, 9, 9]);
    assert.equal(pool.socketCount(), 0);
  } finally {
    pool.close();
    server.close();
  }
});

test('pool: queries made in one turn go out in order, and one aborted before it went out is never sent', async () => {
  const seen: number[] = [];
  const server = await udpServer((msg, reply) => {
    seen.push(msg[2]);
    reply(msg);
  });
  const pool = createUdpPool();
  try {
    const controller = new AbortController();
    const first = pool.send(query(server.port, 1, 1));
    const aborted = pool.send(query(server.port, 2, 2, { signal: controller.signal })).then(
      () => 'answered',
      (error: TransportError) => error.kind,
    );
    const third = pool.send(query(server.port, 3, 3));
    controller.abort();
    assert.deepEqual([(await first).raw[2], await aborted, (await third).raw[2]], [1, 'aborted', 3]);
    assert.deepEqual(seen, [1, 3]);
  } finally {
    pool.close();
    server.close();
  }
});

test('pool: a port nothing listens on refuses every query on the socket, the first as well, without waiting for a timeout', async () => {
  // A port just freed: the kernel answers each datagram to it with port unreachable.
  const gone = createSocket('udp4');
  gone.bind(0, '127.0.0.1');
  await once(gone, 'listening');
  const { port } = gone.address();
  gone.close();
  const pool = createUdpPool();
  try {
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        pool.send(query(port, 900 + i, i, { timeoutMs: 60_000 })).then(
          () => 'answered',
          (error: unknown) => (error instanceof TransportError ? error.kind : String(error)),
        ),
      ),
    );
    assert.deepEqual(outcomes, ['refused', 'refused', 'refused', 'refused']);
  } finally {
    pool.close();
  }
});
