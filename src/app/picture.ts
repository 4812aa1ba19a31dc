/**
 * --graph, --graph-out and --report for a finished +trace, +compare or +check: the graph drawn from the result,
 * written where asked (stdout in place of the text, a file, or the JSON document's `graph` member) and the
 * HTML report. Loaded only when one of them is given; Graphviz (for SVG) only when SVG is wanted.
 */
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { GraphFormat, Options } from '../cli/types.js';
import type { TraceValidation } from '../dnssec/types.js';
import { InputError } from '../errors.js';
import { renderDot } from '../render/graph/dot.js';
import type { Graph } from '../render/graph/model.js';
import type { ReportTable } from '../render/report/html.js';
import { traceGraph } from '../render/graph/traceGraph.js';
import type { TraceResult } from '../resolve/traceTypes.js';
import { VERSION } from '../version.js';
import type { Outcome } from './views.js';

/** The picture settings of a run, checked before any packet is sent. */
export interface PictureView {
  graph?: GraphFormat;
  graphOut?: string;
  report?: string;
  /** The graph takes the place of the text on stdout (no --graph-out, not JSON). */
  onStdout: boolean;
}

/** Fails (bad input, before any packet) when a file cannot be written: its folder must exist and be writable. */
async function checkWritable(file: string, option: string): Promise<void> {
  try {
    await access(dirname(file), constants.W_OK);
    await access(file, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
    throw new InputError(`couldn't write ${option} file '${file}': ${code}`, 'input.output');
  }
}

/** The run's picture settings; `json`: the output is a JSON document. */
export async function pictureView(options: Options, json: boolean): Promise<PictureView> {
  if (options.graphOut !== undefined) await checkWritable(options.graphOut, '--graph-out');
  if (options.report !== undefined) await checkWritable(options.report, '--report');
  return {
    graph: options.graph,
    graphOut: options.graphOut,
    report: options.report,
    onStdout: options.graph !== undefined && options.graphOut === undefined && !json,
  };
}

async function writeOutput(file: string, text: string, option: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
    throw new InputError(`couldn't write ${option} file '${file}': ${code}`, 'input.output');
  }
}

/** The report page: the graph's title and verdict, its SVG and the mode's table. */
async function reportPage(graph: Graph, svg: string, table: ReportTable, argv: string[], time: Date): Promise<string> {
  const [{ renderReport }, { inlineSvg }] = await Promise.all([
    import('../render/report/html.js'),
    import('../render/graph/svg.js'),
  ]);
  return renderReport({
    title: graph.title,
    argv,
    time,
    version: VERSION,
    verdict: graph.verdict,
    svg: inlineSvg(svg),
    table,
  });
}

/**
 * The outcome with a drawn graph written where asked: --graph-out's file, the JSON document's `graph`
 * member or stdout, and the --report page with `table` under the picture. `time`: when the report says it was made.
 */
export async function withGraph(
  outcome: Outcome,
  graph: Graph,
  picture: PictureView,
  argv: string[],
  table: () => Promise<ReportTable>,
  time = new Date(),
): Promise<Outcome> {
  const dot = renderDot(graph);
  const needsSvg = picture.graph === 'svg' || picture.report !== undefined;
  const svg = needsSvg ? await (await import('../render/graph/svg.js')).renderSvg(dot) : undefined;
  const drawn = picture.graph === 'svg' ? svg : dot;
  if (picture.graphOut !== undefined && drawn !== undefined) await writeOutput(picture.graphOut, drawn, '--graph-out');
  if (picture.report !== undefined && svg !== undefined)
    await writeOutput(picture.report, await reportPage(graph, svg, await table(), argv, time), '--report');
  if (outcome.json !== undefined)
    return picture.graph ? { ...outcome, json: { ...(outcome.json as object), graph } } : outcome;
  if (picture.onStdout && drawn !== undefined) return { ...outcome, text: drawn };
  return outcome;
}

/** A trace's outcome with its picture made and written where asked; the report's table holds its hops. */
export async function withPicture(
  outcome: Outcome,
  result: TraceResult,
  picture: PictureView,
  argv: string[],
  dnssec?: TraceValidation,
  time = new Date(),
): Promise<Outcome> {
  const hops = async () => (await import('../render/report/traceTable.js')).traceTable(result, dnssec);
  return withGraph(outcome, traceGraph(result, dnssec), picture, argv, hops, time);
}
