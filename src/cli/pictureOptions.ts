/**
 * --graph, --graph-out and --report: their values, and the one rule they share: they draw one +trace, +compare or +check.
 * Checked when the command line is read, so a picture that cannot be made stops the run before any packet.
 */
import { InputError } from '../errors.js';
import type { GraphFormat, Options } from './types.js';

/** The picture options as given, before the run they belong to is known. */
export type PictureOptions = Pick<Options, 'graph' | 'graphOut' | 'report'>;

/** The format a --graph-out FILE implies when --graph does not say: .svg, else .dot or .gv. */
function formatOfFile(file: string): GraphFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.svg')) return 'svg';
  if (lower.endsWith('.dot') || lower.endsWith('.gv')) return 'dot';
  return undefined;
}

/** The value of one picture option, as the members it sets. */
export function pictureOption(word: 'graph' | 'graph-out' | 'report', value: string): PictureOptions {
  if (word === 'graph') {
    if (value !== 'dot' && value !== 'svg')
      throw new InputError(`invalid --graph value '${value}' (dot, svg)`, 'input.option');
    return { graph: value };
  }
  if (value === '') throw new InputError(`option --${word} needs a file name`, 'input.option');
  return word === 'graph-out' ? { graphOut: value } : { report: value };
}

/** Why a batch line may not ask for a picture: each would overwrite the last. */
export const PICTURE_IN_BATCH =
  '--graph, --graph-out and --report draw one +trace, +compare or +check: not in a batch file line';

/** Whether any picture option was given. */
export function wantsPicture(options: PictureOptions): boolean {
  return options.graph !== undefined || options.graphOut !== undefined || options.report !== undefined;
}

/**
 * The options with the picture's format settled, or an InputError when a picture cannot be drawn: it
 * needs exactly one query, traced (+trace), compared (+compare) or checked (+check), from the command line (not -f).
 */
export function settlePictureOptions(options: Options): Options {
  if (!wantsPicture(options)) return options;
  const what =
    options.report !== undefined && options.graph === undefined && options.graphOut === undefined
      ? '--report'
      : '--graph';
  if (options.batchFile !== undefined)
    throw new InputError(`${what} draws one +trace, +compare or +check: not with -f`, 'input.option');
  if (options.queries.length !== 1)
    throw new InputError(`${what} draws one +trace, +compare or +check: give one name`, 'input.option');
  const { trace, compare, check } = options.queries[0].settings;
  if (!trace && !compare && !check)
    throw new InputError(
      `${what} draws a +trace, a +compare or a +check: add +trace, +compare or +check`,
      'input.option',
    );
  if (options.graphOut === undefined || options.graph !== undefined) return options;
  const graph = formatOfFile(options.graphOut);
  if (!graph)
    throw new InputError(
      `--graph-out '${options.graphOut}': say --graph=dot or --graph=svg, or name the file .dot or .svg`,
      'input.option',
    );
  return { ...options, graph };
}
