/**
 * The library's check, compare and explain calls against the hostile hierarchy (hostileHierarchy.ts):
 * each document is schema-valid and every string in it is safe to print as it is (hostile bytes in
 * dig's escapes), the same promise the CLI's --json makes, for a consumer that prints a field.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { check, compare, explain } from '../../src/api/index.js';
import { assertSchemaValid } from '../support/schemaValid.js';
import { assertPrintable } from './cli.js';
import { EVIL_ADDR, EVIL_ROOT_HINTS, startEvilHierarchy, type EvilHierarchy } from './hostileHierarchy.js';

let evil: EvilHierarchy;
const hints = join(mkdtempSync(join(tmpdir(), 'tsdig-evil-api-')), 'root.hints');
before(async () => {
  evil = await startEvilHierarchy();
  writeFileSync(hints, EVIL_ROOT_HINTS);
});
after(() => evil?.close());

const common = () => `-p ${evil.port} --root-hints=${hints} +timeout=1 +tries=1`;

/** Every string in `value` (keys too), with the path to it. */
function strings(value: unknown, path = '$'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => [
      [`${path} key`, key] as [string, string],
      ...strings(item, `${path}.${key}`),
    ]);
  return [];
}

/** Schema-valid, every string printable; returns how many strings were looked at. */
function assertSafeDocument(doc: unknown): number {
  assertSchemaValid(doc);
  const all = strings(doc);
  for (const [path, text] of all) assertPrintable(text, path);
  return all.length;
}

test('check: the document of a hostile zone is safe in every string', async () => {
  const doc = await check(`evil ${common()}`);
  assert.ok(assertSafeDocument(doc) > 100);
  assert.equal(doc.status, 'error');
  assert.ok(JSON.stringify(doc).includes('r\\\\027[31m\\\\194\\\\133\\\\226\\\\128\\\\174.evil.'));
});

test('compare: NSID, TXT and names from hostile servers are safe in every string', async () => {
  const servers = [EVIL_ADDR.ns1, EVIL_ADDR.ns2, EVIL_ADDR.refusing].map((a) => `@${a}`).join(' ');
  const doc = await compare(`${servers} evil TXT +nsid ${common()}`);
  assert.ok(assertSafeDocument(doc) > 20);
  assert.equal(doc.verdict, 'disagree');
});

test('explain: the EDE text and the culprit from a hostile refusal are safe in every string', async () => {
  const doc = await explain(`@${EVIL_ADDR.refusing} www.evil ${common()}`);
  assertSafeDocument(doc);
  assert.equal(doc.explanation?.culprit.kind, 'refused');
});
