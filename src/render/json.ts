/**
 * The --json / --ndjson views: one versioned document per lookup (or trace), always valid JSON, ASCII only.
 * The document shape is published in schema/tsdig.schema.json; bump JSON_SCHEMA_VERSION on any incompatible change.
 */
import type { Failure } from '../errors.js';
import type { Validation } from '../dnssec/types.js';
import type { LookupEvent, LookupResult } from '../resolve/types.js';
import type { Endpoint, Protocol } from '../transport/types.js';
import type { Question } from '../wire/types.js';
import { className, rcodeName, typeName } from '../wire/rrtypes.js';
import { escapeText } from '../wire/escape.js';
import { messageJson, type MessageJson } from './jsonMessage.js';

/** Version of the document shape (the `schema` member). */
export const JSON_SCHEMA_VERSION = 1;

/** Facts the document needs that the result does not carry. */
export interface JsonMeta {
  /** tsdig's version, for the `tsdig` member. */
  version: string;
  /** The server that was asked; used when no exchange names it (a failed lookup). */
  server?: Endpoint;
  protocol?: Protocol;
  /** DoH: the HTTP method that was to be used. */
  httpMethod?: 'GET' | 'POST';
}

/** A server in JSON. `name` is what the user or a referral called it. */
export interface ServerJson {
  address: string;
  port: number;
  protocol?: Protocol;
  /** DoH (protocol https or http): GET or POST. */
  method?: 'GET' | 'POST';
  name?: string;
}

/** What was asked, and of whom. */
export interface QueryJson {
  name: string;
  type: string;
  class: string;
  server?: ServerJson;
}

/** A lookup event in JSON. */
export interface EventJson {
  kind: LookupEvent['kind'];
  text: string;
  server?: ServerJson;
}

/** Why there is no message. */
export type ErrorJson = Failure;

/** The document for one lookup. `status` is the reply's RCODE name, or "ERROR" when no usable reply arrived. */
export interface LookupDocument {
  tsdig: string;
  schema: number;
  kind: 'lookup';
  query: QueryJson;
  status: string;
  timing?: { rttMs: number; receivedAt: string };
  message?: MessageJson;
  /** +showsearch: the NXDOMAIN replies of the search-list names tried before this one, in order. */
  searched?: SearchedJson[];
  /** -y/-k: the key and whether the reply verified. */
  tsig?: { key: string; algorithm: string; verified: boolean; error?: string };
  /** +validate: the DNSSEC verdict (added by the validation step, which is loaded only then). */
  validation?: Validation;
  events: EventJson[];
  error?: ErrorJson;
}

/** One search-list name tried before the last (+showsearch): what was asked, and the reply. */
export interface SearchedJson {
  query: QueryJson;
  status: string;
  timing: { rttMs: number; receivedAt: string };
  message: MessageJson;
}

/** Rounds a duration to microseconds, so documents do not carry float noise. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** An endpoint in JSON, with the protocol (and for DoH the HTTP method) when known. */
export function serverJson(server: Endpoint, protocol?: Protocol, method?: 'GET' | 'POST'): ServerJson {
  const out: ServerJson = { address: server.address, port: server.port };
  if (protocol) out.protocol = protocol;
  if (method) out.method = method;
  if (server.name !== undefined) out.name = server.name;
  return out;
}

/** The query member: names are presentation format, type and class are mnemonics. */
export function queryJson(question: Question, server?: ServerJson): QueryJson {
  const out: QueryJson = { name: question.name, type: typeName(question.type), class: className(question.class) };
  if (server) out.server = server;
  return out;
}

/** An event in JSON. */
export function eventJson(event: LookupEvent): EventJson {
  const out: EventJson = { kind: event.kind, text: event.text };
  if (event.server) out.server = serverJson(event.server);
  return out;
}

/** The document for one lookup result, successful or not. */
export function lookupDocument(result: LookupResult, meta: JsonMeta): LookupDocument {
  const exchange = result.exchange;
  const server = exchange
    ? serverJson(exchange.server, exchange.protocol, exchange.httpMethod)
    : meta.server && serverJson(meta.server, meta.protocol, meta.httpMethod);
  const doc: LookupDocument = {
    tsdig: meta.version,
    schema: JSON_SCHEMA_VERSION,
    kind: 'lookup',
    query: queryJson(result.question, server),
    status: exchange ? rcodeName(exchange.response.rcode) : 'ERROR',
    ...(exchange && {
      timing: { rttMs: roundMs(exchange.rttMs), receivedAt: exchange.receivedAt.toISOString() },
      message: messageJson(exchange.response),
    }),
    events: result.events.map(eventJson),
  };
  if (result.searched) {
    doc.searched = result.searched.map((tried) => ({
      query: queryJson(tried.question, serverJson(tried.server, tried.protocol, tried.httpMethod)),
      status: rcodeName(tried.response.rcode),
      timing: { rttMs: roundMs(tried.rttMs), receivedAt: tried.receivedAt.toISOString() },
      message: messageJson(tried.response),
    }));
  }
  if (exchange?.tsig) doc.tsig = { ...exchange.tsig };
  if (result.error) doc.error = { code: result.error.code, message: result.error.message };
  else if (!exchange) doc.error = { code: 'internal.noreply', message: 'no reply and no error recorded' };
  return doc;
}

/** Every string passes through escapeText (a no-op on text that is already safe), so nothing raw gets out. */
function escapeStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? escapeText(value) : value;
}

/**
 * JSON text that is pure ASCII: JSON.stringify escapes only control characters, so everything
 * from DEL upwards is written as \uXXXX here (surrogate pairs as two escapes, which JSON allows).
 */
export function stringifyAscii(value: unknown, indent?: number): string {
  return JSON.stringify(value, escapeStrings, indent).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Several documents as one output: 'json' prints a single document as itself and several as one
 * top-level array; 'ndjson' prints one compact document per line (nothing for none).
 */
export function renderJsonDocuments(documents: readonly unknown[], format: 'json' | 'ndjson'): string {
  if (format === 'ndjson') return documents.map((doc) => `${stringifyAscii(doc)}\n`).join('');
  const value = documents.length === 1 ? documents[0] : documents;
  return `${stringifyAscii(value, 2)}\n`;
}

/** The document for a run that stopped before any query (bad input, unreadable batch file). */
export function errorDocument(
  version: string,
  error: ErrorJson,
): { tsdig: string; schema: number; kind: 'error'; status: 'ERROR'; error: ErrorJson } {
  return {
    tsdig: version,
    schema: JSON_SCHEMA_VERSION,
    kind: 'error',
    status: 'ERROR',
    error: { code: error.code, message: escapeText(error.message) },
  };
}
