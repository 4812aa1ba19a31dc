/**
 * Zone transfers through the CLI: batch lines that are transfers (-f), one after another in order,
 * and the JSON views of a transfer (one document, or one line each with --ndjson).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAgainst } from '../hostile/cli.js';
import { TWO_MESSAGE_AXFR } from '../fixtures/packets/transfer.js';
import { repoRoot } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import type { HostileAction } from '../support/hostileServer.js';

const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;
const ZONE: HostileAction = { replies: TWO_MESSAGE_AXFR.map((bytes) => ({ bytes })) };

test('-f: transfer lines run in order, each in its own layout', async () => {
  const run = await runAgainst([ZONE], ['-f', '-', '+timeout=2', '+tries=1'], {
    stdin: 'example.test AXFR\nexample.test AXFR +short\n',
  });
  assert.equal(run.code, 0);
  const [first, second] = run.stdout.split(';; XFR size: 4 records (messages 2, ');
  assert.match(
    first,
    /^example\.test\.\t+3600\tIN\tSOA\tns1\.example\.test\. hostmaster\.example\.test\. 5 7200 3600 1209600 300$/m,
  );
  assert.equal(
    second.split('\n').slice(2).join('\n'),
    'ns1.example.test. hostmaster.example.test. 5 7200 3600 1209600 300\n192.0.2.1\n192.0.2.2\nns1.example.test. hostmaster.example.test. 5 7200 3600 1209600 300\n',
  );
  assert.equal(run.server.count(), 2);
});

test('--json: one transfer document with every record; --ndjson: one line per transfer', async () => {
  const json = await runAgainst([ZONE], ['example.test', 'AXFR', '+timeout=2', '+tries=1', '--json']);
  const doc = JSON.parse(json.stdout) as {
    kind: string;
    records: Array<{ NAME: string }>;
    size: { records: number; messages: number };
    outcome: string;
  };
  assert.deepEqual(validateJson(doc, schema), []);
  assert.deepEqual(
    [doc.kind, doc.outcome, doc.size.records, doc.size.messages, doc.records.length],
    ['transfer', 'complete', 4, 2, 4],
  );
  const ndjson = await runAgainst([ZONE], ['-f', '-', '+timeout=2', '+tries=1', '--ndjson'], {
    stdin: 'example.test AXFR\nexample.test AXFR\n',
  });
  const lines = ndjson.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  for (const line of lines) assert.deepEqual(validateJson(JSON.parse(line), schema), []);
});

test('--json with two transfers: one array of two documents', async () => {
  const run = await runAgainst(
    [ZONE],
    ['example.test', 'AXFR', 'example.test', 'AXFR', '+timeout=2', '+tries=1', '--json'],
  );
  const docs = JSON.parse(run.stdout) as unknown[];
  assert.equal(docs.length, 2);
  assert.deepEqual(validateJson(docs, schema), []);
});
