/**
 * Which options go together in one query: each check names the one rule it applies, and a query
 * that breaks one stops the run with one line before any packet. Pure.
 */
import { wantsPicture } from '../cli/pictureOptions.js';
import type { Options, QueryRequest } from '../cli/types.js';
import { InputError } from '../errors.js';
import { TYPE } from '../wire/rrtypes.js';

/**
 * Whether the query runs as a zone transfer (a stream of messages over TCP): AXFR always, IXFR
 * unless +notcp (then it is one UDP exchange, as in dig).
 */
export function runsAsTransfer(request: QueryRequest): boolean {
  return request.type === TYPE.AXFR || (request.type === TYPE.IXFR && request.settings.tcp);
}

/** +validate judges a lookup's or a trace's final reply; a +nssearch or a zone transfer has none, and +yaml has no place for it. */
function validateFits(request: QueryRequest, options: Options): void {
  const settings = request.settings;
  const other = settings.trace
    ? undefined
    : settings.check
      ? '+check'
      : settings.nssearch
        ? '+nssearch'
        : runsAsTransfer(request)
          ? 'a zone transfer'
          : undefined;
  if (other)
    throw new InputError(
      `+validate checks a lookup's or a trace's answer, not ${other}: leave out one of the two`,
      'input.option',
    );
  // dig's YAML layout has no place for a verdict: printing the messages without it would hide what was asked for.
  if (options.format === 'yaml')
    throw new InputError(
      '+validate prints its verdict in the dig layout or JSON, not +yaml: leave out one of the two',
      'input.option',
    );
}

/** +types asks one question per type of one lookup: a walk, a transfer or a +validate verdict is something else. */
function typesFit(request: QueryRequest): void {
  const settings = request.settings;
  const other = settings.trace
    ? '+trace'
    : settings.nssearch
      ? '+nssearch'
      : settings.validate
        ? '+validate'
        : undefined;
  if (other)
    throw new InputError(
      `+types asks for several types in one lookup, not with ${other}: leave out one of the two`,
      'input.option',
    );
}

/** +expect, +fail-on and --nagios judge one lookup's reply: a walk, a transfer or several types have no one reply. */
function assertionsFit(request: QueryRequest, options: Options): void {
  const settings = request.settings;
  const other = settings.trace
    ? '+trace'
    : settings.nssearch
      ? '+nssearch'
      : settings.types
        ? '+types'
        : runsAsTransfer(request)
          ? 'a zone transfer'
          : undefined;
  if (!other) return;
  const asserting = options.nagios
    ? '--nagios'
    : settings.expect
      ? settings.expect.subset
        ? '+expect-has'
        : '+expect'
      : '+fail-on';
  throw new InputError(
    `${asserting} judges one lookup's reply, not ${other}: leave out one of the two`,
    'input.option',
  );
}

/** +watch repeats one lookup or one +compare: a walk, a transfer, several types or a one-shot check are not repeated. */
function watchFits(request: QueryRequest, options: Options): void {
  const settings = request.settings;
  const other = settings.trace
    ? '+trace'
    : settings.nssearch
      ? '+nssearch'
      : settings.types
        ? '+types'
        : runsAsTransfer(request)
          ? 'a zone transfer'
          : settings.expect || settings.failOn || options.nagios
            ? 'an assertion (+expect, +fail-on, --nagios)'
            : settings.validate
              ? '+validate'
              : options.format === 'yaml'
                ? '+yaml'
                : options.format === 'table'
                  ? '--table'
                  : wantsPicture(options)
                    ? 'a picture (--graph, --report)'
                    : undefined;
  if (other)
    throw new InputError(`+watch repeats one lookup, not with ${other}: leave out one of the two`, 'input.option');
}

/**
 * +check asks every name server over plain UDP and TCP and judges the zone as a whole: an encrypted
 * channel, several types, assertions on one reply, repeating, or dig's YAML layout do not apply.
 */
function checkModeFits(request: QueryRequest, options: Options): void {
  const settings = request.settings;
  if (settings.encrypted)
    throw new InputError(
      '+check asks the name servers over UDP and TCP: leave out +tls, +https and +http-plain',
      'input.option',
    );
  const other = settings.types
    ? '+types'
    : settings.watch
      ? '+watch'
      : settings.expect || settings.failOn || options.nagios
        ? 'an assertion (+expect, +fail-on, --nagios)'
        : options.format === 'yaml'
          ? '+yaml'
          : undefined;
  if (other)
    throw new InputError(
      `+check judges a zone's delegation, not with ${other}: leave out one of the two`,
      'input.option',
    );
}

/** Throws InputError when the query's options do not go together. */
export function checkFits(request: QueryRequest, options: Options): void {
  const settings = request.settings;
  if (settings.validate) validateFits(request, options);
  if (settings.check) checkModeFits(request, options);
  if (settings.types) typesFit(request);
  if (settings.expect || settings.failOn || options.nagios) assertionsFit(request, options);
  if (settings.watch) watchFits(request, options);
}
