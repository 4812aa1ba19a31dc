/** The plans of +compare and +explain: which servers, how each is asked, and how the root is reached. */
import type { Options, QueryRequest } from '../cli/types.js';
import type { CompareTarget } from '../compare/types.js';
import { InputError } from '../errors.js';
import type { LookupPlan } from '../resolve/lookup.js';
import type { ExchangeSettings } from '../resolve/types.js';
import type { Endpoint } from '../transport/types.js';
import type { Question } from '../wire/types.js';
import type { CompareQueryPlan, ExplainQueryPlan, PlanDisplay, PlannedWalk, ValidatePlan } from './queryPlan.js';

/** The addresses one @server (or resolv.conf, for undefined) stands for. */
export type ServersOf = (server: string | undefined) => { endpoints: Endpoint[]; label?: string };

/** Iteration from the root hints (the built-in ones, or --root-hints FILE's), never from a resolver. */
function fromRootSettings(exchange: ExchangeSettings, options: Options, follow: boolean): PlannedWalk {
  const { channel: _channel, ...plain } = exchange;
  return {
    exchange: { ...plain, rd: false, dnssec: true, edns: plain.edns ?? 0 },
    port: options.port,
    family: options.family,
    follow,
    startServers: [],
    rootHintsSource: options.rootHints === undefined ? 'builtin' : 'file',
  };
}

/** Every address of every @server of the query, each once, in the order given. */
function listedTargets(request: QueryRequest, serversOf: ServersOf): CompareTarget[] {
  const typed = request.servers ?? [undefined];
  const targets: CompareTarget[] = [];
  for (const server of typed)
    for (const endpoint of serversOf(server).endpoints) {
      if (targets.some((t) => t.endpoint.address === endpoint.address && t.endpoint.port === endpoint.port)) continue;
      const named = server !== undefined && server !== endpoint.address;
      targets.push({ endpoint, origin: 'listed', ...(named && { name: server }) });
    }
  return targets;
}

/** The plan of a +compare. */
export function comparePlan(
  request: QueryRequest,
  options: Options,
  question: Question,
  exchange: ExchangeSettings,
  display: PlanDisplay,
  serversOf: ServersOf,
): CompareQueryPlan {
  const settings = request.settings;
  if (settings.validate)
    throw new InputError(
      '+validate judges one answer, not a +compare of several: leave out one of the two',
      'input.option',
    );
  if (options.format === 'yaml' || options.format === 'short' || display.display.short)
    throw new InputError(
      '+compare prints its comparison as text, --table or --json: leave out +yaml and +short',
      'input.option',
    );
  // Each server is asked once (a dead one costs one timeout), NSID asked for: it tells anycast instances apart.
  const asked: ExchangeSettings = { ...exchange, nsid: true, tries: settings.triesSet ? exchange.tries : 1 };
  if (settings.allns) {
    // As +trace and +check: an @server gives the root's NS set (dig +trace's start); --root-hints or no @server, the hints.
    const start =
      request.servers !== undefined && options.rootHints === undefined
        ? listedTargets(request, serversOf).map((target) => target.endpoint)
        : [];
    return {
      mode: 'compare',
      ...display,
      question,
      targets: [],
      exchange: { ...asked, rd: false },
      allns: { ...fromRootSettings(asked, options, false), startServers: start },
    };
  }
  return { mode: 'compare', ...display, question, targets: listedTargets(request, serversOf), exchange: asked };
}

/** The plan of a lookup with +explain. */
export function explainPlan(
  options: Options,
  lookup: LookupPlan,
  display: PlanDisplay,
  validate: ValidatePlan | undefined,
): ExplainQueryPlan {
  const plan: ExplainQueryPlan = {
    mode: 'explain',
    ...display,
    lookup,
    trace: fromRootSettings(lookup.settings, options, true),
  };
  if (options.trustAnchor !== undefined) plan.anchorFile = options.trustAnchor;
  if (validate) plan.validate = validate;
  return plan;
}
