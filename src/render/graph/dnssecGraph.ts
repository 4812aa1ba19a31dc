/**
 * The DNSSEC part of a trace's picture: each zone's DNSKEYs (KSK / ZSK, key tag, algorithm), the DS
 * records in the parent with digest edges to the child's keys, RRSIG edges from the signing key to
 * what it signs, and NSEC / NSEC3 proofs (a delegation without DS, a name or type that does not
 * exist). Drawn from the replies the trace and the validator got; each link is judged on its own
 * (linkChecks.ts), the verdicts are the validator's.
 */
import { proveDenial } from '../../dnssec/denial.js';
import { digestCheck, signatureCheck, type SignatureCheck } from '../../dnssec/linkChecks.js';
import { readDnskey, readDs, readRrsig, type RrsigData } from '../../dnssec/rrsig.js';
import type { DnssecEvidence, TraceValidation } from '../../dnssec/types.js';
import type { Hop, TraceResult } from '../../resolve/traceTypes.js';
import { ALGORITHMS } from '../rdata/mnemonics.js';
import { TYPE, typeName } from '../../wire/rrtypes.js';
import { namesEqual } from '../../wire/name.js';
import type { ResourceRecord } from '../../wire/types.js';
import type { GraphBuilder } from './builder.js';
import { delegationStatus, judgeZones } from './dnssecZones.js';
import type { GraphNode, GraphStatus } from './model.js';

/** An RRset of a final reply as drawn: its node, the hop whose reply held it, and (for a denial) what was denied. */
export interface AnsweredSet {
  node: GraphNode;
  hop: Hop;
  records: ResourceRecord[];
  name: string;
  type: number;
  negative?: 'nxdomain' | 'nodata';
}

const SEP = 0x0001;
const REVOKE = 0x0080;

/** Words for a link that does not hold (a holding link needs none: its line says so). */
const LINK_WORDS: Partial<Record<GraphStatus, string>> = {
  expired: 'expired',
  premature: 'not yet valid',
  invalid: 'bad signature',
  noKey: 'no such key',
  unsupported: 'unsupported algorithm',
  missing: 'no RRSIG',
  mismatch: 'digest mismatch',
  unproven: 'not proven',
};

/** Worst first: an edge standing for several signatures shows the worst. */
const SIGNATURE_ORDER: SignatureCheck[] = ['invalid', 'expired', 'premature', 'noKey', 'unsupported', 'valid'];

/** One zone's keys as drawn. */
interface ZoneKeys {
  zoneId: string;
  name: string;
  records: ResourceRecord[];
  nodes: Map<ResourceRecord, GraphNode>;
}

/** Draws the DNSSEC chain of a validated trace into `graph`. */
class DnssecDrawing {
  private readonly keys = new Map<string, ZoneKeys>();
  private readonly placeholders = new Map<string, GraphNode>();

  constructor(
    private readonly graph: GraphBuilder,
    private readonly dnssec: TraceValidation,
    private readonly evidence: DnssecEvidence | undefined,
  ) {}

  private reply(name: string, type: number) {
    return this.evidence?.replies.get(`${name.toLowerCase()} ${type}`);
  }

  /** The zone's DNSKEY nodes, drawn the first time they are needed (from the validator's DNSKEY reply). */
  zoneKeys(name: string): ZoneKeys {
    const known = this.keys.get(name.toLowerCase());
    if (known) return known;
    const zoneId = this.graph.zone(name);
    const status = this.graph.zones.find((z) => z.id === zoneId)?.status ?? 'none';
    const reply = this.reply(name, TYPE.DNSKEY);
    const records = (reply?.answer ?? []).filter((r) => r.type === TYPE.DNSKEY && namesEqual(r.name, name));
    const zone: ZoneKeys = { zoneId, name, records, nodes: new Map() };
    this.keys.set(name.toLowerCase(), zone);
    const anchor = this.dnssec.validation.anchor;
    for (const rr of records) {
      const key = readDnskey(rr);
      if (!key) continue;
      const ksk = (key.flags & SEP) !== 0;
      const roles = [ksk ? 'ksk' : 'zsk'];
      if ((key.flags & REVOKE) !== 0) roles.push('revoked');
      if (anchor && namesEqual(anchor.zone, name) && anchor.keyTag === key.tag) roles.push('anchor');
      const label = ['DNSKEY', `${key.tag} ${ksk ? 'KSK' : 'ZSK'}`, algorithmText(key.algorithm)];
      if (roles.includes('anchor')) label.push('trust anchor');
      if (roles.includes('revoked')) label.push('revoked');
      const node = this.graph.node(`${zoneId}-key`, { kind: 'dnskey', zone: zoneId, status, label, roles });
      node.data = { keyTag: key.tag, algorithm: key.algorithm, flags: key.flags };
      zone.nodes.set(rr, node);
    }
    if (reply) this.signDnskeySet(zone);
    return zone;
  }

  /** A key named by a DS or an RRSIG that the zone's DNSKEY set does not hold, drawn dashed. */
  private absentKey(zone: ZoneKeys, tag: number, algorithm: number): GraphNode {
    const key = `${zone.zoneId} ${tag} ${algorithm}`;
    let node = this.placeholders.get(key);
    if (!node) {
      node = this.graph.node(`${zone.zoneId}-key`, {
        kind: 'dnskey',
        zone: zone.zoneId,
        status: 'noKey',
        label: ['DNSKEY', String(tag), algorithmText(algorithm), 'not in the zone'],
        roles: ['absent'],
        data: { keyTag: tag, algorithm, absent: true },
      });
      this.placeholders.set(key, node);
    }
    return node;
  }

  /** The node of the key that made `sig` (a dashed stand-in when the signer has no such key). */
  signerNode(sig: RrsigData): GraphNode {
    const zone = this.zoneKeys(sig.signer);
    for (const [rr, node] of zone.nodes) {
      const key = readDnskey(rr);
      if (key && key.tag === sig.keyTag && key.algorithm === sig.algorithm) return node;
    }
    return this.absentKey(zone, sig.keyTag, sig.algorithm);
  }

  /**
   * RRSIG edges over the RRsets drawn as `target`: one edge per signing key, showing the worst of its
   * signatures; `missing` edges from the zone's ZSKs when some RRset has no signature at all.
   */
  signatures(rrsets: readonly ResourceRecord[][], section: readonly ResourceRecord[], target: GraphNode, zone: string) {
    const worst = new Map<GraphNode, GraphStatus>();
    const mark = (from: GraphNode, check: SignatureCheck | 'missing'): void => {
      const before = worst.get(from);
      const rank = (status: GraphStatus | undefined) =>
        status === 'missing' ? -1 : SIGNATURE_ORDER.indexOf(status as SignatureCheck);
      if (before === undefined || rank(check) < rank(before)) worst.set(from, check);
    };
    for (const rrset of rrsets) {
      if (rrset.length === 0) continue;
      const owner = rrset[0].name;
      const sigs = section
        .filter((r) => r.type === TYPE.RRSIG && namesEqual(r.name, owner))
        .map(readRrsig)
        .filter((sig): sig is RrsigData => sig !== undefined && sig.typeCovered === rrset[0].type);
      if (sigs.length === 0) {
        const keys = [...this.zoneKeys(zone).nodes.values()];
        const zsks = keys.filter((n) => n.roles?.includes('zsk'));
        for (const from of zsks.length > 0 ? zsks : keys) mark(from, 'missing');
      }
      for (const sig of sigs) {
        const check = signatureCheck(rrset, sig, this.zoneKeys(sig.signer).records, this.evidence?.now ?? 0);
        mark(this.signerNode(sig), check);
      }
    }
    for (const [from, status] of worst) this.rrsigEdge(from, target, status);
  }

  private rrsigEdge(from: GraphNode, to: GraphNode, status: GraphStatus): void {
    this.graph.edge({ kind: 'rrsig', from: from.id, to: to.id, status, label: LINK_WORDS[status] });
  }

  /** The DNSKEY RRset's own signatures: a loop on each key that signed it, and an edge to each key that signed nothing of it. */
  private signDnskeySet(zone: ZoneKeys): void {
    const reply = this.reply(zone.name, TYPE.DNSKEY);
    const sigs = (reply?.answer ?? [])
      .filter((r) => r.type === TYPE.RRSIG && namesEqual(r.name, zone.name))
      .map(readRrsig)
      .filter((sig): sig is RrsigData => sig !== undefined && sig.typeCovered === TYPE.DNSKEY);
    const keyNodes = [...zone.nodes.values()];
    if (sigs.length === 0) {
      const entries = keyNodes.filter((n) => n.roles?.includes('ksk'));
      for (const node of entries.length > 0 ? entries : keyNodes) this.rrsigEdge(node, node, 'missing');
      return;
    }
    const signers = new Map<GraphNode, SignatureCheck>();
    for (const sig of sigs) {
      const node = zone.nodes.size > 0 ? this.signerNode(sig) : undefined;
      if (!node) continue;
      const check = signatureCheck(zone.records, sig, zone.records, this.evidence?.now ?? 0);
      const before = signers.get(node);
      if (!before || SIGNATURE_ORDER.indexOf(check) < SIGNATURE_ORDER.indexOf(before)) signers.set(node, check);
    }
    const best = [...signers].sort((a, b) => SIGNATURE_ORDER.indexOf(b[1]) - SIGNATURE_ORDER.indexOf(a[1]))[0];
    // A key the zone does not hold cannot be shown signing itself: it only points at the keys it would vouch for.
    for (const [node, check] of signers) if (!node.roles?.includes('absent')) this.rrsigEdge(node, node, check);
    if (!best) return;
    for (const node of keyNodes) if (!signers.has(node)) this.rrsigEdge(best[0], node, best[1]);
  }

  /**
   * The records that speak for a delegation: the referral's, or when it holds neither DS nor proof
   * (some servers leave them out), the reply to the validator's own DS question.
   */
  private delegationRecords(authority: readonly ResourceRecord[], child: string): readonly ResourceRecord[] {
    const speaks = (r: ResourceRecord) =>
      (r.type === TYPE.DS && namesEqual(r.name, child)) || r.type === TYPE.NSEC || r.type === TYPE.NSEC3;
    if (authority.some(speaks)) return authority;
    const asked = this.reply(child, TYPE.DS);
    return asked ? [...asked.answer, ...asked.authority] : authority;
  }

  /** A referral's DS records (with digest and RRSIG edges), or its proof that there is none. */
  delegation(hop: Hop, index: number, childEntry: GraphNode | undefined): void {
    if (hop.outcome.kind !== 'referral' || !hop.exchange) return;
    const child = hop.outcome.zone;
    const parentId = this.graph.zone(hop.zone);
    const cutStatus = delegationStatus(this.dnssec.cuts[index]?.status);
    const authority = this.delegationRecords(hop.exchange.response.authority, child);
    const dsSet = authority.filter((r) => r.type === TYPE.DS && namesEqual(r.name, child));
    if (dsSet.length === 0) {
      this.proof(authority, child, TYPE.DS, undefined, parentId, childEntry, hop.zone);
      return;
    }
    const childKeys = this.zoneKeys(child);
    const dsNodes: GraphNode[] = [];
    for (const rr of dsSet) {
      const ds = readDs(rr);
      if (!ds) continue;
      const label = ['DS', `${ds.keyTag} ${algorithmText(ds.algorithm)}`, `digest ${digestText(ds.digestType)}`];
      const node = this.graph.node(`${parentId}-ds`, { kind: 'ds', zone: parentId, status: cutStatus, label });
      node.data = { owner: child, keyTag: ds.keyTag, algorithm: ds.algorithm, digestType: ds.digestType };
      dsNodes.push(node);
      const named = childKeys.records.filter((k) => {
        const key = readDnskey(k);
        return key?.tag === ds.keyTag && key.algorithm === ds.algorithm;
      });
      if (named.length === 0) {
        const to = this.absentKey(childKeys, ds.keyTag, ds.algorithm);
        this.graph.edge({ kind: 'digest', from: node.id, to: to.id, status: 'noKey', label: LINK_WORDS.noKey });
      }
      for (const key of named) {
        const to = childKeys.nodes.get(key);
        if (!to) continue;
        const status = digestCheck(ds, child, key);
        this.graph.edge({ kind: 'digest', from: node.id, to: to.id, status, label: LINK_WORDS[status] });
      }
    }
    for (const node of dsNodes) this.signatures([dsSet], authority, node, hop.zone);
  }

  /** A node for the NSEC / NSEC3 records of `section` and what they prove about `name`/`type`, with its signatures. */
  proof(
    section: readonly ResourceRecord[],
    name: string,
    type: number,
    negative: 'nxdomain' | 'nodata' | undefined,
    zoneId: string,
    target: GraphNode | undefined,
    zoneName: string,
  ): void {
    const records = section.filter((r) => r.type === TYPE.NSEC || r.type === TYPE.NSEC3);
    if (records.length === 0) return;
    const kind = records.some((r) => r.type === TYPE.NSEC3) ? 'NSEC3' : 'NSEC';
    let denial: ReturnType<typeof proveDenial>;
    try {
      denial = proveDenial(name, type, negative === 'nxdomain', records, zoneName);
    } catch {
      denial = { proven: false, reason: 'malformed proof records' };
    }
    const what =
      type === TYPE.DS && !negative ? `no DS for ${name}` : `${negative ?? 'denial'} ${name} ${typeName(type)}`;
    const label = [`${kind} proof`, what];
    if (denial.proven === true && denial.what === 'insecureDelegation' && denial.optOut) label.push('opt-out span');
    if (denial.proven !== true) label.push(denial.reason);
    label.push(`${records.length} record${records.length === 1 ? '' : 's'}`);
    const status: GraphStatus = denial.proven === true ? 'proven' : 'unproven';
    const node = this.graph.node(`${zoneId}-proof`, { kind: 'proof', zone: zoneId, status, label });
    node.data = { type: kind, proves: what, owners: records.map((r) => r.name), proven: denial.proven === true };
    if (target) {
      const words = type === TYPE.DS && !negative ? 'no DS' : LINK_WORDS[status];
      this.graph.edge({ kind: 'proves', from: node.id, to: target.id, status, label: words, toZone: target.zone });
    }
    const sets = new Map<string, ResourceRecord[]>();
    for (const rr of records) {
      const key = `${rr.name.toLowerCase()} ${rr.type}`;
      sets.set(key, [...(sets.get(key) ?? []), rr]);
    }
    this.signatures([...sets.values()], section, node, zoneName);
  }
}

function algorithmText(algorithm: number): string {
  return `alg ${algorithm}${ALGORITHMS[algorithm] ? ` ${ALGORITHMS[algorithm]}` : ''}`;
}

function digestText(digestType: number): string {
  const names: Record<number, string> = { 1: 'SHA-1', 2: 'SHA-256', 4: 'SHA-384' };
  return names[digestType] ? `${digestType} ${names[digestType]}` : String(digestType);
}

/** Adds the DNSSEC chain of a validated trace: zone statuses, keys, DS, signatures, proofs, the answer's state. */
export function addDnssec(
  graph: GraphBuilder,
  result: TraceResult,
  dnssec: TraceValidation,
  answered: readonly AnsweredSet[],
): void {
  judgeZones(graph, result, dnssec);
  const drawing = new DnssecDrawing(graph, dnssec, dnssec.evidence);
  for (const zone of [...graph.zones]) drawing.zoneKeys(zone.name);
  result.hops.forEach((hop, i) => {
    if (hop.outcome.kind !== 'referral') return;
    const child = graph.findZone(hop.outcome.zone);
    const entry = graph.edges.find((e) => e.kind === 'referral' && e.toZone === child?.id);
    drawing.delegation(
      hop,
      i,
      graph.nodes.find((n) => n.id === entry?.to),
    );
  });
  for (const set of answered) {
    set.node.status = dnssec.validation.status;
    const zoneId = set.node.zone ?? graph.zone(set.hop.zone);
    const reply = set.hop.exchange?.response;
    if (!reply) continue;
    if (set.negative) {
      drawing.proof(reply.authority, set.name, set.type, set.negative, zoneId, set.node, set.hop.zone);
    } else {
      drawing.signatures([set.records], reply.answer, set.node, set.hop.zone);
    }
  }
}
