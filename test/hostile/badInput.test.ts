/**
 * Bad user input through the real CLI: exit 1, exactly one line on stderr, nothing on stdout, never
 * a RangeError or a stack trace, and no packet sent (a listening server counts its queries).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';
import { runBin } from '../support/runCli.js';
import { assertPrintable } from './cli.js';

let server: ZoneServer;
before(async () => {
  server = await startZoneServer({
    address: '127.0.0.1',
    zones: [{ origin: 'example.test.', records: [{ name: 'example.test.', type: 'A', ttl: 60, data: '192.0.2.1' }] }],
  });
});
after(() => server?.close());

/** Each bad argument, and a word its one-line message must contain. */
const CASES: Array<{ what: string; args: string[]; mentions: RegExp }> = [
  { what: '+bufsize=70000', args: ['example.test', '+bufsize=70000'], mentions: /bufsize/ },
  { what: '-p 70000', args: ['example.test', '-p', '70000'], mentions: /70000/ },
  { what: '-p -1', args: ['example.test', '-p', '-1'], mentions: /-1/ },
  { what: '+subnet=999.1.1.1/24', args: ['example.test', '+subnet=999.1.1.1/24'], mentions: /subnet|999/ },
  { what: '+subnet=192.0.2.0/33', args: ['example.test', '+subnet=192.0.2.0/33'], mentions: /subnet|33/ },
  { what: '-x 1.2.3.999', args: ['-x', '1.2.3.999'], mentions: /1\.2\.3\.999/ },
  { what: '-x not-an-address', args: ['-x', 'not-an-address'], mentions: /not-an-address/ },
  { what: '-t NOSUCHTYPE', args: ['example.test', '-t', 'NOSUCHTYPE'], mentions: /NOSUCHTYPE/ },
  { what: '-t TYPE70000', args: ['example.test', '-t', 'TYPE70000'], mentions: /TYPE70000/ },
  { what: 'an unknown +option', args: ['example.test', '+frobnicate'], mentions: /frobnicate/ },
  { what: 'an unknown --option', args: ['example.test', '--frobnicate'], mentions: /frobnicate/ },
  {
    what: '+timeout=99999999999999999999',
    args: ['example.test', '+timeout=99999999999999999999'],
    mentions: /timeout/,
  },
  { what: 'a name with an empty label', args: ['a..example.test'], mentions: /empty label/ },
  { what: 'a label of 64 octets', args: [`${'a'.repeat(64)}.example.test`], mentions: /63/ },
  { what: 'a name of 256 octets', args: [`${'a'.repeat(63)}.`.repeat(4)], mentions: /255/ },
  {
    what: '+ednsopt of 65500 octets over TCP',
    args: ['example.test', '+tcp', `+ednsopt=65001:${'ab'.repeat(65500)}`],
    mentions: /\+ednsopt: 65504 octets/,
  },
  {
    what: 'two +ednsopt of 35000 octets',
    args: ['example.test', `+ednsopt=65001:${'ab'.repeat(35000)}`, `+ednsopt=65002:${'ab'.repeat(35000)}`],
    mentions: /\+ednsopt: 70008 octets/,
  },
];

describe('bad input: exit 1, one line, nothing sent', { concurrency: 4 }, () => {
  for (const { what, args, mentions } of CASES) {
    test(what, async () => {
      const run = await runBin(['@127.0.0.1', '-p', String(server.port), ...args, '+timeout=1', '+tries=1']);
      assert.equal(run.code, 1, `exit code; stdout ${run.stdout} stderr ${run.stderr}`);
      assert.equal(run.stdout, '');
      const lines = run.stderr.split('\n');
      assert.equal(lines.length, 2, `exactly one line on stderr: ${run.stderr}`);
      assert.equal(lines[1], '');
      assert.match(lines[0]!, /^tsdig: /);
      assert.match(lines[0]!, mentions);
      assert.doesNotMatch(run.stderr, /RangeError|TypeError|internal error|\n\s+at /);
      assertPrintable(run.stderr, 'stderr');
    });
  }
});

describe('after every bad input', () => {
  test('the server received no query at all', () => {
    assert.equal(server.count(), 0);
  });
});

describe('the same server answers a good query (so a zero count above means something)', () => {
  test('a plain query reaches it', async () => {
    const before = server.count();
    const run = await runBin([
      '@127.0.0.1',
      '-p',
      String(server.port),
      'example.test',
      '+short',
      '+timeout=1',
      '+tries=1',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '192.0.2.1\n');
    assert.equal(server.count(), before + 1);
  });
});
