/**
 * The traces the picture tests draw: three through the loopback hierarchy (a plain delegation, a
 * glueless one, a lame server), four through the signed fixture zones (a signed chain, an NSEC3
 * opt-out delegation, a bogus signature, a DS that matches no key). Times, RTTs and ports are made
 * fixed after the walk so the pictures can be golden files.
 */
import { walkSettings } from '../../support/traceSettings.js';
import type { TraceValidation } from '../../../src/dnssec/types.js';
import { parseTrustAnchors } from '../../../src/dnssec/trustAnchor.js';
import { traceServerFetch, validateTraceWithEvidence, validatorWalk } from '../../../src/app/traceValidation.js';
import { createQueryFn } from '../../../src/resolve/exchange.js';
import { parseRootHints } from '../../../src/resolve/rootHints.js';
import { trace } from '../../../src/resolve/trace.js';
import type { TraceResult, TraceSettings } from '../../../src/resolve/traceTypes.js';
import { tcpTransport } from '../../../src/transport/tcp.js';
import { udpTransport } from '../../../src/transport/udp.js';
import { parseType } from '../../../src/wire/rrtypes.js';
import type { Message, ResourceRecord } from '../../../src/wire/types.js';
import { FIXTURE_ROOT_HINTS, signedAuthorities, ZONE_ADDRESSES } from '../../dnssec/signedAuthorities.js';
import { fixtureText } from '../../dnssec/signedZone.js';
import type { Hierarchy } from '../../support/hierarchy.js';
import { TRACE_CASES } from '../../support/hierarchyCases.js';
import { ADDR } from '../../support/hierarchyZones.js';
import { withRdataWire } from '../../support/records.js';

/** A trace to draw, and what a correct picture of it must show. */
export interface GraphCase {
  /** The golden file's stem. */
  stem: string;
  name: string;
  type: string;
  /** Where its servers are: the loopback hierarchy, or the signed fixture zones in process. */
  network: 'hierarchy' | 'signed';
  /** Changes replies of the signed zones (a broken signature, a changed key). */
  tamper?: (server: string, type: number, message: Message) => Message;
  /** SVG ids (node or edge) and classes the picture must have. */
  expect: { classes: string[]; verdict: string };
}

/** A moment inside the fixture signatures' validity (2026-11-26 to 2090-01-01), so the pictures never age. */
export const FIXED_NOW = Date.UTC(2030, 0, 1) / 1000;

const DNSKEY = 48;

/** Flips the last octet of every record of `type` at `name`: a broken key, digest or address. */
export function flip(message: Message, name: string, type: number): Message {
  const change = (r: ResourceRecord): ResourceRecord => {
    if (r.type !== type || r.name.toLowerCase() !== name) return r;
    const rdata = Uint8Array.from(r.rdataWire);
    rdata[rdata.length - 1] ^= 0xff;
    return withRdataWire(r, rdata);
  };
  return { ...message, answer: message.answer.map(change), authority: message.authority.map(change) };
}

export const GRAPH_CASES: readonly GraphCase[] = [
  {
    stem: 'plain',
    name: TRACE_CASES.plain.name,
    type: 'A',
    network: 'hierarchy',
    expect: {
      classes: ['start', 'referral', 'server answered', 'rrset', 'verdict none'],
      verdict: 'answer: 1 A record',
    },
  },
  {
    stem: 'glueless',
    name: TRACE_CASES.glueless.name,
    type: 'A',
    network: 'hierarchy',
    expect: { classes: ['glue', 'referral', 'rrset'], verdict: 'answer: 1 A record' },
  },
  {
    stem: 'lame',
    name: TRACE_CASES.lame.name,
    type: 'A',
    network: 'hierarchy',
    expect: { classes: ['server lame', 'server answered', 'rrset'], verdict: 'answer: 1 A record' },
  },
  {
    stem: 'signed',
    name: 'www.ed.sec.',
    type: 'A',
    network: 'signed',
    expect: {
      classes: ['dnskey secure ksk anchor', 'ds secure', 'digest match', 'rrsig valid', 'referral secure'],
      verdict: 'DNSSEC secure',
    },
  },
  {
    stem: 'insecure-optout',
    name: 'www.ins.sec.',
    type: 'A',
    network: 'signed',
    expect: {
      classes: ['proof proven', 'proves proven', 'referral insecure', 'zone insecure'],
      verdict: 'DNSSEC insecure',
    },
  },
  {
    stem: 'bogus-signature',
    name: 'www.ed.sec.',
    type: 'A',
    network: 'signed',
    tamper: (server, type, m) => (server === ZONE_ADDRESSES['ed.sec.'] && type === 1 ? flip(m, 'www.ed.sec.', 1) : m),
    expect: { classes: ['rrsig invalid', 'rrset bogus', 'verdict bogus'], verdict: 'DNSSEC bogus' },
  },
  {
    stem: 'ds-no-key',
    name: 'www.ed.sec.',
    type: 'A',
    network: 'signed',
    tamper: (server, _type, m) => (server === ZONE_ADDRESSES['ed.sec.'] ? flip(m, 'ed.sec.', DNSKEY) : m),
    expect: {
      classes: ['dnskey noKey absent', 'digest noKey', 'referral bogus', 'zone bogus'],
      verdict: 'DNSSEC bogus',
    },
  },
];

function traceSettings(port: number, startServers: TraceSettings['startServers']): TraceSettings {
  // No server of these cases is silent: a long hedge delay keeps a slow machine from asking two at once.
  return walkSettings({ port, startServers, timeoutMs: 2000, hedgeDelayMs: 10_000, rootHintsSource: 'file' });
}

/** The result with every time, RTT and port fixed: the walk is real, its timings are not part of the picture. */
export function steady(result: TraceResult): TraceResult {
  result.totalMs = 10;
  for (const hop of result.hops) {
    for (const attempt of hop.servers) {
      attempt.rttMs = 1.25;
      attempt.port = 53;
    }
    if (hop.exchange) {
      hop.exchange.rttMs = 1.25;
      hop.exchange.server = { ...hop.exchange.server, port: 53 };
      hop.exchange.receivedAt = new Date(0);
    }
  }
  return result;
}

/** A trace through the running loopback hierarchy, with real UDP. */
async function hierarchyTrace(hierarchy: Hierarchy, item: GraphCase): Promise<TraceResult> {
  const query = createQueryFn({ udp: udpTransport, tcp: tcpTransport });
  const start = [{ address: ADDR.root, port: hierarchy.port, name: ADDR.root }];
  return trace({ name: item.name, type: parseType(item.type) ?? 1, class: 1 }, traceSettings(hierarchy.port, start), {
    query,
    now: () => 0,
    rootHints: parseRootHints(hierarchy.rootHintsText),
  });
}

/** A trace and its validation through the signed fixture zones, in process. */
async function signedTrace(item: GraphCase): Promise<{ result: TraceResult; dnssec: TraceValidation }> {
  const tamper = item.tamper;
  const { query } = signedAuthorities(tamper && ((server, question, m) => tamper(server, question.type, m)));
  const settings = traceSettings(53, []);
  const result = await trace({ name: item.name, type: parseType(item.type) ?? 1, class: 1 }, settings, {
    query,
    now: () => 0,
    rootHints: parseRootHints(FIXTURE_ROOT_HINTS),
  });
  const anchors = parseTrustAnchors(fixtureText('root.ds'), 'root.ds');
  const fetch = traceServerFetch(result, validatorWalk(settings), { query, now: () => 0 });
  return { result, dnssec: await validateTraceWithEvidence(result, fetch, anchors, FIXED_NOW) };
}

/** Runs one case: the hierarchy cases need it running. */
export async function runGraphCase(
  item: GraphCase,
  hierarchy: Hierarchy | undefined,
): Promise<{ result: TraceResult; dnssec?: TraceValidation }> {
  if (item.network === 'signed') {
    const { result, dnssec } = await signedTrace(item);
    return { result: steady(result), dnssec };
  }
  if (!hierarchy) throw new Error(`case ${item.stem} needs the loopback hierarchy`);
  return { result: steady(await hierarchyTrace(hierarchy, item)) };
}
