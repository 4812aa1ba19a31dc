/**
 * What a correct iterative walk through the built-in hierarchy finds, per scenario, so tests
 * assert on this data instead of repeating names and addresses.
 */
import { ADDR, ANSWER, REVERSE6_NAME } from './hierarchyZones.js';
import * as Z from './hierarchyZones.js';
import type { ZoneData } from './zoneAnswer.js';

/** How a walk ends. */
export type TraceOutcome = 'answer' | 'nxdomain' | 'nodata' | 'referral-loop' | 'upward-referral' | 'no-servers';

/** A record in presentation form, as dig prints it (absolute names, quoted TXT). */
export interface ExpectedRecord {
  name: string;
  type: string;
  data: string;
}

/** One scenario of the hierarchy. */
export interface TraceCase {
  /** What the case demonstrates. */
  note: string;
  name: string;
  type: string;
  /** Zones whose servers the walk is referred to, root first, ending with the last zone reached. */
  zones: string[];
  outcome: TraceOutcome;
  /** The final answer section (empty unless outcome is 'answer'). */
  answer: ExpectedRecord[];
  /** Address of the server whose reply ends the walk, trying NS in listed order (absent when none gives a usable reply). */
  answeredBy?: string;
  /** Addresses a correct walk must never query (e.g. out-of-bailiwick glue). */
  neverAsked?: string[];
}

const A = (name: string, data: string): ExpectedRecord => ({ name, type: 'A', data });
const EXAMPLE_PATH = ['.', 'test.', 'example.test.'];

/** Every scenario, by a short key (the demo and the trace tests use these). */
export const TRACE_CASES = {
  plain: {
    note: 'plain A through two cuts with glue',
    name: 'example.test.',
    type: 'A',
    zones: EXAMPLE_PATH,
    outcome: 'answer',
    answer: [A('example.test.', ANSWER.exampleA)],
    answeredBy: ADDR.example,
  },
  aaaa: {
    note: 'AAAA',
    name: 'example.test.',
    type: 'AAAA',
    zones: EXAMPLE_PATH,
    outcome: 'answer',
    answer: [{ name: 'example.test.', type: 'AAAA', data: ANSWER.exampleAAAA }],
    answeredBy: ADDR.example,
  },
  mx: {
    note: 'MX',
    name: 'example.test.',
    type: 'MX',
    zones: EXAMPLE_PATH,
    outcome: 'answer',
    answer: [{ name: 'example.test.', type: 'MX', data: '10 mail.example.test.' }],
    answeredBy: ADDR.example,
  },
  txt: {
    note: 'TXT',
    name: 'example.test.',
    type: 'TXT',
    zones: EXAMPLE_PATH,
    outcome: 'answer',
    answer: [{ name: 'example.test.', type: 'TXT', data: '"v=spf1 -all"' }],
    answeredBy: ADDR.example,
  },
  cnameAcross: {
    note: 'CNAME into another zone on another server: only the CNAME comes back (+follow goes on with cnameTarget)',
    name: 'www.example.test.',
    type: 'A',
    zones: EXAMPLE_PATH,
    outcome: 'answer',
    answer: [{ name: 'www.example.test.', type: 'CNAME', data: 'host.other.demo.' }],
    answeredBy: ADDR.example,
  },
  cnameTarget: {
    note: 'the cross-zone CNAME target, from the root',
    name: 'host.other.demo.',
    type: 'A',
    zones: ['.', 'demo.', 'other.demo.'],
    outcome: 'answer',
    answer: [A('host.other.demo.', ANSWER.otherHostA)],
    answeredBy: ADDR.other,
  },
  cnameInZone: {
    note: 'CNAME chain inside one zone, answered in one reply',
    name: 'alias.example.test.',
    type: 'A',
    zones: EXAMPLE_PATH,
    outcome: 'answer',
    answer: [
      { name: 'alias.example.test.', type: 'CNAME', data: 'www2.example.test.' },
      A('www2.example.test.', ANSWER.www2A),
    ],
    answeredBy: ADDR.example,
  },
  wildcard: {
    note: 'wildcard synthesis',
    name: 'anything.wild.example.test.',
    type: 'A',
    zones: EXAMPLE_PATH,
    outcome: 'answer',
    answer: [A('anything.wild.example.test.', ANSWER.wildcardA)],
    answeredBy: ADDR.example,
  },
  nodata: {
    note: 'NODATA: the name has only TXT',
    name: 'txtonly.example.test.',
    type: 'A',
    zones: EXAMPLE_PATH,
    outcome: 'nodata',
    answer: [],
    answeredBy: ADDR.example,
  },
  nxLeaf: {
    note: 'NXDOMAIN from the leaf zone',
    name: 'nonexistent.example.test.',
    type: 'A',
    zones: EXAMPLE_PATH,
    outcome: 'nxdomain',
    answer: [],
    answeredBy: ADDR.example,
  },
  nxCut: {
    note: 'NXDOMAIN at an intermediate cut: nx.test. does not exist in test.',
    name: 'www.nx.test.',
    type: 'A',
    zones: ['.', 'test.'],
    outcome: 'nxdomain',
    answer: [],
    answeredBy: ADDR.testA,
  },
  nxRoot: {
    note: 'NXDOMAIN from the root: no such TLD',
    name: 'www.nosuchtld.',
    type: 'A',
    zones: ['.'],
    outcome: 'nxdomain',
    answer: [],
    answeredBy: ADDR.root,
  },
  glueless: {
    note: 'glueless delegation: ns.hoster.demo. must be resolved from the root first',
    name: 'www.glueless.test.',
    type: 'A',
    zones: ['.', 'test.', 'glueless.test.'],
    outcome: 'answer',
    answer: [A('www.glueless.test.', ANSWER.gluelessA)],
    answeredBy: ADDR.glueless,
  },
  lame: {
    note: 'first server lame, second answers',
    name: 'www.lame.test.',
    type: 'A',
    zones: ['.', 'test.', 'lame.test.'],
    outcome: 'answer',
    answer: [A('www.lame.test.', ANSWER.lameA)],
    answeredBy: ADDR.faultBackup,
  },
  refused: {
    note: 'first server REFUSED, second answers',
    name: 'www.refused.test.',
    type: 'A',
    zones: ['.', 'test.', 'refused.test.'],
    outcome: 'answer',
    answer: [A('www.refused.test.', ANSWER.refusedA)],
    answeredBy: ADDR.faultBackup,
  },
  silent: {
    note: 'first server silent (timeout), second answers',
    name: 'www.silent.test.',
    type: 'A',
    zones: ['.', 'test.', 'silent.test.'],
    outcome: 'answer',
    answer: [A('www.silent.test.', ANSWER.silentA)],
    answeredBy: ADDR.faultBackup,
  },
  closed: {
    note: 'first server address has nothing listening, second answers',
    name: 'www.closed.test.',
    type: 'A',
    zones: ['.', 'test.', 'closed.test.'],
    outcome: 'answer',
    answer: [A('www.closed.test.', ANSWER.closedA)],
    answeredBy: ADDR.faultBackup,
  },
  dead: {
    note: 'every server of the zone fails (one silent, one REFUSED)',
    name: 'www.dead.test.',
    type: 'A',
    zones: ['.', 'test.', 'dead.test.'],
    outcome: 'no-servers',
    answer: [],
  },
  deep: {
    note: 'three cuts below the TLD, each on its own server',
    name: 'a.b.c.deep.test.',
    type: 'A',
    zones: ['.', 'test.', 'deep.test.', 'c.deep.test.', 'b.c.deep.test.'],
    outcome: 'answer',
    answer: [A('a.b.c.deep.test.', ANSWER.deepA)],
    answeredBy: ADDR.deepB,
  },
  loop: {
    note: "the zone's server refers loop.test. back to itself",
    name: 'www.loop.test.',
    type: 'A',
    zones: ['.', 'test.', 'loop.test.'],
    outcome: 'referral-loop',
    answer: [],
  },
  upward: {
    note: "the zone's server refers back up to the root",
    name: 'www.up.test.',
    type: 'A',
    zones: ['.', 'test.', 'up.test.'],
    outcome: 'upward-referral',
    answer: [],
  },
  oob: {
    note: 'out-of-bailiwick glue ignored: the glue address serves a poisoned answer',
    name: 'www.oob.test.',
    type: 'A',
    zones: ['.', 'test.', 'oob.test.'],
    outcome: 'answer',
    answer: [A('www.oob.test.', ANSWER.oobA)],
    answeredBy: ADDR.oob,
    neverAsked: [ADDR.poison],
  },
  v6only: {
    note: 'the only name server has only an AAAA (::1)',
    name: 'www.v6only.test.',
    type: 'A',
    zones: ['.', 'test.', 'v6only.test.'],
    outcome: 'answer',
    answer: [A('www.v6only.test.', ANSWER.v6onlyA)],
    answeredBy: ADDR.v6only,
  },
  reverse4: {
    note: '-x 192.0.2.1',
    name: '1.2.0.192.in-addr.arpa.',
    type: 'PTR',
    zones: ['.', 'arpa.', 'in-addr.arpa.', '2.0.192.in-addr.arpa.'],
    outcome: 'answer',
    answer: [{ name: '1.2.0.192.in-addr.arpa.', type: 'PTR', data: 'example.test.' }],
    answeredBy: ADDR.reverseLeaf,
  },
  reverse6: {
    note: '-x 2001:db8::1',
    name: REVERSE6_NAME,
    type: 'PTR',
    zones: ['.', 'arpa.', 'ip6.arpa.', '8.b.d.0.1.0.0.2.ip6.arpa.'],
    outcome: 'answer',
    answer: [{ name: REVERSE6_NAME, type: 'PTR', data: 'example.test.' }],
    answeredBy: ADDR.reverseLeaf,
  },
} satisfies Record<string, TraceCase>;

/** A delegation as the parent zone publishes it. */
export interface Delegation {
  parent: string;
  child: string;
  /** NS names in the order the parent lists them. */
  ns: string[];
  /** Addresses the parent sends with the referral, by name (including glue a resolver must ignore). */
  glue: Record<string, string[]>;
}

const PARENT_ZONES: ZoneData[] = [
  Z.rootZone,
  Z.testZone,
  Z.demoZone,
  Z.arpaZone,
  Z.inAddrZone,
  Z.ip6Zone,
  ...Z.deepZones.slice(0, 2),
];

/** Every zone cut of the hierarchy, read from the parents' data (the loop server's fake test. zone excluded). */
export const DELEGATIONS: Delegation[] = PARENT_ZONES.flatMap((zone) => {
  const byChild = new Map<string, Delegation>();
  for (const record of zone.records) {
    if (record.type !== 'NS' || record.name === zone.origin) continue;
    const cut = byChild.get(record.name) ?? { parent: zone.origin, child: record.name, ns: [], glue: {} };
    cut.ns.push(String(record.data));
    byChild.set(record.name, cut);
  }
  for (const cut of byChild.values()) {
    for (const ns of cut.ns) {
      const addresses = zone.records
        .filter((r) => r.name === ns && (r.type === 'A' || r.type === 'AAAA'))
        .map((r) => String(r.data));
      if (addresses.length > 0) cut.glue[ns] = addresses;
    }
  }
  return [...byChild.values()];
});
