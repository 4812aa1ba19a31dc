/**
 * The JSON document of a zone transfer, written as the transfer runs: the head (what was asked)
 * first, then each record as its message arrives, then the tail (how it ended). The pieces put
 * together are exactly the text the whole document would give, so a zone of any size is never held.
 */
import type { Failure } from '../errors.js';
import type { TransferResult } from '../resolve/transfer.js';
import type { Endpoint } from '../transport/types.js';
import type { Question, ResourceRecord } from '../wire/types.js';
import { rcodeName } from '../wire/rrtypes.js';
import {
  eventJson,
  JSON_SCHEMA_VERSION,
  queryJson,
  roundMs,
  serverJson,
  stringifyAscii,
  type EventJson,
  type QueryJson,
} from './json.js';
import { recordJson } from './jsonMessage.js';

/** The members before the records. */
export interface TransferHead {
  tsdig: string;
  schema: number;
  kind: 'transfer';
  query: QueryJson & { serial?: number };
}

/** The members after the records. `status` is the RCODE of the last message, or ERROR when no message came. */
export interface TransferTail {
  status: string;
  outcome: TransferResult['outcome'];
  shape?: string;
  size: { records: number; messages: number; bytes: number };
  timing?: { rttMs: number; receivedAt: string };
  tsig?: { key: string; algorithm: string; verified: boolean; error?: string };
  events: EventJson[];
  error?: Failure;
}

/** The head of the document for a transfer of `question` from `server`. */
export function transferHead(
  version: string,
  question: Question,
  server: Endpoint | undefined,
  ixfrSerial?: number,
): TransferHead {
  const query: TransferHead['query'] = queryJson(question, server && serverJson(server, 'tcp'));
  if (ixfrSerial !== undefined) query.serial = ixfrSerial;
  return { tsdig: version, schema: JSON_SCHEMA_VERSION, kind: 'transfer', query };
}

/** The tail of the document, from the finished transfer. */
export function transferTail(result: TransferResult): TransferTail {
  const tail: TransferTail = {
    status: result.rcode === undefined ? 'ERROR' : rcodeName(result.rcode),
    outcome: result.outcome,
    ...(result.shape && { shape: result.shape }),
    size: { records: result.records, messages: result.messages, bytes: result.bytes },
    ...(result.messages > 0 && {
      timing: { rttMs: roundMs(result.rttMs), receivedAt: result.receivedAt.toISOString() },
    }),
    ...(result.tsig && { tsig: { ...result.tsig } }),
    events: result.events.map(eventJson),
  };
  if (result.failure) tail.error = { ...result.failure };
  return tail;
}

/** Writes one document in pieces: `pretty` as --json prints it (two-space indent), else one line as --ndjson does. */
export interface TransferJsonWriter {
  head(head: TransferHead): string;
  record(record: ResourceRecord): string;
  tail(tail: TransferTail): string;
}

/** A writer for one document. */
export function transferJsonWriter(pretty: boolean): TransferJsonWriter {
  let count = 0;
  const indent = pretty ? 2 : undefined;
  return {
    head(head) {
      const text = stringifyAscii(head, indent);
      // Everything but the closing brace, then the records member opened.
      return text.slice(0, pretty ? -2 : -1) + (pretty ? ',\n  "records": [' : ',"records":[');
    },
    record(record) {
      const text = stringifyAscii(recordJson(record), indent);
      const separator = count++ === 0 ? '' : ',';
      return pretty ? `${separator}\n    ${text.replace(/\n/g, '\n    ')}` : separator + text;
    },
    tail(tail) {
      const text = stringifyAscii(tail, indent);
      const close = pretty ? (count > 0 ? '\n  ]' : ']') : ']';
      // The tail's members follow the records: its opening brace becomes a comma.
      return `${close},${text.slice(1)}${pretty ? '\n' : '\n'}`;
    },
  };
}
