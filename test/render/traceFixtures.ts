/** Hand-built trace results for the trace renderer's golden tests (fixed times, no network). */
import type { Failure } from '../../src/errors.js';
import type { Hop, HopOutcome, ServerAttempt, TraceResult } from '../../src/resolve/traceTypes.js';
import type { Exchange, QueryFn } from '../../src/resolve/types.js';
import type { Message, Question, ResourceRecord } from '../../src/wire/types.js';
import { RRType } from '../../src/wire/rrtypes.js';
import { reply, rr } from '../resolve/fakeMessages.js';
import { trace } from '../../src/resolve/trace.js';
import { FAKE_HINTS, testSettings } from '../resolve/traceFixture.js';

const PORT = 5353;
const A = (name: string): Question => ({ name, type: RRType.A, class: 1 });

function exchange(address: string, name: string, question: Question, response: Message, rttMs: number): Exchange {
  return {
    server: { address, port: address === '127.0.0.53' ? 53 : PORT, name },
    protocol: 'udp',
    question,
    query: new Uint8Array(),
    raw: new Uint8Array(),
    response,
    rttMs,
    receivedAt: new Date(0),
  };
}

function accepted(name: string, address: string, rttMs: number): ServerAttempt {
  return { name, address, port: address === '127.0.0.53' ? 53 : PORT, outcome: 'accepted', rttMs, hedged: false };
}

function hop(
  zone: string,
  question: Question,
  servers: ServerAttempt[],
  outcome: HopOutcome,
  response?: Message,
  extra: Partial<Hop> = {},
): Hop {
  const used = servers.find((s) => s.outcome === 'accepted');
  return {
    zone,
    question,
    servers,
    outcome,
    glueLookups: [],
    ignoredGlue: [],
    notes: [],
    exchange: used && response ? exchange(used.address, used.name, question, response, used.rttMs) : undefined,
    ...extra,
  };
}

const rootNs = [
  rr('.', 'NS', 'a.root.test.', 518400),
  rr('.', 'RRSIG', 'NS 13 0 518400 20300101000000 20240101000000 12345 . c2lnbmF0dXJl', 518400),
];
const rootGlue = [rr('a.root.test.', 'A', '127.0.0.1', 518400)];

function primingHop(): Hop {
  const servers = [{ name: 'a.root.test.', addresses: ['127.0.0.1'] }];
  return hop(
    '.',
    { name: '.', type: RRType.NS, class: 1 },
    [accepted('127.0.0.53', '127.0.0.53', 3.4)],
    { kind: 'rootServers', source: 'startServer', servers },
    reply({ ra: true, rd: true, answer: rootNs, additional: rootGlue, size: 270 }),
  );
}

function referral(
  zone: string,
  nsNames: string[],
  glue: ResourceRecord[],
  ignoredGlue: ResourceRecord[] = [],
): HopOutcome {
  return { kind: 'referral', zone, nsNames, glue, ignoredGlue };
}

/** A trace that works despite a REFUSED, a silent and a closed server, with a glueless NS and ignored glue. */
export function robustTrace(): TraceResult {
  const q = A('www.lame.test.');
  const testNs = [rr('test.', 'NS', 'ns1.test.', 172800), rr('test.', 'DS', '12345 13 2 ABCDEF0123456789', 86400)];
  const lameNs = ['ns1.lame.test.', 'ns2.lame.test.', 'ns3.lame.test.', 'ns.elsewhere.other.'];
  const lameGlue = [
    rr('ns1.lame.test.', 'A', '127.0.0.6', 172800),
    rr('ns2.lame.test.', 'A', '127.0.0.7', 172800),
    rr('ns3.lame.test.', 'A', '127.0.0.8', 172800),
  ];
  const poison = rr('ns.elsewhere.other.', 'A', '127.0.0.66', 172800);
  const hops = [
    primingHop(),
    hop(
      '.',
      q,
      [accepted('a.root.test.', '127.0.0.1', 1.2)],
      referral('test.', ['ns1.test.'], [rr('ns1.test.', 'A', '127.0.0.2')]),
      reply({ authority: testNs, additional: [rr('ns1.test.', 'A', '127.0.0.2', 172800)], size: 160 }),
    ),
    hop(
      'test.',
      q,
      [accepted('ns1.test.', '127.0.0.2', 0.6)],
      referral('lame.test.', lameNs, lameGlue, [poison]),
      reply({
        authority: lameNs.map((n) => rr('lame.test.', 'NS', n, 172800)),
        additional: [...lameGlue, poison],
        size: 230,
      }),
      { ignoredGlue: [poison] },
    ),
    hop(
      'lame.test.',
      q,
      [
        {
          name: 'ns1.lame.test.',
          address: '127.0.0.6',
          port: PORT,
          outcome: 'refused',
          rttMs: 0.4,
          error: 'REFUSED',
          hedged: false,
        },
        { name: 'ns2.lame.test.', address: '127.0.0.7', port: PORT, outcome: 'abandoned', rttMs: 402.2, hedged: true },
        {
          name: 'ns3.lame.test.',
          address: '127.0.0.8',
          port: PORT,
          outcome: 'connectionRefused',
          rttMs: 0.3,
          error: 'connection refused',
          hedged: false,
        },
        {
          name: 'ns.elsewhere.other.',
          address: '127.0.0.10',
          port: PORT,
          outcome: 'accepted',
          rttMs: 0.8,
          hedged: false,
        },
      ],
      { kind: 'answer', name: q.name, records: [rr('www.lame.test.', 'A', '192.0.2.8')], chain: [] },
      reply({ aa: true, answer: [rr('www.lame.test.', 'A', '192.0.2.8', 300)], size: 64 }),
      { glueLookups: [{ name: 'ns.elsewhere.other.', addresses: ['127.0.0.10'], queries: 2 }] },
    ),
  ];
  return { request: { ...q }, hops, final: hops[3].outcome, totalMs: 412.6, queries: 8, queriesByServer: {} };
}

/** A trace that ends with an upward referral. */
export function badReferralTrace(): TraceResult {
  const q = A('www.up.test.');
  const hops = [
    primingHop(),
    hop(
      '.',
      q,
      [accepted('a.root.test.', '127.0.0.1', 1)],
      referral('test.', ['ns1.test.'], []),
      reply({ authority: [rr('test.', 'NS', 'ns1.test.', 172800)], size: 90 }),
    ),
    hop(
      'test.',
      q,
      [accepted('ns1.test.', '127.0.0.2', 1)],
      referral('up.test.', ['ns.up.test.'], []),
      reply({ authority: [rr('up.test.', 'NS', 'ns.up.test.', 172800)], size: 97 }),
    ),
    hop(
      'up.test.',
      q,
      [accepted('ns.up.test.', '127.0.0.20', 0)],
      { kind: 'badReferral', zone: '.', direction: 'upward' },
      reply({ authority: [rr('.', 'NS', 'a.root.test.', 518400)], size: 107 }),
    ),
  ];
  const error: Failure = {
    code: 'trace.badReferral',
    message: 'BAD REFERRAL: a server of up.test. referred upward, to an ancestor of the zone asked (.)',
  };
  return { request: { ...q }, hops, final: hops[3].outcome, error, totalMs: 5, queries: 4, queriesByServer: {} };
}

/** A trace that starts from the built-in hints (start server silent) and ends in a zone whose servers all fail. */
export function deadZoneTrace(): TraceResult {
  const q = { name: 'dead.test.', type: RRType.AAAA, class: 1 };
  const first = hop(
    '.',
    { name: '.', type: RRType.NS, class: 1 },
    [
      {
        name: '127.0.0.53',
        address: '127.0.0.53',
        port: 53,
        outcome: 'timeout',
        rttMs: 5000,
        error: 'timed out',
        hedged: false,
      },
    ],
    { kind: 'rootServers', source: 'builtin', servers: [{ name: 'a.root.test.', addresses: ['127.0.0.1'] }] },
    undefined,
    { notes: ['no root NS set from the start server; using the built-in root hints'] },
  );
  const failure =
    'all servers of dead.test. failed: ns1.dead.test. (127.0.0.20) timed out; ns2.dead.test. (127.0.0.21) SERVFAIL';
  const hops = [
    first,
    hop(
      '.',
      q,
      [accepted('a.root.test.', '127.0.0.1', 2)],
      referral('test.', ['ns1.test.'], []),
      reply({ authority: [rr('test.', 'NS', 'ns1.test.', 172800)], size: 90 }),
    ),
    hop(
      'test.',
      q,
      [accepted('ns1.test.', '127.0.0.2', 1)],
      referral('dead.test.', ['ns1.dead.test.', 'ns2.dead.test.'], []),
      reply({
        authority: [rr('dead.test.', 'NS', 'ns1.dead.test.'), rr('dead.test.', 'NS', 'ns2.dead.test.')],
        size: 120,
      }),
    ),
    hop(
      'dead.test.',
      q,
      [
        {
          name: 'ns1.dead.test.',
          address: '127.0.0.20',
          port: PORT,
          outcome: 'timeout',
          rttMs: 5000,
          error: 'timed out',
          hedged: true,
        },
        {
          name: 'ns2.dead.test.',
          address: '127.0.0.21',
          port: PORT,
          outcome: 'servfail',
          rttMs: 1,
          error: 'SERVFAIL',
          hedged: false,
        },
      ],
      { kind: 'allFailed', message: failure },
    ),
  ];
  return {
    request: { ...q },
    hops,
    final: hops[3].outcome,
    error: { code: 'trace.allServersFailed', message: failure },
    totalMs: 5404,
    queries: 5,
    queriesByServer: {},
  };
}

/** A CNAME followed across zones, with hostile bytes in the target name and record data. */
export function followedCnameTrace(): TraceResult {
  const q = A('alias.example.test.');
  const target = 'www\\027[31m.other.';
  const hops = [
    primingHop(),
    hop(
      'example.test.',
      q,
      [accepted('ns1.example.test.', '127.0.0.4', 1)],
      { kind: 'cname', target, chain: [rr(q.name, 'CNAME', target)] },
      reply({ aa: true, answer: [rr(q.name, 'CNAME', target, 300)], size: 80 }),
      { notes: [`following the CNAME to ${target} from the root`] },
    ),
    hop(
      'other.',
      A(target),
      [accepted('ns.other.', '127.0.0.3', 1)],
      { kind: 'answer', name: target, records: [], chain: [] },
      reply({ aa: true, answer: [rr(target, 'TXT', '"bidi \u202e text"', 300)], size: 70 }),
    ),
  ];
  return { request: { ...q }, hops, final: hops[2].outcome, totalMs: 9, queries: 3, queriesByServer: {} };
}

/** A 253-octet name in example.test.: below a DNAME to it, even `www.` makes a name longer than 255 octets. */
const LONG_TARGET = `${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'t'.repeat(46)}.example.test.`;

/** d.example.test. DNAME to a 253-octet name: www.d.example.test. would become 257 octets long (RFC 6672 2.2: YXDOMAIN). */
export const OVERFLOWING_DNAME = rr('d.example.test.', 'DNAME', LONG_TARGET, 300);

/** What an RFC 6672 server of example.test. says for a name its DNAME makes too long: YXDOMAIN and the DNAME. */
export const HONEST_YXDOMAIN = reply({ aa: true, rcode: 6, answer: [OVERFLOWING_DNAME], size: 330 });

/**
 * Hand-made replies (no wire, so fixed IDs and sizes) of the fake hierarchy's servers along the walk
 * to `name` in example.test.: the start server, the root, test. and example.test. (an answer for www,
 * YXDOMAIN with the DNAME below d.example.test., NXDOMAIN for anything else). Keyed by `ADDRESS NAME`.
 */
export function walkReplies(name: string): Record<string, Message> {
  const answer =
    name === 'www.example.test.'
      ? reply({ aa: true, answer: [rr('www.example.test.', 'A', '192.0.2.1')] })
      : name.endsWith('.d.example.test.')
        ? HONEST_YXDOMAIN
        : reply({
            aa: true,
            rcode: 3,
            authority: [rr('example.test.', 'SOA', 'ns.example.test. admin. 1 3600 600 86400 300')],
          });
  return {
    '127.0.0.53 .': reply({
      ra: true,
      answer: [rr('.', 'NS', 'a.root.test.')],
      additional: [rr('a.root.test.', 'A', '127.0.0.1'), rr('a.root.test.', 'AAAA', 'fd00::1')],
    }),
    [`127.0.0.1 ${name}`]: reply({
      authority: [rr('test.', 'NS', 'ns1.test.'), rr('test.', 'DS', '1 13 2 AABB')],
      additional: [rr('ns1.test.', 'A', '127.0.0.2'), rr('ns1.test.', 'AAAA', 'fd00::2')],
    }),
    [`127.0.0.2 ${name}`]: reply({
      authority: [rr('example.test.', 'NS', 'ns1.example.test.'), rr('example.test.', 'NS', 'ns2.example.test.')],
      additional: [
        rr('ns1.example.test.', 'A', '127.0.0.4'),
        rr('ns1.example.test.', 'AAAA', 'fd00::4'),
        rr('ns2.example.test.', 'A', '127.0.0.5'),
      ],
    }),
    [`127.0.0.4 ${name}`]: answer,
  };
}

/** A QueryFn that answers from `replies` by `ADDRESS NAME`, in no time; anything else is REFUSED. */
export function scriptedQuery(replies: Record<string, Message>): QueryFn {
  return async (server, question) => ({
    ...exchange(
      server.address,
      server.name ?? server.address,
      question,
      replies[`${server.address} ${question.name}`] ?? reply({ rcode: 5 }),
      1,
    ),
    server,
  });
}

/**
 * Runs the trace engine over hand-made replies of the fake hierarchy (walkReplies, or `replies`),
 * with times made fixed, so that its output can be a golden file.
 */
export async function tracedOnHandMadeReplies(
  name: string,
  type = RRType.A,
  replies = walkReplies(name),
): Promise<TraceResult> {
  const deps = { query: scriptedQuery(replies), now: () => 0, rootHints: FAKE_HINTS };
  const result = await trace({ name, type, class: 1 }, testSettings(), deps);
  result.totalMs = 12.5;
  for (const hop of result.hops) {
    for (const attempt of hop.servers) attempt.rttMs = 1.25;
    if (hop.exchange) {
      hop.exchange.rttMs = 1.25;
      hop.exchange.receivedAt = new Date('2024-05-06T07:08:09.010Z');
    }
  }
  return result;
}
