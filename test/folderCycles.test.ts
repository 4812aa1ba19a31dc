/**
 * The folders of src/ form layers: no folder imports, directly or through others, a folder that
 * imports it back. Type-only and lazy (`await import`) imports count too: a cycle of types is a
 * cycle of ideas. Each file directly in src/ (main.ts, errors.ts, version.ts) is its own node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every .ts file under `dir`, as a path relative to `base` with forward slashes. */
function tsFiles(base: string, dir = base): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(base, path);
    return entry.name.endsWith('.ts') ? [relative(base, path).split(sep).join('/')] : [];
  });
}

/** The node a file belongs to: its first folder under src/, or the file itself when it sits in src/. */
function nodeOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? file : file.slice(0, slash);
}

/** One import that crosses from one node to another. */
interface Edge {
  from: string;
  to: string;
  /** `file -> specifier`, to name the culprit in a failure. */
  via: string;
}

/** The node-to-node imports of `sources` (path relative to src/ -> text); imports of packages are left out. */
function folderEdges(sources: ReadonlyMap<string, string>): Edge[] {
  const edges: Edge[] = [];
  for (const [file, text] of sources) {
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), fileName));
      if (target.startsWith('..')) continue;
      const from = nodeOf(file);
      const to = nodeOf(target.replace(/\.js$/, '.ts'));
      if (from !== to) edges.push({ from, to, via: `${file} -> ${fileName}` });
    }
  }
  return edges;
}

/** A cycle among the nodes as the list of edges that close it, or undefined when the graph has none. */
function findCycle(edges: readonly Edge[]): Edge[] | undefined {
  const out = new Map<string, Edge[]>();
  for (const edge of edges) {
    const list = out.get(edge.from) ?? [];
    if (!list.some((e) => e.to === edge.to)) list.push(edge);
    out.set(edge.from, list);
  }
  const done = new Set<string>();
  const path: Edge[] = [];
  const onPath = new Set<string>();
  const visit = (node: string): Edge[] | undefined => {
    if (done.has(node)) return undefined;
    onPath.add(node);
    for (const edge of out.get(node) ?? []) {
      if (onPath.has(edge.to)) {
        const start = path.findIndex((e) => e.from === edge.to);
        return [...path.slice(start < 0 ? path.length : start), edge];
      }
      path.push(edge);
      const found = visit(edge.to);
      if (found) return found;
      path.pop();
    }
    onPath.delete(node);
    done.add(node);
    return undefined;
  };
  for (const node of out.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

function srcSources(): Map<string, string> {
  const src = join(root, 'src');
  return new Map(tsFiles(src).map((file) => [file, readFileSync(join(src, file), 'utf8')]));
}

test('no import cycle among the folders of src/', () => {
  const sources = srcSources();
  assert.ok(sources.size > 50, `found only ${sources.size} files under ${root}src`);
  const edges = folderEdges(sources);
  // The layers the architecture rests on are there to be checked: the app uses resolve, resolve uses wire.
  assert.ok(edges.some((e) => e.from === 'app' && e.to === 'resolve'));
  assert.ok(edges.some((e) => e.from === 'resolve' && e.to === 'wire'));
  const cycle = findCycle(edges);
  assert.equal(cycle, undefined, `folder cycle: ${cycle?.map((e) => `${e.from} -> ${e.to} (${e.via})`).join(', ')}`);
});

test('a folder cycle is found, through a lazy import, a type import and a file in src/ itself', () => {
  const sources = new Map([
    ['cli/parse.ts', "import { plan } from '../plan/plan.js';\n"],
    ['plan/plan.ts', "import type { Conf } from '../system/conf.js';\n"],
    ['system/conf.ts', "export async function f() { return import('../cli/words.js'); }\n"],
    ['cli/words.ts', "import { VERSION } from '../version.js';\nimport chalk from 'chalk';\n"],
    ['version.ts', 'export const VERSION = 1;\n'],
  ]);
  const edges = folderEdges(sources);
  assert.deepEqual(
    edges.map((e) => `${e.from} -> ${e.to}`),
    ['cli -> plan', 'plan -> system', 'system -> cli', 'cli -> version.ts'],
  );
  assert.deepEqual(
    findCycle(edges)?.map((e) => e.via),
    ['cli/parse.ts -> ../plan/plan.js', 'plan/plan.ts -> ../system/conf.js', 'system/conf.ts -> ../cli/words.js'],
  );
  assert.equal(findCycle(edges.filter((e) => e.from !== 'system')), undefined);
});

test('the files of a folder importing each other is no cycle', () => {
  const sources = new Map([
    ['wire/a.ts', "import { b } from './b.js';\n"],
    ['wire/b.ts', "import { a } from './a.js';\n"],
  ]);
  assert.deepEqual(folderEdges(sources), []);
});
