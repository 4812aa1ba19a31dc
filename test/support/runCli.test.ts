import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runBin, runMain, runEnv, writeResolvConf, defaultResolvConf } from './runCli.js';
import { startZoneServer, type ZoneServer } from './zoneServer.js';

describe('running the CLI', () => {
  let server: ZoneServer;
  before(async () => {
    server = await startZoneServer({
      address: '127.0.0.1',
      zones: [{ origin: 'example.', records: [{ name: 'example.', type: 'A', data: '192.0.2.1' }] }],
    });
  });
  after(() => server.close());

  test('runBin and runMain give the same result for --version', async () => {
    const [bin, inProcess] = await Promise.all([runBin(['--version']), runMain(['--version'])]);
    assert.equal(bin.code, 0);
    assert.match(bin.stdout, /^tsdig \d/);
    assert.deepEqual(inProcess, bin);
  });

  test('runBin and runMain both reach a loopback server given with @ and -p', async () => {
    const args = ['@127.0.0.1', '-p', String(server.port), 'example.', '+short'];
    const before = server.count();
    for (const run of [runBin, runMain]) {
      const result = await run(args);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, '192.0.2.1\n');
    }
    assert.equal(server.count(), before + 2);
  });

  test("without @server the run uses the loopback resolv.conf, not the machine's", async () => {
    const result = await runBin(['example.', '+tries=1', '+time=1']);
    assert.equal(result.code, 9);
    assert.match(result.stdout, /127\.0\.0\.254/);
  });

  test('the environment has NO_COLOR and the default resolv.conf, and no FORCE_COLOR', () => {
    const env = runEnv({ EXTRA: 'x' });
    assert.equal(env.NO_COLOR, '1');
    assert.equal(env.TSDIG_RESOLV_CONF, defaultResolvConf());
    assert.equal(env.FORCE_COLOR, undefined);
    assert.equal(env.EXTRA, 'x');
    assert.match(readFileSync(defaultResolvConf(), 'utf8'), /^nameserver 127\.0\.0\.254$/m);
  });

  test('writeResolvConf writes loopback servers and refuses others', () => {
    const path = writeResolvConf(['nameserver 127.0.0.1', 'search example.']);
    assert.equal(readFileSync(path, 'utf8'), 'nameserver 127.0.0.1\nsearch example.\n');
    assert.throws(() => writeResolvConf(['nameserver 192.0.2.53']), /non-loopback/);
  });
});
