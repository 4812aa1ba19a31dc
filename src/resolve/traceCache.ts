/**
 * What the traces of one batch share, as a resolver's cache would: the root NS set from the start
 * server, referrals (the NS set and trusted glue of each zone cut, with the reply that taught them)
 * and name-server addresses found by iteration, each kept within its TTL and bounded in entries
 * (least recently used first out). Answers are never kept: the last hop of every trace is asked.
 */
import { RRType } from '../wire/rrtypes.js';
import { isSubdomain, namesEqual, parentName } from '../wire/name.js';
import type { Message, ResourceRecord } from '../wire/types.js';
import type { Outcome } from './classify.js';
import type { Exchange } from './types.js';
import type { Hop, HopOutcome, NameServer } from './traceTypes.js';

type Referral = Extract<Outcome, { kind: 'referral' }>;
type RootServers = Extract<HopOutcome, { kind: 'rootServers' }>;

/** A hop's worth of learned data: the scrubbed reply that taught it and what the trace read from it. */
export interface CachedHop<O extends HopOutcome = HopOutcome> {
  /** The zone whose server gave the reply (the parent side of the cut; '.' for the root NS set). */
  zone: string;
  exchange: Exchange;
  outcome: O;
  /** The clock reading (the trace's `now`, in ms) after which the entry is stale. */
  expiresAt: number;
}

/** How many entries a cache holds when not told: a referral per zone cut and an address set per name server. */
export const DEFAULT_TRACE_CACHE_ENTRIES = 10_000;

const key = (name: string): string => name.toLowerCase();

/** The lowest TTL of `records` (the whole set expires with its first record), or 0 for none. */
function lowestTtl(records: readonly ResourceRecord[]): number {
  let ttl = Number.POSITIVE_INFINITY;
  for (const rr of records) ttl = Math.min(ttl, rr.ttl);
  return Number.isFinite(ttl) ? ttl : 0;
}

/**
 * The reply of a referral kept only for what a server of `zone` may say (its authority records at
 * or below `zone`, the glue the trace trusted): the answer section, out-of-bailiwick glue and
 * out-of-zone records are dropped, so a later trace never sees what this one set aside.
 */
function scrubbedReferral(exchange: Exchange, zone: string, glue: readonly ResourceRecord[]): Exchange {
  const response: Message = {
    ...exchange.response,
    answer: [],
    authority: exchange.response.authority.filter((rr) => isSubdomain(rr.name, zone)),
    additional: [...glue],
  };
  return { ...exchange, response };
}

/** The shared learning of a batch of traces; `now` is the traces' clock (ms), injected so tests control expiry. */
export class TraceCache {
  private readonly entries = new Map<string, { expiresAt: number; value: unknown }>();
  /** Asks in flight, by what they will teach: traces running side by side wait for one another's instead of asking too. */
  private readonly flights = new Map<string, Promise<void>>();
  /** DS and DNSKEY questions of the validators in flight. */
  private readonly keyFlights = new Map<string, Promise<Message>>();

  constructor(
    private readonly now: () => number,
    private readonly maxEntries = DEFAULT_TRACE_CACHE_ENTRIES,
  ) {}

  /** Entries held (stale ones included until they are looked up or pushed out). */
  get size(): number {
    return this.entries.size;
  }

  private get<T>(id: string): T | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.expiresAt <= this.now()) return undefined;
    // Re-inserted: a Map iterates in insertion order, so its first key is the least recently used.
    this.entries.set(id, entry);
    return entry.value as T;
  }

  private set(id: string, ttlSeconds: number, value: unknown): number | undefined {
    if (!(ttlSeconds > 0) || this.maxEntries <= 0) return undefined;
    const expiresAt = this.now() + ttlSeconds * 1000;
    this.entries.delete(id);
    this.entries.set(id, { expiresAt, value });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return expiresAt;
  }

  /**
   * Keeps the root NS set a start server gave (the first hop of a trace), for the lowest TTL of its
   * NS records and the glue used. Hints need no keeping: they cost no query.
   */
  storeRootServers(startKey: string, hop: Hop): void {
    if (hop.outcome.kind !== 'rootServers' || hop.outcome.source !== 'startServer' || !hop.exchange) return;
    if (hop.glueLookups.length > 0) return;
    const ns = hop.exchange.response.answer.filter((rr) => rr.type === RRType.NS && rr.name === '.');
    const glue = hop.exchange.response.additional.filter(
      (rr) => (rr.type === RRType.A || rr.type === RRType.AAAA) && isSubdomain(rr.name, '.'),
    );
    const exchange = scrubbedReferral(hop.exchange, '.', []);
    const response = { ...exchange.response, answer: ns, authority: [], additional: glue };
    const id = `root ${startKey}`;
    const cached: CachedHop<RootServers> = {
      zone: '.',
      exchange: { ...exchange, response },
      outcome: { ...hop.outcome, servers: copyServers(hop.outcome.servers) },
      expiresAt: 0,
    };
    const expiresAt = this.set(id, lowestTtl([...ns, ...glue]), cached);
    if (expiresAt !== undefined) cached.expiresAt = expiresAt;
  }

  /** The root NS set a start server gave earlier in the run, while fresh. */
  rootServers(startKey: string): CachedHop<RootServers> | undefined {
    return this.get(`root ${startKey}`);
  }

  /**
   * Keeps the referral a server of `zone` gave (the hop's accepted reply): the child's NS set and
   * trusted glue, for the lowest TTL among them. Only a referral to a zone strictly below `zone` is
   * a server's to give, and only toward the name it was asked (the classifier calls any other
   * referral bad or lame, and neither is kept).
   */
  storeReferral(zone: string, hop: Hop): void {
    const outcome = hop.outcome;
    if (outcome.kind !== 'referral' || !hop.exchange) return;
    if (namesEqual(outcome.zone, zone) || !isSubdomain(outcome.zone, zone)) return;
    // Nor is a cut that does not lead to the name asked (the classifier calls such a server lame).
    if (!isSubdomain(hop.question.name, outcome.zone)) return;
    const ns = hop.exchange.response.authority.filter(
      (rr) => rr.type === RRType.NS && namesEqual(rr.name, outcome.zone),
    );
    if (ns.length === 0) return;
    const cached: CachedHop<Referral> = {
      zone,
      exchange: scrubbedReferral(hop.exchange, zone, outcome.glue),
      outcome: {
        kind: 'referral',
        zone: outcome.zone,
        nsNames: [...outcome.nsNames],
        glue: [...outcome.glue],
        ignoredGlue: [],
      },
      expiresAt: 0,
    };
    const expiresAt = this.set(`cut ${key(zone)} ${key(outcome.zone)}`, lowestTtl([...ns, ...outcome.glue]), cached);
    if (expiresAt !== undefined) cached.expiresAt = expiresAt;
  }

  /**
   * The deepest fresh referral a server of `zone` gave towards `name`: the cut where a walk at
   * `zone` goes next. A DS question for a cut itself is its parent's to answer, so that cut is
   * skipped (the parent is asked).
   */
  referral(zone: string, name: string, type: number): CachedHop<Referral> | undefined {
    if (!isSubdomain(name, zone)) return undefined;
    for (let cut = name; !namesEqual(cut, zone) && cut !== '.'; cut = parentName(cut)) {
      if (type === RRType.DS && namesEqual(cut, name)) continue;
      const found = this.get<CachedHop<Referral>>(`cut ${key(zone)} ${key(cut)}`);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Marks an ask that may teach `id` as in flight until the returned function is called; undefined
   * when another trace's ask of it is already in flight.
   */
  private fly(id: string): (() => void) | undefined {
    if (this.flights.has(id)) return undefined;
    let land = (): void => {};
    this.flights.set(
      id,
      new Promise<void>((resolve) => {
        land = resolve;
      }),
    );
    return () => {
      this.flights.delete(id);
      land();
    };
  }

  /**
   * The ask in flight that may teach `id`, to wait for (it may fail: the caller looks again); none,
   * undefined, so that a caller with nothing to wait for goes on at once, before another trace runs.
   */
  private landed(id: string): Promise<void> | undefined {
    return this.flights.get(id);
  }

  /** Another trace's priming at the same start servers, when one is in flight. */
  rootServersLanded(startKey: string): Promise<void> | undefined {
    return this.landed(`root ${startKey}`);
  }

  /** Marks a priming at the start servers as in flight (see fly). */
  primingInFlight(startKey: string): (() => void) | undefined {
    return this.fly(`root ${startKey}`);
  }

  /**
   * Another trace's ask of `zone`'s servers toward the same child of `zone` as `name`, when one is
   * in flight: its referral is likely to serve this name too.
   */
  referralLanded(zone: string, name: string): Promise<void> | undefined {
    const child = childToward(zone, name);
    return child === undefined ? undefined : this.landed(`ask ${key(zone)} ${key(child)}`);
  }

  /** Marks an ask of `zone`'s servers toward `name` as in flight (see fly). */
  askInFlight(zone: string, name: string): (() => void) | undefined {
    const child = childToward(zone, name);
    return child === undefined ? undefined : this.fly(`ask ${key(zone)} ${key(child)}`);
  }

  /**
   * The reply to a validator's question: for DS and DNSKEY, one an earlier trace got (while fresh)
   * or is getting; else asked with `ask`. A DS or DNSKEY reply is kept when it is authoritative
   * NOERROR, for the lowest TTL of its records.
   */
  keyReply(name: string, type: number, ask: () => Promise<Message>): Promise<Message> {
    if (type !== RRType.DS && type !== RRType.DNSKEY) return ask();
    const id = `key ${key(name)} ${type}`;
    const known = this.get<Message>(id);
    if (known) return Promise.resolve(known);
    const flying = this.keyFlights.get(id);
    if (flying) return flying;
    const asked = ask()
      .then((reply) => {
        if (reply.aa && reply.rcode === 0 && !reply.tc)
          this.set(id, lowestTtl([...reply.answer, ...reply.authority]), reply);
        return reply;
      })
      .finally(() => this.keyFlights.delete(id));
    this.keyFlights.set(id, asked);
    return asked;
  }

  /** Keeps a name server's addresses found by iteration, for the lowest TTL of the answers that gave them. */
  storeAddresses(name: string, addresses: readonly string[], ttlSeconds: number): void {
    if (addresses.length === 0) return;
    this.set(`addr ${key(name)}`, ttlSeconds, [...addresses]);
  }

  /** A name server's addresses found earlier in the run, while fresh. */
  addresses(name: string): string[] | undefined {
    const found = this.get<string[]>(`addr ${key(name)}`);
    return found && [...found];
  }
}

/** How many separate caches a run keeps (see TraceCaches) before it lets the least recently used go. */
const MAX_CACHES = 16;

/**
 * The caches of one run, one for each set of traces that may share what they learn: traces started
 * from other servers, on another port or address family, in another class, or asking with other
 * EDNS or DO settings may be told other things (another hierarchy, replies with or without their
 * DS records), so they never share. Bounded: a batch whose every line differs keeps the latest few.
 */
export class TraceCaches {
  private readonly caches = new Map<string, TraceCache>();

  constructor(private readonly now: () => number) {}

  /** The cache of the traces that share `key` (what they were started with, as text). */
  for(key: string): TraceCache {
    let cache = this.caches.get(key);
    if (cache) this.caches.delete(key);
    else cache = new TraceCache(this.now);
    this.caches.set(key, cache);
    while (this.caches.size > MAX_CACHES) {
      const oldest = this.caches.keys().next().value;
      if (oldest === undefined) break;
      this.caches.delete(oldest);
    }
    return cache;
  }
}

/** The name one label below `zone` on the way to `name` (undefined when `name` is not below `zone`). */
function childToward(zone: string, name: string): string | undefined {
  if (namesEqual(name, zone) || !isSubdomain(name, zone)) return undefined;
  let child = name;
  for (let up = parentName(child); !namesEqual(up, zone); up = parentName(up)) child = up;
  return child;
}

function copyServers(servers: readonly NameServer[]): NameServer[] {
  return servers.map((ns) => ({ name: ns.name, addresses: [...ns.addresses] }));
}
