/** The +validate path: loaded only when a query asks for it. Trust anchors are read here; the walk itself is src/dnssec. */
import { ExchangeError } from '../errors.js';
import type { PlannedQuery } from '../plan/plan.js';
import { builtinTrustAnchors, MAX_TRUST_ANCHOR_OCTETS, parseTrustAnchors } from '../dnssec/trustAnchor.js';
import { DEFAULT_VALIDATION_LIMITS, type DnssecFetch, type TrustAnchor, type Validation } from '../dnssec/types.js';
import { validateReply } from '../dnssec/validate.js';
import type { ExchangeSettings, LookupResult, QueryFn } from '../resolve/types.js';
import { CLASS, RCODE } from '../wire/rrtypes.js';
import type { Message } from '../wire/types.js';
import type { LookupDocument } from '../render/json.js';
import { renderValidation, renderValidationShort } from '../render/validation.js';
import type { RootHint } from '../resolve/traceTypes.js';
import { chainFetch } from './chainFetch.js';
import { readInputFile } from './inputFile.js';
import type { Outcome } from './views.js';

/** Trust anchors from --trust-anchor FILE (read no further than a trust anchor file may be), or the built-in root keys. */
export async function loadTrustAnchors(file: string | undefined): Promise<TrustAnchor[]> {
  if (file === undefined) return builtinTrustAnchors();
  const text = await readInputFile(file, 'trust anchor file', 'input.trustanchor', MAX_TRUST_ANCHOR_OCTETS);
  return parseTrustAnchors(text, file);
}

/** The settings of the validator's own queries: DO and CD set, the user's transport knobs kept, no header or EDNS extras. */
export function validatorSettings(base: ExchangeSettings, rd: boolean): ExchangeSettings {
  const settings: ExchangeSettings = {
    rd,
    cd: true,
    ad: false,
    dnssec: true,
    edns: 0,
    bufsize: Math.max(base.bufsize, 1232),
    nsid: false,
    cookie: base.cookie !== false,
    tcp: base.tcp,
    ignoreTc: false,
    timeoutMs: base.timeoutMs,
    tries: base.tries,
  };
  if (base.source) settings.source = base.source;
  if (base.channel) settings.channel = base.channel;
  return settings;
}

/**
 * The validator's queries: to the lookup's servers in turn, recursion desired, DO and CD set (so a
 * validating resolver hands over even data it judges bogus), none of the user's header or EDNS extras.
 */
export function dnssecFetch(plan: PlannedQuery, query: QueryFn): DnssecFetch {
  const settings = validatorSettings(plan.lookup.settings, true);
  const klass = plan.lookup.candidates[0]?.class ?? CLASS.IN;
  return async (name, type): Promise<Message> => {
    let last: unknown;
    for (const server of plan.lookup.servers) {
      try {
        return (await query(server, { name, type, class: klass }, settings)).response;
      } catch (error) {
        if (!(error instanceof ExchangeError)) throw error;
        last = error;
      }
    }
    throw last instanceof Error ? last : new Error('no servers could be reached');
  };
}

/**
 * The verdict on a lookup's reply, or undefined when no reply came. A SERVFAIL from a validating
 * resolver is asked again with CD set, so the verdict can say what was bogus; a truncated reply kept
 * with +ignore is asked again over TCP, since a partial reply cannot be judged. When the server
 * cannot supply the chain, the DS and DNSKEY records come from tsdig's own iteration (chainFetch).
 */
export async function validateLookup(
  result: LookupResult,
  plan: PlannedQuery,
  query: QueryFn,
  anchors: TrustAnchor[],
  rootHints: RootHint[],
  now = Date.now(),
): Promise<Validation | undefined> {
  const exchange = result.exchange;
  if (!exchange) return undefined;
  const server = dnssecFetch(plan, query);
  const chain = chainFetch(plan, query, rootHints, exchange.response);
  const { name, type } = exchange.question;
  let reply = exchange.response;
  let note: string | undefined;
  const again = async (why: string): Promise<void> => {
    try {
      reply = await server(name, type);
      note = why;
    } catch {
      // The first reply stands; the validator says why it cannot be judged.
    }
  };
  if (reply.tc) await again('the reply was truncated (TC); this verdict is on the full reply, asked again over TCP');
  else if (reply.rcode === RCODE.SERVFAIL && !plan.lookup.settings.cd)
    await again('the server replied SERVFAIL; this verdict is on its reply with CD (checking disabled) set');
  const validation = await validateReply(
    name,
    type,
    reply,
    chain.fetch,
    anchors,
    Math.floor(now / 1000),
    DEFAULT_VALIDATION_LIMITS,
  );
  const iteration = chain.iteration();
  return { ...validation, ...(note && { note }), ...(iteration && { iteration }) };
}

/** The outcome with the verdict added: the JSON document's `validation` member, or the text block (one line under +short). */
export function withValidation(
  outcome: Outcome,
  validation: Validation,
  plan: PlannedQuery,
  result: LookupResult,
): Outcome {
  if (outcome.json !== undefined) return { ...outcome, json: { ...(outcome.json as LookupDocument), validation } };
  const answered = result.exchange?.response;
  const negative = !answered || answered.rcode === RCODE.NXDOMAIN || answered.answer.length === 0;
  const text = plan.request.settings.display.short
    ? renderValidationShort(validation, negative)
    : renderValidation(validation);
  return { ...outcome, text: outcome.text + text };
}
