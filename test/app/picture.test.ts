/**
 * The picture step of a finished trace (src/app/picture.ts): the graph as the JSON document's `graph`
 * member (golden, schema-valid), in place of the text on stdout, into --graph-out, and the report file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pictureView, withPicture } from '../../src/app/picture.js';
import { parseArgs } from '../../src/cli/parseArgs.js';
import { stringifyAscii } from '../../src/render/json.js';
import { traceDocument } from '../../src/render/jsonTrace.js';
import { assertGolden } from '../render/goldenFile.js';
import { GRAPH_CASES, runGraphCase } from '../render/graph/graphCases.js';
import { parseSvg } from '../render/graph/svgDocument.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;
const dir = mkdtempSync(join(tmpdir(), 'tsdig-picture-'));

async function signedCase(stem: string) {
  const item = GRAPH_CASES.find((c) => c.stem === stem);
  assert.ok(item);
  return runGraphCase(item, undefined);
}

function optionsOf(argv: string[]) {
  const parsed = parseArgs(argv);
  assert.equal(parsed.kind, 'run');
  return parsed.options;
}

test('picture --json --graph: the trace document gains a graph member, golden and schema-valid', async () => {
  const { result, dnssec } = await signedCase('insecure-optout');
  const json = traceDocument(result, { version: '0.1.0-test' }, dnssec);
  const picture = await pictureView(optionsOf(['www.ins.sec.', '+trace', '+validate', '--json', '--graph=dot']), true);
  assert.equal(picture.onStdout, false);
  const outcome = await withPicture({ text: '', json, failed: false }, result, picture, [], dnssec);
  const doc = outcome.json as Record<string, unknown>;
  assert.deepEqual(validateJson(doc, schema), []);
  const text = `${stringifyAscii(doc.graph, 2)}\n`;
  assert.match(text, /^[\x20-\x7e\n]*$/);
  assertGolden('json/trace-graph-optout.json', text);
  assert.equal((doc.graph as { verdict: { status: string } }).verdict.status, 'insecure');
});

test('picture: --json without --graph (only --report) leaves the document as it was', async () => {
  const { result, dnssec } = await signedCase('signed');
  const json = traceDocument(result, { version: '0.1.0-test' }, dnssec);
  const report = join(dir, 'only-report.html');
  const picture = await pictureView(optionsOf(['x.', '+trace', '--json', `--report=${report}`]), true);
  const outcome = await withPicture({ text: '', json, failed: false }, result, picture, ['x.'], dnssec);
  assert.equal((outcome.json as Record<string, unknown>).graph, undefined);
  assert.match(readFileSync(report, 'utf8'), /^<!DOCTYPE html>/);
});

test('picture --graph=dot on stdout: the DOT text replaces the trace text', async () => {
  const { result, dnssec } = await signedCase('signed');
  const picture = await pictureView(optionsOf(['x.', '+trace', '--graph=dot']), false);
  assert.equal(picture.onStdout, true);
  const outcome = await withPicture({ text: ';; trace text\n', failed: false }, result, picture, [], dnssec);
  assert.match(outcome.text, /^digraph "tsdig" \{\n/);
  assert.match(outcome.text, /\}\n$/);
});

test('picture --graph=svg --graph-out FILE: the SVG goes to the file, the text stays on stdout', async () => {
  const { result, dnssec } = await signedCase('signed');
  const file = join(dir, 'chain.svg');
  const picture = await pictureView(optionsOf(['x.', '+trace', '--graph=svg', `--graph-out=${file}`]), false);
  const outcome = await withPicture({ text: ';; trace text\n', failed: false }, result, picture, [], dnssec);
  assert.equal(outcome.text, ';; trace text\n');
  const doc = parseSvg(readFileSync(file, 'utf8'));
  assert.ok(doc.nodes.get('verdict0'));
});

test('picture --graph-out FILE.dot without --graph: the format comes from the name', async () => {
  const { result } = await signedCase('signed');
  const file = join(dir, 'walk.dot');
  const picture = await pictureView(optionsOf(['x.', '+trace', `--graph-out=${file}`]), false);
  assert.equal(picture.graph, 'dot');
  await withPicture({ text: '', failed: false }, result, picture, []);
  assert.match(readFileSync(file, 'utf8'), /^digraph /);
});

test('pictureView: a file in a folder that does not exist is bad input, found before the trace', async () => {
  await assert.rejects(
    pictureView(optionsOf(['x.', '+trace', `--report=${join(dir, 'missing', 'r.html')}`]), false),
    (error: Error & { code?: string }) =>
      error.code === 'input.output' && /couldn't write --report file '.*r\.html': ENOENT/.test(error.message),
  );
});
