/**
 * TSIG against a server that lies: a reply (and a transfer) carrying a TSIG record with a forged
 * MAC must be reported as not verified, never shown as verified; a bad key sends nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ascii, hex } from '../fixtures/packets/hex.js';
import { TWO_MESSAGE_AXFR } from '../fixtures/packets/transfer.js';
import { goodA } from '../fixtures/packets/odd.js';
import { repoRoot } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { assertPrintable, countLines, runAgainst } from './cli.js';

const KEY = ['-y', 'hmac-sha256:xfr-key:c2VjcmV0LXNlY3JldA=='];
const FAST = ['+timeout=1', '+tries=1'];
const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;

/** A TSIG record for xfr-key. with a MAC of 32 bytes that no one computed. */
const FORGED_TSIG = hex(
  '07',
  ascii('xfr-key'),
  '00', // owner xfr-key.
  '00fa 00ff 00000000', // TSIG ANY TTL 0
  '003d', // RDLENGTH 61
  '0b',
  ascii('hmac-sha256'),
  '00', // algorithm
  '000000000000 012c', // time signed (unchecked: the MAC fails first), fudge 300
  '0020',
  'ab'.repeat(32), // MAC
  '0000 0000 0000', // original ID (patched below), error, other length
);

/** `message` (hex) with the forged TSIG appended and ARCOUNT raised by one. */
function forged(message: string): string {
  const arcount = parseInt(message.slice(20, 24), 16) + 1;
  return message.slice(0, 20) + arcount.toString(16).padStart(4, '0') + message.slice(24) + FORGED_TSIG;
}

describe('TSIG from a lying server', { concurrency: true }, () => {
  test("a lookup whose reply has a forged MAC: dig's warnings, never verified", async () => {
    const run = await runAgainst([{ replies: [{ bytes: forged(goodA) }] }], ['example.test', 'A', ...FAST, ...KEY]);
    assert.equal(run.code, 0);
    assert.equal(countLines(run.stdout, ";; Couldn't verify signature: tsig verify failure"), 1);
    assert.equal(countLines(run.stdout, ';; WARNING -- Some TSIG could not be validated'), 1);
    assert.match(run.stdout, /^;; TSIG PSEUDOSECTION:\nxfr-key\.\t+0\tANY\tTSIG\thmac-sha256\. 0 300 32 q6ur/m);
    // A script reads the verdict from the lookup's JSON as well.
    const json = await runAgainst(
      [{ replies: [{ bytes: forged(goodA) }] }],
      ['example.test', 'A', ...FAST, ...KEY, '--json'],
    );
    const doc = JSON.parse(json.stdout) as { kind: string; tsig?: { key: string; verified: boolean; error?: string } };
    assert.equal(doc.kind, 'lookup');
    assert.equal(doc.tsig?.verified, false);
    assert.equal(doc.tsig?.error, 'tsig verify failure');
    assert.deepEqual(validateJson(doc, schema), []);
  });

  test('an unsigned reply to a signed query is not verified either', async () => {
    const run = await runAgainst([{ replies: [{ bytes: goodA }] }], ['example.test', 'A', ...FAST, ...KEY]);
    assert.equal(countLines(run.stdout, ";; Couldn't verify signature: expected a TSIG or SIG(0)"), 1);
    assert.equal(countLines(run.stdout, ';; WARNING -- Some TSIG could not be validated'), 1);
  });

  test('a transfer signed with a forged MAC: reported, and the JSON says verified false', async () => {
    const action = { replies: TWO_MESSAGE_AXFR.map((m) => ({ bytes: forged(m) })) };
    const run = await runAgainst([action], ['example.test', 'AXFR', ...FAST, ...KEY]);
    assert.equal(run.code, 0);
    assert.equal(countLines(run.stdout, ";; Couldn't verify signature: tsig verify failure"), 2);
    assert.match(
      run.stdout,
      /^;; XFR size: 4 records \(messages 2, bytes \d+\)\n;; WARNING -- Some TSIG could not be validated$/m,
    );
    const json = await runAgainst([action], ['example.test', 'AXFR', ...FAST, ...KEY, '--json']);
    const doc = JSON.parse(json.stdout) as { tsig: { verified: boolean; error: string } };
    assert.deepEqual(validateJson(doc, schema), []);
    assert.deepEqual([doc.tsig.verified, doc.tsig.error], [false, 'tsig verify failure']);
  });

  test('bad key material, an unknown algorithm, an unreadable key file: one line on stderr, exit 1, nothing sent', async () => {
    const cases: [string[], RegExp][] = [
      [['-y', 'hmac-sha256:k:not base64!'], /^tsdig: TSIG secret for -y is not base64\n$/],
      [['-y', 'hmac-foo:k:c2VjcmV0'], /^tsdig: unknown TSIG algorithm 'hmac-foo' for -y/],
      [['-k', '/nonexistent/key.conf'], /^tsdig: couldn't read key file '\/nonexistent\/key.conf': ENOENT\n$/],
    ];
    for (const [args, stderr] of cases) {
      const run = await runAgainst([{ replies: [{ bytes: goodA }] }], ['example.test', 'A', ...FAST, ...args]);
      assert.equal(run.code, 1, args.join(' '));
      assert.match(run.stderr, stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.server.count(), 0, 'nothing was sent');
    }
  });
});

/** A TSIG record for xfr-key. whose fields are given as hex; RDLENGTH is what the bytes really take. */
function oddTsig(fields: {
  algorithm?: string;
  time?: string;
  macSize?: string;
  mac?: string;
  error?: string;
  otherLength?: string;
  other?: string;
}): string {
  const rdata = hex(
    fields.algorithm ?? hex('0b', ascii('hmac-sha256'), '00'),
    fields.time ?? '000000000000',
    '012c',
    fields.macSize ?? '0020',
    fields.mac ?? 'ab'.repeat(32),
    '0000',
    fields.error ?? '0000',
    fields.otherLength ?? '0000',
    fields.other ?? '',
  );
  return hex(
    '07',
    ascii('xfr-key'),
    '00',
    '00fa 00ff 00000000',
    (rdata.length / 2).toString(16).padStart(4, '0'),
    rdata,
  );
}

/** `message` (hex) with `records` appended to its additional section. */
function withAdditional(message: string, ...records: string[]): string {
  const arcount = parseInt(message.slice(20, 24), 16) + records.length;
  return message.slice(0, 20) + arcount.toString(16).padStart(4, '0') + message.slice(24) + records.join('');
}

/** An A record in the additional section, after which a TSIG is no longer last. */
const TRAILING_A = hex('c00c', '0001 0001 00000e10 0004', 'c0000202');

/** Odd TSIG records, and what the reply must come to: never verified, never a crash. */
const ODD: Array<{ what: string; reply: string; says: RegExp }> = [
  {
    what: 'a MAC size of 65535 with 32 bytes of MAC',
    reply: withAdditional(goodA, oddTsig({ macSize: 'ffff' })),
    says: /^;; Got bad packet from .*TSIG|^;; Couldn't verify signature: /,
  },
  {
    what: 'an unknown algorithm name',
    reply: withAdditional(goodA, oddTsig({ algorithm: hex('0d', ascii('hmac-\x1b[2Jsha9'), '00') })),
    says: /^;; Couldn't verify signature: tsig verify failure$/,
  },
  {
    what: 'a TSIG record that is not the last record',
    reply: withAdditional(goodA, oddTsig({}), TRAILING_A),
    says: /^;; Couldn't verify signature: expected a TSIG or SIG\(0\)$/,
  },
  {
    what: 'other data claiming 65535 bytes',
    reply: withAdditional(goodA, oddTsig({ otherLength: 'ffff', other: '00'.repeat(6) })),
    says: /^;; Got bad packet from .*TSIG|^;; Couldn't verify signature: /,
  },
  {
    what: 'time signed in the far future (2^48 - 1)',
    reply: withAdditional(goodA, oddTsig({ time: 'ffffffffffff' })),
    says: /^;; Couldn't verify signature: tsig verify failure$/,
  },
  {
    what: "BADTIME with the server's time as other data",
    reply: withAdditional(goodA, oddTsig({ error: '0012', otherLength: '0006', other: 'ffffffffffff' })),
    says: /^;; Couldn't verify signature: tsig indicates error$/,
  },
  {
    what: 'a MAC of 0 bytes',
    reply: withAdditional(goodA, oddTsig({ macSize: '0000', mac: '' })),
    says: /^;; Couldn't verify signature: tsig verify failure$/,
  },
];

describe('odd TSIG records in a reply: reported, never verified, no crash', { concurrency: true }, () => {
  for (const { what, reply, says } of ODD) {
    test(what, async () => {
      const run = await runAgainst([{ replies: [{ bytes: reply }] }], ['example.test', 'A', ...FAST, ...KEY]);
      assert.doesNotMatch(run.stderr, /\n\s+at |internal error/);
      assertPrintable(run.stdout, 'stdout');
      const line = run.stdout
        .split('\n')
        .find((l) => l.startsWith(";; Couldn't verify") || l.startsWith(';; Got bad packet'));
      assert.ok(line, run.stdout);
      assert.match(line, says);
      if (run.code === 0)
        assert.equal(countLines(run.stdout, ';; WARNING -- Some TSIG could not be validated'), 1, run.stdout);
      else assert.equal(run.code, 9);
      const json = await runAgainst(
        [{ replies: [{ bytes: reply }] }],
        ['example.test', 'A', ...FAST, ...KEY, '--json'],
      );
      assert.match(json.stdout, /^[\x20-\x7e\n]*$/);
      const doc = JSON.parse(json.stdout) as { events: Array<{ text: string }> };
      assert.deepEqual(validateJson(doc, schema), []);
      assert.ok(
        doc.events.some((event) => /^Couldn't verify signature: |^Got bad packet /.test(event.text)),
        json.stdout,
      );
    });
  }

  test('a transfer whose last message carries an odd TSIG (a MAC of 65535 bytes claimed): not verified', async () => {
    const action = {
      replies: [
        { bytes: TWO_MESSAGE_AXFR[0]! },
        { bytes: withAdditional(TWO_MESSAGE_AXFR[1]!, oddTsig({ macSize: 'ffff' })) },
      ],
    };
    const json = await runAgainst([action], ['example.test', 'AXFR', ...FAST, ...KEY, '--json']);
    assert.doesNotMatch(json.stderr, /\n\s+at |internal error/);
    assert.match(json.stdout, /^[\x20-\x7e\n]*$/);
    const doc = JSON.parse(json.stdout) as { tsig?: { verified: boolean } };
    assert.deepEqual(validateJson(doc, schema), []);
    assert.equal(doc.tsig?.verified, false, json.stdout);
  });
});
