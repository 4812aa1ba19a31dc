/**
 * A validator for the part of JSON Schema (draft 2020-12) that schema/tsdig.schema.json uses:
 * type, const, enum, properties, required, additionalProperties, patternProperties, items, minItems,
 * oneOf, anyOf, $ref (local, '#/$defs/...'), pattern, minimum, maximum. Any other keyword is an error, so the
 * schema cannot quietly rely on something this validator ignores.
 */

/** A schema node (boolean schemas included). */
export type Schema = boolean | { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', '$defs', 'title', 'description', 'examples']);
const CHECKED = new Set([
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'items',
  'minItems',
  'oneOf',
  'anyOf',
  '$ref',
  'pattern',
  'minimum',
  'maximum',
]);

/** Validates `value` against `schema` (resolving $ref in `root`); returns one line per problem, empty when valid. */
export function validateJson(value: unknown, schema: Schema, root: Schema = schema): string[] {
  return check(value, schema, root, '$');
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  return typeOf(value) === type;
}

function resolveRef(ref: string, root: Schema): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = (node as Record<string, unknown>)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return node as Schema;
}

function check(value: unknown, schema: Schema, root: Schema, path: string): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !CHECKED.has(keyword))
      throw new Error(`unsupported keyword ${keyword} at ${path}`);
  }
  const errors: string[] = [];
  if (typeof schema.$ref === 'string') errors.push(...check(value, resolveRef(schema.$ref, root), root, path));
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => hasType(value, t)))
      return [...errors, `${path}: expected ${types.join('|')}, got ${typeOf(value)}`];
  }
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) {
    errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) errors.push(...checkArray(value, schema, root, path));
  if (typeOf(value) === 'object') errors.push(...checkObject(value as Record<string, unknown>, schema, root, path));
  if (Array.isArray(schema.anyOf)) {
    const results = schema.anyOf.map((s: Schema) => check(value, s, root, path));
    // Report every branch's problems: the right branch is usually obvious to the reader, not to the validator.
    if (!results.some((r) => r.length === 0)) errors.push(`${path}: matches none of anyOf`, ...results.flat());
  }
  if (Array.isArray(schema.oneOf)) {
    const results = schema.oneOf.map((s: Schema) => check(value, s, root, path));
    const matching = results.filter((r) => r.length === 0).length;
    if (matching !== 1) errors.push(`${path}: matches ${matching} of oneOf`, ...results.flat());
  }
  return errors;
}

function checkArray(value: unknown[], schema: { [k: string]: unknown }, root: Schema, path: string): string[] {
  const errors: string[] = [];
  if (typeof schema.minItems === 'number' && value.length < schema.minItems)
    errors.push(`${path}: fewer than ${schema.minItems} items`);
  if (schema.items !== undefined) {
    for (const [i, item] of value.entries()) errors.push(...check(item, schema.items as Schema, root, `${path}[${i}]`));
  }
  return errors;
}

function checkObject(
  value: Record<string, unknown>,
  schema: { [k: string]: unknown },
  root: Schema,
  path: string,
): string[] {
  const errors: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>).map(
    ([p, s]) => [new RegExp(p, 'u'), s] as const,
  );
  for (const name of (schema.required ?? []) as string[]) {
    if (!Object.hasOwn(value, name)) errors.push(`${path}: missing ${name}`);
  }
  for (const [name, member] of Object.entries(value)) {
    const where = `${path}.${name}`;
    let known = false;
    if (Object.hasOwn(properties, name)) {
      known = true;
      errors.push(...check(member, properties[name], root, where));
    }
    for (const [regex, s] of patterns) {
      if (!regex.test(name)) continue;
      known = true;
      errors.push(...check(member, s, root, where));
    }
    if (!known && schema.additionalProperties !== undefined) {
      errors.push(...check(member, schema.additionalProperties as Schema, root, where));
    }
  }
  return errors;
}
