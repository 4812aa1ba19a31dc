/**
 * The culprit of a failed lookup in one line, as a pure function of what the trace from the root and
 * the validator found: a zone no server of which answers usably, a limit, a broken DNSSEC link, the
 * zone's own denial, a single faulty server a resolver may have hit, or, when the trace finds no
 * fault, the server that was asked.
 */
import type { Hop } from '../resolve/traceTypes.js';
import { namesEqual } from '../wire/name.js';
import { typeName } from '../wire/rrtypes.js';
import { dnssecFault } from './dnssecFaults.js';
import { attemptName, failedZone, faultyServer } from './serverFaults.js';
import type { Culprit, ExplainData } from './types.js';

/** The server whose reply ended the trace, as named in a line. */
function answeringServer(hop: Hop): string {
  const accepted = hop.servers.find((attempt) => attempt.outcome === 'accepted');
  return accepted ? attemptName(accepted) : hop.zone;
}

/** A referral that leads nowhere (upward, or to the same zone). */
function badReferral(hop: Hop): Culprit | undefined {
  if (hop.outcome.kind !== 'badReferral') return undefined;
  const who = answeringServer(hop);
  const where = hop.outcome.direction === 'upward' ? 'upward' : 'back';
  return {
    kind: 'badReferral',
    line: `${who}, a server of ${hop.zone}, refers ${where} to ${hop.outcome.zone} instead of answering.`,
    zone: hop.zone,
    servers: [who],
    evidence: [],
  };
}

/** What the zone itself says when it denies the name or the type, or says its DNAME makes the name too long. */
function denial(hop: Hop, data: ExplainData): Culprit | undefined {
  const outcome = hop.outcome;
  if (outcome.kind === 'yxdomain') {
    const who = answeringServer(hop);
    const signed = data.dnssec?.validation.status === 'secure' ? ', and the DNAME is signed and valid' : '';
    const too = `the DNAME at ${outcome.dname.name} would make it ${outcome.octets} octets long`;
    const line = `${who}, a server of ${hop.zone}, says ${outcome.name} cannot exist: ${too} (YXDOMAIN)${signed}.`;
    return { kind: 'yxdomain', line, zone: hop.zone, servers: [who], evidence: [] };
  }
  if (outcome.kind !== 'nxdomain' && outcome.kind !== 'nodata') return undefined;
  const who = answeringServer(hop);
  const proof = data.dnssec?.validation.status === 'secure' ? ', and the denial is signed and valid' : '';
  const type = data.trace ? typeName(data.trace.request.type) : '';
  const line =
    outcome.kind === 'nxdomain'
      ? `${who}, a server of ${hop.zone}, says ${outcome.name} does not exist (NXDOMAIN)${proof}.`
      : `${who}, a server of ${hop.zone}, says ${outcome.name} has no ${type} records${proof}.`;
  return { kind: outcome.kind, line, zone: hop.zone, servers: [who], evidence: [] };
}

/** The trace found the answer and no faulty server: the server asked is where the failure comes from. */
function resolverFault(hop: Hop | undefined, data: ExplainData): Culprit {
  const server = data.lookup.server?.address ?? 'the server asked';
  const failure = data.lookup.failure ?? 'failure';
  const words: Record<string, string> = {
    servfail: 'SERVFAIL',
    nxdomain: 'NXDOMAIN',
    yxdomain: 'YXDOMAIN',
    timeout: 'timeout',
    bogus: 'bogus verdict',
    refused: 'REFUSED',
  };
  const found = hop ? `; ${answeringServer(hop)} answers for ${hop.zone}` : '';
  const trace = data.trace;
  const asked = trace ? `${trace.request.name} ${typeName(trace.request.type)}` : 'the name';
  return {
    kind: 'resolver',
    line: `the trace from the root finds no fault with ${asked}${found}: the ${words[failure] ?? failure} comes from ${server} itself.`,
    evidence: [],
  };
}

/** A line that ends in a name ends with the name's own dot: `... lame for example.net.`, not `example.net..`. */
function oneStop(culprit: Culprit): Culprit {
  const line = culprit.line;
  return line.endsWith('..') && !line.endsWith('\\..') ? { ...culprit, line: line.slice(0, -1) } : culprit;
}

/** Names the culprit. */
export function explainCulprit(data: ExplainData): Culprit {
  return oneStop(findCulprit(data));
}

function findCulprit(data: ExplainData): Culprit {
  const trace = data.trace;
  if (!trace) return { kind: 'noTrace', line: 'nothing to explain: the lookup did not fail.', evidence: [] };
  for (const hop of trace.hops) {
    const fault = failedZone(hop, data.tcpProbes) ?? badReferral(hop);
    if (fault) return fault;
  }
  const last = trace.hops[trace.hops.length - 1];
  if (trace.error && last?.outcome.kind === 'limit')
    return { kind: 'limit', line: `the trace from the root stopped: ${trace.error.message}.`, evidence: [] };
  const dnssec = data.dnssec && dnssecFault(trace, data.dnssec);
  if (dnssec) return dnssec;
  const denied = last && denial(last, data);
  // The zone's own denial explains an NXDOMAIN (its DNAME a YXDOMAIN); a SERVFAIL or a timeout it does not (the zone answered).
  if (denied && data.lookup.failure === 'nxdomain' && denied.kind !== 'yxdomain') return denied;
  if (denied && data.lookup.failure === 'yxdomain' && denied.kind === 'yxdomain') return denied;
  // The trace stopped at the first server that answered; the zone probe asked the others too.
  const probe = data.zoneProbe;
  const hops =
    probe && last && namesEqual(last.zone, probe.zone)
      ? [...trace.hops.slice(0, -1), { ...last, servers: probe.servers }]
      : trace.hops;
  const faulty = faultyServer(hops);
  if (faulty && data.lookup.failure !== 'nxdomain' && data.lookup.failure !== 'yxdomain') return faulty;
  if (trace.error)
    return { kind: 'limit', line: `the trace from the root failed: ${trace.error.message}.`, evidence: [] };
  return resolverFault(last, data);
}
