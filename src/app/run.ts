/** One run of the CLI: plan every query (bad input fails before any packet), run them, print in order. */
import type { Options } from '../cli/types.js';
import { wantsPicture } from '../cli/pictureOptions.js';
import { ExitCode, InputError } from '../errors.js';
import { planQuery, runsAsTransfer, type SystemFacts } from '../plan/plan.js';
import { chooseColour } from '../render/colour.js';
import { plainPalette, type Palette } from '../render/palette.js';
import { createQueryFn } from '../resolve/exchange.js';
import { lookup } from '../resolve/lookup.js';
import { runBounded } from '../resolve/ordered.js';
import type { QueryFn } from '../resolve/types.js';
import { loopbackOnly } from '../resolve/loopbackGuard.js';
import { tcpTransport } from '../transport/tcp.js';
import { udpTransport } from '../transport/udp.js';
import { createUdpPool, type UdpPool } from '../transport/udpPool.js';
import { escapeText } from '../wire/escape.js';
import type { TsigKey } from '../wire/tsig.js';
import { bufferedWriter } from './bufferedWriter.js';
import { gatherFacts } from './facts.js';
import type { Io } from './io.js';
import { commandLineSource, eachQuery, type QuerySource, type SourcedQuery } from './querySource.js';
import { commandHeader, lookupOutcome, traceOutcome, yamlContext, type Outcome, type ViewContext } from './views.js';

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
  return batchSource(options, io.stdin);
}

/** What a run needs to know of all its queries before it starts; nothing per query. */
interface Survey {
  facts: SystemFacts;
  count: number;
  first?: SourcedQuery;
  tracing: boolean;
  /** Some query is a +nssearch. */
  nssearching: boolean;
  /** Some query is a zone transfer (AXFR, IXFR over TCP). */
  transferring: boolean;
  /** Some query asks for several types (+types). */
  manyTypes: boolean;
  /** Some query asserts its answer (+expect, +expect-has, +fail-on). */
  asserting: boolean;
  /** Some query is watched (+watch, +until, +deadline). */
  watching: boolean;
  /** The --trust-anchor files of the +validate queries (undefined: the built-in root keys); empty when none validates. */
  anchorFiles: Set<string | undefined>;
  idnout: boolean;
}

/**
 * The first pass: every query is parsed and planned (bad input fails here, before any packet) and the
 * system facts the plans need are gathered; the queries themselves are not kept.
 */
async function survey(source: QuerySource, io: Io, tsigKey: TsigKey | undefined): Promise<Survey> {
  const gatherer = gatherFacts(io);
  if (tsigKey) gatherer.facts.tsigKey = tsigKey;
  const result: Survey = {
    facts: gatherer.facts,
    count: 0,
    tracing: false,
    nssearching: false,
    transferring: false,
    manyTypes: false,
    asserting: false,
    watching: false,
    anchorFiles: new Set(),
    idnout: false,
  };
  for await (const group of source.passes()) {
    for (const query of group) {
      const { request } = query;
      const learning = gatherer.learn(request);
      if (learning) await learning;
      planQuery(request, query.options, gatherer.facts);
      result.first ??= query;
      result.count++;
      if (request.settings.trace) result.tracing = true;
      else if (request.settings.nssearch) result.nssearching = true;
      else if (request.settings.types) result.manyTypes = true;
      else if (runsAsTransfer(request)) result.transferring = true;
      if (request.settings.expect || request.settings.failOn) result.asserting = true;
      if (request.settings.watch) result.watching = true;
      if (request.settings.validate) result.anchorFiles.add(query.options.trustAnchor);
      if (request.settings.display.idnout ?? io.isTTY) result.idnout = true;
    }
  }
  return result;
}

/** The network: shared connected sockets when there are many queries, and the loopback guard when asked for. */
function network(io: Io, many: boolean): { query: QueryFn; pool?: UdpPool } {
  const pool = io.queryFn || !many ? undefined : createUdpPool();
  const raw = io.queryFn ?? createQueryFn({ udp: pool ?? udpTransport, tcp: tcpTransport });
  return { query: io.env.TSDIG_LOOPBACK_ONLY ? loopbackOnly(raw) : raw, pool };
}

/** The view settings of the run; JSON, IDN and trace code are loaded only when used. */
async function viewContext(options: Options, io: Io, anyIdnout: boolean): Promise<ViewContext> {
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

/** Runs the parsed options and returns dig's exit code: 9 when some query got no usable reply. */
export async function run(options: Options, io: Io): Promise<ExitCode> {
  const source = await querySource(options, io);
  try {
    return await runQueries(source, options, io);
  } finally {
    await source.close();
  }
}

async function runQueries(source: QuerySource, options: Options, io: Io): Promise<ExitCode> {
  // A bad key stops the run here (exit 1), before any packet.
  const tsigKey = options.tsig && (await (await import('./tsigKey.js')).loadTsigKey(options.tsig));
  const surveyed = await survey(source, io, tsigKey);
  const { facts, count, first, tracing, nssearching, transferring, manyTypes, asserting, watching } = surveyed;
  const { anchorFiles, idnout } = surveyed;
  // A watch is one query asked again: a second query has no place in its report.
  if (watching && count > 1)
    throw new InputError('+watch repeats one query: give one name, or leave out +watch', 'input.option');
  const view = await viewContext(options, io, idnout);
  const { query, pool } = network(io, count > 1);
  if (watching && first) {
    const plan = planQuery(first.request, first.options, facts);
    return (await import('./watch.js')).runWatch(plan, query, view, io);
  }
  const traceApp = tracing ? await import('./trace.js') : undefined;
  const traceView = tracing ? await import('../render/trace.js') : undefined;
  const validating = anchorFiles.size > 0;
  // +validate may fetch the chain by iteration from the root hints, so it reads them up front as +trace does.
  const hintsApp = traceApp ?? (validating ? await import('./trace.js') : undefined);
  const rootHints = hintsApp ? await hintsApp.loadRootHints(options.rootHints) : [];
  const out = bufferedWriter(io.stdout);
  const transferApp = transferring ? await import('./transfer.js') : undefined;
  const nsSearchApp = nssearching ? await import('./nssearch.js') : undefined;
  const typesApp = manyTypes ? await import('./types.js') : undefined;
  const assertApp = asserting || options.nagios ? await import('./assertionOutcome.js') : undefined;
  // DNSSEC validation (and node:crypto) is loaded only for +validate; a bad trust anchor file stops the run before any packet.
  const validationApp = validating ? await import('./validation.js') : undefined;
  const anchors = new Map<
    string | undefined,
    Awaited<ReturnType<NonNullable<typeof validationApp>['loadTrustAnchors']>>
  >();
  if (validationApp) for (const file of anchorFiles) anchors.set(file, await validationApp.loadTrustAnchors(file));
  // A lone +nssearch in dig's layout prints each server's line as its reply comes, as dig does.
  const writeNsSearch =
    nssearching && view.format === 'dig' && count === 1 ? (text: string) => out.write(text) : undefined;
  const transferOutput = transferApp?.transferOutput(out, io);
  const openStream = transferApp?.streamOpener(io);
  // A lone transfer's JSON document is written as it arrives; several are gathered into one array.
  const streamJson = view.format === 'ndjson' || (view.format === 'json' && count === 1);
  // A lone trace in dig's layout streams its hops as they end.
  // With +validate the hops wait for the verdict on their delegations, so they are printed at the end.
  const streaming =
    tracing &&
    (view.format === 'dig' || view.format === 'short' || view.format === 'yaml') &&
    count === 1 &&
    !first?.request.settings.validate &&
    !view.picture?.onStdout;
  // dig's banner is not YAML: +yaml never prints it.
  if (streaming && first && !view.yamlView)
    out.write(commandHeader(view, planQuery(first.request, first.options, facts), false));

  // Each query is planned again when its turn comes, so a long batch holds no plan per line.
  const runOne = async (job: SourcedQuery, index: number): Promise<Outcome> => {
    const plan = planQuery(job.request, job.options, facts);
    if (typesApp && plan.types) {
      const results = await typesApp.lookupTypes(plan, plan.types, query);
      return typesApp.typesOutcome(results, plan, view, index === 0);
    }
    if (nsSearchApp && plan.nssearch) return nsSearchApp.runNsSearch(plan, query, view, index === 0, writeNsSearch);
    if (transferApp && transferOutput && openStream && !plan.request.settings.trace && runsAsTransfer(plan.request)) {
      return transferApp.runTransfer(plan, view, transferOutput, openStream, index === 0, streamJson);
    }
    if (!plan.request.settings.trace || !traceApp || !traceView) {
      const result = await lookup(plan.lookup, query);
      const outcome = await lookupOutcome(result, plan, view, index === 0);
      const validation =
        validationApp && plan.request.settings.validate
          ? await validationApp.validateLookup(
              result,
              plan,
              query,
              anchors.get(plan.options.trustAnchor) ?? [],
              rootHints,
            )
          : undefined;
      const shown =
        validation && validationApp ? validationApp.withValidation(outcome, validation, plan, result) : outcome;
      if (!assertApp) return shown;
      return assertApp.assertedOutcome(shown, result, plan, options.nagios === true, validation?.status);
    }
    const hopOptions = { palette: view.palette, display: plan.request.settings.display, usec: view.usec };
    const yaml = view.yamlView && { render: view.yamlView.yamlTraceHop, ctx: yamlContext(plan, view) };
    const result = await traceApp.runTrace(plan, plan.options, query, rootHints, (hop) => {
      if (!streaming) return;
      out.write(yaml ? yaml.render(hop, yaml.ctx) : traceView.renderTraceHop(hop, hopOptions));
    });
    const dnssec =
      validationApp && plan.request.settings.validate
        ? await (await import('./traceValidation.js')).runTraceValidation(
            result,
            plan,
            query,
            anchors.get(plan.options.trustAnchor) ?? [],
          )
        : undefined;
    return traceOutcome(result, plan, view, traceView, streaming, index === 0, dnssec);
  };

  let code: ExitCode = ExitCode.ok;
  const documents: unknown[] = [];
  let streamed = false;
  let asserted = false;
  let nagiosCode = 0;
  // Traces and transfers run one at a time (they print as they go); lookups run concurrently and are printed in input order.
  await runBounded(
    eachQuery(source),
    tracing || transferring ? 1 : Math.min(options.concurrency, count),
    runOne,
    (outcome) => {
      if (outcome.nagiosState !== undefined) nagiosCode = Math.max(nagiosCode, outcome.nagiosState);
      if (outcome.assertionFailure !== undefined) {
        asserted = true;
        io.stderr.write(`tsdig: ${escapeText(outcome.assertionFailure)}\n`);
      }
      if (outcome.failed) code = ExitCode.noReply;
      if (outcome.streamed) streamed = true;
      else if (outcome.json === undefined) out.write(outcome.text);
      else {
        const docs = outcome.jsonMany ? (outcome.json as unknown[]) : [outcome.json];
        if (view.format === 'ndjson') out.write(view.jsonView?.renderJsonDocuments(docs, 'ndjson') ?? '');
        else documents.push(...docs);
      }
    },
    options.unordered,
  ).finally(() => pool?.close());
  if (view.format === 'json' && view.jsonView && !streamed && !options.nagios)
    out.write(view.jsonView.renderJsonDocuments(documents, 'json'));
  out.flush();
  if (options.nagios) return nagiosCode as ExitCode; // 0-3, the monitoring-plugins states
  return asserted ? ExitCode.assertionFailed : code;
}
