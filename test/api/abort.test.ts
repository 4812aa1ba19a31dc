/**
 * The library's AbortSignal against a server that never answers: aborting rejects the call at once
 * with an AbortError, and leaves no socket or timer behind (the query's own timeout is a minute).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { AbortedError, query, trace, transfer, TsdigError, watch } from 'tsdig';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';

let silent: ZoneServer;
before(async () => {
  silent = await startZoneServer({ behaviour: 'silent', zones: [] });
});
after(async () => {
  await silent?.close();
});

const at = (): string => `@${silent.address} -p ${silent.port} +tries=1 +timeout=60`;

/** How many sockets and timers the process holds, by kind. */
function openResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo())
    if (['Timeout', 'UDPWRAP', 'TCPWRAP', 'TCPSocketWrap'].includes(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/**
 * The resources once the closing sockets are gone: a destroyed socket (and the server's end of it)
 * leaves within a few turns of the event loop, so this waits for turns, never for time.
 */
async function settledResources(expected: Record<string, number>): Promise<Record<string, number>> {
  for (let turn = 0; turn < 100; turn++) {
    if (isDeepStrictEqual(openResources(), expected)) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return openResources();
}

/** Whether `error` is the library's AbortError. */
function isAbortError(error: unknown): boolean {
  assert.ok(error instanceof AbortedError && error instanceof TsdigError, String(error));
  assert.equal(error.name, 'AbortError');
  assert.equal(error.code, 'transport.aborted');
  return true;
}

for (const [name, call] of [
  ['query', (signal: AbortSignal) => query(`www.example.test ${at()}`, { signal })],
  ['query over TCP', (signal: AbortSignal) => query(`www.example.test ${at()} +tcp`, { signal })],
  ['trace', (signal: AbortSignal) => trace(`www.example.test ${at()}`, { signal })],
  ['transfer', (signal: AbortSignal) => transfer(`example.test ${at()}`, { signal })],
] as const) {
  test(`${name}: an abort while the server is silent rejects with AbortError and leaves nothing open`, async () => {
    const held = openResources();
    const asked = silent.count();
    const controller = new AbortController();
    const pending = call(controller.signal);
    await silent.queried(asked + 1);
    controller.abort();
    await assert.rejects(pending, isAbortError);
    assert.deepEqual(await settledResources(held), held);
  });
}

test('watch: an abort while its query is in flight makes the iterator throw AbortError', async () => {
  const controller = new AbortController();
  const asked = silent.count();
  const seen: string[] = [];
  const reading = (async () => {
    for await (const event of watch(`www.example.test ${at()}`, { signal: controller.signal })) seen.push(event.event);
  })();
  await silent.queried(asked + 1);
  controller.abort();
  await assert.rejects(reading, isAbortError);
  assert.deepEqual(seen, []);
});

test('a signal aborted before the call: rejected at once, nothing sent', async () => {
  const asked = silent.count();
  await assert.rejects(query(`www.example.test ${at()}`, { signal: AbortSignal.abort() }), isAbortError);
  assert.equal(silent.count(), asked);
});
