/**
 * Culprits among the name servers the trace asked: a zone none of whose servers gave a usable reply
 * (lame, refusing, failing, silent over UDP and TCP, without an address), and single faulty servers
 * of a zone whose other servers answered - the ones a resolver may have been unlucky with.
 */
import type { AttemptOutcome, Hop, ServerAttempt } from '../resolve/traceTypes.js';
import type { Culprit, TcpProbe } from './types.js';

/** A server as the culprit line names it: `ns1.example.net. (192.0.2.53)`. */
export function attemptName(attempt: Pick<ServerAttempt, 'name' | 'address'>): string {
  return attempt.name === attempt.address ? attempt.address : `${attempt.name} (${attempt.address})`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const SILENT: ReadonlySet<AttemptOutcome> = new Set(['timeout', 'networkError', 'connectionRefused']);

/** What one server did, in a few words, for the evidence lines. */
export function attemptWords(attempt: ServerAttempt): string {
  switch (attempt.outcome) {
    case 'accepted':
      return 'answered';
    case 'timeout':
      return 'no reply (timed out)';
    case 'lame':
      return attempt.error?.startsWith('lame') ? attempt.error : `lame: ${attempt.error ?? 'not authoritative'}`;
    case 'refused':
      return 'REFUSED';
    case 'servfail':
      return 'SERVFAIL';
    default:
      return attempt.error ?? attempt.outcome;
  }
}

/** One evidence line per server asked in the hop. */
function hopEvidence(hop: Hop): string[] {
  return hop.servers
    .filter((attempt) => attempt.outcome !== 'abandoned')
    .map((attempt) => `${attemptName(attempt)} for ${hop.zone}: ${attemptWords(attempt)}`);
}

/** Servers of one outcome, as a culprit of `kind`: `X is lame for Z.`, `X and Y are lame for Z.` */
function sameFault(hop: Hop, attempts: ServerAttempt[], kind: 'lame' | 'refused' | 'servfail'): Culprit {
  const names = attempts.map(attemptName);
  const one = names.length === 1;
  const what = {
    lame: `${one ? 'is' : 'are'} lame for ${hop.zone}`,
    refused: `${one ? 'refuses' : 'refuse'} queries for ${hop.zone}`,
    servfail: `${one ? 'answers' : 'answer'} SERVFAIL for ${hop.zone}`,
  }[kind];
  return { kind, line: `${listed(names)} ${what}.`, zone: hop.zone, servers: names, evidence: hopEvidence(hop) };
}

/** Servers that were silent over UDP: did any answer over TCP? */
function silentZone(hop: Hop, attempts: ServerAttempt[], probes: readonly TcpProbe[]): Culprit {
  const names = attempts.map(attemptName);
  const overTcp = probes.filter((p) => p.zone === hop.zone && p.answered).map((p) => attemptName(p));
  const evidence = [
    ...hopEvidence(hop),
    ...probes
      .filter((p) => p.zone === hop.zone)
      .map((p) => `${attemptName(p)} over TCP: ${p.answered ? 'answered' : 'no reply'}`),
  ];
  if (overTcp.length > 0)
    return {
      kind: 'tcpOnly',
      line: `no server of ${hop.zone} answers over UDP; ${listed(overTcp)} ${overTcp.length === 1 ? 'answers' : 'answer'} over TCP only.`,
      zone: hop.zone,
      servers: names,
      evidence,
    };
  const tried = probes.some((p) => p.zone === hop.zone);
  return {
    kind: 'silent',
    line: `no server of ${hop.zone} answers over UDP${tried ? ' or TCP' : ''}.`,
    zone: hop.zone,
    servers: names,
    evidence,
  };
}

/** The culprit of a hop where no server of the zone gave a usable reply; undefined for any other hop. */
export function failedZone(hop: Hop, probes: readonly TcpProbe[]): Culprit | undefined {
  if (hop.outcome.kind !== 'allFailed') return undefined;
  const attempts = hop.servers.filter((attempt) => attempt.outcome !== 'abandoned');
  if (attempts.length === 0) {
    const why = hop.glueLookups.map((glue) => `${glue.name}: ${glue.error ?? 'no address'}`);
    return {
      kind: 'noAddress',
      line: `no name server of ${hop.zone} has an address: ${why.length > 0 ? why.join('; ') : hop.outcome.message}.`,
      zone: hop.zone,
      evidence: why,
    };
  }
  const outcomes = new Set(attempts.map((attempt) => (SILENT.has(attempt.outcome) ? 'silent' : attempt.outcome)));
  const only = outcomes.size === 1 ? [...outcomes][0] : undefined;
  if (only === 'lame' || only === 'refused' || only === 'servfail') return sameFault(hop, attempts, only);
  if (only === 'silent') return silentZone(hop, attempts, probes);
  const each = attempts.map((attempt) => `${attemptName(attempt)} ${attemptWords(attempt)}`);
  const lame = attempts.filter((attempt) => attempt.outcome === 'lame');
  return {
    kind: lame.length > 0 ? 'lame' : 'servfail',
    line: `no server of ${hop.zone} gives a usable answer: ${each.join('; ')}.`,
    zone: hop.zone,
    servers: attempts.map(attemptName),
    evidence: hopEvidence(hop),
  };
}

/** What a faulty server does, as a verb phrase, by outcome (worst first). */
const FAULT_PHRASES: ReadonlyArray<[AttemptOutcome, string]> = [
  ['lame', 'is lame'],
  ['refused', 'refuses queries'],
  ['servfail', 'answers SERVFAIL'],
  ['badPacket', 'sends malformed replies'],
  ['misbehaving', 'sends replies no honest server sends'],
  ['rcode', 'answers with an error'],
  ['timeout', 'does not answer'],
  ['networkError', 'does not answer'],
  ['connectionRefused', 'does not answer'],
];

/**
 * The faulty servers of the first zone that has some while others of it answered: one line naming
 * each (`ns2.example.net. (192.0.2.53) is lame for example.net.`), the worst fault first.
 */
export function faultyServer(hops: readonly Hop[]): Culprit | undefined {
  for (const hop of hops) {
    if (hop.outcome.kind === 'rootServers') continue;
    const faults = FAULT_PHRASES.flatMap(([outcome, phrase]) =>
      hop.servers.filter((a) => a.outcome === outcome).map((attempt) => ({ attempt, phrase })),
    );
    if (faults.length === 0) continue;
    const worst = faults[0].attempt.outcome;
    const kind = worst === 'lame' || worst === 'refused' ? worst : SILENT.has(worst) ? 'silent' : 'servfail';
    const names = faults.map(({ attempt }) => attemptName(attempt));
    const line = `${listed(faults.map(({ attempt, phrase }) => `${attemptName(attempt)} ${phrase}`))} for ${hop.zone}.`;
    return { kind, line, zone: hop.zone, servers: names, evidence: hopEvidence(hop) };
  }
  return undefined;
}
