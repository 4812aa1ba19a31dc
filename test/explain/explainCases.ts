/**
 * The failures +explain is tested on, as real walks: traces through the loopback hierarchy (a lame
 * server, a zone none of whose servers answers, an upward referral, an NXDOMAIN, a DNAME's YXDOMAIN) and through the
 * signed fixture zones in process (a signature that does not verify, a DS that matches no key,
 * every signature expired). Times, RTTs and ports are made fixed after the walk (see steady).
 */
import { traceServerFetch, validateTraceWithEvidence, validatorWalk } from '../../src/app/traceValidation.js';
import { parseTrustAnchors } from '../../src/dnssec/trustAnchor.js';
import type { TraceValidation } from '../../src/dnssec/types.js';
import type { LookupSide, TcpProbe } from '../../src/explain/types.js';
import { createQueryFn } from '../../src/resolve/exchange.js';
import { parseRootHints } from '../../src/resolve/rootHints.js';
import { trace } from '../../src/resolve/trace.js';
import type { TraceResult, TraceSettings } from '../../src/resolve/traceTypes.js';
import { tcpTransport } from '../../src/transport/tcp.js';
import { udpTransport } from '../../src/transport/udp.js';
import { parseType } from '../../src/wire/rrtypes.js';
import type { Message } from '../../src/wire/types.js';
import { FIXTURE_ROOT_HINTS, signedAuthorities, ZONE_ADDRESSES } from '../dnssec/signedAuthorities.js';
import { fixtureText } from '../dnssec/signedZone.js';
import { FIXED_NOW, flip, steady } from '../render/graph/graphCases.js';
import type { Hierarchy } from '../support/hierarchy.js';
import { ADDR } from '../support/hierarchyZones.js';
import { walkSettings } from '../support/traceSettings.js';

/** One failure to explain: where it happens, what the lookup got, and the culprit line expected. */
export interface ExplainCase {
  stem: string;
  name: string;
  type: string;
  network: 'hierarchy' | 'signed';
  lookup: LookupSide;
  tamper?: (server: string, type: number, message: Message) => Message;
  /** Seconds since the epoch the validator judges at (signed cases); default FIXED_NOW. */
  now?: number;
  /** TCP probes, as the runner would have sent them to the servers that were silent over UDP. */
  tcpProbes?: TcpProbe[];
  culprit: string;
}

const DNSKEY = 48;
const resolver = { address: '127.0.0.53', port: 53 };
/** An EDE option (RFC 8914): the info code, then the extra text. */
const ede = (code: number, text = '') => ({ code: 15, data: Uint8Array.from([0, code, ...Buffer.from(text)]) });
const servfail = (options: LookupSide['ede'] = []): LookupSide => ({
  failure: 'servfail',
  server: resolver,
  ede: options,
});

export const EXPLAIN_CASES: readonly ExplainCase[] = [
  {
    stem: 'lame',
    name: 'www.lame.test.',
    type: 'A',
    network: 'hierarchy',
    lookup: servfail([ede(22)]),
    culprit: `ns1.lame.test. (${ADDR.lame}) is lame for lame.test.`,
  },
  {
    stem: 'dead',
    name: 'www.dead.test.',
    type: 'A',
    network: 'hierarchy',
    lookup: servfail(),
    culprit: `no server of dead.test. gives a usable answer: ns1.dead.test. (${ADDR.silent}) no reply (timed out); ns2.dead.test. (${ADDR.refuser}) REFUSED.`,
  },
  {
    stem: 'up',
    name: 'www.up.test.',
    type: 'A',
    network: 'hierarchy',
    lookup: servfail(),
    culprit: `ns.up.test. (${ADDR.up}), a server of up.test., refers upward to . instead of answering.`,
  },
  {
    stem: 'nxdomain',
    name: 'nonexistent.example.test.',
    type: 'A',
    network: 'hierarchy',
    lookup: { failure: 'nxdomain', server: resolver, ede: [] },
    culprit: `ns1.example.test. (${ADDR.example}), a server of example.test., says nonexistent.example.test. does not exist (NXDOMAIN).`,
  },
  {
    stem: 'yxdomain',
    name: 'www.long.dname.test.',
    type: 'A',
    network: 'hierarchy',
    lookup: { failure: 'yxdomain', server: resolver, ede: [] },
    culprit: `ns1.dname.test. (${ADDR.dname}), a server of dname.test., says www.long.dname.test. cannot exist: the DNAME at long.dname.test. would make it 257 octets long (YXDOMAIN).`,
  },
  {
    stem: 'resolver',
    name: 'www.example.test.',
    type: 'A',
    network: 'hierarchy',
    lookup: servfail([ede(0, 'upstream busy')]),
    culprit: `the trace from the root finds no fault with www.example.test. A; ns1.example.test. (${ADDR.example}) answers for example.test.: the SERVFAIL comes from 127.0.0.53 itself.`,
  },
  {
    stem: 'bad-signature',
    name: 'www.ed.sec.',
    type: 'A',
    network: 'signed',
    lookup: { failure: 'bogus', server: resolver, ede: [], verdict: 'bogus' },
    tamper: (server, type, m) => (server === ZONE_ADDRESSES['ed.sec.'] && type === 1 ? flip(m, 'www.ed.sec.', 1) : m),
    culprit: 'RRSIG over www.ed.sec. A by key KEY does not verify.',
  },
  {
    stem: 'ds-mismatch',
    name: 'www.ed.sec.',
    type: 'A',
    network: 'signed',
    lookup: servfail([ede(9)]),
    tamper: (server, _type, m) => (server === ZONE_ADDRESSES['ed.sec.'] ? flip(m, 'ed.sec.', DNSKEY) : m),
    culprit: 'DS for ed.sec. in sec. matches no DNSKEY.',
  },
  {
    stem: 'expired',
    name: 'www.ed.sec.',
    type: 'A',
    network: 'signed',
    lookup: servfail([ede(7)]),
    // After every fixture signature's end (2090-01-01): the first link of the chain is the root's own keys.
    now: Date.UTC(2091, 0, 1) / 1000,
    culprit: 'RRSIG over . DNSKEY by key KEY expired on 2090-01-01.',
  },
];

/** The trace settings of the cases: one try, and a hedge delay long enough that no server is asked in parallel. */
function traceSettings(port: number): TraceSettings {
  return walkSettings({ port, startServers: [], timeoutMs: 1000, hedgeDelayMs: 10_000, rootHintsSource: 'file' });
}

/** Runs one case's trace (and for a signed one its validation). */
export async function runExplainCase(
  item: ExplainCase,
  hierarchy: Hierarchy | undefined,
): Promise<{ trace: TraceResult; dnssec?: TraceValidation }> {
  const request = { name: item.name, type: parseType(item.type) ?? 1, class: 1 };
  if (item.network === 'hierarchy') {
    if (!hierarchy) throw new Error('the hierarchy cases need the hierarchy running');
    const query = createQueryFn({ udp: udpTransport, tcp: tcpTransport });
    const result = await trace(request, traceSettings(hierarchy.port), {
      query,
      now: () => 0,
      rootHints: parseRootHints(hierarchy.rootHintsText),
    });
    return { trace: steady(result) };
  }
  const tamper = item.tamper;
  const { query } = signedAuthorities(tamper && ((server, question, m) => tamper(server, question.type, m)));
  const settings = traceSettings(53);
  const result = await trace(request, settings, { query, now: () => 0, rootHints: parseRootHints(FIXTURE_ROOT_HINTS) });
  const anchors = parseTrustAnchors(fixtureText('root.ds'), 'root.ds');
  const fetch = traceServerFetch(result, validatorWalk(settings), { query, now: () => 0 });
  const dnssec = await validateTraceWithEvidence(result, fetch, anchors, item.now ?? FIXED_NOW);
  return { trace: steady(result), dnssec };
}
