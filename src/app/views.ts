/** Turns one query's result into the chosen view's text or JSON document. */
import type { DisplayFlags, Options, OutputFormat } from '../cli/types.js';
import type { ExitCode } from '../errors.js';
import type { PlanDisplay, TraceQueryPlan } from '../plan/queryPlan.js';
import { isCommentEvent, renderBanner, renderCommandHeader, renderEvents, renderLookup } from '../render/dig.js';
import type { JsonMeta } from '../render/json.js';
import type { Palette } from '../render/palette.js';
import type { TraceRenderOptions } from '../render/trace.js';
import type { YamlContext } from '../render/yaml.js';
import type { TraceValidation } from '../dnssec/types.js';
import type { Hop, TraceResult } from '../resolve/traceTypes.js';
import type { LookupPlan } from '../resolve/lookup.js';
import type { ExchangeSettings, LookupResult } from '../resolve/types.js';
import type { Endpoint } from '../transport/types.js';
import { decodeMessage } from '../wire/decode.js';
import { escapeText } from '../wire/escape.js';
import { VERSION } from '../version.js';
import type { PictureView } from './picture.js';

/** What one query produced, ready to print: text, or a JSON document. */
export interface Outcome {
  text: string;
  json?: unknown;
  /** `json` is an array whose documents join the run's list one by one (+types). */
  jsonMany?: boolean;
  failed: boolean;
  /** +expect, +expect-has, +fail-on: the line saying what did not hold (exit 4). */
  assertionFailure?: string;
  /** --nagios: the state of this query (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); the run exits with the worst. */
  nagiosState?: number;
  /** Already written as it happened (a transfer's JSON document): nothing left to print or gather. */
  streamed?: boolean;
  /** The run's exit code when the mode decides it (+watch: 5 when +deadline passed first; +compare: 6 when servers disagree; +check: 2 warning, 3 error, 9 unreachable); the worst wins. */
  exitCode?: ExitCode;
}

/** What every view of a run shares. */
export interface ViewContext {
  format: OutputFormat;
  palette: Palette;
  /** The command line, for the `; <<>> tsdig VERSION <<>> ARGS` header. */
  argv: string[];
  /** The command header as the options before the first name left it (Options.greeting). */
  greeting?: Options['greeting'];
  isTTY: boolean;
  columns?: number;
  /** How +idnout shows names (Unicode for valid A-labels); loaded only when some query shows them so. */
  displayName?: (name: string) => string;
  /** -u: times in microseconds. */
  usec?: boolean;
  jsonView?: typeof import('../render/json.js');
  /** --graph, --graph-out, --report: the trace is also drawn (picture.ts, loaded only then). */
  picture?: PictureView;
  /** +yaml: dig's YAML layout, loaded only then. */
  yamlView?: typeof import('../render/yaml.js');
  /**
   * Set by the library, which prints nothing: documents that the CLI streams as they happen (+watch's
   * events) are handed here instead, and the others (a transfer's too) come back whole in each Outcome.
   */
  documents?: (document: object) => void;
}

/** What the +yaml items of a query share: its display switches, -b (from its exchange settings), -u and +idnout. */
export function yamlContext(display: DisplayFlags, settings: ExchangeSettings, view: ViewContext): YamlContext {
  const ctx: YamlContext = { display, usec: view.usec };
  const source = settings.source;
  if (source) ctx.source = source;
  const displayName = displayNameFor(view, display);
  if (displayName) ctx.displayName = displayName;
  return ctx;
}

/** What a JSON document says of the server asked and how: the first server, and its protocol. */
export function jsonMeta(servers: readonly Endpoint[], settings: ExchangeSettings): JsonMeta {
  const { tcp, channel } = settings;
  const meta: JsonMeta = {
    version: VERSION,
    server: servers[0],
    protocol: channel?.protocol ?? (tcp ? 'tcp' : 'udp'),
  };
  if (channel?.http) meta.httpMethod = channel.http.method;
  return meta;
}

/**
 * dig's command header, or ''. The first query of the run gets the whole header: the command line,
 * or the words of its batch line when it is the first line's (`; (N servers found)`, `;; global
 * options:`). The first query of each later batch line gets that line's words alone, as dig -f
 * prints them. It is never printed when +nocmd, +short or +noall came before the first name;
 * otherwise a failure always gets it, and a reply only when the query's own +cmd is on.
 */
export function commandHeader(view: ViewContext, plan: PlanDisplay, failed: boolean, first: boolean): string {
  if (view.greeting === 'off' || (!failed && !plan.display.cmd)) return '';
  if (first)
    return renderCommandHeader(VERSION, plan.banner ?? view.argv, plan.serversFound, view.greeting === 'short');
  return plan.banner ? renderBanner(VERSION, plan.banner) : '';
}

/** How a query's names are shown: in Unicode with +idnout, or by default on a terminal (as dig); else as received. */
export function displayNameFor(view: ViewContext, display: DisplayFlags): ((name: string) => string) | undefined {
  return (display.idnout ?? view.isTTY) ? view.displayName : undefined;
}

/** What the view of a lookup needs of its plan (a +nssearch shows its NS lookup this way when the resolver never answered). */
export type LookupShown = PlanDisplay & { lookup: LookupPlan };

/** A lookup in the chosen view. `first`: the first query of the run (dig prints its header once). */
export async function lookupOutcome(
  result: LookupResult,
  plan: LookupShown,
  view: ViewContext,
  first: boolean,
): Promise<Outcome> {
  const failed = !result.exchange;
  if (view.jsonView)
    return {
      text: '',
      json: view.jsonView.lookupDocument(result, jsonMeta(plan.lookup.servers, plan.lookup.settings)),
      failed,
    };
  if (view.yamlView)
    return { text: view.yamlView.yamlLookup(result, yamlContext(plan.display, plan.lookup.settings, view)), failed };
  const display = plan.display;
  const displayName = displayNameFor(view, display);
  if (view.format === 'table') {
    const { renderTable } = await import('../render/table.js');
    return {
      text: await renderTable(result, view.palette, { columns: (view.isTTY && view.columns) || 80, displayName }),
      failed,
    };
  }
  // dig prints its truncation, next-server and retry lines as comments: +nocomments (and +short, +noall) hide them.
  const events =
    display.comments || result.events.length === 0
      ? result.events
      : result.events.filter((event) => !isCommentEvent(event));
  let text = renderEvents(events, view.palette);
  const ctx = { display, palette: view.palette, serverLabel: plan.serverLabel, displayName, usec: view.usec };
  // +showsearch: each name tried before the last, as dig prints it (its command header again before each, for the first query).
  for (const exchange of result.searched ?? []) {
    text += commandHeader(view, plan, false, first);
    text += renderLookup(
      { question: exchange.question, events: [], exchange },
      ctx,
      display.qr ? decodeMessage(exchange.query) : undefined,
    );
  }
  text += commandHeader(view, plan, failed, first);
  // The query is decoded only when shown (+qr); the server's COOKIE is judged against the cookie the exchange kept.
  const query = display.qr && result.exchange ? decodeMessage(result.exchange.query) : undefined;
  text += renderLookup(result, ctx, query);
  return { text, failed };
}

/** The renderer for trace hops and summaries, loaded only for +trace. */
export type TraceView = typeof import('../render/trace.js');

/** A finished trace in the chosen view, drawn too when asked; `streamed`: its hops were already printed as they ended. */
export async function traceOutcome(
  result: TraceResult,
  plan: TraceQueryPlan,
  view: ViewContext,
  traceView: TraceView,
  streamed: boolean,
  first: boolean,
  dnssec?: TraceValidation,
): Promise<Outcome> {
  const outcome = await traceViewOutcome(result, plan, view, traceView, streamed, first, dnssec);
  if (!view.picture) return outcome;
  return (await import('./picture.js')).withPicture(outcome, result, view.picture, view.argv, dnssec);
}

async function traceViewOutcome(
  result: TraceResult,
  plan: TraceQueryPlan,
  view: ViewContext,
  traceView: TraceView,
  streamed: boolean,
  first: boolean,
  dnssec?: TraceValidation,
): Promise<Outcome> {
  const failed = result.error !== undefined;
  if (view.jsonView) {
    const { traceDocument } = await import('../render/jsonTrace.js');
    return { text: '', json: traceDocument(result, jsonMeta(plan.servers, plan.settings.exchange), dnssec), failed };
  }
  if (view.yamlView) {
    const ctx = yamlContext(plan.display, plan.settings.exchange, view);
    return { text: view.yamlView.yamlTrace(result, ctx, streamed), failed };
  }
  const options = { palette: view.palette, display: plan.display, usec: view.usec };
  const header = streamed ? '' : commandHeader(view, plan, false, first);
  const summaryTable = view.format === 'table' || (view.isTTY && view.format === 'dig');
  return { text: header + (await traceText(result, options, traceView, { streamed, summaryTable, dnssec })), failed };
}

/**
 * A finished trace as text: every hop (unless they were streamed as they ended), the summary (a
 * table on a terminal or with --table), then the DNSSEC verdict, as the VALIDATION block of a lookup.
 */
export async function traceText(
  result: TraceResult,
  options: TraceRenderOptions,
  traceView: TraceView,
  how: { streamed: boolean; summaryTable: boolean; dnssec?: TraceValidation },
): Promise<string> {
  const { dnssec } = how;
  const hops = how.streamed
    ? ''
    : result.hops.map((hop: Hop, i: number) => traceView.renderTraceHop(hop, options, dnssec?.cuts[i])).join('');
  // +short: the records only, as dig's; tsdig adds one line when the trace failed, so the exit status is explained.
  const summary = options.display.short
    ? result.error
      ? `;; Trace failed: ${escapeText(result.error.message)}\n`
      : ''
    : how.summaryTable
      ? await traceView.renderTraceSummaryTable(result, options)
      : traceView.renderTraceSummary(result, options);
  const verdict = dnssec ? (await import('../render/validation.js')).renderValidation(dnssec.validation) : '';
  return hops + summary + verdict;
}
