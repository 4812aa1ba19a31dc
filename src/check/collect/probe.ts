/** Sends the probes to one name-server address and keeps what came back, replies and failures alike. */
import { isMalformed, isRefused, isTimeout, TsdigError } from '../../errors.js';
import type { ExchangeSettings, QueryFn } from '../../resolve/types.js';
import type { Endpoint } from '../../transport/types.js';
import { escapeText } from '../../wire/escape.js';
import { RCODE, TYPE } from '../../wire/rrtypes.js';
import type { Question } from '../../wire/types.js';
import { PROBES, probeQuestion } from '../probes.js';
import { answerSoa } from '../records.js';
import type { ProbeName, ProbeResult, ServerData } from '../types.js';

/** What a probe needs besides its question. */
export interface ProbeContext {
  query: QueryFn;
  /** The settings every probe starts from (see baseSettings). */
  base: ExchangeSettings;
  port: number;
}

/** Errors meaning a reply came but was not the reply to the query sent. */
const NOT_THE_REPLY: ReadonlySet<string> = new Set(['transport.mismatch', 'wire.short', 'wire.id', 'wire.question']);

/** Sends one query; a failure is kept as data, except a bug (an error tsdig did not raise on purpose). */
export async function sendProbe(
  ctx: ProbeContext,
  address: string,
  question: Question,
  settings: ExchangeSettings,
): Promise<ProbeResult> {
  const server: Endpoint = { address, port: ctx.port };
  const retriedAfter: number[] = [];
  const protocol = settings.tcp ? 'tcp' : 'udp';
  try {
    const exchange = await ctx.query(server, question, settings, (event) => {
      if (event.kind === 'retry' && event.rcode !== undefined) retriedAfter.push(event.rcode);
    });
    return {
      kind: 'reply',
      protocol: exchange.protocol === 'tcp' ? 'tcp' : 'udp',
      rttMs: exchange.rttMs,
      message: exchange.response,
      ...(retriedAfter.length > 0 && { retriedAfter }),
    };
  } catch (error) {
    if (!(error instanceof TsdigError)) throw error;
    const message = escapeText(error.message);
    if (isTimeout(error)) return { kind: 'failed', failure: 'timeout', protocol, message };
    // A reply that is not the one to the query (another ID or question: over TCP it ends the exchange)
    // came from a server that is there and answering: unusable, as a malformed reply is, not unreachable.
    if (isMalformed(error) || NOT_THE_REPLY.has(error.code))
      return { kind: 'failed', failure: 'malformed', protocol, message };
    if (isRefused(error) || error.code === 'transport.unreachable')
      return { kind: 'failed', failure: 'unreachable', protocol, message };
    return { kind: 'failed', failure: 'error', protocol, message };
  }
}

/** Sends one named probe about `zone`. */
function sendNamed(
  ctx: ProbeContext,
  address: string,
  name: ProbeName,
  zone: string,
  parent?: string,
): Promise<ProbeResult> {
  return sendProbe(ctx, address, probeQuestion(name, zone, parent), { ...ctx.base, ...PROBES[name].settings });
}

/** Whether a reply to the SOA question is an authoritative answer (the other probes are worth sending). */
function authoritative(result: ProbeResult, zone: string): boolean {
  return (
    result.kind === 'reply' &&
    result.message.rcode === RCODE.NOERROR &&
    result.message.aa &&
    answerSoa(result.message, zone) !== undefined
  );
}

/** The probes that read the zone's data and behaviour, sent only to a server that answers for it. */
const ZONE_DATA_PROBES: readonly ProbeName[] = [
  'plain',
  'ednsVersion',
  'ednsOption',
  'ednsFlag',
  'do',
  'dnskey',
  'truncated',
  'nsec3param',
  'cname',
  'mx',
];

/**
 * Probes one address. Every server gets the SOA question over UDP (and for the zone, over TCP at the
 * same time) and the NS question; a server silent over UDP is not asked again over UDP, so a dead
 * server costs one timeout. The zone's servers that answer authoritatively get the EDNS, DNSSEC and
 * apex probes, all at once, and the truncated question again over TCP when UDP truncated it.
 */
export async function probeServer(
  ctx: ProbeContext,
  server: ServerData,
  zone: string,
  role: 'zone' | 'cut',
  parent: string | undefined,
): Promise<void> {
  const probes = server.probes;
  const [soa, tcp] = await Promise.all([
    sendNamed(ctx, server.address, 'soa', zone),
    role === 'zone' ? sendNamed(ctx, server.address, 'tcp', zone) : undefined,
  ]);
  probes.soa = soa;
  if (tcp) probes.tcp = tcp;
  const udpSilent = soa.kind === 'failed';
  const skip = (reason: string): ProbeResult => ({ kind: 'skipped', reason });
  const names: ProbeName[] = ['ns'];
  if (role === 'zone') names.push('recursion');
  const answers = authoritative(soa, zone);
  if (role === 'zone' && answers) names.push(...ZONE_DATA_PROBES);
  if (udpSilent) {
    for (const name of names) probes[name] = skip('no reply over UDP to the SOA question');
    return;
  }
  const results = await Promise.all(names.map((name) => sendNamed(ctx, server.address, name, zone, parent)));
  names.forEach((name, i) => {
    probes[name] = results[i];
  });
  const truncated = probes.truncated;
  if (truncated?.kind === 'reply' && truncated.message.tc)
    probes.truncatedTcp = await sendNamed(ctx, server.address, 'truncatedTcp', zone);
}

/** Asks one address for the A and AAAA records of in-zone name servers (the child's side of the glue). */
export async function probeAddresses(ctx: ProbeContext, server: ServerData, names: readonly string[]): Promise<void> {
  if (server.probes.soa?.kind !== 'reply') return;
  const asks = names.flatMap((name) =>
    (['A', 'AAAA'] as const).map(async (type) => ({
      name,
      type,
      result: await sendProbe(
        ctx,
        server.address,
        { name, type: type === 'A' ? TYPE.A : TYPE.AAAA, class: 1 },
        ctx.base,
      ),
    })),
  );
  server.addressProbes.push(...(await Promise.all(asks)));
}
