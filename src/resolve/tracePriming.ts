/** The first hop of a trace: the root NS set from the start server (RD=1), or from the root hints. */
import type { Question } from '../wire/types.js';
import { CLASS, RCODE, RRType, rcodeName } from '../wire/rrtypes.js';
import { namesEqual } from '../wire/name.js';
import { isRecordOf, type RecordOf, rdataAddress } from '../wire/rdata/rdata.js';
import { glueAddresses, inBailiwickGlue } from './bailiwick.js';
import { askHedged, type Candidate, type Verdict } from './hedge.js';
import type { Exchange } from './types.js';
import type { GlueLookup, Hop, NameServer, RootHint } from './traceTypes.js';
import { escapeText } from '../wire/escape.js';
import { familyAllows, takeQuery, type TraceContext } from './traceContext.js';
import { hopQuery } from './traceQuery.js';

/** The question of the first hop: the root NS set. */
export const ROOT_NS: Question = { name: '.', type: RRType.NS, class: CLASS.IN };

function hintServers(hints: readonly RootHint[]): NameServer[] {
  return hints.map((hint) => ({ name: hint.name, addresses: [...hint.addresses] }));
}

/** Reads the start server's reply to `. NS`: the root servers with the addresses it gave (or the hints know). */
function judgePriming(
  hints: readonly RootHint[],
): (exchange: Exchange) => Verdict<{ servers: NameServer[]; ignored: Exchange['response']['additional'] }> {
  return (exchange) => {
    const msg = exchange.response;
    if (msg.rcode === RCODE.REFUSED) return { usable: false, outcome: 'refused', error: 'REFUSED' };
    if (msg.rcode === RCODE.SERVFAIL) return { usable: false, outcome: 'servfail', error: 'SERVFAIL' };
    if (msg.rcode !== RCODE.NOERROR) return { usable: false, outcome: 'rcode', error: rcodeName(msg.rcode) };
    const names = msg.answer
      .filter((rr): rr is RecordOf<'NS'> => isRecordOf(rr, 'NS') && rr.name === '.')
      .map((rr) => rr.rdata.target);
    if (names.length === 0) return { usable: false, outcome: 'lame', error: 'no root NS set in the answer' };
    const { glue, ignored } = inBailiwickGlue('.', names, msg.additional);
    const servers = names.map((name) => {
      const given = glueAddresses(name, glue);
      const hinted = hints.find((hint) => namesEqual(hint.name, name))?.addresses ?? [];
      return { name, addresses: given.length > 0 ? given : [...hinted] };
    });
    return { usable: true, value: { servers, ignored } };
  };
}

/** How many root servers to find addresses for when the priming reply has none (enough to fail over). */
const ROOT_ADDRESS_LOOKUPS = 3;

/**
 * Asks the start server (RD=1) for the addresses of root servers its priming reply named without
 * glue, as dig does with the system resolver; fills them in and reports each lookup.
 */
async function addressesFromStartServer(
  ctx: TraceContext,
  server: Candidate,
  servers: NameServer[],
): Promise<GlueLookup[]> {
  const { settings, deps } = ctx;
  const family = settings.family;
  const types = family === 6 ? [RRType.AAAA] : family === 4 ? [RRType.A] : [RRType.A, RRType.AAAA];
  const lookups: GlueLookup[] = [];
  for (const ns of servers) {
    if (lookups.filter((l) => l.addresses.length > 0).length >= ROOT_ADDRESS_LOOKUPS) break;
    const lookup: GlueLookup = { name: ns.name, addresses: [], queries: 0 };
    lookups.push(lookup);
    for (const type of types) {
      if (!takeQuery(ctx, server)) return lookups;
      lookup.queries++;
      try {
        const exchange = await deps.query(
          { address: server.address, port: server.port, name: server.name },
          { name: ns.name, type, class: CLASS.IN },
          { ...settings.exchange, rd: true },
        );
        lookup.addresses.push(
          ...exchange.response.answer
            .filter((rr) => rr.type === type && namesEqual(rr.name, ns.name))
            .map((rr) => rdataAddress(rr.rdata))
            .filter((address) => address !== undefined),
        );
      } catch (error) {
        // A start server that stops answering will not answer the next name either.
        lookup.error = escapeText(error instanceof Error ? error.message : String(error));
        return lookups;
      }
      if (lookup.addresses.length > 0) break;
    }
    if (lookup.addresses.length === 0) lookup.error = 'no address in the reply';
    ns.addresses = lookup.addresses;
  }
  return lookups;
}

/** The hop that names the root servers: asked of the start servers, falling back to the root hints. */
export async function primeRootServers(ctx: TraceContext): Promise<Hop> {
  const { settings, deps } = ctx;
  const hints = hintServers(deps.rootHints);
  const hop: Hop = {
    zone: '.',
    question: ROOT_NS,
    servers: [],
    outcome: { kind: 'rootServers', source: settings.rootHintsSource, servers: hints },
    glueLookups: [],
    ignoredGlue: [],
    notes: [],
  };
  const starts = (settings.startServers ?? []).filter((server) => familyAllows(server.address, settings.family));
  if ((settings.startServers ?? []).length > 0 && starts.length === 0)
    hop.notes.push('no start server of the chosen address family');
  if (starts.length > 0) {
    let index = 0;
    const result = await askHedged({
      question: ROOT_NS,
      settings: { ...settings.exchange, rd: true },
      hedgeDelayMs: settings.hedgeDelayMs,
      query: hopQuery(ctx, hop),
      now: deps.now,
      timers: deps.timers,
      next: async (): Promise<Candidate | undefined> => {
        const server = starts[index++];
        return server && { name: server.name ?? server.address, address: server.address, port: server.port };
      },
      judge: judgePriming(deps.rootHints),
      mayQuery: (candidate) => takeQuery(ctx, candidate),
    });
    hop.servers = result.attempts;
    if (result.accepted) {
      hop.exchange = result.accepted.exchange;
      hop.ignoredGlue = result.accepted.value.ignored;
      const servers = result.accepted.value.servers;
      hop.outcome = { kind: 'rootServers', source: 'startServer', servers };
      const answered = result.attempts.find((a) => a.outcome === 'accepted');
      if (answered && !servers.some((ns) => ns.addresses.some((a) => familyAllows(a, settings.family)))) {
        hop.glueLookups = await addressesFromStartServer(ctx, answered, servers);
        // The start server's root is not necessarily IANA's (a lab, a private root): never swap it for the hints.
        if (!servers.some((ns) => ns.addresses.some((a) => familyAllows(a, settings.family)))) {
          hop.outcome = {
            kind: 'allFailed',
            message: `no usable address for the root servers named by ${answered.name}`,
          };
        }
      }
      return hop;
    }
    hop.notes.push(
      `no root NS set from the start server; using the ${settings.rootHintsSource === 'file' ? 'root hints file' : 'built-in root hints'}`,
    );
  }
  if (!hints.some((ns) => ns.addresses.some((a) => familyAllows(a, settings.family)))) {
    hop.outcome = { kind: 'allFailed', message: 'no usable root server address in the root hints' };
  }
  return hop;
}
