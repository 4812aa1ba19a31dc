/**
 * The scripts of examples/ run as a user runs them (`node examples/NAME.mjs ...`, importing 'tsdig'),
 * each against in-process loopback servers whose address it is given on its command line.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange, QueryFn } from '../../src/resolve/types.js';
import { allZones } from '../dnssec/attacks.js';
import { answer } from '../dnssec/signedNetwork.js';
import { type SignedServers, startSignedServers } from '../dnssec/signedWire.js';
import { fixtureText } from '../dnssec/signedZone.js';
import { exampleZone } from '../support/exampleZones.js';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { ADDR } from '../support/hierarchyZones.js';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';
import { runNode } from './runNode.js';

const RESOLVER = '127.0.0.53';
const anchorFile = join(mkdtempSync(join(tmpdir(), 'tsdig-examples-')), 'root.ds');
writeFileSync(anchorFile, fixtureText('root.ds'));

/** A validating resolver over the signed fixture zones: answers with RRSIGs and proofs, RA set. */
const resolverView: QueryFn = async (server, question) => {
  const response = { ...answer(allZones(), question.name, question.type), ra: true };
  return { server, protocol: 'udp', question, response } as unknown as Exchange;
};

let zone: ZoneServer;
let hierarchy: Hierarchy;
let resolver: SignedServers;

before(async () => {
  const token = { name: '_acme-challenge.example.test.', type: 'TXT' as const, ttl: 60, data: 'token-123' };
  zone = await startZoneServer({ zones: [exampleZone([token])] });
  hierarchy = await startHierarchy();
  resolver = await startSignedServers([RESOLVER], resolverView);
});
after(async () => {
  await zone?.close();
  await hierarchy?.close();
  await resolver?.close();
});

/** Runs examples/SCRIPT with `args`; asserts it printed nothing on stderr. */
async function example(script: string, args: string[]): Promise<{ code: number | null; lines: string[] }> {
  const run = await runNode([join('examples', script), ...args]);
  assert.equal(run.stderr, '', script);
  return { code: run.code, lines: run.stdout.split('\n').filter((line) => line !== '') };
}

test('query-ttl-aa.mjs: each answer record with its TTL, and the aa flag', async () => {
  const run = await example('query-ttl-aa.mjs', ['www.example.test', `@${zone.address}`, '-p', String(zone.port)]);
  assert.deepEqual(run, { code: 0, lines: ['NOERROR, aa=true', 'www.example.test. ttl=300 A 192.0.2.10'] });
});

test("trace-hops.mjs: each hop's zone, the server that answered it, and the end", async () => {
  const run = await example('trace-hops.mjs', ['example.test', `@${ADDR.root}`, '-p', String(hierarchy.port)]);
  assert.equal(run.code, 0);
  const hops = run.lines.slice(0, -1).map((line) => line.split('\t'));
  assert.deepEqual(
    hops.slice(-2).map(([zoneName, , , outcome]) => [zoneName, outcome]),
    [
      ['test.', 'referral'],
      ['example.test.', 'answer'],
    ],
  );
  assert.ok(
    hops.every(([, , rtt]) => /^[\d.]+ ms$/.test(rtt ?? '')),
    run.lines.join('\n'),
  );
  assert.match(run.lines.at(-1) ?? '', /^NOERROR after \d+ queries$/);
});

test('acme-dns01-wait.mjs: waits for the TXT token and exits 0 once it is there', async () => {
  const run = await example('acme-dns01-wait.mjs', [
    '_acme-challenge.example.test',
    'token-123',
    `@${zone.address}`,
    '-p',
    String(zone.port),
  ]);
  assert.deepEqual(run, {
    code: 0,
    lines: ['seen: "token-123"', '_acme-challenge.example.test holds the token'],
  });
});

test('validation-verdict.mjs: the DNSSEC verdict and the chain it rests on', async () => {
  const run = await example('validation-verdict.mjs', [
    'www.ed.sec.',
    `@${RESOLVER}`,
    '-p',
    String(resolver.port),
    `--trust-anchor=${anchorFile}`,
  ]);
  assert.equal(run.code, 0);
  assert.match(run.lines[0] ?? '', /^NOERROR: secure \(/);
  assert.deepEqual(
    run.lines.slice(1).map((line) => line.trim().split(' ')[0]),
    ['.', 'sec.', 'ed.sec.'],
  );
});
