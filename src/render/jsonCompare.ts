/** The --json document of a +compare: the distinct answers, every server's reply, and the judgment. */
import type { CompareReport } from '../compare/report.js';
import type { CompareData, ServerReply } from '../compare/types.js';
import { rcodeName } from '../wire/rrtypes.js';
import { JSON_SCHEMA_VERSION, type QueryJson, queryJson, roundMs, type ServerJson, serverJson } from './json.js';
import { recordJson, type RecordJson } from './jsonMessage.js';
import { failureText, groupNumbers, ttlText } from './compare.js';
import { extendedErrors } from './ednsText.js';

/** One distinct answer and the servers (indexes into `servers`) that gave it. */
export interface CompareAnswerJson {
  number: number;
  status: string;
  records: RecordJson[];
  servers: number[];
  ttlsDiffer: boolean;
}

/** One server's reply. */
export interface CompareServerJson {
  server: ServerJson;
  origin: 'listed' | 'zone';
  /** The RCODE, or ERROR when no usable reply came (`failure` says why). */
  status: string;
  /** The number of its answer in `answers`. */
  answer?: number;
  authoritative?: boolean;
  recursionAvailable?: boolean;
  /** The TTL of each RRset of its answer, or for a negative answer its SOA's. */
  ttl?: string;
  serial?: number;
  edns?: { version: number; udpSize: number } | null;
  nsid?: string;
  ede?: Array<{ infoCode: number; text: string }>;
  size?: number;
  rttMs?: number;
  failure?: { kind: string; message: string };
}

/** The +compare document. */
export interface CompareDocument {
  tsdig: string;
  schema: number;
  kind: 'compare';
  query: QueryJson;
  /** The most common answer's RCODE, or ERROR when no server answered. */
  status: string;
  verdict: CompareReport['verdict'];
  headline: string;
  zone?: { name: string; nameservers: Array<{ name: string; addresses: string[]; error?: string }>; queries: number };
  answers: CompareAnswerJson[];
  servers: CompareServerJson[];
  ttlOnly: boolean;
  serialOnly: boolean;
  serialSkew?: { newest?: number; serials: Array<{ serial: number; servers: number[] }> };
  resolvers: Array<{ server: number; ttl?: number; authoritativeTtl?: number; current?: boolean }>;
  error?: string;
  /** --graph: the picture of the comparison. */
  graph?: unknown;
}

function serverDocument(reply: ServerReply, answerNumber: number | undefined): CompareServerJson {
  const answer = reply.answer;
  const out: CompareServerJson = {
    server: serverJson(
      { ...reply.target.endpoint, ...(reply.target.name !== undefined && { name: reply.target.name }) },
      answer?.protocol,
    ),
    origin: reply.target.origin,
    status: answer
      ? rcodeName(answer.rcode)
      : reply.failure?.rcode !== undefined
        ? rcodeName(reply.failure.rcode)
        : 'ERROR',
  };
  if (answerNumber !== undefined) out.answer = answerNumber;
  if (answer) {
    out.authoritative = answer.aa;
    out.recursionAvailable = answer.ra;
    const ttl = ttlText(reply);
    if (ttl !== undefined) out.ttl = ttl;
    if (answer.serial !== undefined) out.serial = answer.serial;
    out.edns = answer.edns ? { ...answer.edns } : null;
    if (answer.nsid !== undefined) out.nsid = answer.nsid;
    if (answer.ede.length > 0) out.ede = extendedErrors(answer.ede).map((e) => ({ infoCode: e.code, text: e.text }));
    out.size = answer.size;
  }
  if (reply.rttMs !== undefined) out.rttMs = roundMs(reply.rttMs);
  if (reply.failure) out.failure = { kind: reply.failure.kind, message: failureText(reply.failure) };
  return out;
}

/** The document for one +compare. */
export function compareDocument(data: CompareData, report: CompareReport, version: string): CompareDocument {
  const numbers = groupNumbers(report);
  const doc: CompareDocument = {
    tsdig: version,
    schema: JSON_SCHEMA_VERSION,
    kind: 'compare',
    query: queryJson(data.question),
    status: report.groups[0] ? rcodeName(report.groups[0].rcode) : 'ERROR',
    verdict: report.verdict,
    headline: report.headline,
    answers: report.groups.map((group) => ({
      number: group.number,
      status: rcodeName(group.rcode),
      records: group.records.map(recordJson),
      servers: [...group.servers],
      ttlsDiffer: group.ttlsDiffer,
    })),
    servers: data.replies.map((reply, index) => serverDocument(reply, numbers.get(index))),
    ttlOnly: report.ttlOnly,
    serialOnly: report.serialOnly,
    resolvers: report.resolvers.map((cache) => ({ ...cache })),
  };
  if (data.zone)
    doc.zone = {
      name: data.zone.zone,
      nameservers: data.zone.nameServers.map((ns) => ({ ...ns, addresses: [...ns.addresses] })),
      queries: data.zone.queries,
    };
  if (report.serialSkew)
    doc.serialSkew = {
      ...(report.serialSkew.newest !== undefined && { newest: report.serialSkew.newest }),
      serials: report.serialSkew.serials.map((s) => ({ serial: s.serial, servers: [...s.servers] })),
    };
  if (data.error !== undefined) doc.error = data.error;
  return doc;
}
