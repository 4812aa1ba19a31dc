/**
 * Questions asked of authoritative servers below the zones a trace visited: each goes to the servers
 * of the deepest zone known above it and follows referrals down from there, judged as the trace judges
 * them (classify.ts: a delegation strictly below the zone and toward the name; bailiwick.ts: only
 * glue inside the delegated zone).
 */
import type { Endpoint } from '../transport/types.js';
import { isSubdomain, labelCount, namesEqual } from '../wire/name.js';
import { rdataAddress } from '../wire/rdata/rdata.js';
import { TYPE } from '../wire/rrtypes.js';
import type { Message } from '../wire/types.js';
import { classifyReply } from './classify.js';
import { replyFromAny } from './inTurn.js';
import type { TraceResult } from './traceTypes.js';
import type { ExchangeSettings, QueryFn } from './types.js';

/** Referrals followed for one question below the zones already known. */
export const MAX_REFERRALS = 8;

/** The authoritative servers the trace asked, per zone (lower case): the one that answered first, then the others. */
export function zoneServers(result: TraceResult): Map<string, Endpoint[]> {
  const servers = new Map<string, Endpoint[]>();
  for (const hop of result.hops) {
    // The first hop may be the start server (a resolver asked for the root NS set): not authoritative.
    if (hop.outcome.kind === 'rootServers') continue;
    const key = hop.zone.toLowerCase();
    const list = servers.get(key) ?? [];
    // A hop served from a batch's cache asked no server: the one that taught it is a server of the zone.
    const taught = hop.cached ? hop.exchange?.server : undefined;
    const ordered = taught
      ? [{ address: taught.address, port: taught.port, name: taught.name ?? taught.address }]
      : [...hop.servers].sort((a, b) => Number(b.outcome === 'accepted') - Number(a.outcome === 'accepted'));
    for (const s of ordered) {
      if (!list.some((e) => e.address === s.address && e.port === s.port))
        list.push({ address: s.address, port: s.port, name: s.name });
    }
    servers.set(key, list);
  }
  return servers;
}

/** The zone whose servers answer `name`/`type`: the deepest known zone above it (strictly above for DS, which the parent holds). */
export function zoneFor(zones: readonly string[], name: string, type: number): string | undefined {
  const above = zones.filter((z) => isSubdomain(name, z) && (type !== TYPE.DS || !namesEqual(name, z) || z === '.'));
  return above.sort((a, b) => labelCount(b) - labelCount(a))[0];
}

/**
 * Asks each question of the servers of the deepest zone in `servers` above it, and follows the
 * referrals it gets further down; the zones met on the way join `servers` for later questions.
 * A question under no known zone, a referral without usable glue or too many referrals is an error.
 */
export function referralWalk(
  servers: Map<string, Endpoint[]>,
  query: QueryFn,
  settings: ExchangeSettings,
  klass: number,
): (name: string, type: number) => Promise<Message> {
  return async (name, type) => {
    const question = { name, type, class: klass };
    for (let step = 0; step < MAX_REFERRALS; step++) {
      const zone = zoneFor([...servers.keys()], name, type);
      const asked = zone === undefined ? undefined : servers.get(zone);
      if (zone === undefined || !asked) throw new Error(`the trace found no servers for ${name}`);
      const reply = await replyFromAny(asked, query, question, settings, `no server of ${zone} could be reached`);
      const outcome = classifyReply(question, zone, reply);
      if (outcome.kind !== 'referral') return reply;
      const cut = outcome.zone;
      // The glue is used in the order given, on the port of the servers that gave it.
      const port = asked[0].port;
      const glued = outcome.glue.flatMap((rr) => {
        const address = rdataAddress(rr.rdata);
        return address === undefined ? [] : [{ address, port, name: rr.name }];
      });
      if (glued.length === 0) throw new Error(`the referral to ${cut} for ${name} has no usable glue`);
      servers.set(cut.toLowerCase(), glued);
    }
    throw new Error(`more than ${MAX_REFERRALS} referrals for ${name}`);
  };
}
