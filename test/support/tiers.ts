/**
 * The test tiers: which folders of test/ each one runs. `npm test` runs every test file; each
 * `npm run test:TIER` runs one tier, and together the tiers are exactly `npm test` (tiers.test.ts
 * checks that every test file is in one tier and one only).
 *
 * Run as a script (`node dist/test/support/tiers.js unit`) it prints the tier's compiled test files,
 * one a line, for the package scripts to hand to `node --test`.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A tier's name, as in `npm run test:NAME`. */
export type TierName = 'unit' | 'e2e' | 'interop' | 'fuzz';

/** One tier: what it is for, and the folders of test/ it runs ('.' is test/ itself, not its folders). */
export interface Tier {
  name: TierName;
  about: string;
  folders: string[];
}

/** Every tier. A new folder of tests goes into exactly one of them. */
export const TIERS: readonly Tier[] = [
  {
    name: 'unit',
    about: 'in-process tests of each part, loopback servers of their own at most',
    folders: [
      '.',
      'app',
      'check',
      'cli',
      'compare',
      'dnssec',
      'docs',
      'explain',
      'plan',
      'render',
      'resolve',
      'support',
      'system',
      'transport',
      'wire',
    ],
  },
  {
    name: 'e2e',
    about:
      'the real bin and the library (its public import, its examples) against loopback servers, honest and hostile',
    folders: ['api', 'e2e', 'hostile'],
  },
  { name: 'interop', about: 'against BIND, NSD, Knot, Unbound, dig and delv on loopback', folders: ['interop'] },
  { name: 'fuzz', about: 'the decoder and the CLI on generated input', folders: ['fuzz'] },
];

/** Paths (relative to `root`, with '/') of the files below `root` whose names end in `suffix`, sorted. */
export function testFiles(root: string, suffix: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(suffix)) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}

/** The tiers a test file (a path relative to test/) belongs to: one, when the tiers are right. */
export function tiersOf(path: string): TierName[] {
  const folder = path.includes('/') ? path.slice(0, path.indexOf('/')) : '.';
  return TIERS.filter((tier) => tier.folders.includes(folder)).map((tier) => tier.name);
}

/** The test files of `tier` among `files` (paths relative to test/). */
export function filesOfTier(tier: TierName, files: string[]): string[] {
  return files.filter((file) => tiersOf(file).includes(tier));
}

function main(argv: string[]): void {
  const tier = TIERS.find((t) => t.name === argv[0]);
  if (!tier) {
    process.stderr.write(`usage: tiers.js ${TIERS.map((t) => t.name).join('|')}\n`);
    process.exitCode = 1;
    return;
  }
  // This file is dist/test/support/tiers.js: the compiled tests are under dist/test.
  const distTest = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const files = filesOfTier(tier.name, testFiles(distTest, '.test.js'));
  process.stdout.write(files.map((file) => `${relative(process.cwd(), join(distTest, file))}\n`).join(''));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
