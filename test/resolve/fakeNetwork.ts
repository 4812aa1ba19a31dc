/**
 * A fake DNS network for the trace state machine: servers keyed by address, each serving zones
 * (answering like a minimal authoritative server) or misbehaving on purpose. It records every
 * query and cancellation in order, and how many queries each server received.
 */
import { ExchangeError } from '../../src/errors.js';
import { TransportError } from '../../src/transport/types.js';
import type { Message, Question, ResourceRecord } from '../../src/wire/types.js';
import { RCODE, RRType } from '../../src/wire/rrtypes.js';
import { isSubdomain, labelCount, namesEqual } from '../../src/wire/name.js';
import type { Exchange, ExchangeSettings, QueryFn } from '../../src/resolve/types.js';
import { reply, rr } from './fakeMessages.js';

/** A zone's records, glue for its delegations included (as in a zone file). */
export interface FakeZone {
  origin: string;
  records: ResourceRecord[];
}

/** How a fake server behaves; 'serve' answers from its zones. */
export type FakeBehaviour =
  | 'serve'
  | 'silent'
  | 'connectionRefused'
  | 'refused'
  | 'servfail'
  | 'lame'
  | ((question: Question) => Message);

/** One fake server. */
export interface FakeServer {
  zones?: FakeZone[];
  behaviour?: FakeBehaviour;
  /** Reply delay in ms (the reply is cancelled if the query is aborted first). */
  delayMs?: number;
}

/** The QueryFn to hand to the trace, and what the network saw. */
export interface FakeNetwork {
  query: QueryFn;
  /** Queries per `ADDR#PORT`, unknown addresses included. */
  counts: Record<string, number>;
  /** `send ADDR NAME TYPE`, `abort ADDR` in the order they happened. */
  events: string[];
  /** Every `send` the network saw: server, question and the settings used. */
  sent: { server: string; question: Question; settings: ExchangeSettings }[];
}

/** A zone from compact lines: `zone('example.test.', ['@ NS ns1', 'ns1 A 127.0.0.4'])`; names are relative unless they end in a dot. */
export function zone(origin: string, lines: string[]): FakeZone {
  const absolute = (name: string): string =>
    name === '@' ? origin : name.endsWith('.') ? name : `${name}.${origin === '.' ? '' : origin}`;
  const records = lines.map((line) => {
    const [name, type, ...data] = line.split(/\s+/);
    const text = data.join(' ');
    const target = ['NS', 'CNAME'].includes(type) ? absolute(text) : text;
    return rr(absolute(name), type, target);
  });
  return { origin, records };
}

const soaFor = (origin: string): ResourceRecord =>
  rr(origin, 'SOA', `ns.${origin === '.' ? '' : origin} admin. 1 3600 600 86400 300`);

/** The delegation (NS set below the zone apex) on the way from `origin` to `name`, if any. */
function findCut(zone: FakeZone, name: string): string | undefined {
  const depth = labelCount(name);
  for (let labels = labelCount(zone.origin) + 1; labels <= depth; labels++) {
    const candidate = name
      .split('.')
      .slice(depth - labels)
      .join('.');
    const cut = candidate === '' ? '.' : candidate;
    if (zone.records.some((r) => r.type === RRType.NS && namesEqual(r.name, cut))) return cut;
  }
  return undefined;
}

/** Answers like an authoritative server of `zones` (glue from the zone data, CNAMEs chased inside the zone). */
export function authoritativeReply(zones: FakeZone[], question: Question): Message {
  const candidates = zones.filter((z) => isSubdomain(question.name, z.origin));
  if (candidates.length === 0) return reply({ rcode: 5 });
  const zone = candidates.sort((a, b) => labelCount(b.origin) - labelCount(a.origin))[0];
  const cut = findCut(zone, question.name);
  if (cut) {
    const ns = zone.records.filter((r) => namesEqual(r.name, cut) && (r.type === RRType.NS || r.type === RRType.DS));
    const glue = zone.records.filter(
      (r) =>
        (r.type === RRType.A || r.type === RRType.AAAA) &&
        ns.some((n) => n.type === RRType.NS && namesEqual(n.data, r.name)),
    );
    return reply({ authority: ns, additional: glue });
  }
  const answer: ResourceRecord[] = [];
  let name = question.name;
  for (let step = 0; step < 8; step++) {
    const data = zone.records.filter((r) => namesEqual(r.name, name) && r.type === question.type);
    if (data.length > 0) return reply({ aa: true, answer: [...answer, ...data] });
    const cname = zone.records.find((r) => namesEqual(r.name, name) && r.type === RRType.CNAME);
    if (!cname || question.type === RRType.CNAME) break;
    answer.push(cname);
    name = cname.data;
    if (!isSubdomain(name, zone.origin)) return reply({ aa: true, answer });
  }
  const exists = zone.records.some((r) => isSubdomain(r.name, name));
  return reply({ aa: true, rcode: exists ? 0 : 3, answer, authority: [soaFor(zone.origin)] });
}

/** Builds the fake network from servers keyed by address. */
export function fakeNetwork(servers: Record<string, FakeServer>): FakeNetwork {
  const counts: Record<string, number> = {};
  const events: string[] = [];
  const sent: FakeNetwork['sent'] = [];
  const query: QueryFn = (server, question, settings) => {
    const where = `${server.address}#${server.port}`;
    counts[where] = (counts[where] ?? 0) + 1;
    events.push(`send ${server.address} ${question.name} ${question.type}`);
    sent.push({ server: where, question, settings });
    const fake = servers[server.address];
    return new Promise<Exchange>((resolve, reject) => {
      const behaviour = fake?.behaviour ?? 'serve';
      const exchange = (response: Message): Exchange => ({
        server,
        protocol: 'udp',
        question,
        query: new Uint8Array(),
        raw: new Uint8Array(),
        response,
        rttMs: fake?.delayMs ?? 1,
        receivedAt: new Date(0),
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      settings.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        events.push(`abort ${server.address}`);
        reject(new TransportError('aborted', 'aborted'));
      });
      // Failures reject as the real QueryFn does: an aborted query with the transport's error, any other with an ExchangeError.
      const respond = (): void => {
        if (!fake) reject(new ExchangeError('unreachable', 'network unreachable'));
        else if (behaviour === 'silent') reject(new ExchangeError('timeout', 'timed out'));
        else if (behaviour === 'connectionRefused') reject(new ExchangeError('refused', 'connection refused'));
        else if (behaviour === 'refused') resolve(exchange(reply({ rcode: RCODE.REFUSED })));
        else if (behaviour === 'servfail') resolve(exchange(reply({ rcode: RCODE.SERVFAIL })));
        else if (behaviour === 'lame') resolve(exchange(reply({})));
        else if (typeof behaviour === 'function') resolve(exchange(behaviour(question)));
        else resolve(exchange(authoritativeReply(fake.zones ?? [], question)));
      };
      // A silent server is only heard from when the per-try timeout expires.
      const delay = behaviour === 'silent' ? settings.timeoutMs : (fake?.delayMs ?? 0);
      timer = setTimeout(respond, delay);
    });
  };
  return { query, counts, events, sent };
}
