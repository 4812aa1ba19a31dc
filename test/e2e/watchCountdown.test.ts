/**
 * +watch on a terminal: between queries a status line, rewritten in place, counts the answer's TTL
 * down second by second. Time is the virtual clock of test/support/fakeClock.ts and stdout a fake
 * terminal, so the test never waits for real time; in a pipe and in JSON there is no status line.
 */
import { virtualWatchClock } from '../support/watchClock.js';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runMain } from '../support/runCli.js';
import { encodeReply } from '../support/zoneReply.js';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';

let server: ZoneServer;
let answered = 0;

const a = (data: string) => ({ name: 'www.watch.test', type: 'A' as const, class: 'IN' as const, ttl: 5, data });

/** One address for the first two queries, then a second one (TTL 5 s throughout). */
before(async () => {
  server = await startZoneServer({
    address: '127.0.0.1',
    zones: [],
    respond: (query) => {
      answered++;
      const answers = answered <= 2 ? [a('192.0.2.1')] : [a('192.0.2.1'), a('192.0.2.2')];
      return encodeReply(query, { rcode: 'NOERROR', aa: true, answers });
    },
  });
});
after(async () => {
  await server.close();
});

/** A terminal as stdout: what is written, and that it is a TTY of `columns`. */
function fakeTerminal(columns: number) {
  let written = '';
  return {
    stream: {
      isTTY: true,
      columns,
      write: (text: string) => {
        written += text;
        return true;
      },
    },
    written: () => written,
  };
}

const at = (): string[] => [`@${server.address}`, '-p', String(server.port), '+timeout=1', '+tries=1'];
const CLEAR = '\r\x1b[K';

test('+watch on a terminal: the TTL counts down each second between queries, the line rewritten in place', async () => {
  answered = 0;
  const terminal = fakeTerminal(80);
  const r = await runMain([...at(), 'www.watch.test', '+watch=3', '+until=192.0.2.2'], {
    io: { clock: virtualWatchClock(), stdout: terminal.stream, isTTY: true, columns: 80 },
  });
  assert.equal(r.code, 0, r.stderr);
  const shown = terminal.written().replace(/, rtt min\/median\/max .*$/m, '');
  assert.equal(
    shown,
    [
      ';; 00:00:00 status: NOERROR\n',
      '00:00:00 + www.watch.test.\t5\tIN\tA\t192.0.2.1\n',
      `${CLEAR};; TTL 5s left, 1 record; next query in 3s`,
      `${CLEAR};; TTL 4s left, 1 record; next query in 2s`,
      `${CLEAR};; TTL 3s left, 1 record; next query in 1s`,
      // The second reply changes nothing: the line goes on from its fresh TTL.
      `${CLEAR};; TTL 5s left, 1 record; next query in 3s`,
      `${CLEAR};; TTL 4s left, 1 record; next query in 2s`,
      `${CLEAR};; TTL 3s left, 1 record; next query in 1s`,
      // A change clears the line before it is printed.
      `${CLEAR}00:00:06 + www.watch.test.\t5\tIN\tA\t192.0.2.2\n`,
      ';; watch ended (value seen): 3 queries, 3 changes, 0 lost (0%)\n',
    ].join(''),
  );
});

test('+watch on a terminal: the countdown reaches 0 and stays there when the TTL runs out before the next query', async () => {
  answered = 0;
  const terminal = fakeTerminal(80);
  const controller = new AbortController();
  const clock = virtualWatchClock();
  const r = await runMain([...at(), 'www.watch.test', '+watch=7'], {
    io: {
      clock: {
        now: clock.now,
        sleep: async (ms: number, signal: AbortSignal) => {
          await clock.sleep(ms, signal);
          if (clock.now() >= 7000) controller.abort();
        },
      },
      interrupt: controller.signal,
      stdout: terminal.stream,
      isTTY: true,
      columns: 80,
    },
  });
  assert.equal(r.code, 0, r.stderr);
  const countdown = [...terminal.written().matchAll(/TTL (\d+)s left/g)].map((m) => Number(m[1]));
  assert.deepEqual(countdown, [5, 4, 3, 2, 1, 0, 0]);
  assert.match(terminal.written(), /\r\x1b\[K;; watch ended \(interrupted\): 1 queries/);
});

test('+watch on a narrow terminal: the status line is cut to fit, so rewriting it never wraps', async () => {
  answered = 0;
  const terminal = fakeTerminal(20);
  await runMain([...at(), 'www.watch.test', '+watch=1', '+until=192.0.2.2'], {
    io: { clock: virtualWatchClock(), stdout: terminal.stream, isTTY: true, columns: 20 },
  });
  const statuses = terminal.written().split(CLEAR).slice(1, -1);
  assert.deepEqual(statuses, [';; TTL 5s left, 1 r', ';; TTL 5s left, 1 r']);
});

test('+watch in a pipe, or with --ndjson on a terminal: no status line', async () => {
  for (const [extra, isTTY] of [
    [[], false],
    [['--ndjson'], true],
  ] as const) {
    answered = 0;
    const terminal = fakeTerminal(80);
    const r = await runMain([...at(), 'www.watch.test', '+watch=3', '+until=192.0.2.2', ...extra], {
      io: { clock: virtualWatchClock(), stdout: { ...terminal.stream, isTTY }, isTTY, columns: 80 },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(terminal.written(), /\r|\x1b|TTL \d+s left/, extra.join(' '));
  }
});
