/**
 * Where +validate gets the DS and DNSKEY records of the chain for a lookup: from the server the
 * lookup asked while it serves as a resolver, else by tsdig's own iteration from the root hints
 * (the +trace engine), as delv does with its own resolver. An authoritative server answers its
 * own zones only: it refuses `. DNSKEY`, or refers, or answers without recursion.
 */
import { pacedWalk } from './walkSettings.js';
import type { DnssecFetch } from '../dnssec/types.js';
import type { ValidatePlan } from '../plan/queryPlan.js';
import type { LookupPlan } from '../resolve/lookup.js';
import { iterator } from '../resolve/trace.js';
import type { RootHint } from '../resolve/traceTypes.js';
import type { QueryFn } from '../resolve/types.js';
import { CLASS, RCODE, rcodeName, typeName } from '../wire/rrtypes.js';
import type { Message } from '../wire/types.js';
import { dnssecFetch, validatorSettings } from './validation.js';
import { monotonicMs } from '../system/clock.js';

/** The validator's fetch, and why it went to iteration (undefined while the server supplies the chain). */
export interface ChainFetch {
  fetch: DnssecFetch;
  iteration(): string | undefined;
}

/** A DnssecFetch by iteration from the root hints, RD clear, DO and CD set; one cache of cuts for the run. */
function iterationFetch(
  lookup: LookupPlan,
  validate: ValidatePlan,
  query: QueryFn,
  rootHints: RootHint[],
): DnssecFetch {
  const ask = iterator(
    pacedWalk({
      exchange: validatorSettings(lookup.settings, false),
      port: validate.port,
      family: validate.family,
      follow: false,
      startServers: [],
      rootHintsSource: validate.hintsFromFile ? 'file' : 'builtin',
    }),
    { query, now: monotonicMs, rootHints },
  );
  const klass = lookup.candidates[0]?.class ?? CLASS.IN;
  return (name, type) => ask({ name, type, class: klass });
}

/**
 * The validator's fetch for a lookup whose reply was `reply`: the server while it recurses, then
 * iteration for the rest of the run once it does not (RA clear), or refuses a question.
 */
export function chainFetch(
  lookup: LookupPlan,
  validate: ValidatePlan,
  query: QueryFn,
  rootHints: RootHint[],
  reply: Message | undefined,
): ChainFetch {
  const server = dnssecFetch(lookup, query);
  let iterate: DnssecFetch | undefined;
  let why: string | undefined = reply && !reply.ra ? 'the server does not offer recursion (RA clear)' : undefined;
  const byIteration = (name: string, type: number): Promise<Message> => {
    iterate ??= iterationFetch(lookup, validate, query, rootHints);
    return iterate(name, type);
  };
  return {
    iteration: () => why,
    fetch: async (name, type) => {
      if (why) return byIteration(name, type);
      const answer = await server(name, type);
      if (answer.rcode === RCODE.REFUSED || answer.rcode === RCODE.NOTAUTH) {
        why = `the server replied ${rcodeName(answer.rcode)} to ${name} ${typeName(type)}`;
        return byIteration(name, type);
      }
      if (!answer.ra) {
        why = `the server answered ${name} ${typeName(type)} without recursion (RA clear)`;
        return byIteration(name, type);
      }
      return answer;
    },
  };
}
