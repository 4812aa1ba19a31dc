import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  startHostileServer,
  replyWith,
  wrongIdThenRight,
  wrongQuestionThenRight,
  SILENT,
  tcThenTcp,
  TCP_CLOSE_EARLY,
  tcpBadLength,
  tcpDrip,
  tcOverTcp,
  type HostileScript,
  type HostileServer,
} from './hostileServer.js';
import { buildQuery, decode, tcpExchange, udpExchange, udpQuery, type Target } from './dnsClient.js';
import { goodA, truncatedEmpty } from '../fixtures/packets/odd.js';
import { hexToBytes } from '../fixtures/packets/hex.js';

const withId = (hex: string, id: number): Buffer => {
  const bytes = Buffer.from(hexToBytes(hex));
  bytes.writeUInt16BE(id, 0);
  return bytes;
};

describe('hostile server', () => {
  const servers: HostileServer[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));
  const start = async (script: HostileScript): Promise<{ server: HostileServer; target: Target }> => {
    const server = await startHostileServer({ address: '127.0.0.1', script });
    servers.push(server);
    return { server, target: { address: server.address, port: server.port } };
  };
  const query = buildQuery({ name: 'example.test.', type: 'A', id: 0x4d2 });

  test('replays fixture bytes with the query ID patched in', async () => {
    const { server, target } = await start([replyWith(goodA)]);
    const reply = await udpQuery(target, query);
    assert.deepEqual(reply, withId(goodA, 0x4d2));
    assert.deepEqual(server.queries, [{ protocol: 'udp', id: 0x4d2, name: 'example.test', type: 'A' }]);
  });

  test("copies the query's question (client case kept)", async () => {
    const { target } = await start([replyWith(goodA, { question: 'copy' })]);
    const reply = await udpQuery(target, buildQuery({ name: 'ExAmPlE.TeSt.', type: 'A' }));
    assert.equal(decode(reply!).questions[0]!.name, 'ExAmPlE.TeSt');
    assert.equal(decode(reply!).answers[0]!.data, '192.0.2.1');
  });

  test('sends a wrong ID first, then the right one', async () => {
    const { target } = await start([wrongIdThenRight(goodA)]);
    const replies = await udpExchange(target, query, 1000, 2);
    assert.deepEqual(
      replies.map((r) => r.readUInt16BE(0)),
      [0x4d2 ^ 0xffff, 0x4d2],
    );
  });

  test('sends a reply for another question first, then the right one', async () => {
    const { target } = await start([wrongQuestionThenRight(goodA)]);
    const replies = await udpExchange(target, query, 1000, 2);
    assert.deepEqual(
      replies.map((r) => decode(r).questions[0]!.name),
      ['other.test', 'example.test'],
    );
  });

  test('follows the script per query: silent first, then a reply', async () => {
    const { server, target } = await start([SILENT, replyWith(goodA)]);
    assert.equal(await udpQuery(target, query, 300), null);
    assert.ok(await udpQuery(target, query));
    assert.equal(server.count(), 2);
  });

  test('TC over UDP, then the full answer over TCP', async () => {
    const { target } = await start(tcThenTcp(truncatedEmpty, goodA));
    assert.equal(decode((await udpQuery(target, query))!).flag_tc, true);
    const outcome = await tcpExchange(target, [query]);
    assert.deepEqual(outcome.frames, [withId(goodA, 0x4d2)]);
  });

  test('TCP: closes without replying', async () => {
    const { target } = await start([TCP_CLOSE_EARLY]);
    const outcome = await tcpExchange(target, [query]);
    assert.equal(outcome.closedByServer, true);
    assert.equal(outcome.received.length, 0);
  });

  test('TCP: a short length prefix leaves bytes outside the frame', async () => {
    const { target } = await start([tcpBadLength(goodA, -2)]);
    const outcome = await tcpExchange(target, [query], 1, 500);
    const full = withId(goodA, 0x4d2);
    assert.deepEqual(outcome.frames, [full.subarray(0, full.length - 2)]);
    assert.deepEqual(outcome.leftover, full.subarray(full.length - 2));
  });

  test('TCP: a long length prefix never completes a frame, then the server closes', async () => {
    const { target } = await start([tcpBadLength(goodA, 10)]);
    const outcome = await tcpExchange(target, [query]);
    assert.equal(outcome.frames.length, 0);
    assert.equal(outcome.closedByServer, true);
    assert.equal(outcome.received.readUInt16BE(0), hexToBytes(goodA).length + 10);
  });

  test('TCP: drips the reply byte by byte, arriving whole in the end', async () => {
    const { target } = await start([tcpDrip(goodA, 2)]);
    const outcome = await tcpExchange(target, [query], 1, 5000);
    assert.deepEqual(outcome.frames, [withId(goodA, 0x4d2)]);
  });

  test('TCP: cuts the framed reply after N bytes and closes', async () => {
    const { target } = await start([{ replies: [{ bytes: goodA, frame: { cutAfter: 7 } }] }]);
    const outcome = await tcpExchange(target, [query]);
    assert.equal(outcome.received.length, 7);
    assert.equal(outcome.closedByServer, true);
  });

  test('TCP: a reply with TC set', async () => {
    const { target } = await start([tcOverTcp(goodA)]);
    const outcome = await tcpExchange(target, [query]);
    assert.equal(decode(outcome.frames[0]!).flag_tc, true);
    assert.equal(decode(outcome.frames[0]!).answers.length, 1);
  });
});
