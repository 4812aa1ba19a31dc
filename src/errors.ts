/**
 * Typed errors with stable codes, and the exit codes main() maps them to. Every error tsdig raises on
 * purpose is a TsdigError; the layers add their own subclasses (TransportError in transport/,
 * WireError in wire/), and callers branch on the predicates below rather than on an error's shape.
 */

/** Exit codes, as dig documents them. */
export const ExitCode = {
  ok: 0,
  usage: 1,
  batchFile: 8,
  noReply: 9,
  internal: 10,
  /** +expect, +expect-has or +fail-on did not hold (dig never exits 4). */
  assertionFailed: 4,
  /** --nagios: a query is CRITICAL (WARNING is 1, as monitoring-plugins has it). */
  nagiosCritical: 2,
  /** --nagios: bad input, nothing could be checked. */
  nagiosUnknown: 3,
  /** +watch: +deadline came before +until's value. */
  watchDeadline: 5,
  /** +compare: the servers disagree, or some gave no answer (not one of dig's codes). */
  serversDisagree: 6,
  /** +check: the worst finding is a warning. */
  checkWarning: 2,
  /** +check: the worst finding is an error. */
  checkError: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Which exit code a mode decides wins when queries of one run end differently: no reply, then +check's error, then its warning. */
const EXIT_RANK: readonly ExitCode[] = [
  ExitCode.ok,
  ExitCode.checkWarning,
  ExitCode.watchDeadline,
  ExitCode.serversDisagree,
  ExitCode.checkError,
  ExitCode.noReply,
];

/** The more serious of two exit codes that modes decided. */
export function worseExit(a: ExitCode, b: ExitCode): ExitCode {
  return EXIT_RANK.indexOf(b) > EXIT_RANK.indexOf(a) ? b : a;
}

/** Why a transport gave up. */
export type TransportFailure =
  | 'timeout'
  | 'refused'
  | 'closed'
  | 'mismatch'
  | 'unreachable'
  | 'aborted'
  | 'error'
  /** The TLS handshake failed (no common protocol or cipher, not TLS at all, no ALPN h2 for DoH). */
  | 'handshake'
  /** The server's certificate did not verify: expired, name mismatch, unknown CA. */
  | 'certificate'
  /** A DoH server answered, but not with a DNS message (non-200 status, wrong content type). */
  | 'http';

/** Bad input, by what was wrong: exit 1, nothing sent. */
export type InputErrorCode =
  | 'input.invalid'
  | 'input.address'
  | 'input.batchfile'
  | 'input.class'
  | 'input.idn'
  | 'input.name'
  | 'input.option'
  | 'input.output'
  | 'input.port'
  | 'input.roothints'
  | 'input.server'
  | 'input.tls'
  | 'input.trustanchor'
  | 'input.tsig'
  | 'input.type';

/** No usable reply from any server: how the last exchange failed, or that there was none to ask. */
export type TransportErrorCode = `transport.${TransportFailure}` | 'transport.noservers';

/** A reply that cannot be used: malformed, too short, or not the reply to the query sent. */
export type WireErrorCode = 'wire.malformed' | 'wire.short' | 'wire.id' | 'wire.question';

/** Why a trace stopped short of an authoritative answer. */
export type TraceErrorCode =
  | 'trace.allServersFailed'
  | 'trace.badReferral'
  | 'trace.cname.loop'
  | 'trace.glue.loop'
  | 'trace.glue.missing'
  | 'trace.glue.none'
  | 'trace.limit'
  | 'trace.limit.cname'
  | 'trace.limit.glueDepth'
  | 'trace.limit.queries'
  | 'trace.limit.referrals';

/** Every stable code tsdig reports: on a TsdigError, and as `error.code` in JSON output. */
export type ErrorCode =
  | InputErrorCode
  | TransportErrorCode
  | WireErrorCode
  | TraceErrorCode
  | 'xfr.failed'
  | 'xfr.rcode'
  | 'nssearch.noaddress'
  | 'nssearch.unreachable'
  | 'assertion.failed'
  | 'internal.noreply';

/** Why a lookup, trace or transfer has no answer, as results carry it: a stable code and one human line. */
export interface Failure {
  code: ErrorCode;
  message: string;
}

/** Base of every error tsdig raises on purpose; `code` is stable, `message` is one human line. */
export class TsdigError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TsdigError';
  }
}

/** Bad user input: a name, type, class, address, port, option value or flag. Exit 1, nothing sent. */
export class InputError extends TsdigError {
  declare readonly code: InputErrorCode;

  constructor(message: string, code: InputErrorCode = 'input.invalid') {
    super(code, message);
    this.name = 'InputError';
  }
}

/** The batch file (-f) could not be read. Exit 8. */
export class BatchFileError extends TsdigError {
  constructor(message: string) {
    super('input.batchfile', message);
    this.name = 'BatchFileError';
  }
}

/** A call of the library cancelled by its AbortSignal; named AbortError, as the platform's own cancellations are. */
export class AbortedError extends TsdigError {
  constructor(reason?: unknown) {
    super('transport.aborted', 'the operation was aborted');
    this.name = 'AbortError';
    if (reason !== undefined) this.cause = reason;
  }
}

/**
 * A library call whose +expect, +expect-has or +fail-on did not hold (where the command line exits 4):
 * the message is the line the command line writes to stderr, `document` what the query gave.
 */
export class AssertionFailedError extends TsdigError {
  constructor(
    message: string,
    readonly document: unknown,
  ) {
    super('assertion.failed', message);
    this.name = 'AssertionFailedError';
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

/** A server that gave no usable reply: the last failure, already reported in dig's words. */
export class ExchangeError extends TsdigError {
  constructor(
    readonly kind: TransportFailure | 'malformed',
    message: string,
  ) {
    super(kind === 'malformed' ? 'wire.malformed' : `transport.${kind}`, message);
    this.name = 'ExchangeError';
  }
}

/** A TsdigError's code, or undefined for any other thrown value. */
function codeOf(error: unknown): ErrorCode | undefined {
  return error instanceof TsdigError ? error.code : undefined;
}

/** The exchange or its transport ran out of time. */
export function isTimeout(error: unknown): boolean {
  return codeOf(error) === 'transport.timeout';
}

/** The server refused the connection (ICMP port unreachable, TCP RST): not a DNS REFUSED. */
export function isRefused(error: unknown): boolean {
  return codeOf(error) === 'transport.refused';
}

/** The exchange was abandoned by its caller (a hedged query whose sibling answered first). */
export function isAborted(error: unknown): boolean {
  return codeOf(error) === 'transport.aborted';
}

/** A reply came but could not be decoded. */
export function isMalformed(error: unknown): boolean {
  return codeOf(error) === 'wire.malformed';
}
