/**
 * dig's +[no]fail through the real CLI: two resolv.conf name servers on loopback, the first
 * answering SERVFAIL. The expected lines are the ones dig 9.18 printed for the same setup.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';
import { exampleZone } from '../support/exampleZones.js';
import { choosePort } from '../support/ports.js';
import { runMain, writeResolvConf } from '../support/runCli.js';

const FAILING = '127.0.0.71';
const FAILING_TOO = '127.0.0.72';
const WORKING = '127.0.0.73';
let servers: ZoneServer[] = [];
let port = 0;

before(async () => {
  port = await choosePort([FAILING, FAILING_TOO, WORKING]);
  servers = [
    await startZoneServer({ address: FAILING, port, zones: [exampleZone()], behaviour: 'servfail' }),
    await startZoneServer({ address: FAILING_TOO, port, zones: [exampleZone()], behaviour: 'servfail' }),
    await startZoneServer({ address: WORKING, port, zones: [exampleZone()] }),
  ];
});
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const counts = (): number[] => servers.map((server) => server.count());
const conf = (...addresses: string[]) => ({
  TSDIG_RESOLV_CONF: writeResolvConf(addresses.map((address) => `nameserver ${address}`)),
});

test('+fail (the default): a SERVFAIL reply ends the lookup; the next server is not asked', async () => {
  const before = counts();
  const run = await runMain(['-p', String(port), 'www.example.test', '+noall', '+comments'], {
    env: conf(FAILING, WORKING),
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /status: SERVFAIL/);
  assert.doesNotMatch(run.stdout, /trying next server/);
  assert.deepEqual(
    counts().map((n, i) => n - before[i]),
    [1, 0, 0],
  );
});

test("+nofail: after SERVFAIL the next server is asked, and dig's line says so", async () => {
  const before = counts();
  const run = await runMain(['-p', String(port), 'www.example.test', '+nofail', '+noall', '+comments', '+answer'], {
    env: conf(FAILING, WORKING),
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    new RegExp(`^;; Got SERVFAIL reply from ${FAILING.replace(/\./g, '\\.')}, trying next server\n`),
  );
  assert.match(run.stdout, /status: NOERROR/);
  assert.match(run.stdout, /^www\.example\.test\.\s+\d+\s+IN\s+A\s+192\.0\.2\.10$/m);
  assert.deepEqual(
    counts().map((n, i) => n - before[i]),
    [1, 0, 1],
  );
});

test('+nofail when every server fails: the last SERVFAIL stands, its line without "trying next server"; +short prints neither', async () => {
  const run = await runMain(['-p', String(port), 'www.example.test', '+nofail', '+noall', '+comments'], {
    env: conf(FAILING, FAILING_TOO),
  });
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n').filter((line) => line.startsWith(';; Got SERVFAIL'));
  assert.deepEqual(lines, [
    `;; Got SERVFAIL reply from ${FAILING}, trying next server`,
    `;; Got SERVFAIL reply from ${FAILING_TOO}`,
  ]);
  assert.match(run.stdout, /status: SERVFAIL/);
  const short = await runMain(['-p', String(port), 'www.example.test', '+nofail', '+short'], {
    env: conf(FAILING, FAILING_TOO),
  });
  assert.equal(short.stdout, '');
  assert.equal(short.code, 0);
});
