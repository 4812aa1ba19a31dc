/** Typed errors with stable codes, and the exit codes main() maps them to. */

/** Exit codes, as dig documents them. */
export const ExitCode = {
  ok: 0,
  usage: 1,
  batchFile: 8,
  noReply: 9,
  internal: 10,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base of every error tsdig raises on purpose; `code` is stable, `message` is one human line. */
export class TsdigError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TsdigError';
  }
}

/** Bad user input: a name, type, class, address, port, option value or flag. Exit 1, nothing sent. */
export class InputError extends TsdigError {
  constructor(message: string, code = 'input.invalid') {
    super(code, message);
    this.name = 'InputError';
  }
}

/** A reply that cannot be trusted: framing or record data is malformed. */
export class BadPacketError extends TsdigError {
  constructor(
    message: string,
    readonly section?: 'header' | 'question' | 'answer' | 'authority' | 'additional',
    readonly recordIndex?: number,
  ) {
    super('wire.malformed', message);
    this.name = 'BadPacketError';
  }
}

/** The batch file (-f) could not be read. Exit 8. */
export class BatchFileError extends TsdigError {
  constructor(message: string) {
    super('input.batchfile', message);
    this.name = 'BatchFileError';
  }
}
