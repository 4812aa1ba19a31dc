/**
 * Spoofing and mismatch through the real CLI: replies with a wrong ID, another question or another
 * opcode are skipped with a warning over UDP (and the right reply is used), fail the server over
 * TCP, and replies from another port never reach tsdig at all (connected sockets). IDs come from
 * the CSPRNG.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goodA } from '../fixtures/packets/odd.js';
import { hex } from '../fixtures/packets/hex.js';
import { renderReply, wrongIdThenRight, wrongQuestionThenRight, type HostileAction } from '../support/hostileServer.js';
import { parseQuery } from '../support/zoneReply.js';
import { repoRoot, runBin } from '../support/runCli.js';
import { randomId } from '../../src/resolve/outgoingQuery.js';
import { countLines, runAgainst } from './cli.js';

const QUIET = ['+nocmd', '+nostats', '+timeout=1', '+tries=1'];
const ANSWER_LINE = /^example\.test\.\t\t3600\tIN\tA\t192\.0\.2\.1$/m;

/** goodA with the opcode set to IQUERY (1) in the flags byte. */
const goodAIquery = `${goodA.slice(0, 4)}89${goodA.slice(6)}`;

describe('UDP: a mismatched reply is skipped with a warning, the right one used', () => {
  test('wrong ID first', async () => {
    const run = await runAgainst([wrongIdThenRight(goodA)], ['example.test', 'A', ...QUIET]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const id = run.server.queries[0]!.id;
    assert.equal(run.stdout.split('\n')[0], `;; Warning: ID mismatch: expected ID ${id}, got ${id ^ 0xffff}`);
    assert.match(run.stdout, new RegExp(`^;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ${id}$`, 'm'));
    assert.match(run.stdout, ANSWER_LINE);
    assert.equal(run.server.count(), 1, 'no second query: the right reply came on the same try');
  });

  test('another question first', async () => {
    const run = await runAgainst(
      [wrongQuestionThenRight(goodA, { name: 'other.test.', type: 'A' })],
      ['example.test', 'A', ...QUIET],
    );
    assert.equal(run.code, 0);
    assert.equal(run.stdout.split('\n')[0], ';; Warning: Question section mismatch: got other.test./A/IN');
    assert.match(run.stdout, ANSWER_LINE);
  });

  test('the same name with another type first', async () => {
    const run = await runAgainst(
      [wrongQuestionThenRight(goodA, { name: 'example.test.', type: 'AAAA' })],
      ['example.test', 'A', ...QUIET],
    );
    assert.equal(run.code, 0);
    assert.equal(run.stdout.split('\n')[0], ';; Warning: Question section mismatch: got example.test./AAAA/IN');
  });

  test('the question in another case is the same question: accepted without a warning', async () => {
    const run = await runAgainst(
      [{ replies: [{ bytes: goodA, question: { name: 'EXAMPLE.Test.', type: 'A' } }] }],
      ['example.test', 'A', ...QUIET],
    );
    assert.equal(run.code, 0);
    assert.doesNotMatch(run.stdout, /Warning/);
    assert.match(run.stdout, /^;EXAMPLE\.Test\.\t\t\tIN\tA$/m);
  });

  test('the wrong opcode first', async () => {
    const action: HostileAction = { replies: [{ bytes: goodAIquery }, { bytes: goodA }] };
    const run = await runAgainst([action], ['example.test', 'A', ...QUIET]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout.split('\n')[0], ';; Warning: Opcode mismatch: expected QUERY, got IQUERY');
    assert.match(run.stdout, /opcode: QUERY/);
  });

  test('a reply without QR first', async () => {
    const action: HostileAction = { replies: [{ bytes: `${goodA.slice(0, 4)}01${goodA.slice(6)}` }, { bytes: goodA }] };
    const run = await runAgainst([action], ['example.test', 'A', ...QUIET]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout.split('\n')[0], ';; Warning: query response not set');
  });

  test('only mismatched replies: tsdig keeps waiting, then times out (exit 9)', async () => {
    const action: HostileAction = {
      replies: [
        { bytes: goodA, id: 'wrong' },
        { bytes: goodA, question: { name: 'other.test.', type: 'A' } },
      ],
    };
    const run = await runAgainst([action], ['example.test', 'A', ...QUIET]);
    assert.equal(run.code, 9);
    assert.equal(countLines(run.stdout, ';; Warning: Question section mismatch: got other.test./A/IN'), 1);
    assert.match(run.stdout, /^;; Warning: ID mismatch: /m);
    assert.match(run.stdout, /^;; communications error to 127\.0\.0\.1#\d+: timed out$/m);
    assert.doesNotMatch(run.stdout, /ANSWER SECTION/);
  });
});

describe('TCP: a mismatch is an error for that server', () => {
  test('wrong ID: communications error, exit 9, no second reply read', async () => {
    const run = await runAgainst([wrongIdThenRight(goodA)], ['example.test', 'A', '+tcp', ...QUIET]);
    assert.equal(run.code, 9);
    const id = run.server.queries[0]!.id;
    assert.match(
      run.stdout,
      new RegExp(
        `^;; communications error to 127\\.0\\.0\\.1#${run.server.port}: ID mismatch: expected ID ${id}, got ${id ^ 0xffff}$`,
        'm',
      ),
    );
    assert.doesNotMatch(run.stdout, /ANSWER SECTION/);
    assert.deepEqual(
      run.server.queries.map((q) => q.protocol),
      ['tcp'],
    );
  });

  test('another question: communications error, exit 9', async () => {
    const run = await runAgainst([wrongQuestionThenRight(goodA)], ['example.test', 'A', '+tcp', ...QUIET]);
    assert.equal(run.code, 9);
    assert.match(
      run.stdout,
      /^;; communications error to 127\.0\.0\.1#\d+: Question section mismatch: got other\.test\.\/A\/IN$/m,
    );
  });
});

/** A reply to `example.test. A` answering 192.0.2.66 (what a spoofer from another port sends). */
const spoofedA = hex(goodA.slice(0, -8), 'c0000242');

describe('connected UDP sockets', () => {
  test("a correct-looking reply from another port never reaches tsdig; the server's own reply is used", async () => {
    const server = createSocket('udp4');
    const spoofer = createSocket('udp4');
    const sourcePorts: number[] = [];
    await Promise.all([
      new Promise<void>((done) => server.bind(0, '127.0.0.1', done)),
      new Promise<void>((done) => spoofer.bind(0, '127.0.0.1', done)),
    ]);
    server.on('message', (raw, rinfo) => {
      const query = parseQuery(raw)!;
      sourcePorts.push(rinfo.port);
      // The spoofer answers first, with the right ID and question, from a different port.
      spoofer.send(renderReply({ bytes: spoofedA }, query), rinfo.port, rinfo.address);
      setTimeout(() => server.send(renderReply({ bytes: goodA }, query), rinfo.port, rinfo.address), 150);
    });
    try {
      const port = String((server.address() as { port: number }).port);
      const first = await runBin(['@127.0.0.1', '-p', port, 'example.test', 'A', '+short', '+timeout=2', '+tries=1']);
      const second = await runBin(['@127.0.0.1', '-p', port, 'example.test', 'A', '+short', '+timeout=2', '+tries=1']);
      assert.equal(first.code, 0, first.stdout + first.stderr);
      assert.equal(first.stdout, '192.0.2.1\n');
      assert.equal(second.stdout, '192.0.2.1\n');
      assert.equal(first.stderr + second.stderr, '');
      assert.equal(sourcePorts.length, 2);
      assert.notEqual(sourcePorts[0], sourcePorts[1], 'each query comes from a fresh ephemeral port');
    } finally {
      await Promise.all([
        new Promise<void>((done) => server.close(() => done())),
        new Promise<void>((done) => (spoofer as Socket).close(() => done())),
      ]);
    }
  });
});

describe('query IDs', () => {
  test('randomId spreads over all 16 bits', () => {
    const ids = Array.from({ length: 4096 }, () => randomId());
    assert.ok(ids.every((id) => Number.isInteger(id) && id >= 0 && id <= 0xffff));
    // 4096 draws from 65536 values: about 3970 distinct expected; a counter or a narrow range fails this.
    assert.ok(new Set(ids).size > 3800, `only ${new Set(ids).size} distinct IDs`);
    for (let bit = 0; bit < 16; bit++) {
      const set = ids.filter((id) => id & (1 << bit)).length;
      assert.ok(set > 1700 && set < 2400, `bit ${bit} set in ${set} of 4096 IDs`);
    }
  });

  test("IDs and cookies come from the kernel's CSPRNG (or Web Crypto), never Math.random", () => {
    const root = repoRoot();
    const outgoing = readFileSync(join(root, 'src', 'resolve', 'outgoingQuery.ts'), 'utf8');
    assert.match(outgoing, /import \{ randomOctets, randomUint16 \} from '\.\.\/system\/random\.js'/);
    assert.match(outgoing, /export function randomId\(\): number \{\s*return randomUint16\(\);/);
    const random = readFileSync(join(root, 'src', 'system', 'random.ts'), 'utf8');
    assert.match(random, /openSync\('\/dev\/urandom', 'r'\)/);
    assert.match(random, /globalThis\.crypto\.getRandomValues\(octets\)/);
    for (const file of [
      'src/system/random.ts',
      'src/wire/encode.ts',
      'src/resolve/outgoingQuery.ts',
      'src/resolve/exchange.ts',
      'src/transport/udp.ts',
      'src/transport/tcp.ts',
    ]) {
      assert.doesNotMatch(readFileSync(join(root, file), 'utf8'), /Math\.random/, file);
    }
  });
});
