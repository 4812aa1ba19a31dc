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

/** An option of the query (present or not) and the words that name it in a refusal. */
type Clash = readonly [present: unknown, name: string];

/** The name of the first option present, in the order given. */
function firstClash(clashes: readonly Clash[]): string | undefined {
  return clashes.find(([present]) => Boolean(present))?.[1];
}

/** A walk from the root and the name-server search: several queries, no one reply. */
function walks(request: QueryRequest): Clash[] {
  return [
    [request.settings.trace, '+trace'],
    [request.settings.nssearch, '+nssearch'],
  ];
}

/** +expect, +fail-on and --nagios, under one name. */
function assertion(request: QueryRequest, options: Options): Clash {
  const settings = request.settings;
  return [settings.expect || settings.failOn || options.nagios, 'an assertion (+expect, +fail-on, --nagios)'];
}

/** Refuses the query when an option clashes: WHAT, then the clashing option, then the way out. */
function refuse(what: string, other: string | undefined): void {
  if (other) throw new InputError(`${what} ${other}: leave out one of the two`, 'input.option');
}

/** +validate judges a lookup's or a trace's final reply; a +nssearch or a zone transfer has none, and +yaml has no place for it. */
function validateFits(request: QueryRequest, options: Options): void {
  const settings = request.settings;
  const other = settings.trace
    ? undefined
    : firstClash([
        [settings.check, '+check'],
        [settings.nssearch, '+nssearch'],
        [runsAsTransfer(request), 'a zone transfer'],
      ]);
  refuse("+validate checks a lookup's or a trace's answer, not", other);
  // dig's YAML layout has no place for a verdict: printing the messages without it would hide what was asked for.
  if (options.format === 'yaml')
    throw new InputError(
      '+validate prints its verdict in the dig layout or JSON, not +yaml: leave out one of the two',
      'input.option',
    );
}

/** +types asks one question per type of one lookup: a walk, a transfer or a +validate verdict is something else. */
function typesFit(request: QueryRequest): void {
  const other = firstClash([...walks(request), [request.settings.validate, '+validate']]);
  refuse('+types asks for several types in one lookup, not with', other);
}

/** +expect, +fail-on and --nagios judge one lookup's reply: a walk, a transfer or several types have no one reply. */
function assertionsFit(request: QueryRequest, options: Options): void {
  const settings = request.settings;
  const other = firstClash([
    ...walks(request),
    [settings.types, '+types'],
    [runsAsTransfer(request), 'a zone transfer'],
  ]);
  const asserting = options.nagios
    ? '--nagios'
    : settings.expect
      ? settings.expect.subset
        ? '+expect-has'
        : '+expect'
      : '+fail-on';
  refuse(`${asserting} judges one lookup's reply, not`, other);
}

/** +watch repeats one lookup or one +compare: a walk, a transfer, several types or a one-shot check are not repeated. */
function watchFits(request: QueryRequest, options: Options): void {
  const settings = request.settings;
  const other = firstClash([
    ...walks(request),
    [settings.types, '+types'],
    [runsAsTransfer(request), 'a zone transfer'],
    assertion(request, options),
    [settings.validate, '+validate'],
    [options.format === 'yaml', '+yaml'],
    [options.format === 'table', '--table'],
    [wantsPicture(options), 'a picture (--graph, --report)'],
  ]);
  refuse('+watch repeats one lookup, not with', other);
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
  const other = firstClash([
    [settings.types, '+types'],
    [settings.watch, '+watch'],
    assertion(request, options),
    [options.format === 'yaml', '+yaml'],
  ]);
  refuse("+check judges a zone's delegation, not with", other);
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
