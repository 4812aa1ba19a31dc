/**
 * Pictures of traces through servers that lie: truncated keys, signatures and DS records, and names
 * with markup and control bytes. The graph is still drawn (every record it cannot read is left out or
 * marked), and never throws.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDot } from '../../../src/render/graph/dot.js';
import { traceGraph } from '../../../src/render/graph/traceGraph.js';
import type { Message, ResourceRecord } from '../../../src/wire/types.js';
import { ZONE_ADDRESSES } from '../../dnssec/signedAuthorities.js';
import { GRAPH_CASES, runGraphCase, type GraphCase } from './graphCases.js';

const signed = GRAPH_CASES.find((c) => c.stem === 'signed') as GraphCase;

/** Cuts every record of the given types to two octets, which leave no data of their type: opaque octets only. */
function truncate(message: Message, types: readonly number[]): Message {
  const cut = (r: ResourceRecord): ResourceRecord => {
    if (!types.includes(r.type)) return r;
    const rdataWire = r.rdataWire.slice(0, 2);
    return { ...r, rdata: { type: 'unknown', unknown: rdataWire }, rdataWire };
  };
  return { ...message, answer: message.answer.map(cut), authority: message.authority.map(cut) };
}

const DNSSEC_TYPES = [43, 46, 47, 48, 50];
const cases: Array<[string, number[]]> = [
  ['.', DNSSEC_TYPES],
  ['sec.', DNSSEC_TYPES],
  ['ed.sec.', DNSSEC_TYPES],
  // Keys alone: the signatures over them are read, the keys they name are not.
  ['ed.sec.', [48]],
  ['.', [48]],
  // DS records alone, in a parent's referral.
  ['sec.', [43]],
];

for (const [zone, types] of cases) {
  test(`graph: truncated records (types ${types.join(',')}) from the ${zone} server are drawn around, not thrown on`, async () => {
    const item: GraphCase = {
      ...signed,
      tamper: (server, _type, m) => (server === ZONE_ADDRESSES[zone] ? truncate(m, types) : m),
    };
    const { result, dnssec } = await runGraphCase(item, undefined);
    const graph = traceGraph(result, dnssec);
    assert.notEqual(graph.verdict.status, 'secure');
    assert.match(renderDot(graph), /^digraph "tsdig" \{/);
  });
}

test('graph: names with markup, quotes and control bytes end up in labels as text, never in ids', async () => {
  const evil = 'ns"<b>\u0000\u202E.sec.';
  const item: GraphCase = {
    ...signed,
    tamper: (server, _type, m) =>
      server !== ZONE_ADDRESSES['.']
        ? m
        : {
            ...m,
            authority: m.authority.map((r) => (r.type === 2 ? { ...r, rdata: { type: 'NS', target: evil } } : r)),
            additional: m.additional.map((r) => (r.type === 1 ? { ...r, name: evil } : r)),
          },
  };
  const { result, dnssec } = await runGraphCase(item, undefined);
  const graph = traceGraph(result, dnssec);
  assert.ok(graph.nodes.some((n) => n.label.includes(evil)));
  for (const id of [
    ...graph.nodes.map((n) => n.id),
    ...graph.edges.map((e) => e.id),
    ...graph.zones.map((z) => z.id),
  ]) {
    assert.match(id, /^[a-z0-9-]+$/);
  }
  const dot = renderDot(graph);
  assert.ok(dot.includes('ns\\"<b>\\\\000\\\\u{202E}.sec.'), 'the name is escaped inside its string');
});

test('graph: a referral without its DS records is drawn from the validator’s own DS question', async () => {
  const bare = (m: Message): Message => ({
    ...m,
    authority: m.authority.filter((r) => r.type !== 43 && !(r.rdata.type === 'RRSIG' && r.rdata.typeCovered === 43)),
  });
  const item: GraphCase = {
    ...signed,
    // Referrals (non-authoritative replies with NS) lose their DS; the answer to a DS question keeps it.
    tamper: (server, type, m) => (type !== 43 && !m.aa && server !== ZONE_ADDRESSES['ed.sec.'] ? bare(m) : m),
  };
  const { result, dnssec } = await runGraphCase(item, undefined);
  const referrals = result.hops.filter((h) => h.outcome.kind === 'referral');
  assert.ok(
    referrals.every((h) => !h.exchange?.response.authority.some((r) => r.type === 43)),
    'no DS in referrals',
  );
  const graph = traceGraph(result, dnssec);
  assert.equal(graph.nodes.filter((n) => n.kind === 'ds').length, 2);
  assert.equal(graph.edges.filter((e) => e.kind === 'digest' && e.status === 'match').length, 2);
});
