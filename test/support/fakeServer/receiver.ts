/** The part of the fake server every listener shares: the query log, and the decision for each query. */
import { parseQuery, type ParsedQuery } from '../zoneReply.js';
import { authority, decide, type Action, type Carrier, type QuerySource, type ServerSpec } from './authority.js';

/** One query as the server saw it (logged before any behaviour applies, so silent servers count too). */
export interface ReceivedQuery {
  name: string;
  type: string;
  protocol: Carrier;
  rd: boolean;
  id: number;
  /** EDNS DO bit. */
  do: boolean;
  edns: boolean;
  from: string;
  /** The source port: over TCP, which connection it came on. */
  fromPort: number;
}

/** A query read and what to do with it. */
export interface Received {
  query: ParsedQuery;
  action: Action;
}

/** Logs queries and decides them, for every listener of one server. */
export interface Receiver {
  queries: ReceivedQuery[];
  /** Parses and logs `raw`, then decides it; null when it is shorter than a header (nothing to answer). */
  receive(raw: Uint8Array, source: QuerySource): Received | null;
  /** Parses and logs `raw` without deciding it (a script takes the connection over). */
  log(raw: Uint8Array, source: QuerySource): ParsedQuery | null;
  /** Resolves once `count` queries have arrived in all. */
  queried(count: number): Promise<void>;
}

function logEntry(query: ParsedQuery, source: QuerySource): ReceivedQuery {
  return {
    name: query.name,
    type: query.type,
    protocol: source.protocol,
    rd: query.rd,
    id: query.id,
    do: query.edns?.do ?? false,
    edns: query.edns !== undefined,
    from: source.address,
    fromPort: source.port,
  };
}

/** A receiver for one server spec. */
export function receiver(spec: ServerSpec): Receiver {
  const server = authority(spec);
  const queries: ReceivedQuery[] = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const log = (raw: Uint8Array, source: QuerySource): ParsedQuery | null => {
    const query = parseQuery(raw);
    if (!query) return null;
    queries.push(logEntry(query, source));
    for (const waiter of waiting.filter((w) => w.count <= queries.length)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
    return query;
  };
  return {
    queries,
    log,
    receive: (raw, source) => {
      const index = queries.length;
      const query = log(raw, source);
      return query && { query, action: decide(server, query, source, index) };
    },
    queried: (count) =>
      count <= queries.length ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
  };
}
