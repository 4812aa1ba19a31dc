/** The +validate path: loaded only when a query asks for it. Trust anchors are read here; the walk itself is src/dnssec. */
import { builtinTrustAnchors, MAX_TRUST_ANCHOR_OCTETS, parseTrustAnchors } from '../dnssec/trustAnchor.js';
import { DEFAULT_VALIDATION_LIMITS, type DnssecFetch, type TrustAnchor, type Validation } from '../dnssec/types.js';
import { validateReply } from '../dnssec/validate.js';
import { replyFromAny } from '../resolve/inTurn.js';
import type { ValidatePlan } from '../plan/queryPlan.js';
import type { LookupPlan } from '../resolve/lookup.js';
import type { ExchangeSettings, LookupResult, QueryFn } from '../resolve/types.js';
import { CLASS, RCODE } from '../wire/rrtypes.js';
import type { LookupDocument } from '../render/json.js';
import { renderValidation, renderValidationShort } from '../render/validation.js';
import type { RootHint } from '../resolve/traceTypes.js';
import { chainFetch } from './chainFetch.js';
import { readInputFile } from './inputFile.js';
import type { RunPlan } from './runPlan.js';
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
export function dnssecFetch(lookup: LookupPlan, query: QueryFn): DnssecFetch {
  const settings = validatorSettings(lookup.settings, true);
  const klass = lookup.candidates[0]?.class ?? CLASS.IN;
  return (name, type) =>
    replyFromAny(lookup.servers, query, { name, type, class: klass }, settings, 'no servers could be reached');
}

/**
 * The verdict on a lookup's reply, or undefined when no reply came. A SERVFAIL from a validating
 * resolver is asked again with CD set, so the verdict can say what was bogus; a truncated reply kept
 * with +ignore is asked again over TCP, since a partial reply cannot be judged. When the server
 * cannot supply the chain, the DS and DNSKEY records come from tsdig's own iteration (chainFetch).
 */
export async function validateLookup(
  result: LookupResult,
  lookup: LookupPlan,
  validate: ValidatePlan,
  query: QueryFn,
  anchors: TrustAnchor[],
  rootHints: RootHint[],
  now = Date.now(),
): Promise<Validation | undefined> {
  const exchange = result.exchange;
  if (!exchange) return undefined;
  const server = dnssecFetch(lookup, query);
  const chain = chainFetch(lookup, validate, query, rootHints, exchange.response);
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
  else if (reply.rcode === RCODE.SERVFAIL && !lookup.settings.cd)
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

/** The outcome with the verdict added: the JSON document's `validation` member, or the text block (one line under `short`). */
export function withValidation(
  outcome: Outcome,
  validation: Validation,
  short: boolean,
  result: LookupResult,
): Outcome {
  if (outcome.json !== undefined) return { ...outcome, json: { ...(outcome.json as LookupDocument), validation } };
  const answered = result.exchange?.response;
  const negative = !answered || answered.rcode === RCODE.NXDOMAIN || answered.answer.length === 0;
  const text = short ? renderValidationShort(validation, negative) : renderValidation(validation);
  return { ...outcome, text: outcome.text + text };
}

const runAnchors = new WeakMap<RunPlan, Promise<Map<string | undefined, TrustAnchor[]>>>();

/** What a lookup with +validate needs to be judged: its plan's lookup, +validate and display switches. */
export interface ValidatedPlan {
  lookup: LookupPlan;
  validate: ValidatePlan;
  display: { short: boolean };
}

/** A lookup's +validate step: the verdict (none without a reply) and the outcome with it shown after the answer. */
export async function validatedOutcome(
  outcome: Outcome,
  result: LookupResult,
  plan: ValidatedPlan,
  query: QueryFn,
  anchors: ReadonlyMap<string | undefined, TrustAnchor[]>,
  rootHints: RootHint[],
): Promise<{ outcome: Outcome; verdict?: Validation }> {
  const trusted = anchors.get(plan.validate.anchorFile) ?? [];
  const verdict = await validateLookup(result, plan.lookup, plan.validate, query, trusted, rootHints);
  return verdict ? { outcome: withValidation(outcome, verdict, plan.display.short, result), verdict } : { outcome };
}

/**
 * The trust anchors of every --trust-anchor file the run's +validate queries name (undefined: the
 * built-in root keys), read once per run whichever runners ask; a bad file stops the run before any packet.
 */
export function trustAnchorsOf(run: RunPlan): Promise<Map<string | undefined, TrustAnchor[]>> {
  let loading = runAnchors.get(run);
  if (!loading) {
    loading = (async () => {
      const anchors = new Map<string | undefined, TrustAnchor[]>();
      for (const file of run.anchorFiles) anchors.set(file, await loadTrustAnchors(file));
      return anchors;
    })();
    runAnchors.set(run, loading);
  }
  return loading;
}
