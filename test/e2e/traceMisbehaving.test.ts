/**
 * `tsdig NAME +trace` against servers of the loopback hierarchy that misbehave the way real ones
 * do: answers outside their zone, no EDNS, cookies demanded, DNAMEs without CNAMEs, answers without
 * aa, TC with no TCP, and CNAMEs that loop across zones. Where tsdig judges, the rule is the RFC's
 * (RFC 2181 section 5.4.1, RFC 6891 section 7, RFC 7873 section 5.3, RFC 6672 section 3.4); where
 * dig is the reference (+trace +short), its output was captured once (test/fixtures/traceShort).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { ADDR, ANSWER, LONG_DNAME_TARGET } from '../support/hierarchyZones.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { repoRoot, runBin, type CliRun } from '../support/runCli.js';

let hierarchy: Hierarchy;
before(async () => {
  hierarchy = await startHierarchy();
});
after(async () => {
  await hierarchy?.close();
});

/** A trace started at the hierarchy's root server: `+trace @127.0.0.2 -p PORT ARGS` (+trace first, as dig's captures had it). */
function traceRun(args: string[]): Promise<CliRun> {
  return runBin(['+trace', `@${ADDR.root}`, '-p', String(hierarchy.port), '+timeout=1', '+tries=1', ...args]);
}

/** The `;; Received ... from ADDR#PORT(NAME)` servers, in order. */
function receivedFrom(stdout: string): string[] {
  return [...stdout.matchAll(/^;; Received \d+ bytes from (\S+?)#\d+\(/gm)].map((m) => m[1]);
}

/** The records a hop printed as data (not comments), by owner and data. */
function dataLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith(';'))
    .map((line) =>
      line
        .split(/\s+/)
        .filter((_, i) => i !== 1 && i !== 2)
        .join(' '),
    );
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('8. out-of-zone data in an answer is not an answer (RFC 2181 section 5.4.1)', { concurrency: true }, () => {
  test('the record for www.bank.test. from the server of extra.test. is shown as ignored and never taken', async () => {
    const run = await traceRun(['oob.extra.test']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^;; zone: extra\.test\. {2}question: oob\.extra\.test\. A {2}outcome: authoritative CNAME to www\.bank\.test\.$/m,
    );
    assert.match(
      run.stdout,
      new RegExp(
        `^;; ignored out-of-zone record: www\\.bank\\.test\\. A ${escapeRegExp(ANSWER.poisonedA)} \\(not extra\\.test\\.'s to give\\)$`,
        'm',
      ),
    );
    assert.match(
      run.stdout,
      /^;; the CNAME to www\.bank\.test\. is not followed \(\+follow traces it from the root\)$/m,
    );
    assert.doesNotMatch(run.stdout, /authoritative answer/);
  });

  test("with +follow the target is traced from the root, and the answer is the real server's", async () => {
    const run = await traceRun(['oob.extra.test', '+follow']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(receivedFrom(run.stdout).at(-1), ADDR.bank);
    assert.match(
      run.stdout,
      /^;; zone: bank\.test\. {2}question: www\.bank\.test\. A {2}outcome: authoritative answer$/m,
    );
    assert.ok(dataLines(run.stdout).includes(`www.bank.test. A ${ANSWER.bankA}`), run.stdout);
  });

  test('--json: the ignored record is in the hop, the final answer is the real one, valid against the schema', async () => {
    const run = await traceRun(['oob.extra.test', '+follow', '--json']);
    const doc = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;
    assert.deepEqual(validateJson(doc, schema), []);
    const extra = doc.hops.find((hop: { zone: string }) => hop.zone === 'extra.test.');
    assert.deepEqual(
      extra.ignoredRecords.map((r: { NAME: string; rdataA: string }) => [r.NAME, r.rdataA]),
      [['www.bank.test.', ANSWER.poisonedA]],
    );
    assert.deepEqual(
      doc.final.records.map((r: { rdataA: string }) => r.rdataA),
      [ANSWER.bankA],
    );
  });
});

describe('9. EDNS fallback in the trace (RFC 6891 section 7)', { concurrency: true }, () => {
  test('a server that answers FORMERR to EDNS is asked again without it, says so, and the trace reaches the answer', async () => {
    const before = hierarchy.byAddress.get(ADDR.oldEdns)?.queries.length ?? 0;
    const run = await traceRun(['www.oldedns.test']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^;; ns1\.oldedns\.test\. \(127\.0\.0\.25\) does not support EDNS: retried without it$/m);
    assert.ok(dataLines(run.stdout).includes(`www.oldedns.test. A ${ANSWER.oldEdnsA}`), run.stdout);
    const asked = hierarchy.byAddress.get(ADDR.oldEdns)?.queries.slice(before) ?? [];
    assert.deepEqual(
      asked.map((q) => [q.edns, q.do]),
      [
        [true, true],
        [false, false],
      ],
    );
  });
});

describe('10. BADCOOKIE in the trace (RFC 7873 section 5.3)', { concurrency: true }, () => {
  test('asked again with the server cookie: the hop says so and the answer comes', async () => {
    const run = await traceRun(['www.cookie.test']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^;; ns1\.cookie\.test\. \(127\.0\.0\.26\): BADCOOKIE, retrying\.$/m);
    assert.ok(dataLines(run.stdout).includes(`www.cookie.test. A ${ANSWER.cookieA}`), run.stdout);
  });

  test('BADCOOKIE again (over UDP, then TCP) is reported, and the next server answers', async () => {
    const run = await traceRun(['www.badcookie.test']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^;; 127\.0\.0\.27#\d+\(ns1\.badcookie\.test\.\) BADCOOKIE, trying next server$/m);
    assert.match(run.stdout, /BADCOOKIE, retrying in TCP mode\.$/m);
    assert.equal(receivedFrom(run.stdout).at(-1), ADDR.faultBackup);
  });
});

describe('11. a DNAME without its CNAME (RFC 6672 section 3.4)', { concurrency: true }, () => {
  test('the CNAME is synthesized and followed, not read as NODATA', async () => {
    const plain = await traceRun(['www.old.dname.test']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.doesNotMatch(plain.stdout, /NODATA/);
    assert.match(
      plain.stdout,
      /^;; synthesized www\.old\.dname\.test\. CNAME www\.new\.dname\.test\. from a DNAME in dname\.test\. \(the reply had no CNAME\)$/m,
    );
    const followed = await traceRun(['www.old.dname.test', '+follow']);
    assert.equal(followed.code, 0, followed.stderr);
    assert.ok(dataLines(followed.stdout).includes(`www.new.dname.test. A ${ANSWER.dnameA}`), followed.stdout);
  });
});

describe('11b. a DNAME that would make the name longer than 255 octets (RFC 6672 section 2.2)', {
  concurrency: true,
}, () => {
  const verdict =
    /^;; zone: dname\.test\. {2}question: www\.long\.dname\.test\. A {2}outcome: YXDOMAIN \(authoritative\): www\.long\.dname\.test\. cannot exist: the DNAME at long\.dname\.test\. would make it 257 octets long, over 255$/m;

  test("the zone's YXDOMAIN ends the trace: dig's status, the DNAME, the verdict; exit 0 as dig's", async () => {
    const run = await traceRun(['www.long.dname.test']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^;; ->>HEADER<<- opcode: QUERY, status: YXDOMAIN, id: \d+$/m);
    assert.ok(dataLines(run.stdout).includes(`long.dname.test. DNAME ${LONG_DNAME_TARGET}`), run.stdout);
    assert.match(run.stdout, verdict);
    assert.doesNotMatch(run.stdout, /Trace failed|all servers/);
    assert.equal(receivedFrom(run.stdout).at(-1), ADDR.dname);
  });

  test('+short shows the DNAME; --json says YXDOMAIN with the yxdomain outcome, valid against the schema', async () => {
    const short = await traceRun(['www.long.dname.test', '+short']);
    assert.equal(short.code, 0, short.stderr);
    assert.match(
      short.stdout,
      new RegExp(
        `^DNAME ${escapeRegExp(LONG_DNAME_TARGET)} from server ${escapeRegExp(ADDR.dname)} in \\d+ ms\\.$`,
        'm',
      ),
    );
    assert.doesNotMatch(short.stdout, /Trace failed/);
    const json = await traceRun(['www.long.dname.test', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout);
    const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;
    assert.deepEqual(validateJson(doc, schema), []);
    assert.equal(doc.status, 'YXDOMAIN');
    assert.deepEqual([doc.final.kind, doc.final.name, doc.final.octets], ['yxdomain', 'www.long.dname.test.', 257]);
    assert.equal(doc.final.dname.NAME, 'long.dname.test.');
  });
});

describe('12. truncated, then TCP refused', { concurrency: true }, () => {
  test('the hop says the UDP reply was truncated and the TCP connection refused, then the next server answers', async () => {
    const run = await traceRun(['www.tc.test']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^;; 127\.0\.0\.30#\d+\(ns1\.tc\.test\.\) UDP reply truncated, then over TCP: connection refused, trying next server$/m,
    );
    assert.equal(receivedFrom(run.stdout).at(-1), ADDR.faultBackup);
  });
});

describe('13. answers without aa, and CNAME loops across zones', { concurrency: true }, () => {
  test('a non-aa answer is shown, marked not authoritative, before its server is skipped as lame', async () => {
    const run = await traceRun(['www.nonaa.test']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    const shown = lines.findIndex((line) => /^;; not authoritative: www\.nonaa\.test\.\s+300\s+IN\s+A\s+/.test(line));
    assert.ok(shown >= 0, run.stdout);
    assert.ok(lines[shown].endsWith(ANSWER.nonaaWrongA));
    assert.match(
      lines[shown + 1],
      /^;; 127\.0\.0\.29#\d+\(ns1\.nonaa\.test\.\) lame \(answer without the aa flag\), trying next server$/,
    );
    // Shown, never taken: the data lines hold only the authoritative answer.
    assert.ok(!dataLines(run.stdout).some((line) => line.includes(ANSWER.nonaaWrongA)));
    assert.ok(dataLines(run.stdout).includes(`www.nonaa.test. A ${ANSWER.nonaaA}`));
  });

  test('a CNAME loop across zones is named as a loop as soon as a name repeats', async () => {
    const run = await traceRun(['x.loopa.test', '+follow']);
    assert.equal(run.code, 9);
    const loop = 'CNAME loop: x.loopa.test. -> y.loopb.demo. -> z.loopa.test. -> x.loopa.test.';
    assert.match(run.stdout, new RegExp(`^;; Trace failed: ${escapeRegExp(loop)}$`, 'm'));
    // Three CNAME hops, not the sixteen of the chain limit.
    assert.match(run.stdout, /^;; Total: 10 hops, 10 queries, \d+ ms$/m);
  });
});

describe("3. +trace +short: dig's compact form", { concurrency: true }, () => {
  const fixture = (name: string): string =>
    readFileSync(join(repoRoot(), 'test', 'fixtures', 'traceShort', `${name}.txt`), 'utf8');
  const timeless = (text: string): string => text.replace(/ in \d+ ms\.$/gm, ' in N ms.');
  for (const [name, args] of [
    ['plain', ['+short', 'example.test']],
    ['cname-in-zone', ['+short', 'alias.example.test']],
    ['cname-across', ['+short', 'www.example.test']],
    ['mx', ['+short', 'example.test', 'MX']],
    ['ns', ['+short', 'example.test', 'NS']],
    ['noidentify', ['+short', '+noidentify', 'example.test']],
    ['reverse', ['+short', '-x', '192.0.2.1']],
  ] as const) {
    test(`${args.slice(1).join(' ')}: what dig printed, line for line`, async () => {
      const run = await traceRun([...args]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(timeless(run.stdout), timeless(fixture(name)));
    });
  }

  test('+short before +trace: the same', async () => {
    const run = await runBin(['+short', '+trace', `@${ADDR.root}`, '-p', String(hierarchy.port), 'example.test']);
    assert.equal(timeless(run.stdout), timeless(fixture('short-first')));
  });

  test('a failed trace: the records so far and one line saying why, exit 9', async () => {
    const run = await traceRun(['+short', 'www.dead.test']);
    assert.equal(run.code, 9);
    assert.match(
      run.stdout,
      /^NS a\.root-servers\.test\. from server 127\.0\.0\.2 in \d+ ms\.\n;; Trace failed: all servers of dead\.test\. failed: /,
    );
  });
});
