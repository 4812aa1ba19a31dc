/**
 * Reading +yaml output in tests with the `yaml` package, strictly: any error or warning (an unknown
 * tag, a duplicate key, text that is not YAML) fails, so "it parsed" means dig's layout held.
 */
import { parseDocument } from 'yaml';

/** One item of the top-level list: a MESSAGE or a DIG_ERROR, as plain data (timestamps as Dates). */
export type YamlItem = Record<string, unknown>;

/** Parses +yaml output into its list of items; throws with the parser's own message on anything invalid. */
export function parseYamlItems(text: string): YamlItem[] {
  if (text.trim() === '') return [];
  const document = parseDocument(text, { customTags: ['timestamp'], uniqueKeys: true, prettyErrors: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) throw new Error(`not valid YAML: ${problems.map((p) => p.message).join('; ')}`);
  const items = document.toJS({ maxAliasCount: 0 }) as unknown;
  if (!Array.isArray(items)) throw new Error('the +yaml output is not a list');
  return items as YamlItem[];
}

/** The member at `path` of an item (`['message', 'response_message_data', 'status']`), or undefined. */
export function member(item: unknown, path: readonly string[]): unknown {
  let at = item;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
