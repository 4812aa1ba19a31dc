/** The options of a ~/.digrc text (read in system/digrc.ts), and whether the command line skips the file. Pure. */
import { batchDefaults, batchLines } from './batch.js';

/** The options in a .digrc text, as words to read before the command line; names and types in it are left out, as dig does. */
export function digrcOptions(text: string): string[] {
  return batchDefaults(batchLines(text).flat());
}

/** Whether the command line says not to read .digrc: `-r`, alone or among other one-letter flags (`-4r`). */
export function skipsDigrc(argv: readonly string[]): boolean {
  return argv.some((word) => /^-[46hvur]*r[46hvur]*$/.test(word));
}
