/**
 * A loopback hierarchy for +check: a root, the TLD `check.` on two servers, and one zone under it per
 * fault, each built on purpose (a dead server, a lame one, a refusing one, stale glue, parent and child
 * NS sets that differ, serial skew and a wrapped serial, an EDNS-broken server, an open resolver, a
 * CNAME at the apex, names that are aliases or do not resolve, glue missing for an in-zone name), and
 * one healthy zone whose name server's name is spelled in mixed case.
 * Every server listens on one shared port; addresses are 127.0.2.N (and ::1).
 */
import { choosePort } from './ports.js';
import { encodePlan, encodeReply, udpLimit } from './zoneReply.js';
import { answerFromZones, indexZone, type ZoneData, type ZoneRecord } from './zoneAnswer.js';
import { startZoneServer, type Behaviour, type RespondHook, type ZoneServer } from './zoneServer.js';

/** Server addresses by role. */
export const CHECK_ADDR = {
  root: '127.0.2.1',
  tldA: '127.0.2.2',
  tldB: '127.0.2.3',
  good1: '127.0.2.10',
  good2: '127.0.2.11',
  dead1: '127.0.2.12',
  /** Never answers. */
  dead2: '127.0.2.13',
  lame1: '127.0.2.14',
  /** NOERROR without aa to everything. */
  lame2: '127.0.2.15',
  /** REFUSED to everything. */
  refused2: '127.0.2.16',
  /** Where the parent's glue for ns1.glue.check. points (it serves the zone, but the zone says ns1 is elsewhere). */
  glueOld: '127.0.2.17',
  glueNew: '127.0.2.18',
  /** ns3.nsdiff.check.: listed only by the child. */
  nsdiff3: '127.0.2.19',
  serialNew: '127.0.2.20',
  serialOld: '127.0.2.21',
  wrapNew: '127.0.2.22',
  wrapOld: '127.0.2.23',
  /** Answers EDNS version 1 without BADVERS, echoes unknown options, drops queries with DO. */
  ednsBroken: '127.0.2.24',
  /** Recurses for anyone: answers RD=1 questions about other zones with RA set. */
  openResolver: '127.0.2.25',
  apex: '127.0.2.26',
  names: '127.0.2.27',
  /** Nothing listens here. */
  closed: '127.0.2.99',
  v6: '::1',
} as const;

const SERIAL = 2024010101;

function rr(name: string, type: string, data: unknown, ttl = 3600): ZoneRecord {
  return { name, type, data, ttl };
}

function soa(origin: string, mname: string, serial = SERIAL): ZoneRecord {
  return rr(origin, 'SOA', {
    mname,
    rname: `hostmaster.${origin}`,
    serial,
    refresh: 7200,
    retry: 3600,
    expire: 1209600,
    minimum: 300,
  });
}

/** NS records, and an address record for each name that has one. */
function nsWithAddresses(zone: string, servers: Array<[string, string?]>): ZoneRecord[] {
  return servers.flatMap(([name, address]) => [
    rr(zone, 'NS', name),
    ...(address ? [rr(name, address.includes(':') ? 'AAAA' : 'A', address)] : []),
  ]);
}

/** A zone under check.: its SOA, NS set with addresses, and whatever else it holds. */
function zone(origin: string, servers: Array<[string, string?]>, extra: ZoneRecord[] = [], serial = SERIAL): ZoneData {
  return { origin, records: [soa(origin, servers[0][0], serial), ...nsWithAddresses(origin, servers), ...extra] };
}

const good = zone(
  'good.check.',
  [
    ['ns1.good.check.', CHECK_ADDR.good1],
    ['ns2.good.check.', CHECK_ADDR.good2],
  ],
  [
    rr('ns1.good.check.', 'AAAA', CHECK_ADDR.v6),
    rr('good.check.', 'MX', { preference: 10, exchange: 'mail.good.check.' }),
    rr('mail.good.check.', 'A', '192.0.2.25'),
    rr('ns-alias.good.check.', 'CNAME', 'ns1.good.check.'),
    rr('mail-alias.good.check.', 'CNAME', 'mail.good.check.'),
  ],
);

/** Each zone under check., and the delegation check. gives for it (NS names with glue, where there is glue). */
const LEAVES: Array<{ data: ZoneData; delegation: Array<[string, string?]> }> = [
  {
    data: good,
    delegation: [
      ['ns1.good.check.', CHECK_ADDR.good1],
      ['ns2.good.check.', CHECK_ADDR.good2],
    ],
  },
  ...(['dead', 'lame', 'refused'] as const).map((label) => {
    const second = { dead: CHECK_ADDR.dead2, lame: CHECK_ADDR.lame2, refused: CHECK_ADDR.refused2 }[label];
    const first = label === 'dead' ? CHECK_ADDR.dead1 : CHECK_ADDR.lame1;
    const servers: Array<[string, string]> = [
      [`ns1.${label}.check.`, first],
      [`ns2.${label}.check.`, second],
    ];
    return { data: zone(`${label}.check.`, servers), delegation: servers };
  }),
  {
    data: zone('glue.check.', [['ns1.glue.check.', CHECK_ADDR.glueNew], ['ns2.good.check.']]),
    delegation: [['ns1.glue.check.', CHECK_ADDR.glueOld], ['ns2.good.check.']],
  },
  {
    data: zone('nsdiff.check.', [['ns1.good.check.'], ['ns3.nsdiff.check.', CHECK_ADDR.nsdiff3]]),
    delegation: [['ns1.good.check.'], ['ns2.good.check.']],
  },
  {
    data: zone('noglue.check.', [['ns1.noglue.check.', CHECK_ADDR.good1], ['ns2.good.check.']]),
    delegation: [['ns1.noglue.check.'], ['ns2.good.check.']],
  },
  {
    data: zone('unreach.check.', [
      ['ns1.unreach.check.', CHECK_ADDR.good1],
      ['ns2.unreach.check.', CHECK_ADDR.closed],
    ]),
    delegation: [
      ['ns1.unreach.check.', CHECK_ADDR.good1],
      ['ns2.unreach.check.', CHECK_ADDR.closed],
    ],
  },
  {
    data: zone('apex.check.', [['ns1.good.check.'], ['ns2.good.check.']], [rr('apex.check.', 'CNAME', 'good.check.')]),
    delegation: [['ns1.good.check.'], ['ns2.good.check.']],
  },
  {
    data: zone(
      'names.check.',
      [['ns1.good.check.'], ['ns-alias.good.check.'], ['ns-missing.good.check.']],
      [rr('names.check.', 'MX', { preference: 10, exchange: 'mail-alias.good.check.' })],
    ),
    delegation: [['ns1.good.check.'], ['ns-alias.good.check.'], ['ns-missing.good.check.']],
  },
  {
    data: zone('edns.check.', [['ns1.good.check.'], ['ns1.edns.check.', CHECK_ADDR.ednsBroken]]),
    delegation: [['ns1.good.check.'], ['ns1.edns.check.', CHECK_ADDR.ednsBroken]],
  },
  {
    data: zone('open.check.', [['ns1.good.check.'], ['ns1.open.check.', CHECK_ADDR.openResolver]]),
    delegation: [['ns1.good.check.'], ['ns1.open.check.', CHECK_ADDR.openResolver]],
  },
  // Healthy, with a name server whose name the zone data spells in mixed case.
  {
    data: zone('case.check.', [['NS1.Case.CHECK.', CHECK_ADDR.good1], ['ns2.good.check.']]),
    delegation: [['NS1.Case.CHECK.', CHECK_ADDR.good1], ['ns2.good.check.']],
  },
];

/** Zones served with two serials: the newer on one server, the older on another. */
function skewed(origin: string, servers: [string, string], serials: [number, number]): [ZoneData, ZoneData] {
  const list: Array<[string, string]> = [
    [`ns1.${origin}`, servers[0]],
    [`ns2.${origin}`, servers[1]],
  ];
  return [zone(origin, list, [], serials[0]), zone(origin, list, [], serials[1])];
}
const [serialNew, serialOld] = skewed(
  'serial.check.',
  [CHECK_ADDR.serialNew, CHECK_ADDR.serialOld],
  [SERIAL + 1, SERIAL],
);
const [wrapNew, wrapOld] = skewed('wrap.check.', [CHECK_ADDR.wrapNew, CHECK_ADDR.wrapOld], [5, 4294967295]);
LEAVES.push(
  {
    data: serialNew,
    delegation: [
      ['ns1.serial.check.', CHECK_ADDR.serialNew],
      ['ns2.serial.check.', CHECK_ADDR.serialOld],
    ],
  },
  {
    data: wrapNew,
    delegation: [
      ['ns1.wrap.check.', CHECK_ADDR.wrapNew],
      ['ns2.wrap.check.', CHECK_ADDR.wrapOld],
    ],
  },
);

const TLD_SERVERS: Array<[string, string]> = [
  ['a.nic.check.', CHECK_ADDR.tldA],
  ['b.nic.check.', CHECK_ADDR.tldB],
];

/** `.`: delegates check. */
export const checkRootZone: ZoneData = {
  origin: '.',
  records: [
    soa('.', 'a.root.check.'),
    rr('.', 'NS', 'a.root.check.'),
    rr('a.root.check.', 'A', CHECK_ADDR.root),
    ...nsWithAddresses('check.', TLD_SERVERS),
  ],
};

/** `check.`: one delegation per leaf zone. */
export const checkTldZone: ZoneData = {
  origin: 'check.',
  records: [
    soa('check.', 'a.nic.check.'),
    ...nsWithAddresses('check.', TLD_SERVERS),
    ...LEAVES.flatMap(({ data, delegation }) => nsWithAddresses(data.origin, delegation)),
    rr('ns1.good.check.', 'AAAA', CHECK_ADDR.v6),
  ],
};

const leaf = (origin: string): ZoneData => {
  const found = LEAVES.find((l) => l.data.origin === origin);
  if (!found) throw new Error(`no leaf ${origin}`);
  return found.data;
};

/** Sets RA in an encoded reply. */
function withRa(reply: Uint8Array): Uint8Array {
  const out = Uint8Array.from(reply);
  out[3] |= 0x80;
  return out;
}

/** An open resolver: answers RD=1 questions it is not authoritative for with a made-up answer and RA. */
function openResolver(zones: ZoneData[]): RespondHook {
  const indexed = zones.map(indexZone);
  return (query) => {
    if (query.malformed || !query.rd) return undefined;
    const plan = answerFromZones(indexed, query.name, query.type, false);
    if (plan.aa) return undefined;
    const answers = [
      { name: query.name, type: 'SOA', ttl: 60, class: 'IN' as const, data: soa(query.name, 'a.nic.check.').data },
    ];
    return withRa(encodeReply(query, { rcode: 'NOERROR', answers }));
  };
}

/** A server that breaks EDNS: no BADVERS for version 1 (answers as if it were 0) and silence for DO. */
function ednsBroken(zones: ZoneData[]): RespondHook {
  const indexed = zones.map(indexZone);
  return (query) => {
    if (query.malformed || !query.edns) return undefined;
    if (query.edns.do) return null;
    if (query.edns.version === 0) return undefined;
    const asZero = { ...query, edns: { ...query.edns, version: 0 } };
    return encodePlan(asZero, answerFromZones(indexed, query.name, query.type, false), udpLimit(query));
  };
}

/** The zones ns1.good.check. serves, on both its addresses. */
const GOOD1_ZONES = [
  'good.check.',
  'nsdiff.check.',
  'noglue.check.',
  'unreach.check.',
  'apex.check.',
  'names.check.',
  'edns.check.',
  'open.check.',
  'case.check.',
];

/** One server of the +check hierarchy. */
interface CheckServerSpec {
  address: string;
  zones: ZoneData[];
  behaviour?: Behaviour;
  respond?: (zones: ZoneData[]) => RespondHook;
}

/** Every listening server. CHECK_ADDR.closed is deliberately absent. */
export const CHECK_SERVERS: CheckServerSpec[] = [
  { address: CHECK_ADDR.root, zones: [checkRootZone] },
  { address: CHECK_ADDR.tldA, zones: [checkTldZone] },
  { address: CHECK_ADDR.tldB, zones: [checkTldZone] },
  { address: CHECK_ADDR.good1, zones: GOOD1_ZONES.map(leaf) },
  {
    address: CHECK_ADDR.good2,
    zones: ['good.check.', 'glue.check.', 'noglue.check.', 'apex.check.', 'case.check.'].map(leaf),
  },
  // ns1.good.check.'s IPv6 address: the same server.
  { address: CHECK_ADDR.v6, zones: GOOD1_ZONES.map(leaf) },
  { address: CHECK_ADDR.dead1, zones: [leaf('dead.check.')] },
  { address: CHECK_ADDR.dead2, zones: [], behaviour: 'silent' },
  { address: CHECK_ADDR.lame1, zones: [leaf('lame.check.'), leaf('refused.check.')] },
  { address: CHECK_ADDR.lame2, zones: [], behaviour: 'lame' },
  { address: CHECK_ADDR.refused2, zones: [], behaviour: 'refused' },
  { address: CHECK_ADDR.glueOld, zones: [leaf('glue.check.')] },
  { address: CHECK_ADDR.glueNew, zones: [leaf('glue.check.')] },
  { address: CHECK_ADDR.nsdiff3, zones: [leaf('nsdiff.check.')] },
  { address: CHECK_ADDR.serialNew, zones: [serialNew] },
  { address: CHECK_ADDR.serialOld, zones: [serialOld] },
  { address: CHECK_ADDR.wrapNew, zones: [wrapNew] },
  { address: CHECK_ADDR.wrapOld, zones: [wrapOld] },
  { address: CHECK_ADDR.ednsBroken, zones: [leaf('edns.check.')], respond: ednsBroken },
  { address: CHECK_ADDR.openResolver, zones: [leaf('open.check.')], respond: openResolver },
];

/** Root hints naming the hierarchy's root (for --root-hints). */
export const CHECK_ROOT_HINTS = `.  3600000  NS  A.ROOT.CHECK.\nA.ROOT.CHECK.  3600000  A  ${CHECK_ADDR.root}\n`;

/** A running +check hierarchy. */
export interface CheckHierarchy {
  port: number;
  byAddress: Map<string, ZoneServer>;
  close(): Promise<void>;
}

/** Starts every server on one port. Close it in `after`/finally. */
export async function startCheckHierarchy(): Promise<CheckHierarchy> {
  for (let attempt = 0; ; attempt++) {
    const port = await choosePort([...CHECK_SERVERS.map((s) => s.address), CHECK_ADDR.closed]);
    const started: ZoneServer[] = [];
    try {
      for (const spec of CHECK_SERVERS)
        started.push(
          await startZoneServer({
            address: spec.address,
            port,
            zones: spec.zones,
            behaviour: spec.behaviour,
            respond: spec.respond?.(spec.zones),
          }),
        );
      const byAddress = new Map(CHECK_SERVERS.map((spec, i) => [spec.address, started[i]]));
      return { port, byAddress, close: async () => void (await Promise.all(started.map((s) => s.close()))) };
    } catch (error) {
      await Promise.all(started.map((s) => s.close()));
      if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}
