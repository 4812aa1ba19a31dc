/** The published JSON schema, and an assertion that a document matches it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type Schema, validateJson } from './jsonSchema.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;

/** Asserts that `value` (a document or an array of them) is valid against schema/tsdig.schema.json. */
export function assertSchemaValid(value: unknown): void {
  assert.deepEqual(validateJson(value, schema), []);
}
