/** The --json document of a +nssearch: the NS lookup, each name server's addresses, and each address's SOA. */
import type { NsSearchResult, NsServerResult } from '../resolve/nssearch.js';
import type { SoaRdata } from '../wire/rdata/soa.js';
import { rcodeName } from '../wire/rrtypes.js';
import {
  eventJson,
  JSON_SCHEMA_VERSION,
  queryJson,
  roundMs,
  serverJson,
  type ErrorJson,
  type EventJson,
  type JsonMeta,
  type QueryJson,
  type ServerJson,
} from './json.js';
import { recordJson, type RecordJson } from './jsonMessage.js';

/** The SOA timers of a zone, as numbers. */
export interface SoaJson {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/** One address of one name server, and what it said. `status` is the reply's RCODE, or ERROR when none came. */
export interface NsServerJson {
  server: ServerJson;
  status: string;
  timing?: { rttMs: number; receivedAt: string };
  /** Whether the reply had the AA bit. */
  authoritative?: boolean;
  /** The zone's SOA from this server; absent when the reply held none (REFUSED, lame). */
  soa?: SoaJson;
  /** The reply's answer records. */
  answer?: RecordJson[];
  events: EventJson[];
  error?: ErrorJson;
}

/** The +nssearch document. */
export interface NsSearchDocument {
  tsdig: string;
  schema: number;
  kind: 'nssearch';
  query: QueryJson;
  /** RCODE of the resolver's reply to the NS query, or ERROR. */
  status: string;
  zone?: string;
  nameservers: Array<{ name: string; addresses: string[]; failure?: string }>;
  servers: NsServerJson[];
  events: EventJson[];
  error?: ErrorJson;
}

function soaJson(soa: SoaRdata): SoaJson {
  const { mname, rname, serial, refresh, retry, expire, minimum } = soa;
  return { mname, rname, serial, refresh, retry, expire, minimum };
}

function serverDocument(result: NsServerResult, protocol: 'udp' | 'tcp'): NsServerJson {
  const exchange = result.exchange;
  const out: Omit<NsServerJson, 'events'> & { events?: EventJson[] } = {
    server: serverJson(result.server, exchange?.protocol ?? protocol),
    status: exchange ? rcodeName(exchange.response.rcode) : 'ERROR',
  };
  if (exchange) {
    out.timing = { rttMs: roundMs(exchange.rttMs), receivedAt: exchange.receivedAt.toISOString() };
    out.authoritative = exchange.response.aa;
    const soa = exchange.response.answer.map((rr) => rr.rdata).find((rdata) => rdata.type === 'SOA');
    if (soa) out.soa = soaJson(soa);
    out.answer = exchange.response.answer.map(recordJson);
  }
  out.events = result.events.map(eventJson);
  if (result.error) out.error = { ...result.error };
  return out as NsServerJson;
}

/**
 * The document for one +nssearch, successful or not. `meta` tells how the resolver was asked;
 * `soaProtocol` how the name servers were (never through the resolver's TLS or HTTPS channel).
 */
export function nsSearchDocument(result: NsSearchResult, meta: JsonMeta, soaProtocol: 'udp' | 'tcp'): NsSearchDocument {
  const exchange = result.ns.exchange;
  const server = exchange
    ? serverJson(exchange.server, exchange.protocol, exchange.httpMethod)
    : meta.server && serverJson(meta.server, meta.protocol, meta.httpMethod);
  const doc: NsSearchDocument = {
    tsdig: meta.version,
    schema: JSON_SCHEMA_VERSION,
    kind: 'nssearch',
    query: queryJson(result.ns.question, server),
    status: exchange ? rcodeName(exchange.response.rcode) : 'ERROR',
    ...(result.zone !== undefined && { zone: result.zone }),
    nameservers: result.nameServers.map((entry) => ({
      name: entry.name,
      addresses: [...entry.addresses],
      ...(entry.failure && { failure: entry.failure }),
    })),
    servers: result.servers.map((server) => serverDocument(server, soaProtocol)),
    events: result.ns.events.map(eventJson),
  };
  if (result.error) doc.error = { ...result.error };
  return doc;
}
