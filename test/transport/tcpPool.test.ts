import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { createTcpPool, PIPELINE_LIMIT } from '../../src/transport/tcpPool.js';
import { FrameSplitter } from '../../src/transport/tcpStream.js';
import { frame } from '../../src/transport/framing.js';
import { TransportError, type TransportRequest } from '../../src/transport/types.js';

/** What a test server sees of one connection and can do with it. */
interface Peer {
  /** The connection's number, from 0 in the order they came. */
  index: number;
  /** Messages read on this connection so far, this one included. */
  count: number;
  reply(bytes: Uint8Array): void;
  close(): void;
  reset(): void;
}

/** A raw DNS-over-TCP server on loopback: `onMessage` decides what each framed message gets, and when. */
async function tcpServer(onMessage: (msg: Uint8Array, peer: Peer) => void) {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    const splitter = new FrameSplitter();
    const peer: Peer = {
      index: sockets.length,
      count: 0,
      reply: (bytes) => {
        if (!socket.destroyed) socket.write(frame(bytes));
      },
      close: () => socket.end(),
      reset: () => socket.resetAndDestroy(),
    };
    sockets.push(socket);
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      for (const msg of splitter.push(chunk)) {
        peer.count++;
        onMessage(msg, peer);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    connections: () => sockets.length,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** A 3-byte "query": two ID bytes and a tag; the reply echoes all three. */
function query(port: number, id: number, tag: number, over: Partial<TransportRequest> = {}): TransportRequest {
  const payload = Uint8Array.of(id >> 8, id & 0xff, tag);
  return {
    payload,
    server: { address: '127.0.0.1', port },
    timeoutMs: 5000,
    check: (raw) =>
      raw[0] === payload[0] && raw[1] === payload[1] && raw[2] === tag
        ? { ok: true }
        : { ok: false, warning: `not mine: ${[...raw]}` },
    ...over,
  };
}

/** The tags of replies, or the kind of failure of each query. */
async function outcomes(sends: Promise<{ raw: Uint8Array }>[]): Promise<(number | string)[]> {
  return Promise.all(
    sends.map((send) =>
      send.then(
        (reply) => reply.raw[2],
        (error: unknown) => (error instanceof TransportError ? error.kind : String(error)),
      ),
    ),
  );
}

test('keepopen: queries to one server are pipelined on one connection, replies matched by ID in any order', async () => {
  const held: [Uint8Array, Peer][] = [];
  // Replies go back only once all 30 queries are in, last first.
  const server = await tcpServer((msg, peer) => {
    if (held.length === 30) return peer.reply(msg);
    held.push([msg, peer]);
    if (held.length === 30) for (const [each, to] of [...held].reverse()) to.reply(each);
  });
  const pool = createTcpPool();
  try {
    const sends = Array.from({ length: 30 }, (_, i) => pool.send(query(server.port, 1000 + i, i)));
    assert.deepEqual(
      await outcomes(sends),
      Array.from({ length: 30 }, (_, i) => i),
    );
    assert.equal(server.connections(), 1);
    assert.equal(pool.connectionCount(), 1);
    // The connection stays open for the next query.
    assert.equal((await pool.send(query(server.port, 7, 99))).raw[2], 99);
    assert.equal(server.connections(), 1);
  } finally {
    pool.close();
    server.close();
  }
});

test('keepopen: two queries with the same ID in flight never share a connection, nor do more than the pipeline limit', async () => {
  const held: [Uint8Array, Peer][] = [];
  const total = PIPELINE_LIMIT + 2;
  const server = await tcpServer((msg, peer) => {
    held.push([msg, peer]);
    if (held.length === total) for (const [each, to] of held) to.reply(each);
  });
  const pool = createTcpPool();
  try {
    const sends = [
      pool.send(query(server.port, 5, 1)),
      pool.send(query(server.port, 5, 2)),
      ...Array.from({ length: PIPELINE_LIMIT }, (_, i) => pool.send(query(server.port, 100 + i, (3 + i) & 0xff))),
    ];
    assert.deepEqual(await outcomes(sends), [
      1,
      2,
      ...Array.from({ length: PIPELINE_LIMIT }, (_, i) => (3 + i) & 0xff),
    ]);
    // ID 5 twice takes two connections; the first holds PIPELINE_LIMIT queries, and the rest go on the second.
    assert.equal(server.connections(), 2);
  } finally {
    pool.close();
    server.close();
  }
});

test('keepopen: a server that closes the connection after each reply has the unanswered queries sent again on a new one', async () => {
  // As a server with a limit of one query per connection: it answers the first and closes.
  const server = await tcpServer((msg, peer) => {
    if (peer.count > 1) return;
    peer.reply(msg);
    peer.close();
  });
  const pool = createTcpPool();
  try {
    const sends = Array.from({ length: 3 }, (_, i) => pool.send(query(server.port, 200 + i, i)));
    const got = await outcomes(sends);
    // The first is answered on the first connection. The other two go once more, together on a second
    // connection, where one of them is answered; the other's connection has closed twice.
    assert.equal(got[0], 0);
    assert.deepEqual(got.slice(1).sort(), [got[1] === 'closed' ? 2 : 1, 'closed'].sort(), JSON.stringify(got));
    assert.equal(server.connections(), 2);
  } finally {
    pool.close();
    server.close();
  }
});

test('keepopen: a query whose connection closes twice before its reply fails as closed; one reset is a close too', async () => {
  for (const end of ['close', 'reset'] as const) {
    const server = await tcpServer((_msg, peer) => (end === 'close' ? peer.close() : peer.reset()));
    const pool = createTcpPool();
    try {
      const failure = await pool.send(query(server.port, 300, 1)).then(
        () => assert.fail('answered'),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof TransportError);
      assert.equal(failure.kind, 'closed');
      assert.match(failure.message, end === 'close' ? /connection closed before a reply/ : /connection reset/);
      // Once more, and no more: two connections for the one query.
      assert.equal(server.connections(), 2);
      assert.equal(pool.connectionCount(), 0);
    } finally {
      pool.close();
      server.close();
    }
  }
});

test('keepopen: a reply to the ID whose question does not match fails that query alone; a reply to no query is dropped', async () => {
  const server = await tcpServer((msg, peer) => {
    if (msg[2] === 1) {
      peer.reply(Uint8Array.of(0x55, 0x55, 9)); // no query has this ID
      peer.reply(Uint8Array.of(msg[0], msg[1], 42)); // the right ID, the wrong question
    } else peer.reply(msg);
  });
  const pool = createTcpPool();
  try {
    const [bad, good] = await Promise.allSettled([
      pool.send(query(server.port, 400, 1)),
      pool.send(query(server.port, 401, 2)),
    ]);
    assert.equal(bad.status, 'rejected');
    assert.ok(bad.status === 'rejected' && bad.reason instanceof TransportError && bad.reason.kind === 'mismatch');
    assert.match(String(bad.status === 'rejected' && bad.reason.message), /not mine: 1,144,42/);
    assert.equal(good.status === 'fulfilled' && good.value.raw[2], 2);
    assert.equal(server.connections(), 1);
  } finally {
    pool.close();
    server.close();
  }
});

test('keepopen: a query that times out leaves the connection to the others; its ID goes elsewhere until its late reply, which is dropped', async () => {
  const late: [Uint8Array, Peer][] = [];
  const server = await tcpServer((msg, peer) => {
    if (msg[2] === 1) late.push([msg, peer]);
    else peer.reply(msg);
  });
  const pool = createTcpPool();
  try {
    const failure = await pool.send(query(server.port, 500, 1, { timeoutMs: 20 })).then(
      () => assert.fail('answered'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof TransportError && failure.kind === 'timeout');
    // The same ID again: not on the connection where the first one's reply may still come.
    assert.equal((await pool.send(query(server.port, 500, 2))).raw[2], 2);
    assert.equal(server.connections(), 2);
    // The late reply comes, and is no one's; another ID still goes on the first connection.
    for (const [msg, peer] of late) peer.reply(msg);
    assert.equal((await pool.send(query(server.port, 501, 3))).raw[2], 3);
    assert.equal(server.connections(), 2);
  } finally {
    pool.close();
    server.close();
  }
});

test('keepopen: an abort ends one query alone; a refused connection fails its queries at once, sent no more', async () => {
  const server = await tcpServer((msg, peer) => peer.reply(msg));
  const pool = createTcpPool();
  try {
    const controller = new AbortController();
    const aborted = pool.send(query(server.port, 600, 1, { signal: controller.signal }));
    const kept = pool.send(query(server.port, 601, 2));
    controller.abort();
    assert.deepEqual(await outcomes([aborted, kept]), ['aborted', 2]);
  } finally {
    pool.close();
    server.close();
  }
  // A port nothing listens on any more.
  const gone = await tcpServer(() => {});
  gone.close();
  const refused = createTcpPool();
  try {
    assert.deepEqual(await outcomes([refused.send(query(gone.port, 602, 3)), refused.send(query(gone.port, 603, 4))]), [
      'refused',
      'refused',
    ]);
    assert.equal(refused.connectionCount(), 0);
  } finally {
    refused.close();
  }
});

test('keepopen: close() ends the queries in flight as aborted and sends no more', async () => {
  let arrived: () => void = () => {};
  const written = new Promise<void>((resolve) => (arrived = resolve));
  const server = await tcpServer(() => arrived());
  const pool = createTcpPool();
  try {
    const pending = outcomes([pool.send(query(server.port, 700, 1))]);
    await written;
    pool.close();
    assert.deepEqual(await pending, ['aborted']);
    assert.deepEqual(await outcomes([pool.send(query(server.port, 701, 2))]), ['aborted']);
    assert.equal(pool.connectionCount(), 0);
    assert.equal(server.connections(), 1);
  } finally {
    server.close();
  }
});
