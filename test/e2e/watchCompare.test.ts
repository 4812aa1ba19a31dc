/**
 * +compare +watch through the CLI: three loopback name servers of one zone take a new address and
 * serial one after another (one falls silent for a while), on a schedule kept by an injected clock
 * that only the watch's own waits move, so no test waits for the schedule to pass.
 */
import { steppingClock, WATCH_START } from '../support/watchClock.js';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertSchemaValid } from '../support/schemaValid.js';
import { runBin, runMain } from '../support/runCli.js';
import { startServerSet } from '../support/serverSet.js';
import type { ZoneData, ZoneRecord } from '../support/zoneAnswer.js';
import { encodeReply, type ParsedQuery } from '../support/zoneReply.js';
import type { RespondHook, ZoneServer } from '../support/zoneServer.js';

const ROOT = '127.0.7.1';
const TLD = '127.0.7.2';
const NS = ['127.0.7.11', '127.0.7.12', '127.0.7.13'];
const OLD = '192.0.2.1';
const NEW = '192.0.2.2';

let clock = steppingClock();

const rr = (name: string, type: string, data: unknown, ttl = 3600): ZoneRecord => ({ name, type, data, ttl });
const soaData = (serial: number) => ({
  mname: 'ns1.prop.test.',
  rname: 'hostmaster.prop.test.',
  serial,
  refresh: 7200,
  retry: 3600,
  expire: 1209600,
  minimum: 300,
});
const delegation = (zone: string, servers: Array<[string, string]>): ZoneRecord[] =>
  servers.flatMap(([name, address]) => [rr(zone, 'NS', name, 172800), rr(name, 'A', address, 172800)]);
const propNs = NS.map((address, i): [string, string] => [`ns${i + 1}.prop.test.`, address]);

const rootZone: ZoneData = {
  origin: '.',
  records: [
    rr('.', 'SOA', soaData(1)),
    ...delegation('.', [['a.root.test.', ROOT]]),
    ...delegation('test.', [['ns.nic.test.', TLD]]),
  ],
};
const tldZone: ZoneData = {
  origin: 'test.',
  records: [
    rr('test.', 'SOA', soaData(1)),
    ...delegation('test.', [['ns.nic.test.', TLD]]),
    ...delegation('prop.test.', propNs),
  ],
};
const propZone: ZoneData = {
  origin: 'prop.test.',
  records: [rr('prop.test.', 'SOA', soaData(1)), ...delegation('prop.test.', propNs)],
};

/**
 * When each server takes the new data (seconds since WATCH_START), and when the third is silent: ns1 at 4,
 * ns2 at 8, ns3 at 10 after a silence from 6.
 */
const SCHEDULE = [{ from: 4 }, { from: 8 }, { from: 10, silent: [6, 10] }];

/** The answer of name server `index` for www.prop.test. A and prop.test. SOA, by the clock; the zone for the rest. */
function scheduled(index: number): RespondHook {
  return (query: ParsedQuery) => {
    const t = clock.elapsed() / 1000;
    const plan = SCHEDULE[index];
    const name = query.name.toLowerCase().replace(/\.$/, '');
    const asked = (name === 'www.prop.test' && query.type === 'A') || (name === 'prop.test' && query.type === 'SOA');
    if (!asked) return undefined;
    if (plan.silent && t >= plan.silent[0] && t < plan.silent[1]) return null;
    const fresh = t >= plan.from;
    const answer =
      query.type === 'A'
        ? { name: 'www.prop.test', type: 'A' as const, class: 'IN' as const, ttl: 300, data: fresh ? NEW : OLD }
        : { name: 'prop.test', type: 'SOA' as const, class: 'IN' as const, ttl: 3600, data: soaData(fresh ? 2 : 1) };
    return encodeReply(query, { rcode: 'NOERROR', aa: true, answers: [answer] });
  };
}

let port = 0;
let servers: ZoneServer[] = [];
const hints = join(mkdtempSync(join(tmpdir(), 'tsdig-watchcompare-')), 'root.hints');
before(async () => {
  const specs = [
    { address: ROOT, zones: [rootZone] },
    { address: TLD, zones: [tldZone] },
    ...NS.map((address, index) => ({ address, zones: [propZone], respond: scheduled(index) })),
  ];
  ({ port, started: servers } = await startServerSet(specs, [ROOT, TLD, ...NS]));
  writeFileSync(hints, `.  3600000  NS  a.root.test.\na.root.test.  3600000  A  ${ROOT}\n`);
});
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const listed = (): string[] => [...NS.map((address) => `@${address}`), '-p', String(port), '+timeout=1', '+compare'];
const allns = (): string[] => ['-p', String(port), `--root-hints=${hints}`, '+timeout=1', '+allns'];
/** Ports and round trips vary from run to run: the text with both made fixed. */
const steady = (text: string): string =>
  text.replaceAll(`#${port}`, '#PORT').replace(/rtt min\/median\/max [\d.]+\/[\d.]+\/[\d.]+ ms/g, 'rtt N ms');

test("+compare +watch +until: each server's change once, the headline as it moves, exit 0 once every server has the value", async () => {
  clock = steppingClock();
  const r = await runMain([...listed(), 'www.prop.test', '+watch', `+until=${NEW}`], { io: { clock } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const rec = (who: string, sign: string, address: string) => `${who} ${sign} www.prop.test.\t300\tIN\tA\t${address}`;
  const [s1, s2, s3] = NS.map((address) => `${address}#PORT`);
  assert.deepEqual(steady(r.stdout).split('\n'), [
    `;; 00:00:00 ${s1} status: NOERROR`,
    rec(`00:00:00 ${s1}`, '+', OLD),
    `;; 00:00:00 ${s2} status: NOERROR`,
    rec(`00:00:00 ${s2}`, '+', OLD),
    `;; 00:00:00 ${s3} status: NOERROR`,
    rec(`00:00:00 ${s3}`, '+', OLD),
    ';; 00:00:00 all 3 servers agree',
    rec(`00:00:04 ${s1}`, '-', OLD),
    rec(`00:00:04 ${s1}`, '+', NEW),
    ';; 00:00:04 1 of 3 servers disagrees: 2 different answers',
    `;; 00:00:06 ${s3} no reply: timed out`,
    ';; 00:00:06 2 of 3 servers disagree: 2 different answers, 1 timed out',
    rec(`00:00:08 ${s2}`, '-', OLD),
    rec(`00:00:08 ${s2}`, '+', NEW),
    ';; 00:00:08 1 of 3 servers disagrees: 1 timed out',
    `;; 00:00:10 ${s3} answers again`,
    rec(`00:00:10 ${s3}`, '-', OLD),
    rec(`00:00:10 ${s3}`, '+', NEW),
    ';; 00:00:10 all 3 servers agree',
    ';; watch ended (value seen): 3 servers, 18 queries, 19 changes, 2 lost (11%), rtt N ms',
    `;  ${s1}  6 queries, 4 changes, 0 lost (0%), rtt N ms`,
    `;  ${s2}  6 queries, 4 changes, 0 lost (0%), rtt N ms`,
    `;  ${s3}  6 queries, 6 changes, 2 lost (33%), rtt N ms`,
    '',
  ]);
});

test('+compare +watch=2 +deadline=5 on the SOA: serial changes per server, exit 5 at the deadline', async () => {
  clock = steppingClock();
  const r = await runMain([...listed(), 'prop.test', 'SOA', '+watch=2', '+deadline=5'], { io: { clock } });
  assert.equal(r.code, 5, r.stderr);
  // Rounds at 0, 2 and 4 s; the wait after the last is cut at the deadline.
  assert.equal(clock.elapsed(), 5000);
  const lines = steady(r.stdout).split('\n');
  assert.deepEqual(
    lines.filter((line) => line.includes('serial') || line.includes('agree')),
    [
      ';; 00:00:00 all 3 servers agree',
      `;; 00:00:04 ${NS[0]}#PORT serial: 1 -> 2`,
      ';; 00:00:04 1 of 3 servers disagrees: serial skew',
    ],
  );
  assert.match(
    lines.at(-5) ?? '',
    /^;; watch ended \(deadline reached\): 3 servers, 9 queries, 11 changes, 0 lost \(0%\)/,
  );
});

test("+allns +watch: the zone's servers found once from the root hints, then only they are asked, by name", async () => {
  const rootBefore = servers[0].count();
  clock = steppingClock();
  const once = await runMain([...allns(), 'www.prop.test', '--json']);
  assert.equal(once.code, 0, once.stderr);
  const oneWalk = servers[0].count() - rootBefore;
  assert.ok(oneWalk > 0, 'the walk starts at the root');
  const r = await runMain([...allns(), 'www.prop.test', '+watch', `+until=${NEW}`], { io: { clock } });
  assert.equal(r.code, 0, r.stderr);
  // Six rounds, and the root was asked only for the one walk at the start.
  assert.equal(servers[0].count() - rootBefore, 2 * oneWalk);
  assert.match(r.stdout, /^00:00:04 ns1\.prop\.test\. \(127\.0\.7\.11#\d+\) - www\.prop\.test\./m);
  assert.match(r.stdout, /^;; 00:00:10 all 3 servers agree$/m);
  assert.match(r.stdout, /\n;; watch ended \(value seen\): 3 servers, 18 queries,/);
});

test('+compare +watch --ndjson: every change one event naming its server, the headline events, the end with each server, all schema-valid', async () => {
  clock = steppingClock();
  const r = await runMain([...listed(), '--ndjson', 'www.prop.test', '+watch=4', `+until=${NEW}`], { io: { clock } });
  assert.equal(r.code, 0, r.stderr);
  const events = r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  for (const event of events) assertSchemaValid(event);
  assert.deepEqual(
    events.map((e) => [e.time.slice(11, 19), e.event, e.server === undefined ? (e.to ?? e.reason) : e.server]),
    [
      ['00:00:00', 'rcode', `${NS[0]}#${port}`],
      ['00:00:00', 'added', `${NS[0]}#${port}`],
      ['00:00:00', 'rcode', `${NS[1]}#${port}`],
      ['00:00:00', 'added', `${NS[1]}#${port}`],
      ['00:00:00', 'rcode', `${NS[2]}#${port}`],
      ['00:00:00', 'added', `${NS[2]}#${port}`],
      ['00:00:00', 'agreement', 'all 3 servers agree'],
      ['00:00:04', 'removed', `${NS[0]}#${port}`],
      ['00:00:04', 'added', `${NS[0]}#${port}`],
      ['00:00:04', 'agreement', '1 of 3 servers disagrees: 2 different answers'],
      ['00:00:08', 'removed', `${NS[1]}#${port}`],
      ['00:00:08', 'added', `${NS[1]}#${port}`],
      ['00:00:08', 'silent', `${NS[2]}#${port}`],
      ['00:00:08', 'agreement', '1 of 3 servers disagrees: 1 timed out'],
      ['00:00:12', 'answering', `${NS[2]}#${port}`],
      ['00:00:12', 'removed', `${NS[2]}#${port}`],
      ['00:00:12', 'added', `${NS[2]}#${port}`],
      ['00:00:12', 'agreement', 'all 3 servers agree'],
      ['00:00:12', 'end', 'until'],
    ],
  );
  const end = events.at(-1);
  assert.deepEqual(
    end.servers.map((s: { server: string; sent: number; lost: number }) => [s.server, s.sent, s.lost]),
    NS.map((address, i) => [`${address}#${port}`, 4, i === 2 ? 1 : 0]),
  );
  assert.equal(events[9].verdict, 'disagree');
});

test('+compare +watch: Ctrl-C ends it cleanly with the summary per server, exit 0', async () => {
  const controller = new AbortController();
  clock = steppingClock((now) => {
    if (now - WATCH_START >= 2000) controller.abort();
  });
  const r = await runMain([...listed(), 'www.prop.test', '+watch'], { io: { clock, interrupt: controller.signal } });
  assert.equal(r.code, 0);
  const tail = steady(r.stdout).trim().split('\n').slice(-4);
  assert.deepEqual(tail, [
    ';; watch ended (interrupted): 3 servers, 3 queries, 7 changes, 0 lost (0%), rtt N ms',
    ...NS.map((address) => `;  ${address}#PORT  1 queries, 2 changes, 0 lost (0%), rtt N ms`),
  ]);
});

test('+compare +watch: bad input is one line, exit 1, nothing sent', async () => {
  const before = servers.map((server) => server.count());
  for (const [args, message] of [
    [['--table'], '+watch repeats one lookup, not with --table: leave out one of the two'],
    [['--graph=dot'], '+watch repeats one lookup, not with a picture (--graph, --report): leave out one of the two'],
    [['+short'], '+compare prints its comparison as text, --table or --json: leave out +yaml and +short'],
    [['other.prop.test'], '+watch repeats one query: give one name, or leave out +watch'],
  ] as const) {
    const r = await runMain([...listed(), 'www.prop.test', '+watch', ...args]);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, `tsdig: ${message}\n`);
  }
  assert.deepEqual(
    servers.map((server) => server.count()),
    before,
  );
});

test('+compare +watch through the real bin: SIGINT after the first round ends it with the summary per server, exit 0', async () => {
  const r = await runBin([...listed(), 'www.prop.test', '+watch=1'], { interruptOn: 'agree' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^;; \d\d:\d\d:\d\d 127\.0\.7\.11#\d+ status: NOERROR\n/);
  assert.match(r.stdout, /\n;; \d\d:\d\d:\d\d all 3 servers agree\n/);
  assert.match(r.stdout, /\n;; watch ended \(interrupted\): 3 servers, \d+ queries, \d+ changes, \d+ lost \(\d+%\)/);
  assert.match(r.stdout, /\n; {2}127\.0\.7\.13#\d+ {2}\d+ queries/);
});
