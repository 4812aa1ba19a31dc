/**
 * Authoritative answering from plain zone data, as a pure function: the semantics a test
 * server needs (answers, CNAME chains, referrals at cuts, NXDOMAIN/NODATA with SOA, wildcards, ANY).
 */

/** One record in dns-packet style: `data` is what dns-packet encodes for that type. */
export interface ZoneRecord {
  /** Absolute owner name (trailing dot optional); '@' means the zone origin. */
  name: string;
  /** Type mnemonic as dns-packet knows it ('A', 'NS', 'RRSIG', ...). */
  type: string;
  ttl?: number;
  data: any;
}

/** A zone as plain data. Records outside the origin are kept only as glue candidates for referrals. */
export interface ZoneData {
  origin: string;
  records: ZoneRecord[];
}

/** A record ready for dns-packet's encoder. */
export interface PacketRecord {
  name: string;
  type: string;
  ttl: number;
  class: 'IN';
  data: any;
}

/** What the server should put in its reply, before framing and size checks. */
export interface AnswerPlan {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'REFUSED';
  aa: boolean;
  answers: PacketRecord[];
  authorities: PacketRecord[];
  additionals: PacketRecord[];
}

/** A zone with its records indexed by lower-case name (no trailing dot; '' is the root). */
export interface IndexedZone {
  origin: string;
  byName: Map<string, ZoneRecord[]>;
  /** Every in-zone name that exists, including empty non-terminals. */
  existing: Set<string>;
}

const DEFAULT_TTL = 3600;
const MAX_CHAIN = 16;

/** Lower-case, no trailing dot, '' for the root: the key used for every comparison. */
export function canonicalName(name: string): string {
  const trimmed = name === '.' ? '' : name.replace(/\.$/, '');
  return trimmed.toLowerCase();
}

/** True when `name` equals `zone` or lies below it (both canonical). */
export function isAtOrBelow(name: string, zone: string): boolean {
  return zone === '' || name === zone || name.endsWith(`.${zone}`);
}

function parentName(name: string): string | null {
  if (name === '') return null;
  const dot = name.indexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

/** Indexes one zone; '@' owners become the origin. */
export function indexZone(zone: ZoneData): IndexedZone {
  const origin = canonicalName(zone.origin);
  const byName = new Map<string, ZoneRecord[]>();
  const existing = new Set<string>([origin]);
  for (const record of zone.records) {
    const owner = record.name === '@' ? origin : canonicalName(record.name);
    const list = byName.get(owner) ?? [];
    list.push(record.name === '@' ? { ...record, name: origin === '' ? '.' : `${origin}.` } : record);
    byName.set(owner, list);
    if (!isAtOrBelow(owner, origin)) continue;
    for (let n: string | null = owner; n !== null && n !== origin; n = parentName(n)) existing.add(n);
  }
  return { origin, byName, existing };
}

function toPacketRecord(record: ZoneRecord, ownerName?: string): PacketRecord {
  const name = ownerName ?? record.name;
  return { name, type: record.type.toUpperCase(), ttl: record.ttl ?? DEFAULT_TTL, class: 'IN', data: record.data };
}

function recordsOfType(records: ZoneRecord[], type: string): ZoneRecord[] {
  return records.filter((r) => r.type.toUpperCase() === type);
}

/** RRSIGs among `records` that cover `type`. */
function signaturesFor(records: ZoneRecord[], type: string): ZoneRecord[] {
  return records.filter((r) => r.type.toUpperCase() === 'RRSIG' && String(r.data?.typeCovered).toUpperCase() === type);
}

/** The zone with the longest origin containing `name`; for DS at a zone apex, the parent zone if held too. */
function selectZone(zones: IndexedZone[], name: string, type: string): IndexedZone | undefined {
  const candidates = zones.filter((z) => isAtOrBelow(name, z.origin)).sort((a, b) => b.origin.length - a.origin.length);
  if (type === 'DS' && candidates.length > 1 && candidates[0]!.origin === name) return candidates[1];
  return candidates[0];
}

/** The topmost delegation (NS below the apex) on the way from the origin down to `name`. */
function findCut(zone: IndexedZone, name: string, type: string): string | undefined {
  const path: string[] = [];
  for (let n: string | null = name; n !== null && n !== zone.origin; n = parentName(n)) path.unshift(n);
  for (const candidate of path) {
    const ns = recordsOfType(zone.byName.get(candidate) ?? [], 'NS');
    if (ns.length === 0) continue;
    if (candidate === name && type === 'DS') return undefined;
    return candidate;
  }
  return undefined;
}

/** Records at `name`, or synthesized from the closest encloser's wildcard (RFC 4592); undefined when the name does not exist. */
function recordsAt(zone: IndexedZone, name: string, ownerName: string): PacketRecord[] | undefined {
  const exact = zone.byName.get(name);
  if (exact) return exact.map((r) => toPacketRecord(r, ownerName));
  if (zone.existing.has(name)) return [];
  for (let encloser = parentName(name); encloser !== null; encloser = parentName(encloser)) {
    if (!zone.existing.has(encloser)) continue;
    const wildcard = zone.byName.get(encloser === '' ? '*' : `*.${encloser}`);
    return wildcard ? wildcard.map((r) => toPacketRecord(r, ownerName)) : undefined;
  }
  return undefined;
}

/** The SOA for negative answers, TTL = min(SOA TTL, SOA minimum) (RFC 2308), with its RRSIG when asked. */
function negativeSoa(zone: IndexedZone, dnssec: boolean): PacketRecord[] {
  const apex = zone.byName.get(zone.origin) ?? [];
  const soa = recordsOfType(apex, 'SOA')[0];
  if (!soa) return [];
  const ttl = Math.min(soa.ttl ?? DEFAULT_TTL, Number(soa.data?.minimum ?? DEFAULT_TTL));
  const out = [{ ...toPacketRecord(soa), ttl }];
  if (dnssec) out.push(...signaturesFor(apex, 'SOA').map((r) => ({ ...toPacketRecord(r), ttl })));
  return out;
}

/** A/AAAA records known for `target` in the given zones' data (glue or in-zone addresses). */
function addressesFor(zones: IndexedZone[], target: string): PacketRecord[] {
  const key = canonicalName(target);
  for (const zone of zones) {
    const found = (zone.byName.get(key) ?? []).filter((r) => ['A', 'AAAA'].includes(r.type.toUpperCase()));
    if (found.length > 0) return found.map((r) => toPacketRecord(r));
  }
  return [];
}

/** Names that additional-section processing looks up for an answer record. */
function additionalTargets(record: PacketRecord): string[] {
  if (record.type === 'NS') return [String(record.data)];
  if (record.type === 'MX') return [String(record.data?.exchange)];
  if (record.type === 'SRV') return [String(record.data?.target)];
  return [];
}

/** Referral to the child at `cut`: NS (plus DS when signed and asked) in authority, known addresses as glue. */
function referral(zone: IndexedZone, cut: string, dnssec: boolean): Pick<AnswerPlan, 'authorities' | 'additionals'> {
  const atCut = zone.byName.get(cut) ?? [];
  const ns = recordsOfType(atCut, 'NS').map((r) => toPacketRecord(r));
  const authorities = [...ns];
  if (dnssec) {
    authorities.push(...recordsOfType(atCut, 'DS').map((r) => toPacketRecord(r)));
    authorities.push(...signaturesFor(atCut, 'DS').map((r) => toPacketRecord(r)));
  }
  const additionals = ns.flatMap((r) => addressesFor([zone], String(r.data)));
  return { authorities, additionals };
}

/**
 * Answers one question from the zones one server holds, as an authoritative server would.
 * CNAMEs are followed through every zone the server holds (or, with `withinZone`, only inside the
 * zone of the question, as NSD and Knot do); the rcode reflects the last name looked up.
 */
export function answerFromZones(
  zones: IndexedZone[],
  qname: string,
  qtype: string,
  dnssec: boolean,
  withinZone = false,
): AnswerPlan {
  const plan: AnswerPlan = { rcode: 'NOERROR', aa: false, answers: [], authorities: [], additionals: [] };
  const type = qtype.toUpperCase();
  const visited = new Set<string>();
  let ownerName = qname;
  let first: IndexedZone | undefined;
  for (let step = 0; step < MAX_CHAIN; step++) {
    const name = canonicalName(ownerName);
    visited.add(name);
    const zone = selectZone(zones, name, type);
    first ??= zone;
    if (!zone || (withinZone && zone !== first)) {
      if (step === 0) plan.rcode = 'REFUSED';
      return plan;
    }
    const cut = findCut(zone, name, type);
    if (cut !== undefined) {
      Object.assign(plan, referral(zone, cut, dnssec));
      return plan;
    }
    if (step === 0) plan.aa = true;
    const records = recordsAt(zone, name, ownerName);
    if (records === undefined) {
      plan.rcode = 'NXDOMAIN';
      plan.authorities = negativeSoa(zone, dnssec);
      return plan;
    }
    const visible = (r: PacketRecord): boolean => dnssec || r.type !== 'RRSIG';
    if (type === 'ANY' && records.length > 0) {
      plan.answers.push(...records.filter(visible));
      return plan;
    }
    const matching = records.filter((r) => r.type === type);
    if (matching.length > 0) {
      plan.answers.push(
        ...matching,
        ...(dnssec
          ? records.filter((r) => r.type === 'RRSIG' && String(r.data?.typeCovered).toUpperCase() === type)
          : []),
      );
      const targets = matching.flatMap(additionalTargets);
      plan.additionals.push(...targets.flatMap((t) => addressesFor(zones, t)));
      return plan;
    }
    const cname = records.find((r) => r.type === 'CNAME');
    if (!cname) {
      plan.authorities = negativeSoa(zone, dnssec);
      return plan;
    }
    plan.answers.push(
      cname,
      ...(dnssec
        ? records.filter((r) => r.type === 'RRSIG' && String(r.data?.typeCovered).toUpperCase() === 'CNAME')
        : []),
    );
    ownerName = String(cname.data);
    if (visited.has(canonicalName(ownerName))) return plan;
  }
  return plan;
}
