import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { ADDR } from '../support/hierarchyZones.js';
import { repoRoot, runMain } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';

const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema/tsdig.schema.json'), 'utf8')) as Schema;
let h: Hierarchy;

before(async () => {
  h = await startHierarchy();
});
after(async () => {
  await h?.close();
});

function parseValid(text: string): unknown {
  assert.match(text, /^[\x00-\x7f]*$/, 'JSON output is ASCII-only');
  const value = JSON.parse(text);
  assert.deepEqual(validateJson(value, schema), []);
  return value;
}

test('--json: one document, valid against the schema, with RFC 8427 members', async () => {
  const r = await runMain([`@${ADDR.example}`, '-p', String(h.port), 'example.test', 'MX', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = parseValid(r.stdout) as any;
  assert.equal(doc.kind, 'lookup');
  assert.equal(doc.status, 'NOERROR');
  assert.equal(doc.message.AA, true);
  assert.deepEqual(
    doc.message.answerRRs.map((rr: any) => rr.rdataMX),
    ['10 mail.example.test.'],
  );
  assert.equal(doc.query.server.address, ADDR.example);
});

test('--json: several queries give one array; a failed one still has a document and exit 9', async () => {
  // Each query names its own server: an @server before the first name would head every query's list.
  const r = await runMain([
    '-p',
    String(h.port),
    'example.test',
    'A',
    `@${ADDR.example}`,
    'silent.example.test',
    `@${ADDR.silent}`,
    '+timeout=1',
    '+tries=1',
    '--json',
  ]);
  assert.equal(r.code, 9);
  const docs = parseValid(r.stdout) as any[];
  assert.equal(docs.length, 2);
  assert.equal(docs[0].status, 'NOERROR');
  assert.equal(docs[1].status, 'ERROR');
  assert.equal(typeof docs[1].error.message, 'string');
});

test('--ndjson: one valid document per line', async () => {
  const r = await runMain([`@${ADDR.example}`, '-p', String(h.port), 'example.test', 'mail.example.test', '--ndjson']);
  assert.equal(r.code, 0);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  lines.forEach(parseValid);
});

test('--json +trace: a trace document with hops, valid against the schema', async () => {
  const r = await runMain([`@${ADDR.root}`, '-p', String(h.port), 'mail.example.test', '+trace', '--json']);
  assert.equal(r.code, 0, r.stdout);
  const doc = parseValid(r.stdout) as any;
  assert.equal(doc.kind, 'trace');
  assert.ok(doc.hops.length >= 3);
  assert.deepEqual(doc.hops.map((hop: any) => hop.zone).slice(-2), ['test.', 'example.test.']);
});

test('--table: the records in a table under the header facts', async () => {
  const r = await runMain([`@${ADDR.example}`, '-p', String(h.port), 'example.test', 'MX', '--table']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^example\.test\. IN MX: NOERROR, authoritative\n/);
  assert.match(r.stdout, /│ example\.test\. │ 3600 \(1h\) │ IN +│ MX +│ 10 mail\.example\.test\. │/);
  for (const line of r.stdout.split('\n')) assert.ok([...line].length <= 80, `fits 80 columns: ${line}`);
});

test('@hostname is resolved by the host resolver seam, and -4 keeps only IPv4 addresses', async () => {
  const asked: string[] = [];
  const r = await runMain(['@ns.local', '-4', '-p', String(h.port), 'example.test', '+short'], {
    io: {
      resolveHost: async (name: string) => {
        asked.push(name);
        return ['::1', ADDR.example];
      },
    },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(asked, ['ns.local']);
  assert.match(r.stdout, /^192\.0\.2\.\d+\n$/);
});

test('-6 with only an IPv4 server is an input error: exit 1, nothing sent', async () => {
  const before = h.counts();
  const r = await runMain([`@${ADDR.example}`, '-6', '-p', String(h.port), 'example.test']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').length, 2);
  assert.deepEqual(h.counts(), before);
});

test('valid A-labels are shown in Unicode on a terminal, or anywhere with +idnout; +noidnout keeps them', async () => {
  const server = await (await import('../support/zoneServer.js')).startZoneServer({
    address: '127.0.0.1',
    zones: [
      { origin: 'xn--caf-dma.test.', records: [{ name: 'xn--caf-dma.test.', type: 'A', ttl: 60, data: '192.0.2.7' }] },
    ],
  });
  try {
    const args = ['@127.0.0.1', '-p', String(server.port), 'café.test', '+noall', '+answer'];
    const tty = await runMain(args, { io: { isTTY: true }, env: { NO_COLOR: '1' } });
    assert.equal(tty.stdout, 'café.test.\t\t60\tIN\tA\t192.0.2.7\n');
    const pipe = await runMain(args);
    assert.equal(pipe.stdout, 'xn--caf-dma.test.\t60\tIN\tA\t192.0.2.7\n');
    const off = await runMain([...args, '+noidnout'], { io: { isTTY: true }, env: { NO_COLOR: '1' } });
    assert.equal(off.stdout, 'xn--caf-dma.test.\t60\tIN\tA\t192.0.2.7\n');
    // An explicit +idnout applies off a terminal too, as dig's does; only the default depends on the terminal.
    const asked = await runMain([...args, '+idnout']);
    assert.equal(asked.stdout, 'café.test.\t\t60\tIN\tA\t192.0.2.7\n');
  } finally {
    await server.close();
  }
});

test('--table: each event is shown once', async () => {
  const r = await runMain([
    `@${ADDR.silent}`,
    '-p',
    String(h.port),
    'www.silent.test',
    '+timeout=1',
    '+tries=1',
    '--table',
  ]);
  assert.equal(r.code, 9);
  const line = `communications error to ${ADDR.silent}#${h.port}: timed out`;
  assert.equal(r.stdout.split(line).length - 1, 1, r.stdout);
});

test('--json with bad input: one line on stderr, exit 1, and an error document on stdout', async () => {
  const before = h.counts();
  const r = await runMain([`@${ADDR.example}`, '-p', String(h.port), 'a..b.example.test', '--json']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^tsdig: 'a\.\.b\.example\.test' is not a legal name \(empty label\)\n$/);
  const doc = parseValid(r.stdout) as any;
  assert.deepEqual([doc.kind, doc.status, doc.error.code], ['error', 'ERROR', 'input.name']);
  assert.deepEqual(h.counts(), before);
  const flag = await runMain(['--bogus', '--ndjson']);
  assert.equal(flag.code, 1);
  assert.equal((parseValid(flag.stdout.trimEnd()) as any).kind, 'error');
  const batch = await runMain(['-f', '/nonexistent/batch.txt', '--json']);
  assert.equal(batch.code, 8);
  assert.equal((parseValid(batch.stdout) as any).error.code, 'input.batchfile');
});
