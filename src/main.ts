/** The CLI: argv in, text out, exit code back. The one place results and errors become text and exit codes. */
import { isIP } from 'node:net';
import type { Options, QueryRequest } from './cli/types.js';
import { parseArgs } from './cli/parseArgs.js';
import { ExitCode, InputError, TsdigError, BatchFileError } from './errors.js';
import { planQuery, type PlannedQuery, type SystemFacts } from './plan/plan.js';
import { createQueryFn } from './resolve/exchange.js';
import { lookup } from './resolve/lookup.js';
import type { LookupResult, QueryFn } from './resolve/types.js';
import { readResolvConf } from './system/resolvConf.js';
import { tcpTransport } from './transport/tcp.js';
import { udpTransport } from './transport/udp.js';
import { createUdpPool } from './transport/udpPool.js';
import { loopbackOnly } from './transport/loopbackGuard.js';
import { renderCommandHeader, renderEvents, renderLookup } from './render/dig.js';
import { plainPalette, type Palette } from './render/palette.js';
import { escapeText } from './wire/escape.js';
import { chooseColour } from './render/colour.js';
import { runBounded } from './resolve/ordered.js';
import type { Endpoint } from './transport/types.js';
import { decodeMessage } from './wire/decode.js';
import { VERSION } from './version.js';

/** Where main reads and writes; tests pass buffers. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colour, tables, +idnout). */
  isTTY: boolean;
  stdin?: NodeJS.ReadableStream;
  /** Terminal width, for tables. */
  columns?: number;
  /** Test seam: the network. */
  queryFn?: QueryFn;
  /** Test seam: host-name resolution for @server. */
  resolveHost?: (name: string) => Promise<string[]>;
}

async function systemResolveHost(name: string): Promise<string[]> {
  const { lookup: dnsLookup } = await import('node:dns/promises');
  const found = await dnsLookup(name, { all: true });
  return found.map((entry) => entry.address);
}

async function readBatch(options: Options, io: Io): Promise<Array<{ request: QueryRequest; options: Options }>> {
  const { batchQueries } = await import('./app/batch.js');
  return batchQueries(options, io.stdin);
}

/** Reads the facts the plan needs: resolv.conf only when a query has no @server, host names for @server. */
async function systemFacts(queries: QueryRequest[], io: Io): Promise<SystemFacts> {
  const needsResolvConf = queries.some((q) => q.server === undefined);
  const resolvConf = needsResolvConf ? await readResolvConf(io.env) : undefined;
  const serverAddresses = new Map<string, string[]>();
  const resolveHost = io.resolveHost ?? systemResolveHost;
  for (const query of queries) {
    const server = query.server;
    if (server === undefined || isIP(server) || serverAddresses.has(server)) continue;
    try {
      serverAddresses.set(server, await resolveHost(server));
    } catch {
      serverAddresses.set(server, []);
    }
  }
  return { resolvConf, serverAddresses };
}

async function choosePalette(options: Options, io: Io): Promise<Palette> {
  if (options.format === 'json' || options.format === 'ndjson') return plainPalette;
  const level = chooseColour({ flag: options.color, isTTY: io.isTTY, env: io.env });
  if (level === 0) return plainPalette;
  const { colourPalette } = await import('./render/colour.js');
  return colourPalette(level);
}

/** What one query produced, ready to print. */
interface Outcome {
  text: string;
  json?: unknown;
  failed: boolean;
}

/** Runs the parsed options: plans every query first (bad input fails before any packet), then runs them. */
async function run(options: Options, io: Io): Promise<ExitCode> {
  const queries = options.batchFile === undefined ? options.queries.map((request) => ({ request, options })) : await readBatch(options, io);
  const facts = await systemFacts(queries.map((query) => query.request), io);
  const plans: PlannedQuery[] = queries.map((query) => planQuery(query.request, query.options, facts));
  const palette = await choosePalette(options, io);
  // Many queries share connected sockets, one per server; a single query keeps a socket of its own.
  const pool = io.queryFn || plans.length < 2 ? undefined : createUdpPool();
  const network = io.queryFn ?? createQueryFn({ udp: pool ?? udpTransport, tcp: tcpTransport });
  const query = io.env.TSDIG_LOOPBACK_ONLY ? loopbackOnly(network) : network;
  const tracing = plans.some((plan) => plan.request.settings.trace);
  const traceApp = tracing ? await import('./app/trace.js') : undefined;
  const rootHints = traceApp ? await traceApp.loadRootHints(options.rootHints) : [];
  const json = options.format === 'json' || options.format === 'ndjson';
  // Batch output is one document per line, so a long batch streams.
  const format = json && options.batchFile !== undefined ? 'ndjson' : options.format;
  const jsonView = json ? await import('./render/json.js') : undefined;
  const documents: unknown[] = [];
  // +idnout shows Unicode names only on a terminal; the IDN code is loaded only then.
  const displayName = io.isTTY && plans.some((plan) => plan.request.settings.display.idnout) ? (await import('./cli/idn.js')).toUnicode : undefined;
  let code: ExitCode = ExitCode.ok;

  const runOne = async (index: number): Promise<Outcome> => {
    const plan = plans[index];
    if (plan.request.settings.trace && traceApp) {
      // Hops stream as they end when nothing else can interleave with them.
      const streaming = format === 'dig' && plans.length === 1;
      const traceView = await import('./render/trace.js');
      const renderOptions = { palette, display: plan.request.settings.display };
      const result = await traceApp.runTrace(plan, plan.options, query, rootHints, (hop) => {
        if (streaming) io.stdout.write(traceView.renderTraceHop(hop, renderOptions));
      });
      const failed = result.error !== undefined;
      if (json) {
        const { traceDocument } = await import('./render/jsonTrace.js');
        return { text: '', json: traceDocument(result, jsonMeta(plan)), failed };
      }
      const hops = streaming ? '' : result.hops.map((hop) => traceView.renderTraceHop(hop, renderOptions)).join('');
      const summary =
        format === 'table' || (io.isTTY && format === 'dig')
          ? await traceView.renderTraceSummaryTable(result, renderOptions)
          : traceView.renderTraceSummary(result, renderOptions);
      const header = index === 0 && plan.request.settings.display.cmd ? renderCommandHeader(VERSION, options.argv, plan.serversFound) : '';
      return { text: (streaming ? '' : header) + hops + summary, failed };
    }
    const result = await lookup(plan.lookup, query);
    const failed = !result.exchange;
    if (jsonView) return { text: '', json: jsonView.lookupDocument(result, jsonMeta(plan)), failed };
    if (format === 'table') {
      const { renderTable } = await import('./render/table.js');
      const display = plan.request.settings.display;
      const text = await renderTable(result, palette, {
        columns: (io.isTTY && io.columns) || 80,
        displayName: display.idnout ? displayName : undefined,
      });
      return { text, failed };
    }
    return { text: renderText(result, plan, options, index === 0, palette, displayName), failed };
  };

  if (tracing && format === 'dig' && plans.length === 1 && plans[0].request.settings.display.cmd) {
    io.stdout.write(renderCommandHeader(VERSION, options.argv, plans[0].serversFound));
  }
  // Traces run one at a time (their hops stream); plain lookups run concurrently, printed in input order.
  const concurrency = tracing ? 1 : options.concurrency;
  await runBounded(
    plans.length,
    concurrency,
    runOne,
    (outcome) => {
      if (outcome.failed) code = ExitCode.noReply;
      if (outcome.json === undefined) io.stdout.write(outcome.text);
      else if (format === 'ndjson') io.stdout.write(jsonView!.renderJsonDocuments([outcome.json], 'ndjson'));
      else documents.push(outcome.json);
    },
    options.unordered,
  ).finally(() => pool?.close());
  if (format === 'json') io.stdout.write(jsonView!.renderJsonDocuments(documents, 'json'));
  return code;
}

function jsonMeta(plan: PlannedQuery): { version: string; server?: Endpoint; protocol: 'udp' | 'tcp' } {
  return { version: VERSION, server: plan.lookup.servers[0], protocol: plan.lookup.settings.tcp ? 'tcp' : 'udp' };
}

/** dig's text for one lookup: events, the command header before the first lookup, then the reply or the failure. */
function renderText(
  result: LookupResult,
  plan: PlannedQuery,
  options: Options,
  first: boolean,
  palette: Palette,
  displayName: ((name: string) => string) | undefined,
): string {
  const display = plan.request.settings.display;
  let out = renderEvents(result.events, palette);
  // dig prints its command header before the first lookup, and (even with +short) before a failure.
  const header = display.cmd && first && (!display.short || !result.exchange);
  if (header) out += renderCommandHeader(VERSION, options.argv, plan.serversFound);
  // The query is decoded only when shown (+qr) or needed to judge the server's COOKIE.
  const response = result.exchange?.response;
  const needsQuery = display.qr || response?.edns?.options.some((o) => o.code === 10);
  const query = needsQuery && result.exchange ? decodeMessage(result.exchange.query) : undefined;
  out += renderLookup(result, { display, palette, serverLabel: plan.serverLabel, displayName: display.idnout ? displayName : undefined }, query);
  return out;
}

/** Runs tsdig with argv (without the program name); never throws. */
export async function main(argv: string[], io: Io): Promise<ExitCode> {
  try {
    const outcome = parseArgs(argv);
    switch (outcome.kind) {
      case 'help':
        io.stdout.write(outcome.text);
        return ExitCode.ok;
      case 'version':
        io.stdout.write(outcome.text);
        return ExitCode.ok;
      case 'invalid':
        io.stderr.write(`tsdig: ${escapeText(outcome.message)}\n`);
        return ExitCode.usage;
      case 'run':
        return await run(outcome.options, io);
    }
    return ExitCode.internal;
  } catch (error) {
    if (error instanceof BatchFileError) {
      io.stderr.write(`tsdig: ${escapeText(error.message)}\n`);
      return ExitCode.batchFile;
    }
    if (error instanceof InputError) {
      io.stderr.write(`tsdig: ${escapeText(error.message)}\n`);
      return ExitCode.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof TsdigError ? error.code : 'internal';
    io.stderr.write(`tsdig: internal error (${kind}): ${escapeText(message)}\n`);
    return ExitCode.internal;
  }
}

export type { QueryRequest };
