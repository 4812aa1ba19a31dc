import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { udpTransport } from '../../src/transport/udp.js';
import { tcpTransport, frame } from '../../src/transport/tcp.js';
import { TransportError, type TransportRequest } from '../../src/transport/types.js';

const acceptFirstByte = (value: number) => (raw: Uint8Array) =>
  raw[0] === value ? ({ ok: true } as const) : ({ ok: false, warning: `first byte ${raw[0]}` } as const);

function request(port: number, over: Partial<TransportRequest> = {}): TransportRequest {
  return {
    payload: Uint8Array.of(1, 2, 3),
    server: { address: '127.0.0.1', port },
    timeoutMs: 1000,
    check: acceptFirstByte(7),
    ...over,
  };
}

async function udpServer(onMessage: (msg: Buffer, reply: (b: Uint8Array) => void) => void) {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => onMessage(msg, (b) => socket.send(b, rinfo.port, rinfo.address)));
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return { port: socket.address().port, close: () => socket.close() };
}

async function tcpServer(onConnection: (socket: Socket) => void) {
  const server = createServer(onConnection);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return { port: address.port, close: () => server.close() };
}

test('udp: ignores a rejected reply with a warning and accepts the next', async () => {
  const server = await udpServer((_msg, reply) => {
    reply(Uint8Array.of(9));
    setTimeout(() => reply(Uint8Array.of(7, 1)), 20);
  });
  const warnings: string[] = [];
  try {
    const reply = await udpTransport.send(request(server.port, { onWarning: (w) => warnings.push(w) }));
    assert.deepEqual([...reply.raw], [7, 1]);
    assert.deepEqual(warnings, ['first byte 9']);
  } finally {
    server.close();
  }
});

test('udp: a silent server times out', async () => {
  const server = await udpServer(() => {});
  try {
    await assert.rejects(
      udpTransport.send(request(server.port, { timeoutMs: 150 })),
      (e: unknown) => e instanceof TransportError && e.kind === 'timeout',
    );
  } finally {
    server.close();
  }
});

test('udp: a closed port is reported as connection refused, before the timeout', async () => {
  const server = await udpServer(() => {});
  const port = server.port;
  server.close();
  const started = Date.now();
  await assert.rejects(
    udpTransport.send(request(port, { timeoutMs: 5000 })),
    (e: unknown) => e instanceof TransportError && e.kind === 'refused',
  );
  assert.ok(Date.now() - started < 4000, 'refused must not wait for the timeout');
});

test('udp: a query too long for a datagram is refused by the socket and said so in words', async () => {
  const server = await udpServer(() => {});
  try {
    // 65,520 octets: over the 65,507 an IPv4 datagram can carry, so the kernel refuses it unsent.
    const payload = new Uint8Array(65520);
    await assert.rejects(
      udpTransport.send(request(server.port, { payload })),
      (e: unknown) => e instanceof TransportError && /message too long for UDP/.test(e.message),
    );
  } finally {
    server.close();
  }
});

test('udp: an abort signal ends the wait', async () => {
  const server = await udpServer(() => {});
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 30);
  try {
    await assert.rejects(
      udpTransport.send(request(server.port, { signal: controller.signal })),
      (e: unknown) => e instanceof TransportError && e.kind === 'aborted',
    );
  } finally {
    server.close();
  }
});

test('tcp: frames the query and reads a reply split across segments', async () => {
  let received: Buffer = Buffer.alloc(0);
  const server = await tcpServer((socket) => {
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const whole = frame(Uint8Array.of(7, 8, 9));
      socket.write(whole.subarray(0, 1));
      setTimeout(() => socket.write(whole.subarray(1)), 20);
    });
  });
  try {
    const reply = await tcpTransport.send(request(server.port));
    assert.deepEqual([...reply.raw], [7, 8, 9]);
    assert.deepEqual([...received], [0, 3, 1, 2, 3]);
  } finally {
    server.close();
  }
});

test('tcp: a mismatched reply fails the exchange', async () => {
  const server = await tcpServer((socket) => socket.on('data', () => socket.write(frame(Uint8Array.of(9)))));
  try {
    await assert.rejects(
      tcpTransport.send(request(server.port)),
      (e: unknown) => e instanceof TransportError && e.kind === 'mismatch',
    );
  } finally {
    server.close();
  }
});

test('tcp: a length prefix longer than what arrives before close is an early close', async () => {
  const server = await tcpServer((socket) =>
    socket.on('data', () => {
      socket.end(Buffer.from([0, 50, 7, 7]));
    }),
  );
  try {
    await assert.rejects(
      tcpTransport.send(request(server.port)),
      (e: unknown) => e instanceof TransportError && e.kind === 'closed' && /2 of/.test(e.message),
    );
  } finally {
    server.close();
  }
});

test('tcp: a slow drip cannot outlast the deadline', async () => {
  const timers: NodeJS.Timeout[] = [];
  const server = await tcpServer((socket) =>
    socket.on('data', () => {
      const bytes = frame(Uint8Array.of(7, 1, 2, 3, 4, 5, 6, 7, 8, 9));
      for (const [i, b] of bytes.entries()) {
        timers.push(setTimeout(() => socket.writable && socket.write(Buffer.of(b)), 100 * i));
      }
      socket.on('error', () => {});
    }),
  );
  try {
    await assert.rejects(
      tcpTransport.send(request(server.port, { timeoutMs: 300 })),
      (e: unknown) => e instanceof TransportError && e.kind === 'timeout',
    );
  } finally {
    timers.forEach(clearTimeout);
    server.close();
  }
});

test('tcp: connection refused', async () => {
  const server = await tcpServer(() => {});
  const port = server.port;
  server.close();
  await assert.rejects(
    tcpTransport.send(request(port)),
    (e: unknown) => e instanceof TransportError && e.kind === 'refused',
  );
});
