/**
 * +check, +allns/+compare and +explain through the real bin against a hierarchy whose every name and
 * string is hostile (hostileHierarchy.ts): nothing unsafe reaches stdout or stderr in any view, names
 * come out in dig's escapes, JSON is one ASCII schema-valid document, the DOT parses (rendered by
 * Graphviz in WebAssembly) into exactly the nodes tsdig drew with the escaped names as their text,
 * and the --report page holds no markup from the servers. The judgments are those the servers earn.
 */
import { virtualWatchClock } from '../support/watchClock.js';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { instance } from '@viz-js/viz';
import { assertSchemaValid } from '../support/schemaValid.js';
import { runBin, runMain, type CliRun } from '../support/runCli.js';
import { parseYamlItems } from '../support/yamlDocument.js';
import { assertPrintable } from './cli.js';
import { EVIL_ADDR, EVIL_ROOT_HINTS, startEvilHierarchy, type EvilHierarchy } from './hostileHierarchy.js';

/** The name servers' names as dig prints them. */
const TERMINAL = 'ns\\027[2J\\007\\000\\127.evil.';
const MARKUP = '<script>alert\\(\\"x\\"\\)</script>\\\\n\\010{a|b}.evil.';
const REFUSING = 'r\\027[31m\\194\\133\\226\\128\\174.evil.';
const LONG_START = '\\027]0\\;\\027]0\\;';
const RNAME = '\\027]0\\;pwned\\007.<img\\032src=x\\032onerror=alert\\(1\\)>.evil.';

let evil: EvilHierarchy;
const dir = mkdtempSync(join(tmpdir(), 'tsdig-evil-'));
const hints = join(dir, 'root.hints');
before(async () => {
  evil = await startEvilHierarchy();
  writeFileSync(hints, EVIL_ROOT_HINTS);
});
after(() => evil?.close());

const run = (args: string[]): Promise<CliRun> =>
  runBin(['-p', String(evil.port), `--root-hints=${hints}`, '+timeout=1', '+tries=1', '+nocmd', ...args]);

/** Safe on both streams, nothing on stderr, the expected exit status. */
function assertSafe(result: CliRun, view: string, code: number): void {
  assert.equal(result.timedOut, false, view);
  assertPrintable(result.stdout, `${view} stdout`);
  assertPrintable(result.stderr, `${view} stderr`);
  assert.equal(result.stderr, '', view);
  assert.equal(result.code, code, `${view}: ${result.stdout.slice(0, 300)}`);
}

/** ASCII, parses, schema-valid. */
function parseJson(stdout: string): Record<string, unknown> {
  assert.match(stdout, /^[\x20-\x7e\n]*$/, 'JSON output is printable ASCII');
  const doc = JSON.parse(stdout) as Record<string, unknown>;
  assertSchemaValid(doc);
  return doc;
}

/** Text as Graphviz writes it into SVG. */
const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Renders `dot` with Graphviz; fails on any error (a missing font's metrics are only a warning). Returns the SVG. */
async function renderDot(dot: string): Promise<string> {
  const viz = await instance();
  const result = viz.render(dot, { format: 'svg' });
  assert.deepEqual(
    result.errors.filter((e) => e.level !== 'warning'),
    [],
  );
  assert.equal(result.status, 'success');
  return result.output ?? '';
}

/** The text lines of the SVG node with id `id`. */
function nodeText(svg: string, id: string): string[] {
  const start = svg.indexOf(`<g id="${id.replaceAll('-', '&#45;')}" class="node`);
  assert.ok(start >= 0, `no node ${id}`);
  const body = svg.slice(start, svg.indexOf('</g>', start));
  return [...body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
}

/** The --report page's checks: printable, no markup from the servers, their names escaped as text. */
function assertSafePage(file: string, names: string[]): string {
  const html = readFileSync(file, 'utf8');
  assertPrintable(html, 'report');
  assert.doesNotMatch(html, /<script|<img|onerror=alert\(1\)>/i, 'no markup from the servers');
  for (const name of names)
    assert.ok(html.includes(xml(name)) || html.includes(xml(name).replace(/&quot;/g, '"')), name);
  return html;
}

describe('+check of a hostile zone', { concurrency: true }, () => {
  test('text: the exact judgments, every name in escapes', async () => {
    const result = await run(['evil', '+check']);
    assertSafe(result, '+check', 3);
    assert.match(
      result.stdout,
      /^;; CHECK: evil\. has errors: 3 errors, 2 warnings, 2 notices; 17 checks ok, 3 server addresses, \d+ queries$/m,
    );
    const lines = result.stdout.split('\n');
    for (const line of [
      `evil. server.refused: ${REFUSING} (127.0.6.4) refuses queries for evil. [RFC 1912 2.8]`,
      `evil. soa.rname: SOA RNAME ${RNAME} is a mailbox [RFC 1035 3.3.13]`,
      `evil. soa.mname: SOA MNAME ${TERMINAL} is one of the name servers [RFC 1035 3.3.13]`,
      `evil. edns.version: ${TERMINAL} (127.0.6.2) answers EDNS version 1 with NOERROR, not BADVERS [RFC 6891 6.1.3]`,
    ])
      assert.ok(lines.includes(line), line);
    assert.ok(
      lines.some((line) =>
        line.startsWith(`evil. delegation.ns-match: . and evil. agree on the NS set {${MARKUP}, ${LONG_START}`),
      ),
    );
  });

  test('+short: the verdict alone', async () => {
    const result = await run(['evil', '+check', '+short']);
    assertSafe(result, '+check +short', 3);
    assert.match(
      result.stdout,
      /^;; CHECK: evil\. has errors: 3 errors, 2 warnings, 2 notices; 17 checks ok, 3 server addresses, \d+ queries\n$/,
    );
  });

  test('--table: safe, the refusing server named in escapes', async () => {
    const result = await run(['evil', '+check', '--table']);
    assertSafe(result, '+check --table', 3);
    const cells = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('│'))
      .map((line) => line.split('│')[4] ?? '')
      .join('')
      .replace(/ /g, '');
    assert.ok(cells.includes(`${REFUSING}(127.0.6.4)refusesqueriesforevil.`), cells.slice(0, 300));
  });

  test('--json: ASCII, schema-valid; the findings and servers as earned, names escaped', async () => {
    const result = await run(['evil', '+check', '--json']);
    assertSafe(result, '+check --json', 3);
    const doc = parseJson(result.stdout) as {
      status: string;
      findings: Array<{ id: string; severity: string; servers: string[]; evidence: { address?: string } }>;
    };
    assert.equal(doc.status, 'error');
    const bySeverity = (severity: string) =>
      doc.findings
        .filter((f) => f.severity === severity)
        .map((f) => f.id)
        .sort();
    assert.deepEqual(bySeverity('error'), ['delegation.glue-match', 'ns.resolves', 'server.refused']);
    assert.deepEqual(bySeverity('warning'), ['edns.version', 'edns.version']);
    const refused = doc.findings.find((f) => f.id === 'server.refused');
    assert.deepEqual(refused?.servers, [`${REFUSING} (127.0.6.4)`]);
    assert.equal(refused?.evidence.address, EVIL_ADDR.refusing);
  });

  test('--graph=dot: Graphviz parses it into the nodes drawn, each server named in escapes', async () => {
    const result = await run(['evil', '+check', '--graph=dot']);
    assertSafe(result, '+check --graph=dot', 3);
    const svg = await renderDot(result.stdout);
    const drawn = [...result.stdout.matchAll(/^\s*"([^"]+)" \[id=/gm)].map((m) => m[1]);
    const rendered = [...svg.matchAll(/<g id="([^"]+)" class="node/g)].map((m) => m[1]?.replaceAll('&#45;', '-'));
    assert.deepEqual(rendered.sort(), drawn.sort());
    const servers = ['z1-ns0', 'z1-ns1', 'z1-ns2'].map((id) => nodeText(svg, id)[0]);
    assert.ok(servers.includes(xml(MARKUP)), servers.join(' | '));
    assert.ok(servers.includes(xml(TERMINAL)));
    assert.ok(servers.includes(xml(REFUSING)));
  });

  test('--graph=svg: rendered in process, the same escaped names', async () => {
    const result = await run(['evil', '+check', '--graph=svg']);
    assertSafe(result, '+check --graph=svg', 3);
    assert.doesNotMatch(result.stdout, /<script|<img/);
    assert.ok(result.stdout.includes(xml(REFUSING)));
    assert.ok(result.stdout.includes(xml(MARKUP)));
  });

  test('--report: a page with no markup from the servers', async () => {
    const file = join(dir, 'check.html');
    const result = await run(['evil', '+check', `--report=${file}`]);
    assertSafe(result, '+check --report', 3);
    assertSafePage(file, [REFUSING, MARKUP]);
  });
});

describe('+allns and +compare with hostile servers', { concurrency: true }, () => {
  test('text: one answer from the two that serve, the refusing one apart; all escaped', async () => {
    const result = await run(['evil', 'SOA', '+allns']);
    assertSafe(result, '+allns', 6);
    const lines = result.stdout.split('\n');
    assert.equal(lines[1], ';; 1 of 3 servers disagrees: 1 refused');
    assert.ok(
      lines.includes(`evil.\t\t\t3600\tIN\tSOA\t${TERMINAL} ${RNAME} 2024010101 7200 3600 1209600 300`),
      result.stdout,
    );
    assert.ok(lines.some((line) => line.startsWith(`;  ${REFUSING} (127.0.6.4#${evil.port})`)));
  });

  test('--table: safe', async () => {
    const result = await run(['evil', 'TXT', '+allns', '--table']);
    assertSafe(result, '+allns --table', 6);
    assert.ok(result.stdout.replace(/[│ \n]/g, '').includes('\\027[31m'));
  });

  test('--json: ASCII, schema-valid, TXT bytes and invalid UTF-8 in escapes, the server names escaped', async () => {
    const result = await run(['evil', 'TXT', '+allns', '--json']);
    assertSafe(result, '+allns --json', 6);
    const doc = parseJson(result.stdout) as {
      verdict: string;
      answers: Array<{ records: Array<{ rdataTXT: string }> }>;
      servers: Array<{ server: { address: string; name: string }; failure?: { kind: string } }>;
    };
    assert.equal(doc.verdict, 'disagree');
    const txt = doc.answers[0]?.records[0]?.rdataTXT ?? '';
    assert.ok(txt.includes('\\027\\028'), txt.slice(0, 100));
    assert.ok(txt.endsWith('\\251\\128\\226\\130" "<script>alert(1)</script>"'), txt.slice(-80));
    const names = Object.fromEntries(doc.servers.map((s) => [s.server.address, s.server.name]));
    assert.equal(names[EVIL_ADDR.ns1], TERMINAL);
    assert.equal(names[EVIL_ADDR.refusing], REFUSING);
    assert.equal(doc.servers.find((s) => s.server.address === EVIL_ADDR.refusing)?.failure?.kind, 'refused');
  });

  test('+compare of @servers with NSID: the NSID bytes escaped', async () => {
    const servers = [EVIL_ADDR.ns1, EVIL_ADDR.ns2, EVIL_ADDR.refusing].map((a) => `@${a}`);
    const result = await run([...servers, 'www.evil', 'TXT', '+compare', '+nsid']);
    assertSafe(result, '+compare +nsid', 6);
    assert.ok(
      result.stdout.includes('www.evil.\t\t3600\tIN\tTXT\t"\\027]0;pwned\\007\\226\\128\\174\\"\\\\"'),
      result.stdout,
    );
  });

  test('--graph=dot: Graphviz parses it; the servers named in escapes', async () => {
    const result = await run(['evil', 'TXT', '+allns', '--graph=dot']);
    assertSafe(result, '+allns --graph=dot', 6);
    const svg = await renderDot(result.stdout);
    const drawn = [...result.stdout.matchAll(/^\s*"([^"]+)" \[id=/gm)].map((m) => m[1]);
    const rendered = [...svg.matchAll(/<g id="([^"]+)" class="node/g)].map((m) => m[1]?.replaceAll('&#45;', '-'));
    assert.deepEqual(rendered.sort(), drawn.sort());
    assert.ok(svg.includes(xml(REFUSING)), 'the refusing server is named');
    assert.doesNotMatch(svg, /<script|<img/);
  });

  test('--report: a page with no markup from the servers', async () => {
    const file = join(dir, 'compare.html');
    const result = await run(['evil', 'TXT', '+allns', `--report=${file}`]);
    assertSafe(result, '+allns --report', 6);
    assertSafePage(file, [REFUSING]);
  });
});

describe('+explain of a hostile refusal', { concurrency: true }, () => {
  const explain = (extra: string[]) => run([`@${EVIL_ADDR.refusing}`, 'www.evil', '+explain', ...extra]);
  const CULPRIT = `;; EXPLAIN: ${REFUSING} (127.0.6.4) refuses queries for evil.`;

  test('text: the refusing server is the culprit; its EDE text and NSID in dig escapes', async () => {
    const result = await explain([]);
    assertSafe(result, '+explain', 0);
    const lines = result.stdout.split('\n');
    assert.ok(lines.includes(CULPRIT), result.stdout);
    assert.ok(
      lines.includes(
        ';; 127.0.6.4 said: REFUSED, EDE: 20 (Not Authoritative): (.[2J<script>alert(1)</script>"\\.....)',
      ),
    );
    assert.ok(lines.includes(`;;   ${MARKUP} (127.0.6.3) for evil.: answered`));
    assert.ok(lines.includes(`;;   ${REFUSING} (127.0.6.4) for evil.: REFUSED`));
  });

  test('+short: the culprit line', async () => {
    const result = await explain(['+short']);
    assertSafe(result, '+explain +short', 0);
    assert.equal(result.stdout, `${CULPRIT}\n`);
  });

  test('--table: safe', async () => {
    const result = await explain(['--table']);
    assertSafe(result, '+explain --table', 0);
  });

  test('+yaml: parses; the explanation is comments, escaped', async () => {
    const result = await explain(['+yaml']);
    assertSafe(result, '+explain +yaml', 0);
    assert.ok(parseYamlItems(result.stdout).length > 0);
    assert.ok(result.stdout.includes(`#   ${REFUSING} (127.0.6.4) for evil.: REFUSED`));
  });

  test('--json: ASCII, schema-valid, the culprit with its server escaped', async () => {
    const result = await explain(['--json']);
    assertSafe(result, '+explain --json', 0);
    const doc = parseJson(result.stdout) as {
      explanation: { failure: string; culprit: { kind: string; servers: string[] } };
    };
    assert.equal(doc.explanation.failure, 'refused');
    assert.equal(doc.explanation.culprit.kind, 'refused');
    assert.deepEqual(doc.explanation.culprit.servers, [`${REFUSING} (127.0.6.4)`]);
  });
});

describe('+watch of hostile records on a terminal', () => {
  test("the records and the status line: only tsdig's own line rewriting, the rest escaped", async () => {
    let written = '';
    const stdout = {
      isTTY: true,
      columns: 80,
      write: (text: string) => {
        written += text;
        return true;
      },
    };
    const result = await runMain(
      [
        `@${EVIL_ADDR.ns1}`,
        '-p',
        String(evil.port),
        'www.evil',
        'TXT',
        '+timeout=1',
        '+tries=1',
        '+watch=2',
        '+deadline=5',
      ],
      { io: { clock: virtualWatchClock(), stdout, isTTY: true, columns: 80 } },
    );
    assert.equal(result.code, 5, result.stderr);
    assertPrintable(result.stderr, 'stderr');
    assert.ok(written.includes('\r\x1b[K;; TTL '), 'the status line was drawn');
    assertPrintable(written.replaceAll('\r\x1b[K', ''), '+watch terminal');
    assert.ok(written.includes('+ www.evil.\t3600\tIN\tTXT\t"\\027]0;pwned\\007\\226\\128\\174\\"\\\\"\n'), written);
  });
});
