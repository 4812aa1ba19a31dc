/**
 * Output safety through the real CLI: a reply holding a TXT record of all 256 byte values, a name
 * made of control bytes, ESC sequences, C1 controls, U+202E and invalid UTF-8, and an xterm title
 * escape, printed in every view. Nothing unsafe reaches stdout or stderr, the escaped text is
 * exactly dig's, and JSON is one ASCII document valid against the schema. argv gets the same care.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIP } from 'node:net';
import { goodA } from '../fixtures/packets/odd.js';
import { replyWith, SILENT, startHostileServer, type HostileServer } from '../support/hostileServer.js';
import { repoRoot, runBin, runMain, type CliRun } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { ExchangeError } from '../../src/errors.js';
import { createQueryFn } from '../../src/resolve/exchange.js';
import { udpTransport } from '../../src/transport/udp.js';
import { tcpTransport } from '../../src/transport/tcp.js';
import type { QueryFn } from '../../src/resolve/types.js';
import { ALL_BYTES_TEXT, HOSTILE_NAME, TITLE_ESCAPE_TEXT, hostileReferral, hostileReply } from './packets.js';
import { assertPrintable, runAgainst } from './cli.js';

const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;

/** The three answer lines' data, in order, as dig prints them. */
const ANSWER_DATA = [ALL_BYTES_TEXT, HOSTILE_NAME.text, TITLE_ESCAPE_TEXT];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function assertSafeRun(run: CliRun, view: string): void {
  assert.equal(run.timedOut, false);
  assertPrintable(run.stdout, `${view} stdout`);
  assertPrintable(run.stderr, `${view} stderr`);
}

/** The JSON view's checks: ASCII only, parses, schema-valid; returns the document. */
function parseJsonView(stdout: string): Record<string, unknown> {
  assert.match(stdout, /^[\x20-\x7e\n]*$/, 'JSON output is printable ASCII');
  const doc = JSON.parse(stdout) as Record<string, unknown>;
  assert.deepEqual(validateJson(doc, schema), []);
  return doc;
}

let server: HostileServer;
/** Answers TXT queries with the hostile reply; with RD clear (a trace), the first such query gets the hostile referral. */
let referralSent = false;
before(async () => {
  server = await startHostileServer({
    address: '127.0.0.1',
    script: ({ query }) => {
      if (query.type !== 'TXT') return SILENT;
      if (query.rd || referralSent) return replyWith(hostileReply);
      referralSent = true;
      return replyWith(hostileReferral);
    },
  });
});
after(() => server?.close());

const cli = (extra: string[]): Promise<CliRun> =>
  runBin(['@127.0.0.1', '-p', String(server.port), 'example.test', 'TXT', '+timeout=5', '+tries=1', ...extra]);

describe('every view of a hostile reply', { concurrency: true }, () => {
  test('dig text: the exact escaped lines', async () => {
    const run = await cli(['+nocmd', '+nostats']);
    assertSafeRun(run, 'dig');
    assert.equal(run.code, 0);
    const answer = run.stdout.split(';; ANSWER SECTION:\n')[1]!.split('\n\n')[0]!.split('\n');
    assert.deepEqual(answer, [
      `example.test.\t\t3600\tIN\tTXT\t${ALL_BYTES_TEXT}`,
      // An owner wider than the name column: dig separates the fields with single spaces.
      `${HOSTILE_NAME.text} 3600 IN CNAME ${HOSTILE_NAME.text}`,
      `example.test.\t\t3600\tIN\tTXT\t${TITLE_ESCAPE_TEXT}`,
    ]);
  });

  test('+short: the exact data lines', async () => {
    const run = await cli(['+short']);
    assertSafeRun(run, '+short');
    assert.equal(run.stdout, ANSWER_DATA.map((line) => `${line}\n`).join(''));
  });

  test('+multiline: safe, and the title escape still escaped', async () => {
    const run = await cli(['+multiline', '+nocmd']);
    assertSafeRun(run, '+multiline');
    assert.ok(run.stdout.includes(TITLE_ESCAPE_TEXT));
    assert.ok(run.stdout.includes(HOSTILE_NAME.text));
  });

  test('--json: one ASCII, schema-valid document with the exact escaped names and strings', async () => {
    const run = await cli(['--json']);
    assertSafeRun(run, '--json');
    const doc = parseJsonView(run.stdout) as { message: { answerRRs: Array<Record<string, unknown>> } };
    const [txt, cname, title] = doc.message.answerRRs;
    assert.equal(txt!.rdataTXT, ALL_BYTES_TEXT);
    assert.equal(cname!.NAME, HOSTILE_NAME.text);
    assert.equal(cname!.rdataCNAME, HOSTILE_NAME.text);
    assert.equal(title!.rdataTXT, TITLE_ESCAPE_TEXT);
    assert.equal(
      txt!.RDATAHEX,
      'FF' +
        Buffer.from(Array.from({ length: 255 }, (_, i) => i))
          .toString('hex')
          .toUpperCase() +
        '01FF',
    );
  });

  test('--ndjson: one line, ASCII', async () => {
    const run = await cli(['--ndjson']);
    assertSafeRun(run, '--ndjson');
    assert.equal(run.stdout.split('\n').length, 2);
    parseJsonView(run.stdout);
  });

  test('--table: safe, every escaped piece present once the cell wrapping is undone', async () => {
    const run = await cli(['--table']);
    assertSafeRun(run, '--table');
    // Rejoin wrapped cells: keep the last column's text of every table row.
    const data = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('│'))
      .map((line) => line.split('│').at(-2)!)
      .join('')
      .replace(/ /g, '');
    for (const text of ANSWER_DATA)
      assert.ok(data.includes(text.replace(/ /g, '')), `table lacks ${text.slice(0, 40)}`);
  });

  test("colour on a terminal (in process): the palette's SGR codes are the only escapes, and the text is the plain text", async () => {
    for (const view of [[], ['--table']]) {
      const args = [
        '@127.0.0.1',
        '-p',
        String(server.port),
        'example.test',
        'TXT',
        '+timeout=5',
        '+tries=1',
        '+nocmd',
        '+nostats',
        ...view,
      ];
      const coloured = await runMain(args, {
        env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
        io: { isTTY: true, columns: 100 },
      });
      const plain = await runMain(args, { io: { isTTY: true, columns: 100 } });
      assert.equal(coloured.code, 0);
      assert.ok(coloured.stdout.includes('\x1b['), 'colour was on');
      const stripped = coloured.stdout.replace(/\x1b\[[0-9;]*m/g, '');
      assertPrintable(stripped, `colour ${view.join(' ') || 'dig'} stdout without SGR codes`);
      const mask = (text: string) => text.replace(/(Query time|in) \d+ m?s/g, '$1 N ms').replace(/id: \d+/, 'id: N');
      assert.equal(mask(stripped), mask(plain.stdout), 'colour adds nothing but SGR codes');
      assertPrintable(plain.stdout, 'plain terminal stdout');
    }
  });
});

describe('+trace over a hostile root', () => {
  /** Root hints naming only the hostile server, so no step of the trace can leave loopback. */
  let hints: string;
  const offLoopback: string[] = [];
  const realQuery = createQueryFn({ udp: udpTransport, tcp: tcpTransport });
  /** The real network, refused (and recorded) for any address outside loopback. */
  const loopbackOnly: QueryFn = (target, question, settings, onEvent) => {
    const loopback = isIP(target.address) === 4 ? target.address.startsWith('127.') : target.address === '::1';
    if (loopback) return realQuery(target, question, settings, onEvent);
    offLoopback.push(target.address);
    return Promise.reject(new ExchangeError('unreachable', 'not a loopback address'));
  };
  before(() => {
    hints = join(mkdtempSync(join(tmpdir(), 'tsdig-hints-')), 'named.root');
    writeFileSync(hints, '.  3600000  NS  a.root.test.\na.root.test.  3600000  A  127.0.0.1\n');
  });
  const trace = (extra: string[]) =>
    runMain(
      [
        'example.test',
        'TXT',
        '+trace',
        `--root-hints=${hints}`,
        '-p',
        String(server.port),
        '+timeout=1',
        '+tries=1',
        ...extra,
      ],
      { io: { queryFn: loopbackOnly } },
    );

  test('text: a referral to a hostile name server, then the hostile answer; all escaped', async () => {
    referralSent = false;
    const run = await trace([]);
    assertSafeRun(run, '+trace');
    assert.deepEqual(offLoopback, []);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    for (const text of ANSWER_DATA) assert.ok(run.stdout.includes(text), `trace lacks ${text.slice(0, 40)}`);
    assert.match(run.stdout, new RegExp(`^test\\.\\t+172800\\tIN\\tNS\\t${escapeRegExp(HOSTILE_NAME.text)}$`, 'm'));
    // dig names the server without the final dot.
    assert.ok(
      run.stdout.includes(`from 127.0.0.1#${server.port}(${HOSTILE_NAME.text.slice(0, -1)})`),
      'the server is named, escaped, in the hop line',
    );
  });

  test('--json: one ASCII, schema-valid document', async () => {
    referralSent = false;
    const run = await trace(['--json']);
    assertSafeRun(run, '+trace --json');
    assert.deepEqual(offLoopback, []);
    const text = JSON.stringify(parseJsonView(run.stdout));
    assert.ok(text.includes(JSON.stringify(HOSTILE_NAME.text).slice(1, -1)));
  });
});

describe('argv', { concurrency: true }, () => {
  test('a bad name with control characters: one escaped line on stderr, exit 1', async () => {
    const run = await runBin(['@127.0.0.1', '-p', String(server.port), 'a\x1b[2J\x07..test', '+tries=1']);
    assertSafeRun(run, 'bad name');
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, "tsdig: 'a\\027[2J\\007..test' is not a legal name (empty label)\n");
  });

  test('a name with U+202E and C1 characters: not a valid IDN, escaped on stderr', async () => {
    const run = await runBin(['@127.0.0.1', '-p', String(server.port), '\u202eevil\u0085.test', '+tries=1']);
    assertSafeRun(run, 'bidi name');
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.split('\n').length, 2, run.stderr);
    assert.match(run.stderr, /\\u\{202E\}evil\\133\.test/);
  });

  test('a legal name holding ESC: sent as the byte, echoed escaped in the header and question', async () => {
    const run = await runAgainst(
      [replyWith(goodA, { question: 'copy' })],
      ['a\x1b]0;x\x07b.test', 'A', '+timeout=1', '+tries=1'],
    );
    assertSafeRun(run, 'ESC name');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.server.queries[0]!.name.includes('\x1b'), true, 'the byte went on the wire as typed');
    assert.match(
      run.stdout,
      /^; <<>> tsdig \S+ <<>> @127\.0\.0\.1 -p \d+ a\\027]0;x\\007b\.test A \+timeout=1 \+tries=1$/m,
    );
    assert.match(run.stdout, /^;a\\027]0\\;x\\007b\.test\.\t+IN\tA$/m);
  });
});
