/** The option table, --help, the man page and README.md's option list must name the same options. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DASH_OPTIONS, PLUS_OPTIONS, type DashOptionSpec, type PlusOptionSpec } from '../../src/cli/optionTable.js';
import { helpText } from '../../src/cli/help.js';
import { resolvePlusOption } from '../../src/cli/plusOptions.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manPage = readFileSync(`${root}man/tsdig.1`, 'utf8');
const readmePath = `${root}README.md`;

/** Every spelling the table defines: -b, --json, +recurse, +rdflag, ... */
function tableKeys(): Set<string> {
  const keys = new Set<string>();
  for (const spec of DASH_OPTIONS as readonly DashOptionSpec[]) {
    if (spec.short) keys.add(`-${spec.short}`);
    if (spec.long) keys.add(`--${spec.long}`);
  }
  for (const spec of PLUS_OPTIONS as readonly PlusOptionSpec[]) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) keys.add(`+${name}`);
  }
  return keys;
}

/** Placeholders the docs use for "some +option"; not options themselves. */
const PLACEHOLDERS = new Set(['+option', '+options', '+queryopt', '+nooption']);

/** Option-looking words in plain text: "-b", "--color", "+[no]recurse" (as "+recurse"), "+norec". */
function optionWords(text: string): string[] {
  const words = text.match(/(?<![\w\\.'-])(--?[a-z0-9][a-z0-9-]*|\+(\[no\])?[a-z][a-z-]*)/gi) ?? [];
  return words.map((word) => word.replace('[no]', ''));
}

/** Troff source to plain text: font escapes dropped, \- as '-', request names removed. */
function troffToText(source: string): string {
  return source
    .replace(/\\f[BIRP]/g, '')
    .replace(/\\-/g, '-')
    .replace(/\\\(oq|\\\(cq/g, "'")
    .replace(/^\.[A-Z]{1,2}\b ?/gm, '');
}

/** The lines of a troff section, from `.SH NAME` to the next `.SH`. */
function troffSection(source: string, name: string): string {
  const match = source.match(new RegExp(`^\\.SH ${name}\\n([\\s\\S]*?)(?=^\\.SH |(?![\\s\\S]))`, 'm'));
  assert.ok(match, `man page has a ${name} section`);
  return match[1];
}

/** The terms of the man page's OPTIONS list: the line after each .TP. */
function manOptionTerms(source: string): string[] {
  const lines = troffSection(source, 'OPTIONS').split('\n');
  return lines.flatMap((line, index) => (index > 0 && lines[index - 1] === '.TP' ? [troffToText(line)] : []));
}

/** The term column of --help: an indented word starting with - or +, up to the gap before the description. */
function helpTerms(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const match = line.match(/^ {2}([-+]\S.*?)(?: {2,}|$)/);
    return match ? [match[1]] : [];
  });
}

/** A markdown section from `## Title` to the next `## `, or undefined. */
function markdownSection(markdown: string, title: string): string | undefined {
  const match = markdown.match(new RegExp(`^## ${title}[ \\t]*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm'));
  return match?.[1];
}

/** Words that name no option of the table (a +word may be a unique prefix, as on the command line). */
function unknownOptions(words: string[]): string[] {
  const keys = tableKeys();
  return words.filter((word) => {
    if (keys.has(word) || PLACEHOLDERS.has(word)) return false;
    if (!word.startsWith('+')) return true;
    try {
      resolvePlusOption(word);
      return false;
    } catch {
      return true;
    }
  });
}

function missingKeys(words: string[]): string[] {
  const present = new Set(words);
  return [...tableKeys()].filter((key) => !present.has(key));
}

test('the extractors see options, and see when one is missing or unknown', () => {
  assert.deepStrictEqual(
    optionWords('use +[no]tcp, +[no]vc or -b address[#port] and --color=auto; not A-labels or 1232-byte'),
    ['+tcp', '+vc', '-b', '--color'],
  );
  assert.deepStrictEqual(unknownOptions(['+norec', '+mult', '-z', '+frob', '--json']), ['-z', '+frob']);
  assert.ok(missingKeys(['-b']).includes('+trace'));
  assert.deepStrictEqual(manOptionTerms('.SH OPTIONS\n.TP\n\\fB\\-b\\fR \\fIaddress\\fR\nSend.\n.SH OUTPUT\n'), [
    '-b address',
  ]);
  assert.equal(markdownSection('# T\n## Options\n- `+short`\n## Exit\n', 'Options'), '- `+short`\n');
  assert.equal(markdownSection('# T\n## Usage\n', 'Options'), undefined);
});

test('the man page OPTIONS section lists every option of the table', () => {
  assert.deepStrictEqual(missingKeys(manOptionTerms(manPage).flatMap(optionWords)), []);
});

test('the man page OPTIONS list has no entry the table lacks', () => {
  const keys = tableKeys();
  const extra = manOptionTerms(manPage)
    .flatMap(optionWords)
    .filter((word) => !keys.has(word));
  assert.deepStrictEqual(extra, []);
});

test('the man page names no option the table lacks, anywhere (commands piped to other tools aside)', () => {
  const text = troffToText(manPage)
    .split('\n')
    .map((line) => line.replace(/ \| .*/, ''))
    .join('\n');
  assert.deepStrictEqual(unknownOptions(optionWords(text)), []);
});

test('--help lists every option of the table, and no other', () => {
  const words = helpTerms(helpText()).flatMap(optionWords);
  assert.deepStrictEqual(missingKeys(words), []);
  assert.deepStrictEqual(unknownOptions(optionWords(helpText())), []);
});

test('--help fits in 80 columns', () => {
  const long = helpText()
    .split('\n')
    .filter((line) => line.length > 80);
  assert.deepStrictEqual(long, []);
});

test('README.md, once it exists, has an "## Options" section listing every option of the table', (t) => {
  if (!existsSync(readmePath)) {
    t.diagnostic('README.md does not exist yet: nothing to compare');
    return;
  }
  const section = markdownSection(readFileSync(readmePath, 'utf8'), 'Options');
  assert.ok(section !== undefined, 'README.md must have an "## Options" section');
  const words = optionWords(section);
  assert.deepStrictEqual(missingKeys(words), []);
  assert.deepStrictEqual(unknownOptions(words), []);
});

test('README.md shows the current --help text verbatim in its Options section', () => {
  const section = markdownSection(readFileSync(readmePath, 'utf8'), 'Options') ?? '';
  const block = section.match(/```text\n([\s\S]*?)```/);
  assert.ok(block, 'the Options section has a ```text block');
  assert.equal(block[1], helpText());
});
