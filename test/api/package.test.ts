/**
 * What a consumer installs: `npm pack` ships the library's entry with its declarations and none of
 * the tests, and the shipped declarations type-check a consumer's code that imports 'tsdig'.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/runCli.js';

const root = repoRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  types: string;
  exports: { '.': { types: string; import: string } };
};

test('npm pack ships the entry named by exports and types, with declarations, and no tests', () => {
  const listing = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
  });
  const files = new Set(
    (JSON.parse(listing) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((f) => f.path),
  );
  const entry = manifest.exports['.'];
  assert.equal(manifest.types, entry.types);
  for (const path of [entry.import, entry.types, 'bin/tsdig', 'dist/tsdig.cjs', 'schema/tsdig.schema.json'])
    assert.ok(files.has(path.replace(/^\.\//, '')), path);
  // Every module the entry can load is there, with its declarations.
  const modules = [...files].filter((path) => path.startsWith('dist/src/') && path.endsWith('.js'));
  for (const module of modules) assert.ok(files.has(module.replace(/\.js$/, '.d.ts')), `${module} has declarations`);
  assert.deepEqual(
    [...files].filter((path) => /(^|\/)test\/|\.test\./.test(path)),
    [],
  );
});

test("the shipped declarations type-check a consumer's code (and catch its mistakes)", () => {
  // Inside the package, so that 'tsdig' resolves through package.json's exports to dist/, as for a consumer.
  const dir = mkdtempSync(join(root, 'dist', 'consumer-'));
  try {
    const good = join(dir, 'good.ts');
    const bad = join(dir, 'bad.ts');
    writeFileSync(
      good,
      [
        "import { InputError, query, watch, type LookupDocument, type WatchEvent } from 'tsdig';",
        "const reply: LookupDocument = await query('example.com MX', { dnssec: true, tlsCa: true, port: 53 });",
        'const ttl: number | undefined = reply.message?.answerRRs[0]?.TTL;',
        "for await (const event of watch({ name: 'example.com', until: '192.0.2.1' })) {",
        '  const seen: WatchEvent = event;',
        "  if (event.event === 'end') console.log(event.sent, seen.kind, ttl);",
        '}',
        'console.log(new InputError("x").code);',
      ].join('\n'),
    );
    writeFileSync(bad, "import { query } from 'tsdig';\nawait query('x', { dnssec: 'yes please' });\n");
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const check = (file: string): string => {
      const args = [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--types', 'node', file];
      try {
        execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
        return '';
      } catch (error) {
        return String((error as { stdout?: string }).stdout);
      }
    };
    assert.equal(check(good), '');
    assert.match(
      check(bad),
      /bad\.ts\(2,20\): error TS2322: Type 'string' is not assignable to type 'boolean \| undefined'/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
