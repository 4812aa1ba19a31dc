/**
 * +check, +allns, +compare and +explain against the servers of `broken.` (hostileHierarchy.ts), one
 * good and five that mangle every reply: cut short mid-record, another ID, another question, a
 * compression pointer to itself, sent from another port. Each run ends within its one timeout, the
 * mangled replies are reported as malformed or ignored (a timeout), never used, and the one good
 * server's answer is the answer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertSchemaValid } from '../support/schemaValid.js';
import { runBin, type CliRun } from '../support/runCli.js';
import { assertPrintable } from './cli.js';
import { EVIL_ADDR, EVIL_ROOT_HINTS, startEvilHierarchy, type EvilHierarchy } from './hostileHierarchy.js';

let evil: EvilHierarchy;
const hints = join(mkdtempSync(join(tmpdir(), 'tsdig-broken-')), 'root.hints');
before(async () => {
  evil = await startEvilHierarchy();
  writeFileSync(hints, EVIL_ROOT_HINTS);
});
after(() => evil?.close());

const run = (args: string[]): Promise<CliRun> =>
  runBin(['-p', String(evil.port), `--root-hints=${hints}`, '+timeout=1', '+tries=1', '+nocmd', ...args]);

function assertSafe(result: CliRun, view: string, code: number): void {
  assert.equal(result.timedOut, false, `${view} ended`);
  assertPrintable(result.stdout, `${view} stdout`);
  assert.equal(result.stderr, '', view);
  assert.equal(result.code, code, `${view}: ${result.stdout.slice(0, 300)}`);
}

const CUT = 'bad packet: additional record 1: record header runs past end of message';
const LOOP = /^bad packet: answer record 1: compression pointer at offset \d+ points to itself$/;
const SERVERS = ['brokenGood', 'truncated', 'wrongId', 'wrongQuestion', 'loop', 'elsewhere'] as const;

describe('mangled replies', { concurrency: true }, () => {
  test('+check: cut and looping replies are malformed; another ID or question over TCP is malformed, over UDP ignored', async () => {
    const result = await run(['broken', '+check', '--json']);
    assertSafe(result, '+check --json', 3);
    const doc = JSON.parse(result.stdout) as {
      zone: string;
      findings: Array<{
        id: string;
        severity: string;
        message: string;
        evidence: { address?: string; udp?: string; tcp?: string };
      }>;
    };
    assertSchemaValid(doc);
    assert.equal(doc.zone, 'broken.');
    const errors = doc.findings
      .filter((f) => f.severity === 'error')
      .map((f) => [f.evidence.address, f.id, f.evidence.udp, f.evidence.tcp]);
    assert.deepEqual(errors, [
      [EVIL_ADDR.truncated, 'server.malformed', 'malformed', 'malformed'],
      [EVIL_ADDR.wrongId, 'server.silent', 'silent', 'malformed'],
      [EVIL_ADDR.wrongQuestion, 'server.silent', 'silent', 'malformed'],
      [EVIL_ADDR.loop, 'server.malformed', 'malformed', 'malformed'],
      [EVIL_ADDR.elsewhere, 'server.silent', 'silent', 'silent'],
    ]);
    const message = (address: string) => doc.findings.find((f) => f.evidence.address === address)?.message;
    assert.equal(message(EVIL_ADDR.truncated), `ns1.broken. (${EVIL_ADDR.truncated}) sent a malformed reply: ${CUT}`);
    assert.match(
      message(EVIL_ADDR.wrongId) ?? '',
      /^ns2\.broken\. \(127\.0\.6\.12\) never answered over UDP over IPv4 \(1000 ms timeout\); over TCP it sent a malformed reply: ID mismatch: expected ID \d+, got \d+$/,
    );
    assert.equal(
      message(EVIL_ADDR.wrongQuestion),
      'ns3.broken. (127.0.6.13) never answered over UDP over IPv4 (1000 ms timeout); over TCP it sent a malformed reply: Question section mismatch: got other.test./A/IN',
    );
    // The zone's data comes from the one good server: one serial, the delegation matched.
    const ok = doc.findings.filter((f) => f.severity === 'ok').map((f) => f.id);
    for (const id of ['walk.reach', 'delegation.ns-match', 'soa.serial']) assert.ok(ok.includes(id), id);
  });

  test('+allns: the good answer, 2 malformed, 3 timed out', async () => {
    const result = await run(['broken', 'SOA', '+allns']);
    assertSafe(result, '+allns', 6);
    const lines = result.stdout.split('\n');
    assert.equal(lines[1], ';; 5 of 6 servers disagree: 3 timed out, 2 malformed');
    assert.ok(
      lines.includes('broken.\t\t\t3600\tIN\tSOA\tns0.broken. hostmaster.broken. 2024010101 7200 3600 1209600 300'),
    );
    assert.ok(lines.some((l) => l.startsWith(`;  ns1.broken. (127.0.6.11#${evil.port})  malformed, ${CUT}, `)));
  });

  test('+compare --json: schema-valid; each server failed as it should', async () => {
    const servers = SERVERS.map((role) => `@${EVIL_ADDR[role]}`);
    const result = await run([...servers, 'www.broken', '+compare', '--json']);
    assertSafe(result, '+compare --json', 6);
    const doc = JSON.parse(result.stdout) as {
      headline: string;
      answers: Array<{ records: Array<{ rdataA?: string }> }>;
      servers: Array<{ server: { address: string }; failure?: { kind: string; message: string } }>;
    };
    assertSchemaValid(doc);
    assert.equal(doc.headline, '5 of 6 servers disagree: 3 timed out, 2 malformed');
    assert.deepEqual(
      doc.answers.map((a) => a.records.map((r) => r.rdataA)),
      [['192.0.2.80']],
    );
    const kinds = doc.servers.map((s) => [s.server.address, s.failure?.kind]);
    assert.deepEqual(kinds, [
      [EVIL_ADDR.brokenGood, undefined],
      [EVIL_ADDR.truncated, 'malformed'],
      [EVIL_ADDR.wrongId, 'timeout'],
      [EVIL_ADDR.wrongQuestion, 'timeout'],
      [EVIL_ADDR.loop, 'malformed'],
      [EVIL_ADDR.elsewhere, 'timeout'],
    ]);
    assert.match(doc.servers[4]?.failure?.message ?? '', LOOP);
  });

  test('+explain: the faulty servers named, each as it failed', async () => {
    const result = await run([`@${EVIL_ADDR.refusing}`, 'www.broken', '+explain']);
    assertSafe(result, '+explain', 0);
    const lines = result.stdout.split('\n');
    assert.ok(
      lines.includes(
        ';; EXPLAIN: ns1.broken. (127.0.6.11) sends malformed replies, ns4.broken. (127.0.6.14) sends malformed replies, ns2.broken. (127.0.6.12) does not answer, ns3.broken. (127.0.6.13) does not answer and ns5.broken. (127.0.6.15) does not answer for broken.',
      ),
      result.stdout,
    );
    assert.ok(lines.includes(';;   ns0.broken. (127.0.6.10) for broken.: answered'));
    assert.ok(lines.includes(';;   ns4.broken. (127.0.6.14) for broken.: malformed reply'));
  });
});
