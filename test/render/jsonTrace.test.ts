import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderJsonDocuments, type JsonMeta } from '../../src/render/json.js';
import { outcomeJson, traceDocument } from '../../src/render/jsonTrace.js';
import { trace } from '../../src/resolve/trace.js';
import type { TraceResult } from '../../src/resolve/traceTypes.js';
import { RRType } from '../../src/wire/rrtypes.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { testDeps, testSettings } from '../resolve/traceFixture.js';
import { tracedOnHandMadeReplies } from './traceFixtures.js';
import { assertGolden } from './goldenFile.js';
import { recordFromWire } from '../support/records.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;
const meta = { version: '0.1.0-test' };

/** A trace's JSON output as a run writes it: the trace's document, printed as the run's one document. */
function traceJsonOutput(result: TraceResult, meta: JsonMeta): string {
  return renderJsonDocuments([traceDocument(result, meta)], 'json');
}

function assertValid(json: string): Record<string, unknown> {
  assert.match(json, /^[\x20-\x7e\n]*$/, 'JSON output must be printable ASCII');
  const value = JSON.parse(json);
  assert.deepEqual(validateJson(value, schema), []);
  return value;
}

test('trace json: a walk from the start server to the answer, golden and schema-valid', async () => {
  const out = traceJsonOutput(await tracedOnHandMadeReplies('www.example.test.'), meta);
  const doc = assertValid(out) as { hops: Array<Record<string, any>>; status: string; final: { kind: string } };
  assertGolden('json/trace-answer.json', out);
  assert.equal(doc.status, 'NOERROR');
  assert.deepEqual(
    doc.hops.map((h) => [h.zone, h.outcome.kind]),
    [
      ['.', 'rootServers'],
      ['.', 'referral'],
      ['test.', 'referral'],
      ['example.test.', 'answer'],
    ],
  );
  const last = doc.hops[3];
  assert.equal(last.servers[0].name, 'ns1.example.test.');
  assert.equal(last.servers[0].outcome, 'accepted');
  assert.equal(last.message.AA, true);
  assert.equal(last.outcome.records[0].rdataA, '192.0.2.1');
  assert.equal(doc.final.kind, 'answer');
});

test('trace json: NXDOMAIN at the end of the walk', async () => {
  const out = traceJsonOutput(await tracedOnHandMadeReplies('nope.example.test.'), meta);
  const doc = assertValid(out) as { status: string; final: { kind: string } };
  assertGolden('json/trace-nxdomain.json', out);
  assert.equal(doc.status, 'NXDOMAIN');
  assert.equal(doc.final.kind, 'nxdomain');
});

test('trace json: YXDOMAIN from the zone whose DNAME makes the name too long (RFC 6672 2.2), golden and schema-valid', async () => {
  const out = traceJsonOutput(await tracedOnHandMadeReplies('www.d.example.test.'), meta);
  const doc = assertValid(out) as {
    status: string;
    error?: unknown;
    final: Record<string, any>;
    hops: Array<Record<string, any>>;
  };
  assertGolden('json/trace-yxdomain.json', out);
  assert.equal(doc.status, 'YXDOMAIN');
  assert.equal(doc.error, undefined);
  assert.deepEqual(
    [doc.final.kind, doc.final.name, doc.final.octets, doc.final.dname.NAME, doc.final.dname.TYPEname],
    ['yxdomain', 'www.d.example.test.', 257, 'd.example.test.', 'DNAME'],
  );
  assert.deepEqual(doc.hops.at(-1)?.outcome, doc.final);
});

test('trace json: a failed trace still gives a valid document with error', async () => {
  const { deps } = testDeps();
  const result = await trace({ name: 'www.dead.test.', type: RRType.A, class: 1 }, testSettings(), deps);
  assert.ok(result.error, 'the fake dead.test. zone has only silent servers');
  const doc = assertValid(traceJsonOutput(result, meta));
  assert.equal(doc.status, 'ERROR');
  assert.deepEqual(Object.keys(doc.error as object), ['code', 'message']);
});

test('trace json: lookups and traces mix in one array, and in ndjson', async () => {
  const docs = [traceDocument(await tracedOnHandMadeReplies('www.example.test.'), meta)];
  assert.deepEqual(validateJson(JSON.parse(renderJsonDocuments([docs[0], docs[0]], 'json')), schema), []);
  assert.equal(renderJsonDocuments(docs, 'ndjson').split('\n').length, 2);
});

test('trace json: every outcome kind the classifier and the trace produce fits the schema', () => {
  const record = recordFromWire('a.test.', 1, Uint8Array.of(1, 2, 3, 4), 1, 1);
  const outcomes = [
    { kind: 'answer', name: 'a.test.', records: [record], chain: [] },
    { kind: 'cname', target: 'b.test.', chain: [record] },
    { kind: 'referral', zone: 'test.', nsNames: ['ns.test.'], glue: [record], ignoredGlue: [] },
    { kind: 'nxdomain', name: 'a.test.', chain: [], soa: record },
    { kind: 'nodata', name: 'a.test.', chain: [] },
    { kind: 'yxdomain', name: 'a.d.test.', dname: record, octets: 256, chain: [record], soa: record },
    { kind: 'lame', reason: 'no aa flag' },
    { kind: 'misbehaving', reason: 'YXDOMAIN without a DNAME that makes a.test. longer than 255 octets' },
    { kind: 'badReferral', zone: '.', direction: 'upward' },
    { kind: 'refused' },
    { kind: 'servfail' },
    { kind: 'otherRcode', rcode: 4 },
    { kind: 'rootServers', source: 'builtin', servers: [{ name: 'a.root.test.', addresses: ['127.0.0.1'] }] },
    { kind: 'allFailed', message: 'no server answered' },
    { kind: 'limit', code: 'trace.limit.queries', message: 'too many queries' },
  ] as const;
  for (const outcome of outcomes) {
    const json = outcomeJson(outcome as Parameters<typeof outcomeJson>[0]);
    assert.deepEqual(validateJson(json, { $ref: '#/$defs/outcome' }, schema), [], outcome.kind);
  }
  assert.equal(outcomeJson({ kind: 'otherRcode', rcode: 4 }).rcodeName, 'NOTIMP');
  assert.notDeepEqual(validateJson({ kind: 'lame' }, { $ref: '#/$defs/outcome' }, schema), []);
});
