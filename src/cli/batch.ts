/** Batch mode (-f): query lines in dig's syntax, with the command line's options as defaults. Pure. */

import { DASH_OPTIONS, type DashOptionSpec } from './optionTable.js';

/** Dash options that take a value (from the option table), so the command line's defaults keep their arguments. */
const VALUE_OPTIONS = new Set(
  (DASH_OPTIONS as readonly DashOptionSpec[])
    .filter((spec) => spec.arg)
    .flatMap((spec) => [spec.short ? `-${spec.short}` : '', spec.long ? `--${spec.long}` : ''])
    .filter((word) => word !== ''),
);

/** Splits one line into words, honouring single and double quotes and backslash escapes, as a shell would. */
export function splitWords(line: string): string[] {
  // Most lines have no quotes or escapes: then words are what whitespace separates.
  if (!/["'\\]/.test(line)) return line.split(/\s+/).filter((word) => word !== '');
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) current += line[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Whether a UTF-16 code is one of the ASCII characters `\s` matches (tab, line feed, VT, form feed, CR, space). */
function isAsciiSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * The whitespace-separated words of a line of ASCII without quotes or backslashes, in one pass;
 * undefined for any other line (it goes the general way). Most batch lines are such lines.
 */
function plainWords(line: string): string[] | undefined {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (isAsciiSpace(code)) {
      if (start >= 0) words.push(line.slice(start, i));
      start = -1;
    } else if (code >= 0x80 || code === 0x22 || code === 0x27 || code === 0x5c) return undefined;
    else if (start < 0) start = i;
  }
  if (start >= 0) words.push(line.slice(start));
  return words;
}

/** The words of one batch-file line, or undefined for a blank line or a `;`/`#` comment line. */
export function batchLineWords(line: string): string[] | undefined {
  const plain = plainWords(line);
  if (plain) return plain.length === 0 || plain[0][0] === ';' || plain[0][0] === '#' ? undefined : plain;
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) return undefined;
  // Trimmed, a line without quotes or escapes splits into no empty words (trim and \s agree on whitespace).
  if (!/["'\\]/.test(trimmed)) return trimmed.split(/\s+/);
  return splitWords(trimmed);
}

/** The query lines of a batch file: blank lines and `;`/`#` comment lines are skipped. */
export function batchLines(text: string): string[][] {
  return text.split(/\r?\n/).flatMap((line) => {
    const words = batchLineWords(line);
    return words ? [words] : [];
  });
}

/** The command line's defaults for every batch line: its options and @server, without names, -f and its file. */
export function batchDefaults(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '-f') {
      i++;
      continue;
    }
    if (word.startsWith('-f') && word.length > 2) continue;
    if (VALUE_OPTIONS.has(word) && !word.includes('=')) {
      out.push(word, argv[i + 1] ?? '');
      i++;
    } else if (word.startsWith('-') || word.startsWith('+') || word.startsWith('@')) {
      out.push(word);
    }
  }
  return out;
}
