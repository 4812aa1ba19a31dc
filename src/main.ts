/** The CLI: argv in, text out, exit code back. The one place errors become text and exit codes. */
import { parseArgs } from './cli/parseArgs.js';
import { BatchFileError, ExitCode, InputError, TsdigError } from './errors.js';
import { escapeText } from './wire/escape.js';
import { run } from './app/run.js';
import type { Io } from './app/io.js';

export type { Io } from './app/io.js';

/** The exit code for an error that ended the run, and its one line on stderr. */
function failure(error: unknown, io: Io): ExitCode {
  if (error instanceof BatchFileError || error instanceof InputError) {
    io.stderr.write(`tsdig: ${escapeText(error.message)}\n`);
    return error instanceof BatchFileError ? ExitCode.batchFile : ExitCode.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  const kind = error instanceof TsdigError ? error.code : 'internal';
  io.stderr.write(`tsdig: internal error (${kind}): ${escapeText(message)}\n`);
  return ExitCode.internal;
}

/** Runs tsdig with argv (without the program name); never throws. */
export async function main(argv: string[], io: Io): Promise<ExitCode> {
  try {
    const outcome = parseArgs(argv);
    switch (outcome.kind) {
      case 'help':
      case 'version':
        io.stdout.write(outcome.text);
        return ExitCode.ok;
      case 'invalid':
        io.stderr.write(`tsdig: ${escapeText(outcome.message)}\n`);
        return ExitCode.usage;
      case 'run':
        return await run(outcome.options, io);
    }
  } catch (error) {
    return failure(error, io);
  }
}
