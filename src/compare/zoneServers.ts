/**
 * +allns: the servers of the zone holding a name, found by tsdig's own iteration from the root
 * (never a resolver): the zone is the one whose servers ended the trace, its name servers are those
 * of the delegation joined with the zone's own NS set, and each name's IPv4 and IPv6 addresses are
 * the glue of the delegation joined with what iteration finds for the name.
 */
import { trace } from '../resolve/trace.js';
import { familyAllows } from '../resolve/traceContext.js';
import type { Hop, TraceDeps, TraceResult, TraceSettings } from '../resolve/traceTypes.js';
import type { ExchangeSettings } from '../resolve/types.js';
import { isSubdomain, namesEqual } from '../wire/name.js';
import { isRecordOf, rdataAddress } from '../wire/rdata/rdata.js';
import { TYPE } from '../wire/rrtypes.js';
import type { Question } from '../wire/types.js';
import type { CompareTarget, ZoneServers } from './types.js';

/**
 * The hop whose servers are the zone's: the last one, unless it is the priming of the root, a limit
 * that cut the walk short, or the root's servers all failing: then no server said where the name
 * lives, and the root's servers are not known to be its zone's.
 */
function zoneHop(result: TraceResult, name: string): Hop | undefined {
  const last = result.hops[result.hops.length - 1];
  if (!last || last.outcome.kind === 'rootServers' || last.outcome.kind === 'limit') return undefined;
  if (last.outcome.kind === 'allFailed' && last.zone === '.' && name !== '.') return undefined;
  return last;
}

/** Why the walk found no zone, in one line. */
function noZone(result: TraceResult): string {
  const last = result.hops[result.hops.length - 1];
  const outcome = last?.outcome;
  if (outcome?.kind === 'allFailed' || outcome?.kind === 'limit') return outcome.message;
  return result.error?.message ?? 'the trace from the root found no zone';
}

/** The NS names and glue of the delegation to `zone` (the referral that led to it), or the root's servers. */
function delegation(result: TraceResult, zone: string): { names: string[]; glue: Map<string, string[]> } {
  const glue = new Map<string, string[]>();
  const add = (name: string, address: string) => {
    const key = name.toLowerCase();
    glue.set(key, [...new Set([...(glue.get(key) ?? []), address])]);
  };
  for (const hop of result.hops) {
    const outcome = hop.outcome;
    if (outcome.kind === 'rootServers' && zone === '.') {
      for (const server of outcome.servers) for (const address of server.addresses) add(server.name, address);
      return { names: outcome.servers.map((server) => server.name), glue };
    }
    if (outcome.kind === 'referral' && namesEqual(outcome.zone, zone)) {
      for (const rr of outcome.glue) {
        const address = rdataAddress(rr.rdata);
        if (address) add(rr.name, address);
      }
      return { names: [...outcome.nsNames], glue };
    }
  }
  return { names: [], glue };
}

/** Asks the server that answered the trace one more question (RD clear); undefined when it gives no authoritative reply. */
async function askAnswering(hop: Hop, deps: TraceDeps, exchange: ExchangeSettings, question: Question) {
  const server = hop.exchange?.server;
  if (!server) return undefined;
  try {
    const reply = await deps.query(server, question, exchange);
    return reply.response.aa ? reply.response : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The apex of the zone holding the name, by the SOA the answering server gives for it (the SOA
 * itself at an apex, the zone's SOA in the authority section below it): a server that serves a
 * zone and its parent answers for the child at once, so the hop's zone may be the parent's.
 */
async function zoneApex(hop: Hop, deps: TraceDeps, exchange: ExchangeSettings, name: string): Promise<string> {
  const reply = await askAnswering(hop, deps, exchange, { name, type: TYPE.SOA, class: hop.question.class });
  const soa = reply && [...reply.answer, ...reply.authority].find((rr) => rr.type === TYPE.SOA);
  // Only a zone at or below the hop's, holding the name, is believed.
  return soa && isSubdomain(name, soa.name) && isSubdomain(soa.name, hop.zone) ? soa.name : hop.zone;
}

/** The zone's own NS set, asked of the server that answered the trace. */
async function apexNames(hop: Hop, zone: string, deps: TraceDeps, exchange: ExchangeSettings): Promise<string[]> {
  const reply = await askAnswering(hop, deps, exchange, { name: zone, type: TYPE.NS, class: hop.question.class });
  return (reply?.answer ?? []).flatMap((rr) =>
    isRecordOf(rr, 'NS') && namesEqual(rr.name, zone) ? [rr.rdata.target] : [],
  );
}

/** The addresses iteration from the root finds for a name, of one type. */
async function iterate(
  name: string,
  type: number,
  settings: TraceSettings,
  deps: TraceDeps,
): Promise<{ addresses: string[]; queries: number; error?: string }> {
  const result = await trace({ name, type, class: 1 }, { ...settings, follow: true }, { ...deps, onHop: undefined });
  const final = result.final;
  const addresses =
    final?.kind === 'answer'
      ? final.records.filter((rr) => rr.type === type).flatMap((rr) => rdataAddress(rr.rdata) ?? [])
      : [];
  const failed = result.error ? result.error.message : undefined;
  return { addresses, queries: result.queries, ...(failed !== undefined && { error: failed }) };
}

/** Finds the zone holding `question.name` and every address of every one of its name servers. */
export async function findZoneServers(
  question: Question,
  settings: TraceSettings,
  deps: TraceDeps,
): Promise<{ zone?: ZoneServers; targets: CompareTarget[]; error?: string }> {
  const walk = await trace(question, { ...settings, follow: false }, { ...deps, onHop: undefined });
  const hop = zoneHop(walk, question.name);
  if (!hop) return { targets: [], error: noZone(walk) };
  const asked = { ...settings.exchange, rd: false };
  const zone = await zoneApex(hop, deps, asked, question.name);
  const { names: delegated, glue } = delegation(walk, zone);
  const apex = await apexNames(hop, zone, deps, asked);
  const names: string[] = [];
  for (const name of [...delegated, ...apex]) if (!names.some((n) => namesEqual(n, name))) names.push(name);
  let queries = walk.queries + (hop.exchange ? 2 : 0);
  const types = settings.family === 6 ? [TYPE.AAAA] : settings.family === 4 ? [TYPE.A] : [TYPE.A, TYPE.AAAA];
  const nameServers = await Promise.all(
    names.map(async (name) => {
      const found = await Promise.all(types.map((type) => iterate(name, type, settings, deps)));
      queries += found.reduce((sum, f) => sum + f.queries, 0);
      const addresses = [
        ...new Set([...(glue.get(name.toLowerCase()) ?? []), ...found.flatMap((f) => f.addresses)]),
      ].filter((address) => familyAllows(address, settings.family));
      const errors = found.flatMap((f) => (f.error ? [f.error] : []));
      return addresses.length > 0 ? { name, addresses } : { name, addresses, error: errors[0] ?? 'no address found' };
    }),
  );
  const byAddress = new Map<string, CompareTarget>();
  for (const ns of nameServers)
    for (const address of ns.addresses) {
      const known = byAddress.get(address);
      if (known) known.name = `${known.name}, ${ns.name}`;
      else
        byAddress.set(address, {
          endpoint: { address, port: settings.port, name: ns.name },
          name: ns.name,
          origin: 'zone',
        });
    }
  const targets = [...byAddress.values()];
  const error = targets.length === 0 ? `no name server of ${zone} has an address` : undefined;
  return { zone: { zone, nameServers, queries }, targets, ...(error && { error }) };
}
