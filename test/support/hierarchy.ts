/**
 * The built-in DNS hierarchy on loopback, for +trace tests and the offline demo: every server on
 * one shared port (dig's -p applies to every server of a trace). The data is in hierarchyZones.ts,
 * the expected walks in hierarchyCases.ts.
 */
import { startServerSet } from './serverSet.js';
import type { Behaviour, RespondHook, ZoneServer } from './zoneServer.js';
import { encodeReply } from './zoneReply.js';
import type { ZoneData } from './zoneAnswer.js';
import * as Z from './hierarchyZones.js';
import {
  cookieDemanding,
  dnameTooLong,
  dnameWithoutCname,
  ednsIntolerant,
  firstOf,
  fixedReply,
  forName,
} from './misbehaviours.js';

const { ADDR, ANSWER } = Z;

/** The server cookie the cookie-demanding servers hand out. */
export const HIERARCHY_SERVER_COOKIE = Uint8Array.from([0x74, 0x73, 0x64, 0x69, 0x67, 0x31, 0x33, 0x21]);

/** One server of the hierarchy: its address, the NS names pointing at it, and what it does. */
export interface HierarchyServerSpec {
  address: string;
  names: string[];
  zones: ZoneData[];
  behaviour?: Behaviour;
  respond?: RespondHook;
  /** UDP only: TCP connections are refused. */
  udpOnly?: boolean;
  /** Why the server exists. */
  note: string;
}

/** Answers everything with a referral to the root (an upward referral, as old lame servers did). */
const upwardReferral: RespondHook = (query) => {
  if (query.malformed) return undefined;
  return encodeReply(query, {
    rcode: 'NOERROR',
    authorities: [{ name: '.', type: 'NS', ttl: 518400, class: 'IN', data: 'a.root-servers.test.' }],
    additionals: [{ name: 'a.root-servers.test.', type: 'A', ttl: 518400, class: 'IN', data: ADDR.root }],
  });
};

/** Every listening server. ADDR.closed (ns1.closed.test.) is deliberately absent: nothing listens there. */
export const HIERARCHY_SERVERS: HierarchyServerSpec[] = [
  { address: ADDR.root, names: ['a.root-servers.test.'], zones: [Z.rootZone], note: 'the root' },
  { address: ADDR.testA, names: ['a.nic.test.'], zones: [Z.testZone], note: 'test. (first of two)' },
  { address: ADDR.testB, names: ['b.nic.test.'], zones: [Z.testZone], note: 'test. (second of two)' },
  { address: ADDR.demo, names: ['a.nic.demo.'], zones: [Z.demoZone], note: 'demo.' },
  { address: ADDR.arpa, names: ['a.nic.arpa.'], zones: [Z.arpaZone], note: 'arpa.' },
  {
    address: ADDR.reverseTld,
    names: ['ns1.in-addr.arpa.', 'ns1.ip6.arpa.'],
    zones: [Z.inAddrZone, Z.ip6Zone],
    note: 'in-addr.arpa. and ip6.arpa.',
  },
  { address: ADDR.example, names: ['ns1.example.test.'], zones: [Z.exampleZone], note: 'example.test.' },
  {
    address: ADDR.reverseLeaf,
    names: ['ns.2.0.192.in-addr.arpa.', 'ns.8.b.d.0.1.0.0.2.ip6.arpa.'],
    zones: [Z.reverse4Zone, Z.reverse6Zone],
    note: 'reverse zones for 192.0.2.0/24 and 2001:db8::/32',
  },
  {
    address: ADDR.other,
    names: ['ns1.other.demo.'],
    zones: [Z.otherZone],
    note: 'other.demo. (cross-zone CNAME target)',
  },
  { address: ADDR.glueless, names: ['ns.hoster.demo.'], zones: [Z.gluelessZone], note: 'glueless.test.' },
  {
    address: ADDR.lame,
    names: ['ns1.lame.test.'],
    zones: [],
    behaviour: 'lame',
    note: 'lame first server of lame.test.',
  },
  {
    address: ADDR.faultBackup,
    names: [
      'ns2.lame.test.',
      'ns2.refused.test.',
      'ns2.silent.test.',
      'ns2.closed.test.',
      'ns2.badcookie.test.',
      'ns2.nonaa.test.',
      'ns2.tc.test.',
    ],
    zones: Z.faultZones,
    note: 'working second server of lame/refused/silent/closed/badcookie/nonaa/tc.test.',
  },
  {
    address: ADDR.refuser,
    names: ['ns1.refused.test.', 'ns2.dead.test.'],
    zones: [],
    behaviour: 'refused',
    note: 'answers REFUSED',
  },
  {
    address: ADDR.silent,
    names: ['ns1.silent.test.', 'ns1.dead.test.'],
    zones: [],
    behaviour: 'silent',
    note: 'never answers',
  },
  { address: ADDR.deep, names: ['ns.deep.test.'], zones: [Z.deepZones[0]!], note: 'deep.test.' },
  { address: ADDR.deepC, names: ['ns.c.deep.test.'], zones: [Z.deepZones[1]!], note: 'c.deep.test.' },
  { address: ADDR.deepB, names: ['ns.b.c.deep.test.'], zones: [Z.deepZones[2]!], note: 'b.c.deep.test.' },
  { address: ADDR.loop, names: ['ns.loop.test.'], zones: [Z.loopServerZone], note: 'refers loop.test. to itself' },
  { address: ADDR.up, names: ['ns.up.test.'], zones: [], respond: upwardReferral, note: 'upward referral to the root' },
  {
    address: ADDR.poison,
    names: [],
    zones: [Z.poisonZone],
    note: 'the bogus out-of-bailiwick glue address for ns.oobhost.demo.',
  },
  { address: ADDR.oob, names: ['ns.oobhost.demo.'], zones: [Z.oobZone], note: 'the real oob.test. server' },
  { address: ADDR.v6only, names: ['ns.v6only.test.'], zones: [Z.v6onlyZone], note: 'v6only.test. on ::1' },
  {
    address: ADDR.extra,
    names: ['ns1.extra.test.'],
    zones: [Z.extraZone],
    respond: forName(
      'oob.extra.test.',
      fixedReply({
        aa: true,
        answers: [
          { name: 'oob.extra.test.', type: 'CNAME', ttl: 300, class: 'IN', data: 'www.bank.test.' },
          { name: 'www.bank.test.', type: 'A', ttl: 300, class: 'IN', data: ANSWER.poisonedA },
        ],
      }),
    ),
    note: 'extra.test.: answers for www.bank.test., outside its zone',
  },
  { address: ADDR.bank, names: ['ns1.bank.test.'], zones: [Z.bankZone], note: 'bank.test. (the real answer)' },
  {
    address: ADDR.oldEdns,
    names: ['ns1.oldedns.test.'],
    zones: [Z.oldEdnsZone],
    respond: ednsIntolerant('FORMERR'),
    note: 'oldedns.test.: FORMERR to EDNS',
  },
  {
    address: ADDR.cookie,
    names: ['ns1.cookie.test.'],
    zones: [Z.cookieZone],
    respond: cookieDemanding(HIERARCHY_SERVER_COOKIE),
    note: 'cookie.test.: BADCOOKIE until its cookie comes back',
  },
  {
    address: ADDR.cookieAlways,
    names: ['ns1.badcookie.test.'],
    zones: [],
    respond: cookieDemanding(HIERARCHY_SERVER_COOKIE, true),
    note: 'first server of badcookie.test.: BADCOOKIE always',
  },
  {
    address: ADDR.dname,
    names: ['ns1.dname.test.'],
    zones: [Z.dnameZone],
    respond: firstOf(
      dnameWithoutCname('old.dname.test.', 'new.dname.test.'),
      dnameTooLong('long.dname.test.', Z.LONG_DNAME_TARGET),
    ),
    note: 'dname.test.: the DNAME without its CNAME; YXDOMAIN where a DNAME makes the name too long',
  },
  {
    address: ADDR.nonAuthoritative,
    names: ['ns1.nonaa.test.'],
    zones: [],
    respond: fixedReply({
      answers: [{ name: 'www.nonaa.test.', type: 'A', ttl: 300, class: 'IN', data: ANSWER.nonaaWrongA }],
    }),
    note: 'first server of nonaa.test.: an answer without aa',
  },
  {
    address: ADDR.truncating,
    names: ['ns1.tc.test.'],
    zones: [],
    behaviour: 'tc-always',
    udpOnly: true,
    note: 'first server of tc.test.: TC over UDP, TCP refused',
  },
  { address: ADDR.loopA, names: ['ns1.loopa.test.'], zones: [Z.loopAZone], note: 'loopa.test. (CNAME loop)' },
  { address: ADDR.loopB, names: ['ns1.loopb.demo.'], zones: [Z.loopBZone], note: 'loopb.demo. (CNAME loop)' },
];

/** named.root-style hints for the hierarchy's root (for --root-hints). */
export const ROOT_HINTS_TEXT = [
  ';       This file holds the information on root name servers of the loopback test hierarchy.',
  '.                        3600000      NS    A.ROOT-SERVERS.TEST.',
  `A.ROOT-SERVERS.TEST.      3600000      A     ${ADDR.root}`,
  '; End of file',
  '',
].join('\n');

/** A running hierarchy. */
export interface Hierarchy {
  port: number;
  /** By NS name (absolute, lower case, trailing dot); several names may share one server. */
  servers: Map<string, ZoneServer>;
  /** By listening address. */
  byAddress: Map<string, ZoneServer>;
  rootHintsText: string;
  /** Queries received per address, for "who was asked" assertions. */
  counts(): Record<string, number>;
  close(): Promise<void>;
}

/** Every address the hierarchy needs free (including the closed one, which must have nothing listening). */
export function hierarchyAddresses(): string[] {
  return [...HIERARCHY_SERVERS.map((s) => s.address), ADDR.closed];
}

/** Starts every server of the hierarchy on one port (chosen when not given). Close it in `after`/finally. */
export async function startHierarchy(options: { port?: number } = {}): Promise<Hierarchy> {
  const { port, started } = await startServerSet(HIERARCHY_SERVERS, hierarchyAddresses(), options.port);
  return assemble(port, started);
}

function assemble(port: number, started: ZoneServer[]): Hierarchy {
  const servers = new Map<string, ZoneServer>();
  const byAddress = new Map<string, ZoneServer>();
  HIERARCHY_SERVERS.forEach((spec, i) => {
    byAddress.set(spec.address, started[i]!);
    for (const name of spec.names) servers.set(name, started[i]!);
  });
  return {
    port,
    servers,
    byAddress,
    rootHintsText: ROOT_HINTS_TEXT,
    counts: () => Object.fromEntries([...byAddress].map(([address, server]) => [address, server.count()])),
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
