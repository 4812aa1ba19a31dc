/**
 * +nssearch from a hostile resolver and hostile name servers, through the real CLI: an NS set of
 * hundreds of names, a name with a hundred addresses, names with control characters and 63-octet
 * labels, an address outside loopback, garbage for the NS query, SOA data with escape sequences.
 * Output escaped, JSON one schema-valid ASCII document, no hang, and never more queries than dig sends.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startZoneServer, type ZoneData, type ZoneRecord, type ZoneServer } from '../support/zoneServer.js';
import { replyWith } from '../support/hostileServer.js';
import { repoRoot, runBin, type CliRun } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { hex } from '../fixtures/packets/hex.js';
import { assertPrintable, runAgainst } from './cli.js';

const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;

const rr = (name: string, type: string, data: unknown, ttl = 3600): ZoneRecord => ({ name, type, data, ttl });
const soa = (origin: string, mname = `ns1.${origin}`, ttl = 3600): ZoneRecord =>
  rr(
    origin,
    'SOA',
    { mname, rname: `hostmaster.${origin}`, serial: 7, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 },
    ttl,
  );

/** 300 name servers, every one with the resolver's own address. */
const many: ZoneData = {
  origin: 'many.test.',
  records: [
    soa('many.test.'),
    ...Array.from({ length: 300 }, (_, i) => [
      rr('many.test.', 'NS', `ns${i}.many.test.`),
      rr(`ns${i}.many.test.`, 'A', '127.0.0.1'),
    ]).flat(),
  ],
};

/** One name server with a hundred addresses, none of them listening. */
const crowded: ZoneData = {
  origin: 'crowded.test.',
  records: [
    soa('crowded.test.'),
    rr('crowded.test.', 'NS', 'ns.crowded.test.'),
    ...Array.from({ length: 100 }, (_, i) => rr('ns.crowded.test.', 'A', `127.0.1.${i + 1}`)),
  ],
};

const ESC_NAME = 'ns\x1b]0;owned\x07.names.test.';
const LONG_NAME = `${'\x1b'.repeat(63)}.${'a'.repeat(63)}.names.test.`;
/** NS names with control characters, escape sequences and 63-octet labels (no address), and one good name server. */
const names: ZoneData = {
  origin: 'names.test.',
  records: [
    soa('names.test.', 'ns\x1b[2J\x9b31m.names.test.', 2 ** 31 - 1),
    rr('names.test.', 'NS', ESC_NAME),
    rr('names.test.', 'NS', LONG_NAME),
    rr('names.test.', 'NS', 'good.names.test.'),
    rr('good.names.test.', 'A', '127.0.0.1'),
  ],
};

/** A name server outside loopback: TSDIG_LOOPBACK_ONLY refuses it, unsent. */
const outside: ZoneData = {
  origin: 'outside.test.',
  records: [
    soa('outside.test.'),
    rr('outside.test.', 'NS', 'ns.outside.test.'),
    rr('ns.outside.test.', 'A', '192.0.2.53'),
    rr('ns.outside.test.', 'AAAA', '2001:db8::53'),
  ],
};

let server: ZoneServer;
before(async () => {
  server = await startZoneServer({ address: '127.0.0.1', zones: [many, crowded, names, outside] });
});
after(() => server?.close());

/** Runs +nssearch for `zone` against the zone server (resolver and name server at once) and checks what every run must hold. */
async function nssearch(zone: string, ...extra: string[]): Promise<CliRun> {
  const run = await runBin(
    ['@127.0.0.1', '-p', String(server.port), '+nssearch', '+timeout=1', '+tries=1', zone, ...extra],
    { timeoutMs: 30_000 },
  );
  assert.equal(run.timedOut, false, 'the run had to be killed: it hung');
  assert.doesNotMatch(run.stderr, /\n\s+at |internal error/);
  assertPrintable(run.stdout, 'stdout');
  assertPrintable(run.stderr, 'stderr');
  if (extra.includes('--json')) {
    assert.match(run.stdout, /^[\x20-\x7e\n]*$/);
    assert.deepEqual(validateJson(JSON.parse(run.stdout), schema), []);
  }
  return run;
}

const soaLines = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('SOA '));

describe('+nssearch against hostile data', { concurrency: true }, () => {
  test('an NS set of 300 names: the first 20 are followed, as dig', async () => {
    const run = await nssearch('many.test');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(soaLines(run.stdout).length, 20);
    const json = await nssearch('many.test', '--json');
    assert.equal((JSON.parse(json.stdout) as { nameservers: unknown[] }).nameservers.length, 20);
  });

  test('a name server with a hundred addresses: at most 20 asked, as dig (not a flood the resolver chooses)', async () => {
    const run = await nssearch('crowded.test');
    assert.equal(run.code, 9, run.stdout + run.stderr);
    const errors = run.stdout.split('\n').filter((line) => line.startsWith(';; communications error to 127.0.1.'));
    assert.equal(errors.length, 20, run.stdout);
    assert.match(run.stdout, /^;; NS servers could not be reached$/m);
  });

  test('NS names with escape sequences and 63-octet labels; an SOA with a CSI in its data and a huge TTL', async () => {
    const run = await nssearch('names.test');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^couldn't get address for 'ns\\027]0\\;owned\\007\.names\.test': not found$/m);
    assert.match(
      run.stdout,
      new RegExp(`^couldn't get address for '${'\\\\027'.repeat(63)}\\.a{63}\\.names\\.test': not found$`, 'm'),
    );
    assert.deepEqual(
      soaLines(run.stdout).map((line) => line.replace(/ in \d+ ms\.$/, '')),
      [`SOA ns\\027[2J\\194\\15531m.names.test. hostmaster.names.test. 7 7200 3600 1209600 300 from server 127.0.0.1`],
    );
    const json = await nssearch('names.test', '--json');
    assert.equal(json.code, 0);
    assert.match(json.stdout, /"ns\\\\027]0\\\\;owned\\\\007\.names\.test\."/);
  });

  test('name servers outside loopback: refused unsent under TSDIG_LOOPBACK_ONLY, exit 9', async () => {
    const run = await nssearch('outside.test');
    assert.equal(run.code, 9, run.stdout + run.stderr);
    const errors = run.stdout.split('\n').filter((line) => line.startsWith(';; communications error to '));
    assert.deepEqual(errors.sort(), [
      `;; communications error to 192.0.2.53#${server.port}: not sent: TSDIG_LOOPBACK_ONLY allows loopback addresses only`,
      `;; communications error to 2001:db8::53#${server.port}: not sent: TSDIG_LOOPBACK_ONLY allows loopback addresses only`,
    ]);
    await nssearch('outside.test', '--json');
  });
});

describe('+nssearch against a resolver answering the NS query with garbage', { concurrency: true }, () => {
  /** A header claiming one answer, then bytes that are no record. */
  const garbage = hex(
    '0000 8180 0001 0001 0000 0000',
    '04 6e 61 6d 65 04 74 65 73 74 00 0002 0001',
    'c0 0c 00 02 00 01 7fffffff ffff 1b 5b 32 4a 07',
  );

  for (const view of [[], ['--json']]) {
    test(`a bad packet, exit 9 ${view.join(' ') || 'in text'}`, async () => {
      const run = await runAgainst(
        [replyWith(garbage)],
        ['+nssearch', '+timeout=1', '+tries=1', 'name.test', ...view],
        { timeoutMs: 30_000 },
      );
      assert.equal(run.timedOut, false);
      assert.equal(run.code, 9, run.stdout + run.stderr);
      assertPrintable(run.stdout, 'stdout');
      assert.equal(run.server.count(), 1, 'only the NS query: nothing of the garbage was followed');
      if (view.length) assert.deepEqual(validateJson(JSON.parse(run.stdout), schema), []);
      else assert.match(run.stdout, new RegExp(`^;; Got bad packet from 127\\.0\\.0\\.1#${run.server.port}: `, 'm'));
    });
  }
});
