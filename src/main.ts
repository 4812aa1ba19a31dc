/** The CLI: argv in, text out, exit code back. The one place errors become text and exit codes. */
import { parseArgs } from './cli/parseArgs.js';
import { BatchFileError, type ErrorCode, ExitCode, InputError, TsdigError } from './errors.js';
import { escapeText } from './wire/escape.js';
import { run } from './app/run.js';
import { digrcOptions, skipsDigrc } from './cli/digrc.js';
import { readDigrc } from './system/digrc.js';
import type { Io } from './app/io.js';
import { VERSION } from './version.js';

export type { Io } from './app/io.js';

/** Whether argv asks for JSON: then a run stopped by bad input still prints one JSON document. */
function wantsJson(argv: string[]): 'json' | 'ndjson' | undefined {
  if (argv.includes('--ndjson')) return 'ndjson';
  return argv.some((word) => word === '--json' || /^\+json$/i.test(word)) ? 'json' : undefined;
}

/**
 * Bad input or an unreadable batch file: one line on stderr, and with --json an error document on stdout
 * (with --nagios an UNKNOWN line).
 */
async function stopped(code: ErrorCode, message: string, argv: string[], io: Io): Promise<void> {
  io.stderr.write(`tsdig: ${escapeText(message)}\n`);
  if (argv.includes('--nagios')) {
    io.stdout.write((await import('./render/nagios.js')).renderNagiosUnknown(message));
    return;
  }
  const format = wantsJson(argv);
  if (!format) return;
  const { errorDocument, renderJsonDocuments } = await import('./render/json.js');
  io.stdout.write(renderJsonDocuments([errorDocument(VERSION, { code, message })], format));
}

/** The exit code for an error that ended the run, and what it prints. */
async function failure(error: unknown, argv: string[], io: Io): Promise<ExitCode> {
  if (error instanceof BatchFileError || error instanceof InputError) {
    await stopped(error.code, error.message, argv, io);
    if (argv.includes('--nagios')) return ExitCode.nagiosUnknown;
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
    // ~/.digrc's options come first, as in dig; the command line echoed in output stays as typed.
    const rcArgs = skipsDigrc(argv) ? [] : digrcOptions(readDigrc(io.env));
    if (rcArgs.length > 0) {
      const rc = parseArgs(rcArgs);
      if (rc.kind === 'invalid') {
        await stopped('input.invalid', `~/.digrc: ${rc.message}; tsdig -r skips the file`, argv, io);
        return ExitCode.usage;
      }
    }
    const outcome = parseArgs(argv, { rcArgs });
    switch (outcome.kind) {
      case 'help':
      case 'version':
        io.stdout.write(outcome.text);
        return ExitCode.ok;
      case 'completions':
        io.stdout.write((await import('./cli/completions.js')).completionScript(outcome.shell));
        return ExitCode.ok;
      case 'invalid':
        await stopped('input.invalid', outcome.message, argv, io);
        return argv.includes('--nagios') ? ExitCode.nagiosUnknown : ExitCode.usage;
      case 'run':
        for (const warning of outcome.options.warnings ?? []) io.stderr.write(`${warning}\n`);
        return await run(outcome.options, io);
    }
  } catch (error) {
    return await failure(error, argv, io);
  }
}
