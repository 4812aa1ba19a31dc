/**
 * The fake server without sockets: a network of servers keyed by address, as a QueryFn for the
 * resolver's unit tests (the trace state machine, nssearch, the search list). Each query is encoded
 * as production encodes it, decided by the same authority as on loopback, and its reply decoded by
 * the production decoder; failures reject as the real QueryFn does (an ExchangeError, or the
 * transport's error when aborted). Delays and timeouts run on a virtual clock: nothing sleeps. It
 * records every query and cancellation in order, and how many queries each server received.
 */
import { ExchangeError } from '../../../src/errors.js';
import { packetSpec } from '../../../src/resolve/outgoingQuery.js';
import { TransportError } from '../../../src/transport/types.js';
import type { Exchange, ExchangeSettings, QueryFn } from '../../../src/resolve/types.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { encodeQuery } from '../../../src/wire/encode.js';
import type { Question } from '../../../src/wire/types.js';
import { fakeClock, type FakeClock } from '../fakeClock.js';
import { parseQuery } from '../zoneReply.js';
import { authority, decide, renderReply, type Authority, type ServerSpec } from './authority.js';

/** The QueryFn to hand to the code under test, and what the network saw. */
export interface FakeNetwork {
  query: QueryFn;
  /** Queries per `ADDR#PORT`, unknown addresses included. */
  counts: Record<string, number>;
  /** `send ADDR NAME TYPE`, `abort ADDR` in the order they happened. */
  events: string[];
  /** Every `send` the network saw: server, question and the settings used. */
  sent: { server: string; question: Question; settings: ExchangeSettings }[];
  /** The clock its delays and timeouts run on. */
  clock: FakeClock;
}

/**
 * Builds the network from servers keyed by address. A silent server is heard from when the try's
 * timeout expires; an address with no server is unreachable. By default the clock is one of its own
 * that moves whenever nothing else is left to run.
 */
export function fakeNetwork(
  servers: Record<string, ServerSpec>,
  clock: FakeClock = fakeClock({ auto: true }),
): FakeNetwork {
  // Looked up at query time, so a test may still change `servers` after building the network.
  const authorities = new WeakMap<ServerSpec, Authority>();
  const authorityAt = (address: string): Authority | undefined => {
    const spec = servers[address];
    if (!spec) return undefined;
    const known = authorities.get(spec) ?? authority(spec);
    authorities.set(spec, known);
    return known;
  };
  const received = new Map<string, number>();
  const counts: Record<string, number> = {};
  const events: string[] = [];
  const sent: FakeNetwork['sent'] = [];
  const query: QueryFn = (server, question, settings) => {
    const where = `${server.address}#${server.port}`;
    counts[where] = (counts[where] ?? 0) + 1;
    events.push(`send ${server.address} ${question.name} ${question.type}`);
    sent.push({ server: where, question, settings });
    const fake = authorityAt(server.address);
    return new Promise<Exchange>((resolve, reject) => {
      const bytes = encodeQuery(packetSpec(question, settings));
      let timer: unknown;
      settings.signal?.addEventListener('abort', () => {
        clock.clearTimeout(timer);
        events.push(`abort ${server.address}`);
        reject(new TransportError('aborted', 'aborted'));
      });
      const later = (ms: number, then: () => void): void => {
        timer = clock.setTimeout(then, ms);
      };
      if (!fake) return later(0, () => reject(new ExchangeError('unreachable', 'network unreachable')));
      if (fake.spec.behaviour === 'connectionRefused')
        return later(fake.spec.delayMs ?? 0, () => reject(new ExchangeError('refused', 'connection refused')));
      const parsed = parseQuery(bytes);
      if (!parsed) throw new Error('the production encoder made a query shorter than a header');
      const index = received.get(server.address) ?? 0;
      received.set(server.address, index + 1);
      const reply = decide(fake, parsed, { address: '127.0.0.1', port: 0, protocol: 'udp' }, index).replies[0];
      if (!reply) return later(settings.timeoutMs, () => reject(new ExchangeError('timeout', 'timed out')));
      later(reply.delayMs ?? 0, () => {
        const raw = renderReply(reply, parsed);
        try {
          const response = decodeMessage(raw);
          const rttMs = fake.spec.delayMs ?? 1;
          resolve({ server, protocol: 'udp', question, query: bytes, raw, response, rttMs, receivedAt: new Date(0) });
        } catch (error) {
          reject(new ExchangeError('malformed', (error as Error).message));
        }
      });
    });
  };
  return { query, counts, events, sent, clock };
}
