/**
 * +watch through the CLI against a loopback server whose answer changes on a schedule kept by an
 * injected clock: the watch's waits move the clock forward, so no test waits for real time to pass.
 */
import { steppingClock, WATCH_START } from '../support/watchClock.js';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runBin, runMain } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { encodeReply } from '../support/zoneReply.js';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;

let clock = steppingClock();
let server: ZoneServer;

const a = (data: string) => ({ name: 'www.watch.test', type: 'A' as const, class: 'IN' as const, ttl: 60, data });

/** The schedule, in seconds since WATCH_START: one address, then two, then silence, then NXDOMAIN, then a new address. */
before(async () => {
  server = await startZoneServer({
    address: '127.0.0.1',
    zones: [],
    respond: (query) => {
      const t = clock.elapsed() / 1000;
      if (t < 4) return encodeReply(query, { rcode: 'NOERROR', aa: true, answers: [a('192.0.2.1')] });
      if (t < 8) return encodeReply(query, { rcode: 'NOERROR', aa: true, answers: [a('192.0.2.1'), a('192.0.2.2')] });
      if (t < 10) return null;
      if (t < 14) return encodeReply(query, { rcode: 'NXDOMAIN', aa: true });
      return encodeReply(query, { rcode: 'NOERROR', aa: true, answers: [a('192.0.2.3')] });
    },
  });
});
after(async () => {
  await server.close();
});

const at = (): string[] => [`@${server.address}`, '-p', String(server.port), '+timeout=1', '+tries=1'];
/** The summary's round trips vary: the line up to them. */
const summaryHead = (line: string | undefined) => line?.replace(/, rtt min\/median\/max .*$/, '');

test('+watch +until: each change once with its time, then the summary; exit 0 when the value shows up', async () => {
  clock = steppingClock();
  const r = await runMain([...at(), 'www.watch.test', '+watch', '+until=192.0.2.3'], { io: { clock } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  assert.deepEqual(lines.slice(0, -1), [
    ';; 00:00:00 status: NOERROR',
    '00:00:00 + www.watch.test.\t60\tIN\tA\t192.0.2.1',
    '00:00:04 + www.watch.test.\t60\tIN\tA\t192.0.2.2',
    ';; 00:00:08 no reply: no servers could be reached',
    `;; 00:00:10 127.0.0.1#${server.port} answers again`,
    ';; 00:00:10 status: NOERROR -> NXDOMAIN',
    '00:00:10 - www.watch.test.\t60\tIN\tA\t192.0.2.1',
    '00:00:10 - www.watch.test.\t60\tIN\tA\t192.0.2.2',
    ';; 00:00:14 status: NXDOMAIN -> NOERROR',
    '00:00:14 + www.watch.test.\t60\tIN\tA\t192.0.2.3',
  ]);
  assert.equal(summaryHead(lines.at(-1)), ';; watch ended (value seen): 8 queries, 9 changes, 1 lost (13%)');
  assert.match(lines.at(-1) ?? '', /rtt min\/median\/max [\d.]+\/[\d.]+\/[\d.]+ ms$/);
});

test('+watch=4 +deadline=9: the deadline ends the watch with exit 5', async () => {
  clock = steppingClock();
  const r = await runMain([...at(), 'www.watch.test', '+watch=4', '+deadline=9'], { io: { clock } });
  assert.equal(r.code, 5);
  // Queries at 0, 4 and 8 s; the wait after the last is cut at the deadline.
  assert.equal(clock.elapsed(), 9000);
  assert.equal(
    summaryHead(r.stdout.trim().split('\n').at(-1)),
    ';; watch ended (deadline reached): 3 queries, 4 changes, 1 lost (33%)',
  );
});

test('+watch: an interruption (Ctrl-C) ends it cleanly with the summary and exit 0', async () => {
  const controller = new AbortController();
  clock = steppingClock((now) => {
    if (now - WATCH_START >= 4000) controller.abort();
  });
  const r = await runMain([...at(), 'www.watch.test', '+watch'], { io: { clock, interrupt: controller.signal } });
  assert.equal(r.code, 0);
  assert.equal(
    summaryHead(r.stdout.trim().split('\n').at(-1)),
    ';; watch ended (interrupted): 2 queries, 2 changes, 0 lost (0%)',
  );
});

test('+watch --ndjson: one event per change and an end event with the statistics, each valid against the schema', async () => {
  clock = steppingClock();
  const r = await runMain([...at(), '--ndjson', 'www.watch.test', '+watch', '+until=192.0.2.2'], { io: { clock } });
  assert.equal(r.code, 0);
  const events = r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  for (const doc of events) assert.deepEqual(validateJson(doc, schema), []);
  assert.deepEqual(
    events.map((e) => [e.event, e.time, e.data ?? e.to ?? e.reason]),
    [
      ['rcode', '2026-01-01T00:00:00.000Z', 'NOERROR'],
      ['added', '2026-01-01T00:00:00.000Z', ['192.0.2.1']],
      ['added', '2026-01-01T00:00:04.000Z', ['192.0.2.2']],
      ['end', '2026-01-01T00:00:04.000Z', 'until'],
    ],
  );
  assert.deepEqual([events[3].sent, events[3].changes, events[3].lost], [3, 3, 0]);
});

test('+watch: bad input is one line, exit 1, nothing sent', async () => {
  const before = server.queries.length;
  for (const [args, message] of [
    [['+watch=0'], "invalid +watch value '0' (seconds, 1-86400)"],
    [['+watch', '+trace'], '+watch repeats one lookup, not with +trace: leave out one of the two'],
    [
      ['+watch', '+expect=1.2.3.4'],
      '+watch repeats one lookup, not with an assertion (+expect, +fail-on, --nagios): leave out one of the two',
    ],
    [['+watch', 'other.watch.test'], '+watch repeats one query: give one name, or leave out +watch'],
  ] as const) {
    const r = await runMain([...at(), 'www.watch.test', ...args]);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, `tsdig: ${message}\n`);
  }
  assert.equal(server.queries.length, before);
});

test('+watch through the real bin: SIGINT after the first change ends it with the summary, exit 0', async () => {
  const r = await runBin([...at(), 'www.watch.test', '+watch=1'], { interruptOn: '192.0.2.' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^;; \d\d:\d\d:\d\d status: NOERROR\n/);
  assert.match(r.stdout, /\n;; watch ended \(interrupted\): \d+ queries, \d+ changes, \d+ lost \(\d+%\)/);
});
