/** Golden-file comparison for the view tests: files under test/golden/, rewritten only with UPDATE_GOLDEN=1. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

/** test/golden/ in the source tree (the tests run from dist/test/...). */
const GOLDEN_ROOT = fileURLToPath(new URL('../../../test/golden/', import.meta.url));

/** Asserts that `actual` equals the golden file `relativePath`, or rewrites it when UPDATE_GOLDEN=1. */
export function assertGolden(relativePath: string, actual: string): void {
  const path = GOLDEN_ROOT + relativePath;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(path, 'utf8');
  } catch {
    assert.fail(`golden file ${relativePath} is missing; run with UPDATE_GOLDEN=1 to create it`);
  }
  assert.equal(actual, expected, `output differs from ${relativePath} (UPDATE_GOLDEN=1 rewrites it)`);
}
