/**
 * One run: plan every query (bad input fails before any packet), set up the runner of each mode the
 * queries use, run the queries with bounded concurrency and hand their outcomes over in order. The
 * CLI prints them (run); the library (src/api/) takes their JSON documents from the same pipeline.
 */
import type { Options } from '../cli/types.js';
import { wantsPicture } from '../cli/pictureOptions.js';
import { ExitCode, worseExit } from '../errors.js';
import type { Mode, PlanByMode, QueryPlan } from '../plan/queryPlan.js';
import { chooseColour } from '../render/colour.js';
import { plainPalette, type Palette } from '../render/palette.js';
import { createQueryFn } from '../resolve/exchange.js';
import { runBounded } from '../resolve/ordered.js';
import type { QueryFn } from '../resolve/types.js';
import { loopbackOnly } from '../resolve/loopbackGuard.js';
import { abortable } from '../resolve/abortable.js';
import { tcpTransport } from '../transport/tcp.js';
import { udpTransport } from '../transport/udp.js';
import type { TcpPool } from '../transport/tcpPool.js';
import type { Transport } from '../transport/types.js';
import { createUdpPool } from '../transport/udpPool.js';
import { escapeText } from '../wire/escape.js';
import { type BufferedWriter, bufferedWriter } from './bufferedWriter.js';
import type { Io } from './io.js';
import { commandLineSource, type QuerySource } from './querySource.js';
import { RUNNERS } from './runners/table.js';
import type { RunContext, RunQueries } from './runners/runner.js';
import { planRun, type RunPlan } from './runPlan.js';
import type { Outcome, ViewContext } from './views.js';

async function choosePalette(options: Options, io: Io): Promise<Palette> {
  if (options.format === 'json' || options.format === 'ndjson' || options.format === 'yaml') return plainPalette;
  const level = chooseColour({ flag: options.color, isTTY: io.isTTY, env: io.env });
  if (level === 0) return plainPalette;
  const { colourPalette } = await import('../render/colour.js');
  return colourPalette(level);
}

/** The queries of the run: the command line's, or a batch file's, read again on each pass. */
async function querySource(options: Options, io: Io): Promise<QuerySource> {
  if (options.batchFile === undefined) return commandLineSource(options);
  const { batchSource } = await import('./batch.js');
  return batchSource(options.batchFile, options.batchDefaults ?? [], io.stdin, (warning) =>
    io.stderr.write(`${warning}\n`),
  );
}

/**
 * The network: shared connected sockets when there are many queries, TCP connections kept open for
 * +keepopen (opened only when a query asks), the loopback guard when asked for, and the run's abort
 * signal on every exchange (an aborted run sends nothing more). `close` releases the sockets.
 */
function network(io: Io, many: boolean): { query: QueryFn; close(): void } {
  const pool = io.queryFn || !many ? undefined : createUdpPool();
  // Made by the first +keepopen query: a plain query loads none of it.
  let kept: TcpPool | undefined;
  const tcpKept: Transport = {
    send: async (request) => {
      const { createTcpPool } = await import('../transport/tcpPool.js');
      kept ??= createTcpPool();
      return kept.send(request);
    },
  };
  const raw = io.queryFn ?? createQueryFn({ udp: pool ?? udpTransport, tcp: tcpTransport, tcpKept });
  const guarded = io.env.TSDIG_LOOPBACK_ONLY ? loopbackOnly(raw) : raw;
  return {
    query: io.signal ? abortable(guarded, io.signal) : guarded,
    close: () => {
      pool?.close();
      kept?.close();
    },
  };
}

/** The view settings of the run; JSON, IDN and trace code are loaded only when used. */
export async function viewContext(options: Options, io: Io, anyIdnout: boolean): Promise<ViewContext> {
  const json = options.format === 'json' || options.format === 'ndjson';
  // Batch output is one document per line, so a long batch streams.
  const format = json && options.batchFile !== undefined ? 'ndjson' : options.format;
  return {
    format,
    palette: await choosePalette(options, io),
    argv: options.argv,
    greeting: options.greeting,
    usec: options.usec,
    isTTY: io.isTTY,
    columns: io.columns,
    displayName: anyIdnout ? (await import('../cli/idn.js')).toUnicode : undefined,
    jsonView: json ? await import('../render/json.js') : undefined,
    picture: wantsPicture(options) ? await (await import('./picture.js')).pictureView(options, json) : undefined,
    yamlView: format === 'yaml' ? await import('../render/yaml.js') : undefined,
  };
}

/** The prepared runner of each mode the run uses. */
type PreparedRunners = Partial<RunQueries>;

/**
 * Sets up the runners of the run's modes, in the table's order; `sequential` when some mode prints
 * as it goes, so the run takes its queries one at a time.
 */
async function prepareRunners(context: RunContext): Promise<{ prepared: PreparedRunners; sequential: boolean }> {
  const prepared: PreparedRunners = {};
  let sequential = false;
  const prepare = async <M extends Mode>(mode: M): Promise<void> => {
    const runner = await RUNNERS[mode]();
    if (typeof runner.sequential === 'function' ? runner.sequential(context.run) : runner.sequential) sequential = true;
    prepared[mode] = await runner.prepare(context);
  };
  for (const mode of Object.keys(RUNNERS) as Mode[]) if (context.run.modes.has(mode)) await prepare(mode);
  return { prepared, sequential };
}

/** Hands a plan to its mode's runner. */
function runPlanned<M extends Mode>(prepared: PreparedRunners, mode: M, plan: PlanByMode[M], index: number) {
  const runOne = prepared[mode];
  if (!runOne) throw new Error(`no runner prepared for mode ${mode}`);
  return runOne(plan, index);
}

/** What a run does with what it makes: the CLI prints it, the library hands the documents back. */
export interface RunHooks {
  /** Sees the run's plan before anything is sent (the library refuses a query its call does not make). */
  planned?(run: RunPlan): void;
  /** The run's view, made once its queries are planned (`anyIdnout`: some query shows names in Unicode). */
  view(anyIdnout: boolean): Promise<ViewContext>;
  /** Each query's outcome, in input order (or as they complete with --unordered), and the run's view. */
  deliver(outcome: Outcome, view: ViewContext): void;
  /** Where runners that print as they go write (the CLI's stdout, through the buffer its outcomes go to as well). */
  out: BufferedWriter;
}

/**
 * The pipeline the CLI and the library share: plans every query of the options (bad input throws
 * before any packet), sets up the runners of their modes and runs the queries with bounded
 * concurrency, handing each outcome to `hooks.deliver`. Returns the view the run used.
 */
export async function executeRun(options: Options, io: Io, hooks: RunHooks): Promise<ViewContext> {
  const source = await querySource(options, io);
  try {
    // A bad key stops the run here (exit 1), before any packet.
    const tsigKey = options.tsig && (await (await import('./tsigKey.js')).loadTsigKey(options.tsig));
    const plan = await planRun(source, io, tsigKey);
    hooks.planned?.(plan);
    const view = await hooks.view(plan.idnout);
    const { query, close } = network(io, plan.count > 1);
    const { prepared, sequential } = await prepareRunners({ run: plan, options, io, view, query, out: hooks.out });
    // A lone trace and transfers run one at a time (they print as they go); lookups and the traces of a
    // batch run concurrently and are printed in input order.
    await runBounded(
      plan.plans(),
      sequential ? 1 : Math.min(options.concurrency, plan.count),
      (job: QueryPlan, index) => runPlanned(prepared, job.mode, job, index),
      (outcome: Outcome) => hooks.deliver(outcome, view),
      options.unordered,
    ).finally(close);
    return view;
  } finally {
    await source.close();
  }
}

/**
 * The CLI's run of the parsed options: prints each outcome in the chosen view and returns dig's
 * exit code (9 when some query got no usable reply), or the one the assertions or the mode decided.
 */
export async function run(options: Options, io: Io): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  let decided: ExitCode | undefined;
  let asserted = false;
  let nagiosCode = 0;
  const documents: unknown[] = [];
  let streamed = false;
  const out = bufferedWriter(io.stdout);
  const write = (outcome: Outcome, view: ViewContext): void => {
    if (outcome.nagiosState !== undefined) nagiosCode = Math.max(nagiosCode, outcome.nagiosState);
    if (outcome.assertionFailure !== undefined) {
      asserted = true;
      io.stderr.write(`tsdig: ${escapeText(outcome.assertionFailure)}\n`);
    }
    if (outcome.exitCode !== undefined)
      decided = decided === undefined ? outcome.exitCode : worseExit(decided, outcome.exitCode);
    if (outcome.failed) code = ExitCode.noReply;
    if (outcome.streamed) streamed = true;
    else if (outcome.json === undefined) out.write(outcome.text);
    else {
      const docs = outcome.jsonMany ? (outcome.json as unknown[]) : [outcome.json];
      if (view.format === 'ndjson') out.write(jsonDocuments(view, docs, 'ndjson'));
      else documents.push(...docs);
    }
  };
  const view = await executeRun(options, io, {
    view: (anyIdnout) => viewContext(options, io, anyIdnout),
    deliver: write,
    out,
  }).finally(() => out.flush());
  if (view.format === 'json' && !streamed && !options.nagios) out.write(jsonDocuments(view, documents, 'json'));
  out.flush();
  if (options.nagios) return nagiosCode as ExitCode; // 0-3, the monitoring-plugins states
  if (asserted) return ExitCode.assertionFailed;
  return decided ?? code;
}

/** JSON documents in the run's layout (the JSON view is loaded whenever the format is JSON). */
function jsonDocuments(view: ViewContext, documents: unknown[], format: 'json' | 'ndjson'): string {
  if (!view.jsonView) throw new Error('the JSON view is not loaded');
  return view.jsonView.renderJsonDocuments(documents, format);
}
