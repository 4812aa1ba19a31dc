/**
 * +check's vocabulary: what the collection gathers about a zone and the cuts above it (pure data,
 * nothing decided), and the findings the checks draw from it.
 */
import type { Failure } from '../errors.js';
import type { Message } from '../wire/types.js';

/** How serious a finding is; the worst one sets the verdict and the exit status. */
export type Severity = 'ok' | 'notice' | 'warning' | 'error';

/** Severities from the least to the most serious. */
export const SEVERITIES: readonly Severity[] = ['ok', 'notice', 'warning', 'error'];

/** One check's conclusion about one zone. */
export interface Finding {
  /** Stable identifier of the check (`soa.serial`, `edns.version`, ...). */
  id: string;
  severity: Severity;
  /** The zone the finding is about (absolute). */
  zone: string;
  /** One line, already escaped: what was found, naming the servers involved. */
  message: string;
  /** The servers involved, as `NAME (ADDRESS)` or the bare address. */
  servers: string[];
  /** The RFC or BCP the check rests on (`RFC 1982`, `BCP 140`). */
  reference: string;
  /** The data the finding rests on, JSON-safe. */
  evidence: Record<string, unknown>;
}

/** Why a probe has no reply. */
export type ProbeFailure = 'timeout' | 'unreachable' | 'malformed' | 'error';

/** What one query to one server came to. */
export type ProbeResult =
  | {
      kind: 'reply';
      protocol: 'udp' | 'tcp';
      rttMs: number;
      message: Message;
      /** The RCODEs that made the exchange ask again on the way (BADVERS, then EDNS version 0). */
      retriedAfter?: number[];
    }
  | { kind: 'failed'; failure: ProbeFailure; protocol: 'udp' | 'tcp'; message: string }
  /** Not sent: the server was already silent over this protocol, or the probe did not apply. */
  | { kind: 'skipped'; reason: string };

/**
 * The probes sent to each name-server address. The first group is sent to the servers of every cut;
 * the rest only to the servers of the zone being checked.
 */
export type ProbeName =
  /** SOA, EDNS 0, no DO, over UDP: is the server there and authoritative. */
  | 'soa'
  /** NS at the apex: the child's own NS set. */
  | 'ns'
  /** SOA over TCP (RFC 7766). */
  | 'tcp'
  /** The DNS flag day tests: SOA without EDNS, ... */
  | 'plain'
  /** ... with EDNS version 1 (BADVERS expected), ... */
  | 'ednsVersion'
  /** ... with an unknown EDNS option (ignored), ... */
  | 'ednsOption'
  /** ... with an unknown EDNS flag (ignored, not echoed), ... */
  | 'ednsFlag'
  /** ... with DO (RRSIGs expected in a signed zone). */
  | 'do'
  /** DNSKEY with DO, 1232-byte buffer: the key set, its signatures and the reply size. */
  | 'dnskey'
  /** DNSKEY with DO and a 512-byte buffer, TC not followed: truncation happens as it should. */
  | 'truncated'
  /** The same over TCP, asked when the UDP reply was truncated. */
  | 'truncatedTcp'
  /** NSEC3PARAM at the apex (RFC 9276 advice). */
  | 'nsec3param'
  /** CNAME at the apex. */
  | 'cname'
  /** MX at the apex (their targets must not be aliases). */
  | 'mx'
  /** A name outside the zone with RD=1: an authoritative server should not recurse (BCP 140). */
  | 'recursion';

/** What iteration from the root found for one name and one address type. */
export interface Resolution {
  status: 'answer' | 'cname' | 'nxdomain' | 'nodata' | 'failed';
  addresses: string[];
  /** The alias target, when the name is a CNAME. */
  cname?: string;
  /** One line: why the resolution failed. */
  error?: string;
}

/** One name server name of a cut, and what is known of its addresses. */
export interface NameServerData {
  name: string;
  /** Listed in the parent's delegation (by any parent server). */
  inParent: boolean;
  /** Listed in the child's own NS set (by any child server). */
  inChild: boolean;
  /** Glue addresses the parent gave for it (union over the parent's servers). */
  glue: string[];
  /** The addresses iteration from the root finds for it. */
  ipv4: Resolution;
  ipv6: Resolution;
}

/** One address of one or more name servers of a cut, and its replies to the probes. */
export interface ServerData {
  address: string;
  /** The NS names that lead to this address. */
  names: string[];
  probes: Partial<Record<ProbeName, ProbeResult>>;
  /** The server's replies for the addresses of in-bailiwick name servers (A and AAAA). */
  addressProbes: Array<{ name: string; type: 'A' | 'AAAA'; result: ProbeResult }>;
}

/** One server of the parent zone and what it says about the delegation. */
export interface ParentServerData {
  name: string;
  address: string;
  /** The child's NS set asked of the parent (RD=0): a referral with glue. */
  ns: ProbeResult;
  /** The child's DS set asked of the parent with DO (only for the zone being checked). */
  ds?: ProbeResult;
}

/** A zone and its delegation: the zone being checked, or a cut above it on the way from the root. */
export interface CutData {
  zone: string;
  /** The parent zone; absent for the root. */
  parent?: string;
  /** `zone`: the zone being checked, with every probe; `cut`: a zone cut above it, with the delegation probes. */
  role: 'zone' | 'cut';
  parentServers: ParentServerData[];
  nameServers: NameServerData[];
  servers: ServerData[];
  /** For the zone: the MX targets found at the apex and what iteration finds for them. */
  mxTargets: Array<{ name: string; resolution: Resolution }>;
}

/** The walk from the root: the zones asked in turn and the servers that failed on the way. */
export interface WalkData {
  zones: string[];
  /** Servers that did not give a usable reply during the walk. */
  failures: Array<{ zone: string; name: string; address: string; outcome: string; error?: string }>;
  queries: number;
  /** Set when the name does not exist: the zone that said NXDOMAIN. */
  nxdomain?: string;
  error?: Failure;
}

/** Everything +check collected: the findings are a pure function of it. */
export interface CheckData {
  /** The name typed (absolute). */
  name: string;
  /** The zone that holds it, found by the walk; absent when the walk did not reach it. */
  zone?: string;
  walk: WalkData;
  /** The zone first, then the cuts above it from the bottom up. */
  cuts: CutData[];
  /** Wall-clock time of the collection, in seconds since the epoch (for signature expiry). */
  now: number;
  /** The per-probe timeout, in milliseconds (named in findings about silent servers). */
  timeoutMs: number;
  /** Queries sent in all. */
  queries: number;
  totalMs: number;
}

/** The findings about a check's data, with the verdict. */
export interface CheckReport {
  name: string;
  zone?: string;
  /** The worst severity found. */
  worst: Severity;
  /** How many findings of each severity. */
  counts: Record<Severity, number>;
  /** One line: the verdict. */
  verdict: string;
  /** Most serious first; within a severity, in the order the checks ran. */
  findings: Finding[];
  /** True when the zone could not be reached at all (nothing to check). */
  unreachable: boolean;
}
