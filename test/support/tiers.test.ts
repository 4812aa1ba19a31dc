/** The test tiers cover the suite: every test file is in exactly one tier, and each tier has its npm script. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './runCli.js';
import { filesOfTier, testFiles, TIERS, tiersOf } from './tiers.js';

const sources = testFiles(join(repoRoot(), 'test'), '.test.ts');
const scripts = (
  JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

test('every test file belongs to exactly one tier', () => {
  assert.ok(sources.length > 100, `only ${sources.length} test files found`);
  const misplaced = sources
    .map((file) => ({ file, tiers: tiersOf(file) }))
    .filter((entry) => entry.tiers.length !== 1)
    .map((entry) => `${entry.file}: ${entry.tiers.length === 0 ? 'no tier' : entry.tiers.join(' and ')}`);
  assert.deepEqual(misplaced, []);
});

test('each tier runs some tests, and every folder it names holds some', () => {
  for (const tier of TIERS) {
    for (const folder of tier.folders) {
      assert.ok(
        sources.some(
          (file) =>
            tiersOf(file).includes(tier.name) && (folder === '.' ? !file.includes('/') : file.startsWith(`${folder}/`)),
        ),
        `${tier.name}: test/${folder} has no test files`,
      );
    }
    assert.ok(filesOfTier(tier.name, sources).length > 0, tier.name);
  }
});

test('npm test runs every test file; npm run test:TIER runs the files of that tier', () => {
  assert.match(scripts.test ?? '', /node --test .*\$\(find dist\/test -name '\*\.test\.js'/);
  for (const tier of TIERS) {
    assert.match(
      scripts[`test:${tier.name}`] ?? '',
      new RegExp(`node --test .*\\$\\(node dist/test/support/tiers\\.js ${tier.name}\\)`),
    );
  }
});

test('the tier script lists the compiled files of a tier, one a line, relative to the working directory', () => {
  const listed = execFileSync(process.execPath, [join(repoRoot(), 'dist', 'test', 'support', 'tiers.js'), 'e2e'], {
    cwd: repoRoot(),
    encoding: 'utf8',
  });
  const expected = filesOfTier('e2e', sources).map((file) => `dist/test/${file.replace(/\.ts$/, '.js')}`);
  assert.deepEqual(listed.trim().split('\n'), expected);
});
