import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { FrameSplitter, openTcpStream } from '../../src/transport/tcpStream.js';
import { TransportError } from '../../src/transport/types.js';

test('FrameSplitter: messages split across chunks, several in one chunk, a zero-length one', () => {
  const splitter = new FrameSplitter();
  assert.deepEqual(splitter.push(Buffer.from([0, 3, 1])), []);
  assert.equal(splitter.pendingBytes, 3);
  const frames = splitter.push(Buffer.from([2, 3, 0, 0, 0, 1, 9, 0]));
  assert.deepEqual(
    frames.map((f) => [...f]),
    [[1, 2, 3], [], [9]],
  );
  assert.equal(splitter.pendingBytes, 1);
});

test('openTcpStream: sends the framed query, hands out replies in order, then end of file', async () => {
  const server = createServer((socket) => {
    socket.once('data', (query) => {
      // Echo the query's payload back twice, as two messages in one write, then close.
      const payload = query.subarray(2);
      const framed = Buffer.concat([query.subarray(0, 2), payload, query.subarray(0, 2), payload]);
      socket.end(framed);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const payload = Uint8Array.from([1, 2, 3, 4, 5]);
    const stream = await openTcpStream({ server: { address: '127.0.0.1', port }, payload, timeoutMs: 2000 });
    assert.deepEqual([...(await stream.next(2000))], [...payload]);
    assert.deepEqual([...(await stream.next(2000))], [...payload]);
    await assert.rejects(
      stream.next(2000),
      (error: unknown) => error instanceof TransportError && error.kind === 'closed' && error.message === 'end of file',
    );
    stream.close();
  } finally {
    server.close();
  }
});

test('openTcpStream: a quiet server is a timeout, not a hang', async () => {
  const sockets: import('node:net').Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const stream = await openTcpStream({
      server: { address: '127.0.0.1', port },
      payload: Uint8Array.from([0]),
      timeoutMs: 2000,
    });
    await assert.rejects(
      stream.next(50),
      (error: unknown) => error instanceof TransportError && error.kind === 'timeout',
    );
    stream.close();
  } finally {
    for (const socket of sockets) socket.destroy();
    server.close();
  }
});
