/** +expect, +expect-has, +fail-on and --nagios through the real bin against an in-process server on loopback. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runBin, runMain } from '../support/runCli.js';
import { smallZone } from '../support/exampleZones.js';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';

const origin = 'assert.test.';
let server: ZoneServer;
let refusing: ZoneServer;

before(async () => {
  server = await startZoneServer({
    address: '127.0.0.1',
    zones: [
      smallZone(origin, 1, [
        [`www.${origin}`, 'A', '192.0.2.1'],
        [`www.${origin}`, 'A', '192.0.2.2'],
        [`www.${origin}`, 'MX', { preference: 10, exchange: `Mail.${origin}` }],
        [`www.${origin}`, 'TXT', ['v=spf1 -all']],
      ]),
    ],
  });
  refusing = await startZoneServer({ address: '127.0.0.1', zones: [], behaviour: 'refused' });
});
after(async () => {
  await Promise.all([server.close(), refusing.close()]);
});

const at = (s: ZoneServer = server): string[] => [`@${s.address}`, '-p', String(s.port)];

test('+expect: the exact set holds in any order and case, exit 0, output as without it', async () => {
  const plain = await runMain([...at(), '+short', 'www.assert.test']);
  const r = await runMain([...at(), '+short', 'www.assert.test', '+expect=192.0.2.2,192.0.2.1']);
  assert.deepEqual([r.code, r.stderr, r.stdout], [0, '', plain.stdout]);
  const mx = await runMain([...at(), '+short', 'www.assert.test', 'MX', '+expect=10 mail.assert.test']);
  assert.deepEqual([mx.code, mx.stderr], [0, '']);
  const txt = await runMain([...at(), '+short', 'www.assert.test', 'TXT', '+expect=v=spf1 -all']);
  assert.deepEqual([txt.code, txt.stderr], [0, '']);
});

test('+expect: a missing and an unexpected value, exit 4 and one line saying what differed', async () => {
  const r = await runBin([...at(), '+short', 'www.assert.test', '+expect=192.0.2.1,192.0.2.9']);
  assert.equal(r.code, 4);
  assert.equal(r.stdout, '192.0.2.1\n192.0.2.2\n');
  assert.equal(
    r.stderr,
    'tsdig: +expect: www.assert.test. A is 192.0.2.1, 192.0.2.2; missing 192.0.2.9; unexpected 192.0.2.2\n',
  );
});

test('+expect-has: a subset holds, a value not there fails with exit 4', async () => {
  const ok = await runBin([...at(), '+short', 'www.assert.test', '+expect-has=192.0.2.2']);
  assert.deepEqual([ok.code, ok.stderr], [0, '']);
  const r = await runBin([...at(), '+short', 'nothere.assert.test', '+expect-has=192.0.2.2']);
  assert.equal(r.code, 4);
  assert.equal(r.stderr, 'tsdig: +expect-has: nothere.assert.test. A is NXDOMAIN; missing 192.0.2.2\n');
});

test("+fail-on: each condition met is exit 4 with its line; not met, dig's exit code stays", async () => {
  const nodata = await runBin([...at(), 'www.assert.test', 'AAAA', '+fail-on=nxdomain,nodata']);
  assert.equal(nodata.code, 4);
  assert.equal(nodata.stderr, 'tsdig: +fail-on=nodata: www.assert.test. AAAA is NODATA\n');
  assert.match(nodata.stdout, /status: NOERROR/);
  const nx = await runMain([...at(), 'no.assert.test', '+fail-on=nxdomain']);
  assert.deepEqual([nx.code, nx.stderr], [4, 'tsdig: +fail-on=nxdomain: no.assert.test. A is NXDOMAIN\n']);
  const refused = await runMain([...at(refusing), 'www.assert.test', '+fail-on=refused']);
  assert.deepEqual([refused.code, refused.stderr], [4, 'tsdig: +fail-on=refused: www.assert.test. A is REFUSED\n']);
  const held = await runMain([...at(), 'no.assert.test', '+fail-on=servfail,nodata']);
  assert.deepEqual([held.code, held.stderr], [0, '']);
  const silent = ['@127.0.0.1', '-p', '9', '+timeout=1', '+tries=1', 'www.assert.test'];
  assert.equal((await runMain([...silent, '+fail-on=nxdomain'])).code, 9);
  const timeout = await runMain([...silent, '+fail-on=timeout']);
  assert.equal(timeout.code, 4);
  assert.match(timeout.stderr, /^tsdig: \+fail-on=timeout: www\.assert\.test\. A is no reply \(/);
});

test('--nagios: OK, WARNING, CRITICAL lines with perfdata and exit 0, 1, 2', async () => {
  const ok = await runBin([...at(), '--nagios', 'www.assert.test']);
  assert.equal(ok.code, 0);
  assert.match(
    ok.stdout,
    /^DNS OK - www\.assert\.test\. A: 192\.0\.2\.1, 192\.0\.2\.2 \| time=\d+\.\d{6}s;;;0 answers=2;;;0\n$/,
  );
  const warn = await runBin([...at(), '--nagios', 'no.assert.test']);
  assert.equal(warn.code, 1);
  assert.match(warn.stdout, /^DNS WARNING - no\.assert\.test\. A: NXDOMAIN \| time=\S+ answers=0;;;0\n$/);
  const crit = await runBin([...at(), '--nagios', 'www.assert.test', '+expect=192.0.2.1']);
  assert.equal(crit.code, 2);
  assert.match(
    crit.stdout,
    /^DNS CRITICAL - \+expect: www\.assert\.test\. A is 192\.0\.2\.1, 192\.0\.2\.2; unexpected 192\.0\.2\.2 \| time=\S+ answers=2;;;0\n$/,
  );
  assert.equal(crit.stderr, '');
  const silent = await runMain(['@127.0.0.1', '-p', '9', '+timeout=1', '+tries=1', '--nagios', 'www.assert.test']);
  assert.equal(silent.code, 2);
  assert.match(silent.stdout, /^DNS CRITICAL - www\.assert\.test\. A: no reply \(.*\) \| answers=0;;;0\n$/);
});

test('--nagios: bad input is UNKNOWN, exit 3, nothing sent', async () => {
  const before = server.queries.length;
  const r = await runBin([...at(), '--nagios', 'www.assert.test', '+fail-on=typo']);
  assert.equal(r.code, 3);
  assert.equal(
    r.stdout,
    "DNS UNKNOWN - invalid +fail-on value 'typo': 'typo' is none of nxdomain, servfail, refused, nodata, bogus, timeout\n",
  );
  const axfr = await runMain([...at(), '--nagios', 'www.assert.test', 'AXFR']);
  assert.equal(axfr.code, 3);
  assert.equal(
    axfr.stdout,
    "DNS UNKNOWN - --nagios judges one lookup's reply, not a zone transfer: leave out one of the two\n",
  );
  assert.equal(server.queries.length, before);
});

test('assertions: bad input is one line, exit 1, nothing sent', async () => {
  const before = server.queries.length;
  for (const [args, message] of [
    [['+expect=a,,b'], "invalid +expect value 'a,,b' (VALUE[,VALUE...])"],
    [
      ['+fail-on=nxdomain,oops'],
      "invalid +fail-on value 'nxdomain,oops': 'oops' is none of nxdomain, servfail, refused, nodata, bogus, timeout",
    ],
    [['+expect=1.2.3.4', '+trace'], "+expect judges one lookup's reply, not +trace: leave out one of the two"],
    [['+fail-on=nodata', '+types=A,MX'], "+fail-on judges one lookup's reply, not +types: leave out one of the two"],
  ] as const) {
    const r = await runMain([...at(), 'www.assert.test', ...args]);
    assert.equal(r.code, 1, args.join(' '));
    assert.equal(r.stderr, `tsdig: ${message}\n`);
  }
  assert.equal(server.queries.length, before);
});
