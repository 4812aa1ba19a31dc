/** The --json document of +check (`kind: "check"`): the verdict, every finding, and the servers each cut was judged on. */
import type { CheckData, CheckReport, Finding, ProbeResult, Severity } from '../check/types.js';
import { rcodeName } from '../wire/rrtypes.js';
import { JSON_SCHEMA_VERSION, type QueryJson, roundMs } from './json.js';

/** One probe in JSON: the RCODE and flags of the reply, or why there was none. */
export interface ProbeJson {
  status: string;
  protocol?: 'udp' | 'tcp';
  rttMs?: number;
  aa?: boolean;
  tc?: boolean;
  size?: number;
  reason?: string;
}

/** One name-server address of a cut and how each probe went. */
export interface CheckServerJson {
  address: string;
  names: string[];
  probes: Record<string, ProbeJson>;
}

/** One cut as JSON: the zone, its parent, its name servers and addresses. */
export interface CutJson {
  zone: string;
  parent?: string;
  role: 'zone' | 'cut';
  nameservers: Array<{ name: string; inParent: boolean; inChild: boolean; glue: string[]; addresses: string[] }>;
  servers: CheckServerJson[];
}

/** The +check document. */
export interface CheckDocument {
  tsdig: string;
  schema: number;
  kind: 'check';
  query: QueryJson;
  zone?: string;
  /** The worst severity found. */
  status: Severity;
  verdict: string;
  summary: Record<Severity, number>;
  findings: Finding[];
  walk: { zones: string[]; queries: number };
  cuts: CutJson[];
  timing: { totalMs: number; timeoutMs: number };
  queries: number;
  error?: { code: string; message: string };
}

function probeJson(result: ProbeResult): ProbeJson {
  switch (result.kind) {
    case 'reply': {
      const m = result.message;
      return {
        status: rcodeName(m.rcode),
        protocol: result.protocol,
        rttMs: roundMs(result.rttMs),
        aa: m.aa,
        tc: m.tc,
        size: m.size,
      };
    }
    case 'failed':
      return { status: result.failure.toUpperCase(), protocol: result.protocol, reason: result.message };
    case 'skipped':
      return { status: 'SKIPPED', reason: result.reason };
  }
}

/** The document for one check. */
export function checkDocument(report: CheckReport, data: CheckData, version: string): CheckDocument {
  const doc: CheckDocument = {
    tsdig: version,
    schema: JSON_SCHEMA_VERSION,
    kind: 'check',
    query: { name: data.name, type: 'SOA', class: 'IN' },
    ...(data.zone !== undefined && { zone: data.zone }),
    status: report.worst,
    verdict: report.verdict,
    summary: { ...report.counts },
    findings: report.findings.map((f) => ({ ...f, servers: [...f.servers] })),
    walk: { zones: [...data.walk.zones], queries: data.walk.queries },
    cuts: data.cuts.map((cut) => ({
      zone: cut.zone,
      ...(cut.parent !== undefined && { parent: cut.parent }),
      role: cut.role,
      nameservers: cut.nameServers.map((ns) => ({
        name: ns.name,
        inParent: ns.inParent,
        inChild: ns.inChild,
        glue: [...ns.glue],
        addresses: [...ns.ipv4.addresses, ...ns.ipv6.addresses],
      })),
      servers: cut.servers.map((server) => ({
        address: server.address,
        names: [...server.names],
        probes: Object.fromEntries(Object.entries(server.probes).map(([name, result]) => [name, probeJson(result)])),
      })),
    })),
    timing: { totalMs: roundMs(data.totalMs), timeoutMs: data.timeoutMs },
    queries: data.queries,
  };
  if (data.walk.error) doc.error = { code: data.walk.error.code, message: data.walk.error.message };
  return doc;
}
