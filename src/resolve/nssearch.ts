/**
 * dig's +nssearch: the zone's NS set from the resolver (@server or resolv.conf), the addresses of each
 * name server from the same resolver, then every address asked for the SOA without recursion, all at once.
 */
import { CLASS, RCODE, TYPE } from '../wire/rrtypes.js';
import type { Endpoint } from '../transport/types.js';
import type { Question, ResourceRecord } from '../wire/types.js';
import { ExchangeError, type Failure } from '../errors.js';
import { isRecordOf, rdataAddress } from '../wire/rdata/rdata.js';
import { lookup, type LookupPlan } from './lookup.js';
import type { Exchange, ExchangeSettings, LookupEvent, LookupResult, QueryFn } from './types.js';

/** dig follows at most this many NS records (its MXSERV). */
export const MAX_NAME_SERVERS = 20;
/**
 * dig asks at most this many addresses of each name server (its DIG_MAX_ADDRESSES): without a limit a
 * resolver could answer with thousands and have every one of them sent a query at once.
 */
export const MAX_ADDRESSES = 20;

/** What +nssearch needs besides the NS lookup: how to ask the name servers themselves. */
export interface NsSearchSettings {
  /** For the SOA queries: no recursion and one try, as dig sends them. */
  soa: ExchangeSettings;
  /** The port every name server is asked on (-p). */
  port: number;
  /** -4 / -6: which address types of the name servers are looked up. */
  family: 4 | 6 | null;
}

/** A whole +nssearch, planned: the NS lookup through the resolver, and the settings for the rest. */
export interface NsSearchPlan {
  /** The NS question (or its search-list candidates) for the resolver; its servers also give the addresses. */
  ns: LookupPlan;
  settings: NsSearchSettings;
}

/** One name server name and the addresses the resolver gave for it. */
export interface NameServerAddresses {
  name: string;
  addresses: string[];
  /** Why there is none: dig's `not found` (no such name or no address record) or `failure` (no usable reply). */
  failure?: 'not found' | 'failure';
}

/** The SOA query to one address of one name server, and how it ended. */
export interface NsServerResult {
  /** The name server name the address belongs to. */
  name: string;
  server: Endpoint;
  /** Present when a reply arrived (REFUSED and answers without an SOA included). */
  exchange?: Exchange;
  /** Present when no reply arrived. */
  error?: Failure;
  /** What happened on the way (communication errors, truncation), in order. */
  events: LookupEvent[];
}

/** Something to show as it happens, in dig's order. */
export type NsSearchEvent =
  | { kind: 'lookup'; event: LookupEvent }
  | { kind: 'noAddress'; entry: NameServerAddresses }
  | { kind: 'server'; result: NsServerResult };

/** The outcome of a +nssearch. */
export interface NsSearchResult {
  /** The NS lookup through the resolver. */
  ns: LookupResult;
  /** Owner of the NS set used (the zone); absent when the reply held none (a name below a zone apex). */
  zone?: string;
  nameServers: NameServerAddresses[];
  /** Every SOA query, in the order the replies (or failures) came. */
  servers: NsServerResult[];
  /** Why the search failed: the resolver did not answer, no name server had an address, or none could be reached. */
  error?: Failure;
}

/** The NS set dig follows: the answer's, else a referral's (an authority section with NS and no SOA). */
export function nameServerSet(
  answer: readonly ResourceRecord[],
  authority: readonly ResourceRecord[],
): { zone: string; names: string[] } | undefined {
  const fromAnswer = answer.filter((rr) => rr.type === TYPE.NS);
  const chosen =
    fromAnswer.length > 0
      ? fromAnswer
      : authority.some((rr) => rr.type === TYPE.SOA)
        ? []
        : authority.filter((rr) => rr.type === TYPE.NS);
  if (chosen.length === 0) return undefined;
  const names = chosen
    .filter((rr) => isRecordOf(rr, 'NS'))
    .map((rr) => rr.rdata.target)
    .slice(0, MAX_NAME_SERVERS);
  return { zone: chosen[0].name, names };
}

/** The address types to ask for under -4 / -6. */
function addressTypes(family: 4 | 6 | null): number[] {
  return family === 4 ? [TYPE.A] : family === 6 ? [TYPE.AAAA] : [TYPE.A, TYPE.AAAA];
}

/** The addresses of one name server name, asked of the resolver with the NS lookup's settings. */
export async function nameServerAddresses(
  name: string,
  ns: LookupPlan,
  family: 4 | 6 | null,
  query: QueryFn,
): Promise<NameServerAddresses> {
  const replies = await Promise.all(
    addressTypes(family).map((type) =>
      lookup({ candidates: [{ name, type, class: CLASS.IN }], servers: ns.servers, settings: ns.settings }, query),
    ),
  );
  const addresses = replies
    .flatMap((result) =>
      (result.exchange?.response.answer ?? [])
        .filter((rr) => rr.type === TYPE.A || rr.type === TYPE.AAAA)
        .map((rr) => rdataAddress(rr.rdata))
        .filter((address) => address !== undefined),
    )
    .slice(0, MAX_ADDRESSES);
  if (addresses.length > 0) return { name, addresses };
  // As getaddrinfo reports it to dig: a clear "no such address" when the resolver said so, else a failure.
  const answered = replies.some((result) => {
    const rcode = result.exchange?.response.rcode;
    return rcode === RCODE.NOERROR || rcode === RCODE.NXDOMAIN;
  });
  return { name, addresses, failure: answered ? 'not found' : 'failure' };
}

/** Asks one address for the zone's SOA; never throws for network failures. */
async function askForSoa(
  name: string,
  server: Endpoint,
  zone: string,
  plan: NsSearchPlan,
  query: QueryFn,
): Promise<NsServerResult> {
  const events: LookupEvent[] = [];
  const question: Question = { name: zone, type: TYPE.SOA, class: plan.ns.candidates[0]?.class ?? CLASS.IN };
  try {
    const exchange = await query(server, question, plan.settings.soa, (event) => events.push(event));
    return { name, server, exchange, events };
  } catch (error) {
    if (!(error instanceof ExchangeError)) throw error;
    return { name, server, error: { code: error.code, message: error.message }, events };
  }
}

/** Runs a +nssearch; `onEvent` sees each step as it happens (the order dig prints them in). */
export async function nsSearch(
  plan: NsSearchPlan,
  query: QueryFn,
  onEvent?: (event: NsSearchEvent) => void,
): Promise<NsSearchResult> {
  const ns = await lookup(plan.ns, query, (event) => onEvent?.({ kind: 'lookup', event }));
  const result: NsSearchResult = { ns, nameServers: [], servers: [] };
  if (!ns.exchange) {
    result.error = ns.error ?? { code: 'transport.noservers', message: 'no servers could be reached' };
    return result;
  }
  const set = nameServerSet(ns.exchange.response.answer, ns.exchange.response.authority);
  if (!set) return result;
  result.zone = set.zone;
  result.nameServers = await Promise.all(
    set.names.map((name) => nameServerAddresses(name, plan.ns, plan.settings.family, query)),
  );
  for (const entry of result.nameServers) if (entry.failure) onEvent?.({ kind: 'noAddress', entry });
  const targets = result.nameServers.flatMap((entry) =>
    entry.addresses.map((address) => ({
      name: entry.name,
      server: { address, port: plan.settings.port, name: entry.name },
    })),
  );
  if (targets.length === 0) {
    result.error = { code: 'nssearch.noaddress', message: `no address for any name server of ${set.zone}` };
    return result;
  }
  await Promise.all(
    targets.map(async ({ name, server }) => {
      const answer = await askForSoa(name, server, set.zone, plan, query);
      result.servers.push(answer);
      onEvent?.({ kind: 'server', result: answer });
    }),
  );
  if (result.servers.every((server) => !server.exchange)) {
    result.error = { code: 'nssearch.unreachable', message: 'NS servers could not be reached' };
  }
  return result;
}
