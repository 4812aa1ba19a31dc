/**
 * A loopback hierarchy of servers that lie, for the judgments of +check, +explain and the traces of a
 * batch: `tld.` hands out glue for ns.victim. (outside its bailiwick) pointing at a poison server,
 * and for names under poison.tld. refers to victim. itself with the same glue, and adds poisoned
 * addresses for its own name and www.victim. to its referrals under liar.tld.; the two servers of
 * liar.tld. disagree on its NS set and serve serials either side of the wrap; ns.claims.tld. sets aa
 * for claims.tld., which it does not serve. Every server listens on one port; addresses 127.0.9.N.
 */
import type { RespondHook } from '../support/fakeServer.js';
import { startServerSet, type SetServerSpec } from '../support/serverSet.js';
import { answerFromZones, indexZone, type ZoneData, type ZoneRecord } from '../support/zoneAnswer.js';
import { encodeReply } from '../support/zoneReply.js';
import type { ZoneServer } from '../support/zoneServer.js';

/** Server addresses by role. */
export const LIAR_ADDR = {
  root: '127.0.9.1',
  /** ns.tld.: serves tld. (and lies about victim.). */
  tld: '127.0.9.2',
  /** ns.victim.: serves victim. and liar.tld. (with the wrapped serial and an extra NS). */
  victim: '127.0.9.3',
  /** ns1.liar.tld.: serves liar.tld. and claims.tld. */
  liar: '127.0.9.4',
  /** ns.claims.tld.: sets aa for claims.tld., which it does not serve. */
  claims: '127.0.9.5',
  /** A resolver that SERVFAILs everything (the server +explain asks). */
  resolver: '127.0.9.53',
  /** Where the lying glue points: answers anything with aa and a poisoned address. */
  poison: '127.0.9.66',
} as const;

/** The address the poison server gives for every name. */
export const POISONED = '192.0.2.66';

function rr(name: string, type: string, data: unknown, ttl = 3600): ZoneRecord {
  return { name, type, data, ttl };
}

function soa(origin: string, serial = 2024010101): ZoneRecord {
  return rr(origin, 'SOA', {
    mname: `ns.${origin}`,
    rname: `hostmaster.${origin}`,
    serial,
    refresh: 7200,
    retry: 3600,
    expire: 1209600,
    minimum: 300,
  });
}

const rootZone: ZoneData = {
  origin: '.',
  records: [
    soa('.'),
    rr('.', 'NS', 'a.root.liar.'),
    rr('a.root.liar.', 'A', LIAR_ADDR.root),
    rr('tld.', 'NS', 'ns.tld.'),
    rr('ns.tld.', 'A', LIAR_ADDR.tld),
    rr('victim.', 'NS', 'ns.victim.'),
    rr('ns.victim.', 'A', LIAR_ADDR.victim),
  ],
};

/** tld. as its server serves it: the delegation of liar.tld. carries glue for ns.victim., outside tld. */
const tldZone: ZoneData = {
  origin: 'tld.',
  records: [
    soa('tld.'),
    rr('tld.', 'NS', 'ns.tld.'),
    rr('ns.tld.', 'A', LIAR_ADDR.tld),
    rr('liar.tld.', 'NS', 'ns1.liar.tld.'),
    rr('liar.tld.', 'NS', 'ns.victim.'),
    rr('ns1.liar.tld.', 'A', LIAR_ADDR.liar),
    rr('ns.victim.', 'A', LIAR_ADDR.poison),
    rr('claims.tld.', 'NS', 'ns1.liar.tld.'),
    rr('claims.tld.', 'NS', 'ns.claims.tld.'),
    rr('ns.claims.tld.', 'A', LIAR_ADDR.claims),
  ],
};

const victimZone: ZoneData = {
  origin: 'victim.',
  records: [
    soa('victim.'),
    rr('victim.', 'NS', 'ns.victim.'),
    rr('ns.victim.', 'A', LIAR_ADDR.victim),
    rr('www.victim.', 'A', '192.0.2.9'),
  ],
};

/** liar.tld. as ns1.liar.tld. serves it: serial 5, the NS set the parent gives. */
const liarZone: ZoneData = {
  origin: 'liar.tld.',
  records: [
    soa('liar.tld.', 5),
    rr('liar.tld.', 'NS', 'ns1.liar.tld.'),
    rr('liar.tld.', 'NS', 'ns.victim.'),
    rr('ns1.liar.tld.', 'A', LIAR_ADDR.liar),
    rr('ns9.liar.tld.', 'A', LIAR_ADDR.liar),
    rr('www.liar.tld.', 'A', '192.0.2.4'),
  ],
};

/** liar.tld. as ns.victim. serves it: serial 4294967295 (older than 5 in RFC 1982) and an extra NS. */
const liarZoneOld: ZoneData = {
  origin: 'liar.tld.',
  records: [
    soa('liar.tld.', 4294967295),
    ...liarZone.records.filter((r) => r.type !== 'SOA'),
    rr('liar.tld.', 'NS', 'ns9.liar.tld.'),
  ],
};

const claimsZone: ZoneData = {
  origin: 'claims.tld.',
  records: [
    soa('claims.tld.'),
    rr('claims.tld.', 'NS', 'ns1.liar.tld.'),
    rr('claims.tld.', 'NS', 'ns.claims.tld.'),
    rr('ns.claims.tld.', 'A', LIAR_ADDR.claims),
    rr('www.claims.tld.', 'A', '192.0.2.7'),
  ],
};

const isBelow = (name: string, zone: string): boolean => name === zone || name.endsWith(`.${zone}`);

/**
 * ns.tld.: for names under poison.tld. a referral to victim. (not below tld.) with glue pointing at the
 * poison server; for names under liar.tld. the referral it should give, plus an address for its own
 * name and one for www.victim., both poisoned.
 */
function tldLies(zones: ZoneData[]): RespondHook {
  const indexed = zones.map(indexZone);
  return (query) => {
    if (query.malformed) return undefined;
    const name = query.name.toLowerCase().replace(/\.?$/, '.');
    const a = (owner: string, address: string) => ({
      name: owner,
      type: 'A',
      ttl: 86400,
      class: 'IN' as const,
      data: address,
    });
    if (isBelow(name, 'poison.tld.'))
      return encodeReply(query, {
        rcode: 'NOERROR',
        authorities: [{ name: 'victim.', type: 'NS', ttl: 86400, class: 'IN', data: 'ns.victim.' }],
        additionals: [a('ns.victim.', LIAR_ADDR.poison)],
      });
    if (isBelow(name, 'liar.tld.') && name !== 'liar.tld.') {
      const plan = answerFromZones(indexed, query.name, query.type, false);
      return encodeReply(query, {
        ...plan,
        additionals: [...plan.additionals, a('ns.tld.', LIAR_ADDR.poison), a('www.victim.', POISONED)],
      });
    }
    return undefined;
  };
}

/** ns.claims.tld.: aa and NOERROR to everything, with no answer and victim.'s SOA, a zone it does not serve either. */
const claimsLies: RespondHook = (query) => {
  if (query.malformed) return null;
  const plan = answerFromZones([indexZone(victimZone)], 'victim.', 'SOA', false);
  return encodeReply(query, { rcode: 'NOERROR', aa: true, authorities: plan.answers });
};

/** The poison server: aa and the poisoned address for any name. */
const poisonAnswers: RespondHook = (query) => {
  if (query.malformed) return null;
  const answers =
    query.type === 'A' ? [{ name: query.name, type: 'A', ttl: 86400, class: 'IN' as const, data: POISONED }] : [];
  return encodeReply(query, { rcode: 'NOERROR', aa: true, answers });
};

const SERVERS: SetServerSpec[] = [
  { address: LIAR_ADDR.root, zones: [rootZone] },
  { address: LIAR_ADDR.tld, zones: [tldZone], respond: tldLies([tldZone]) },
  { address: LIAR_ADDR.victim, zones: [victimZone, liarZoneOld] },
  { address: LIAR_ADDR.liar, zones: [liarZone, claimsZone] },
  { address: LIAR_ADDR.claims, zones: [], respond: claimsLies },
  { address: LIAR_ADDR.resolver, zones: [], behaviour: 'servfail' },
  { address: LIAR_ADDR.poison, zones: [], respond: poisonAnswers },
];

/** Root hints naming the hierarchy's root (for --root-hints). */
export const LIAR_ROOT_HINTS = `.  3600000  NS  a.root.liar.\na.root.liar.  3600000  A  ${LIAR_ADDR.root}\n`;

/** A running liar hierarchy; `queriesAt` lists the questions one address received ("name TYPE"). */
export interface LiarHierarchy {
  port: number;
  queriesAt(address: string): string[];
  close(): Promise<void>;
}

/** Starts every server on one port. Close it in `after`. */
export async function startLiarHierarchy(): Promise<LiarHierarchy> {
  const { port, started } = await startServerSet(SERVERS, Object.values(LIAR_ADDR));
  const byAddress = new Map<string, ZoneServer>(SERVERS.map((spec, i) => [spec.address, started[i] as ZoneServer]));
  return {
    port,
    queriesAt: (address) => (byAddress.get(address)?.queries ?? []).map((q) => `${q.name} ${q.type}`),
    close: async () => void (await Promise.all(started.map((s) => s.close()))),
  };
}
