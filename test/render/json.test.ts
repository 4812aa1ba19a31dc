import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderJsonDocuments, lookupDocument, stringifyAscii, type JsonMeta } from '../../src/render/json.js';
import type { LookupResult } from '../../src/resolve/types.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { assertGolden } from './goldenFile.js';
import { allBytes, allBytesMessage, digStringText, resultOf, timeoutResult, viewCases } from './viewFixtures.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;
const meta = { version: '0.1.0-test' };

/** A lookup's JSON output as a run writes it: the lookup's document, printed as the run's one document. */
function jsonOutput(result: LookupResult, meta: JsonMeta): string {
  return renderJsonDocuments([lookupDocument(result, meta)], 'json');
}

function assertValid(json: string): unknown {
  assert.match(json, /^[\x20-\x7e\n]*$/, 'JSON output must be printable ASCII');
  const value = JSON.parse(json);
  assert.deepEqual(validateJson(value, schema), []);
  return value;
}

for (const [stem, result] of viewCases) {
  test(`json: ${stem} matches its golden file and the schema`, () => {
    const out = jsonOutput(result, meta);
    assertValid(out);
    assertGolden(`json/${stem}.json`, out);
  });
}

test('json: RFC 8427 names with real booleans, RCODEname and the wire ARCOUNT', () => {
  const doc = JSON.parse(jsonOutput(viewCases[0][1], meta));
  const msg = doc.message;
  assert.equal(doc.kind, 'lookup');
  assert.equal(doc.status, 'NOERROR');
  assert.deepEqual(doc.query, {
    name: 'example.com.',
    type: 'ANY',
    class: 'IN',
    server: { address: '127.0.0.1', port: 5300, protocol: 'udp' },
  });
  assert.equal(msg.AA, true);
  assert.equal(msg.TC, false);
  assert.equal(msg.RCODEname, 'NOERROR');
  assert.equal(msg.ARCOUNT, 3, 'two glue records plus OPT');
  const mx = msg.answerRRs.find((r: { TYPEname: string }) => r.TYPEname === 'MX');
  assert.equal(mx.rdataMX, '10 mail.example.com.');
  assert.deepEqual(mx.fields, { preference: 10, exchange: 'mail.example.com.' });
  assert.equal(mx.RDATAHEX, '000A046D61696C076578616D706C6503636F6D00');
  assert.equal(mx.RDLENGTH, 20);
  const unknown = msg.answerRRs.find((r: { TYPE: number }) => r.TYPE === 65280);
  assert.equal(unknown.rdataTYPE65280, '\\# 2 ABCD');
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: the fixture's RTT rounded to microseconds, not π
  assert.equal(doc.timing.rttMs, 3.142);
});

test('json: EDNS options carry hex and a decoded form for NSID, COOKIE, ECS and EDE', () => {
  const options = JSON.parse(jsonOutput(viewCases[0][1], meta)).message.EDNS.options;
  assert.deepEqual(options[0], {
    code: 3,
    name: 'NSID',
    hex: '6E73312E6C61621B5B324A',
    decoded: { text: 'ns1.lab\\027[2J' },
  });
  assert.deepEqual(options[1].decoded, { client: '0102030405060708', server: '1122334455667788' + '99AABBCCDDEEFF00' });
  assert.deepEqual(options[2].decoded, { family: 1, sourcePrefix: 24, scopePrefix: 24, address: '192.0.2.0' });
  assert.deepEqual(options[3].decoded, {
    infoCode: 18,
    infoCodeName: 'Prohibited',
    extraText: 'blocked \\u{202E}by policy',
  });
  assert.deepEqual(options[4], { code: 65001, name: 'OPT65001', hex: 'DEAD' });
});

test('json: the all-bytes TXT record comes out exactly escaped, in rdataTXT, fields and RDATAHEX', () => {
  const doc = JSON.parse(jsonOutput(resultOf(allBytesMessage), meta));
  const txt = doc.message.answerRRs[0];
  const first = digStringText(allBytes.subarray(0, 255));
  assert.equal(txt.rdataTXT, `"${first}" "\\255"`);
  assert.ok(txt.rdataTXT.includes('\\000\\001') && txt.rdataTXT.includes(' !\\"#') && txt.rdataTXT.includes('[\\\\]'));
  assert.deepEqual(txt.fields.strings, [first, '\\255']);
  assert.equal(txt.RDATAHEX.length, 2 * 258);
  assert.equal(txt.NAME, 'tab\\009and\\.dot\\027[31m.example.com.');
});

test('json: a failed lookup is still a valid document with an error and no message', () => {
  const doc = assertValid(jsonOutput(timeoutResult, meta)) as Record<string, unknown>;
  assert.equal(doc.status, 'ERROR');
  assert.deepEqual(doc.error, { code: 'transport.timeout', message: 'no servers could be reached' });
  assert.equal(doc.message, undefined);
  assert.equal((doc.query as Record<string, unknown>).server, undefined);
  const withServer = JSON.parse(
    jsonOutput(timeoutResult, { ...meta, server: { address: '::1', port: 53 }, protocol: 'tcp' }),
  );
  assert.deepEqual(withServer.query.server, { address: '::1', port: 53, protocol: 'tcp' });
});

test('json: several documents are one array, or one line each with ndjson', () => {
  const docs = viewCases.map(([, result]) => lookupDocument(result, meta));
  const array = renderJsonDocuments(docs, 'json');
  const parsed = assertValid(array) as unknown[];
  assert.equal(parsed.length, viewCases.length);
  const lines = renderJsonDocuments(docs, 'ndjson').split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, viewCases.length);
  for (const line of lines) assert.deepEqual(validateJson(JSON.parse(line), { $ref: '#/$defs/document' }, schema), []);
  assert.deepEqual(JSON.parse(renderJsonDocuments([docs[1]], 'json')), JSON.parse(lines[1]));
});

test('json: output is ASCII even for non-ASCII and unsafe strings, and round-trips', () => {
  const value = { s: 'caf\u00e9 \u{1F600} \u2028 \u202e \u007f \u0000 \ud800' };
  const text = stringifyAscii(value);
  assert.match(text, /^[\x20-\x7e]*$/);
  assert.equal(JSON.parse(text).s, 'caf\u00e9 \u{1F600} \u2028 \\u{202E} \\127 \\000 \\u{D800}');
});

test('json: the schema rejects what it should (the validator is not a no-op)', () => {
  const doc = JSON.parse(jsonOutput(viewCases[1][1], meta));
  const broken = structuredClone(doc);
  broken.message.AA = 1;
  delete broken.message.answerRRs;
  broken.message.authorityRRs[0].rdataSoa = 'x';
  broken.message.authorityRRs[0].RDATAHEX = 'abc';
  const errors = validateJson(broken, schema);
  assert.ok(
    errors.some((e) => e.includes('$.message.AA: expected boolean')),
    errors.join('\n'),
  );
  assert.ok(errors.some((e) => e.includes('missing answerRRs')));
  assert.ok(errors.some((e) => e.includes('rdataSoa')));
  assert.ok(errors.some((e) => e.includes('RDATAHEX')));
  assert.notDeepEqual(validateJson({ ...doc, status: 'MAYBE' }, schema), []);
  assert.notDeepEqual(validateJson({ ...doc, extra: 1 }, schema), []);
});
