/**
 * Malformed replies through the real CLI: each is reported as `;; Got bad packet from ADDR#PORT:
 * REASON` naming the section and record, is never shown as an answer, and counts as a failed try
 * (exit 9 when no try gets a usable reply). Odd-but-legal data is shown and poisons nothing after it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as malformed from '../fixtures/packets/malformed.js';
import { goodA } from '../fixtures/packets/odd.js';
import { replyWith, type HostileAction } from '../support/hostileServer.js';
import { labelType0x80, nameCrossesRdlength, nameOver255, oddThenGood, pointerIntoNothing } from './packets.js';
import { badPacketLine, countLines, runAgainst } from './cli.js';
import { repoRoot } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';

const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;

/** Every malformed reply of the issue, and the reason the CLI must give for it. */
const CASES: Array<{ what: string; bytes: string; reason: string }> = [
  {
    what: 'rdlength past the end of the message',
    bytes: malformed.rdlengthPastEnd,
    reason: 'answer record 1: rdlength 4 runs past end of message',
  },
  {
    what: 'an A record of 0 bytes',
    bytes: malformed.aRdlength0,
    reason: 'answer record 1: A data is 0 bytes, must be 4',
  },
  {
    what: 'an A record of 16 bytes',
    bytes: malformed.aRdlength16,
    reason: 'answer record 1: A data is 16 bytes, must be 4',
  },
  {
    what: 'a name crossing its rdlength',
    bytes: nameCrossesRdlength,
    reason: 'answer record 1: name runs past end of record data',
  },
  {
    what: 'a forward compression pointer',
    bytes: malformed.forwardPointer,
    reason: 'answer record 1: compression pointer at offset 30 points forward to 46',
  },
  {
    what: 'a pointer to itself',
    bytes: malformed.pointerToSelf,
    reason: 'answer record 1: compression pointer at offset 30 points to itself',
  },
  {
    what: 'a pointer into nothing',
    bytes: pointerIntoNothing,
    reason: 'answer record 1: compression pointer to offset 16383 is outside the message',
  },
  {
    what: 'a pointer loop',
    bytes: malformed.pointerLoop,
    reason: 'answer record 1: compression pointer loop at offset 32',
  },
  { what: 'label type 0x40', bytes: malformed.labelType0x40, reason: 'answer record 1: unsupported label type 0x40' },
  { what: 'label type 0x80', bytes: labelType0x80, reason: 'answer record 1: unsupported label type 0x80' },
  { what: 'a name over 255 octets', bytes: nameOver255, reason: 'answer record 1: name longer than 255 octets' },
  {
    what: 'counts larger than the message holds',
    bytes: malformed.countsTooLarge,
    reason: 'header claims 1 question and 5 records, more than 46 bytes can hold',
  },
  {
    what: 'a TXT string past its rdata',
    bytes: malformed.txtOverrun,
    reason: 'answer record 1: TXT character-string runs past end of record data',
  },
  {
    what: 'an OPT option overrunning the OPT record',
    bytes: malformed.optOptionOverrun,
    reason: 'additional record 1: OPT option 10 length 16 runs past end of OPT record',
  },
];

/** Nothing of a reply may be shown when it was bad. */
function assertNoReplyShown(stdout: string): void {
  assert.doesNotMatch(stdout, /Got answer|ANSWER SECTION|->>HEADER<<-|192\.0\.2\.1/);
}

describe('malformed replies over UDP: two tries, both bad', { concurrency: 4 }, () => {
  for (const { what, bytes, reason } of CASES) {
    test(what, async () => {
      const run = await runAgainst([replyWith(bytes)], ['example.test', 'A', '+tries=2', '+timeout=1']);
      assert.equal(run.code, 9, run.stdout + run.stderr);
      assert.equal(countLines(run.stdout, badPacketLine(run.server, reason)), 2, run.stdout);
      assert.equal(run.server.count(), 2, 'each bad packet is one failed try, and the next try is made');
      assert.match(run.stdout, /^;; no servers could be reached$/m);
      assertNoReplyShown(run.stdout);
      assert.equal(run.stderr, '');
    });
  }
});

describe('a bad packet is one failed try', () => {
  const badThenGood: HostileAction[] = [replyWith(malformed.aRdlength16), replyWith(goodA)];

  test('with +tries=2 the second try answers: exit 0, the good reply shown', async () => {
    const run = await runAgainst(badThenGood, ['example.test', 'A', '+tries=2', '+timeout=1', '+nocmd', '+nostats']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.server.count(), 2);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], badPacketLine(run.server, 'answer record 1: A data is 16 bytes, must be 4'));
    assert.equal(lines[1], ';; Got answer:');
    assert.match(run.stdout, /^example\.test\.\t\t3600\tIN\tA\t192\.0\.2\.1$/m);
    assert.doesNotMatch(run.stdout, /2001|32\.1\.13\.184/, 'nothing of the bad reply is shown');
  });

  test('with +tries=1 there is no second try: exit 9', async () => {
    const run = await runAgainst(badThenGood, ['example.test', 'A', '+tries=1', '+timeout=1']);
    assert.equal(run.code, 9);
    assert.equal(run.server.count(), 1);
    assert.equal(
      countLines(run.stdout, badPacketLine(run.server, 'answer record 1: A data is 16 bytes, must be 4')),
      1,
    );
    assertNoReplyShown(run.stdout);
  });

  test('over TCP a bad packet fails the server too', async () => {
    const run = await runAgainst(
      [replyWith(malformed.txtOverrun)],
      ['example.test', 'A', '+tcp', '+tries=1', '+timeout=1'],
    );
    assert.equal(run.code, 9);
    assert.equal(run.server.queries[0]?.protocol, 'tcp');
    assert.equal(
      countLines(
        run.stdout,
        badPacketLine(run.server, 'answer record 1: TXT character-string runs past end of record data'),
      ),
      1,
    );
    assertNoReplyShown(run.stdout);
  });

  test('--json: a bad packet is an event and an error in one ASCII document', async () => {
    const run = await runAgainst(
      [replyWith(malformed.pointerLoop)],
      ['example.test', 'A', '+tries=1', '+timeout=1', '--json'],
    );
    assert.equal(run.code, 9);
    assert.match(run.stdout, /^[\x20-\x7e\n]*$/);
    const doc = JSON.parse(run.stdout);
    assert.deepEqual(validateJson(doc, schema), []);
    const text = JSON.stringify(doc);
    assert.ok(
      text.includes(
        `Got bad packet from 127.0.0.1#${run.server.port}: answer record 1: compression pointer loop at offset 32`,
      ),
      text,
    );
    assert.ok(!text.includes('192.0.2.1'), 'the bad reply is not in the document');
  });
});

describe('odd but legal replies', () => {
  test('unknown type and class, empty TXT, DNSKEY protocol 2, SSHFP hash 9, odd EDNS options, trailing bytes: shown, and the A after them intact', async () => {
    const run = await runAgainst(
      [replyWith(oddThenGood)],
      ['example.test', 'A', '+tries=1', '+timeout=1', '+nocmd', '+nostats'],
    );
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /bad packet/);
    const answer = run.stdout.split(';; ANSWER SECTION:\n')[1]!.split('\n\n')[0]!.split('\n');
    assert.deepEqual(answer, [
      'example.test.\t\t3600\tIN\tTYPE65280 \\# 3 010203',
      'example.test.\t\t3600\tCLASS4660 A\t\\# 4 C0000209',
      'example.test.\t\t3600\tIN\tTXT\t\\# 0',
      'example.test.\t\t3600\tIN\tDNSKEY\t256 2 13 AQI=',
      'example.test.\t\t3600\tIN\tSSHFP\t1 9 ABCD',
      'example.test.\t\t3600\tIN\tA\t192.0.2.1',
    ]);
    assert.match(run.stdout, /^;; flags: qr rd ra; QUERY: 1, ANSWER: 6, AUTHORITY: 0, ADDITIONAL: 1$/m);
    assert.match(run.stdout, /^;; Warning: Message has 2 extra bytes at end$/m);
    assert.match(run.stdout, /^; COOKIE: a1b2c3 \(bad\)$/m);
    assert.match(run.stdout, /^; NSID:/m);
  });

  test('the same reply in +short: every answer, one a line', async () => {
    const run = await runAgainst([replyWith(oddThenGood)], ['example.test', 'A', '+tries=1', '+timeout=1', '+short']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '\\# 3 010203\n\\# 4 C0000209\n\\# 0\n256 2 13 AQI=\n1 9 ABCD\n192.0.2.1\n');
  });
});
