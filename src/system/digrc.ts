/**
 * ${HOME}/.digrc, which dig reads before its command line: a pure reader of the file's options
 * and the one read of the file. As in dig, only options count (names and types in it are left
 * out), and `-r` on the command line skips the file.
 */
import { readFileSync } from 'node:fs';
import { batchDefaults, batchLines } from '../cli/batch.js';

/** The options in a .digrc text, as words to read before the command line. */
export function digrcOptions(text: string): string[] {
  return batchDefaults(batchLines(text).flat());
}

/** Whether the command line says not to read .digrc: `-r`, alone or among other one-letter flags (`-4r`). */
export function skipsDigrc(argv: readonly string[]): boolean {
  return argv.some((word) => /^-[46hvur]*r[46hvur]*$/.test(word));
}

/** The options of ${HOME}/.digrc, or none when there is no HOME, no file, or it cannot be read (as dig). */
export function readDigrc(env: NodeJS.ProcessEnv): string[] {
  if (!env.HOME) return [];
  let text: string;
  try {
    text = readFileSync(`${env.HOME}/.digrc`, 'utf8');
  } catch {
    return [];
  }
  return digrcOptions(text);
}
