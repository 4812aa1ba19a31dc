/**
 * A loopback hierarchy built for +compare and +explain: zones served by several servers that agree,
 * disagree (serial skew, a wrapped serial, TTLs only), a zone with one server of each fault (dead,
 * refusing, lame), zones no server of which answers (all lame, all silent over UDP and TCP), and a
 * resolver that answers from an older cache or SERVFAILs with an extended DNS error. Every server
 * listens on one shared port (-p applies to every server of a walk).
 */
import dnsPacket from 'dns-packet';
import { startServerSet } from './serverSet.js';
import type { ZoneData, ZoneRecord } from './zoneAnswer.js';
import type { ParsedQuery } from './zoneReply.js';
import type { Behaviour, RespondHook } from './zoneServer.js';

/** Server addresses by role. */
export const FLEET = {
  root: '127.0.4.1',
  tld: '127.0.4.2',
  agree1: '127.0.4.11',
  agree2: '127.0.4.12',
  /** agree.test.'s first name server also has this IPv6 address. */
  agree6: '::1',
  skew1: '127.0.4.21',
  skew2: '127.0.4.22',
  /** Serves skew.test. with the older serial. */
  skewOld: '127.0.4.23',
  /** wrap.test.: serial 4294967295 here ... */
  wrapOld: '127.0.4.31',
  /** ... and 5 here, which is newer (RFC 1982). */
  wrapNew: '127.0.4.32',
  ttlShort: '127.0.4.41',
  ttlLong: '127.0.4.42',
  faultsOk: '127.0.4.51',
  faultsDead: '127.0.4.52',
  faultsRefused: '127.0.4.53',
  faultsLame: '127.0.4.54',
  lame1: '127.0.4.61',
  lame2: '127.0.4.62',
  silent: '127.0.4.71',
  /** both.test.'s second server; its first is the server of test. itself, which answers for it at once. */
  both2: '127.0.4.81',
  /** A resolver: cached (older) answers for agree.test., SERVFAIL with EDE 22 for everything else. */
  resolver: '127.0.4.100',
  /** Claims agree.test. with aa, a terminal escape in its NSID and EDE text and in its answer's owner name. */
  hostile: '127.0.4.66',
} as const;

/** The answers the zones give. */
export const FLEET_ANSWER = { www: '192.0.2.80', oldWww: '192.0.2.79', faults: '192.0.2.51' } as const;

const rr = (name: string, type: string, data: unknown, ttl = 3600): ZoneRecord => ({ name, type, data, ttl });

function soa(origin: string, serial: number): ZoneRecord {
  return rr(origin, 'SOA', {
    mname: `ns1.${origin}`,
    rname: `hostmaster.${origin}`,
    serial,
    refresh: 7200,
    retry: 3600,
    expire: 1209600,
    minimum: 300,
  });
}

/** NS records with glue (A or AAAA by the address's form). */
function delegation(zone: string, servers: Array<[string, string]>): ZoneRecord[] {
  return servers.flatMap(([name, address]) => [
    rr(zone, 'NS', name, 172800),
    rr(name, address.includes(':') ? 'AAAA' : 'A', address, 172800),
  ]);
}

/** A leaf zone: SOA with `serial`, its NS set with addresses, and www with `wwwTtl`. */
function leaf(origin: string, servers: Array<[string, string]>, serial = 2024010101, wwwTtl = 300): ZoneData {
  return {
    origin,
    records: [soa(origin, serial), ...delegation(origin, servers), rr(`www.${origin}`, 'A', FLEET_ANSWER.www, wwwTtl)],
  };
}

const agreeNs: Array<[string, string]> = [
  ['ns1.agree.test.', FLEET.agree1],
  ['ns1.agree.test.', FLEET.agree6],
  ['ns2.agree.test.', FLEET.agree2],
];
const skewNs: Array<[string, string]> = [
  ['ns1.skew.test.', FLEET.skew1],
  ['ns2.skew.test.', FLEET.skew2],
  ['ns3.skew.test.', FLEET.skewOld],
];
const wrapNs: Array<[string, string]> = [
  ['ns1.wrap.test.', FLEET.wrapOld],
  ['ns2.wrap.test.', FLEET.wrapNew],
];
const ttlNs: Array<[string, string]> = [
  ['ns1.ttl.test.', FLEET.ttlShort],
  ['ns2.ttl.test.', FLEET.ttlLong],
];
const faultsNs: Array<[string, string]> = [
  ['ns1.faults.test.', FLEET.faultsOk],
  ['ns2.faults.test.', FLEET.faultsDead],
  ['ns3.faults.test.', FLEET.faultsRefused],
  ['ns4.faults.test.', FLEET.faultsLame],
];
const lameNs: Array<[string, string]> = [
  ['ns1.lame.test.', FLEET.lame1],
  ['ns2.lame.test.', FLEET.lame2],
];
const silentNs: Array<[string, string]> = [['ns1.silent.test.', FLEET.silent]];
const bothNs: Array<[string, string]> = [
  ['ns1.both.test.', FLEET.tld],
  ['ns2.both.test.', FLEET.both2],
];

const rootZone: ZoneData = {
  origin: '.',
  records: [
    rr('.', 'SOA', {
      mname: 'a.root.test.',
      rname: 'hostmaster.',
      serial: 1,
      refresh: 1,
      retry: 1,
      expire: 1,
      minimum: 300,
    }),
    rr('.', 'NS', 'a.root.test.', 518400),
    rr('a.root.test.', 'A', FLEET.root, 518400),
    ...delegation('test.', [['ns.nic.test.', FLEET.tld]]),
  ],
};

const tldZone: ZoneData = {
  origin: 'test.',
  records: [
    soa('test.', 1),
    ...delegation('test.', [['ns.nic.test.', FLEET.tld]]),
    ...delegation('agree.test.', agreeNs),
    ...delegation('skew.test.', skewNs),
    ...delegation('wrap.test.', wrapNs),
    ...delegation('ttl.test.', ttlNs),
    ...delegation('faults.test.', faultsNs),
    ...delegation('lame.test.', lameNs),
    ...delegation('silent.test.', silentNs),
    ...delegation('both.test.', bothNs),
  ],
};

/** A reply of the resolver: RA set, aa clear, with an EDE option (RFC 8914) when given. */
function resolverReply(
  query: ParsedQuery,
  rcode: number,
  answers: dnsPacket.Answer[],
  ede?: { code: number; text: string },
): Uint8Array {
  const options = ede
    ? [{ code: 15, data: Buffer.concat([Buffer.from([ede.code >> 8, ede.code & 0xff]), Buffer.from(ede.text)]) }]
    : [];
  const additionals = query.edns
    ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0, options } as unknown as dnsPacket.Answer]
    : [];
  const body = dnsPacket.encode({
    type: 'response',
    id: query.id,
    flags: 0x80 | (query.rd ? 0x100 : 0) | rcode,
    questions: [],
    answers,
    additionals,
  });
  const question = query.questionBytes.subarray(12);
  const out = Buffer.alloc(body.length + question.length);
  out.set(body.subarray(0, 12), 0);
  out.writeUInt16BE(1, 4);
  out.set(question, 12);
  out.set(body.subarray(12), 12 + question.length);
  return out;
}

/** The resolver: under agree.test. what it cached a while ago (older address, 1200 s left), else SERVFAIL with EDE 22. */
const resolver: RespondHook = (query) => {
  if (query.malformed) return undefined;
  const name = query.name.toLowerCase().replace(/\.$/, '');
  if (name === 'www.agree.test' && query.type === 'A')
    return resolverReply(query, 0, [
      { name: query.name, type: 'A', ttl: 1200, class: 'IN', data: FLEET_ANSWER.oldWww } as dnsPacket.Answer,
    ]);
  return resolverReply(query, 2, [], { code: 22, text: 'no reachable authority for the zone' });
};

/** A reply with aa set, an NSID and an EDE text full of terminal escapes, and an owner name holding some too. */
const hostile: RespondHook = (query) => {
  if (query.malformed) return undefined;
  const evil = Buffer.from('\x1b[31mred\x07"\\\x00\xff', 'latin1');
  const options = [
    { code: 3, data: evil },
    { code: 15, data: Buffer.concat([Buffer.from([0, 0]), evil]) },
  ];
  const body = dnsPacket.encode({
    type: 'response',
    id: query.id,
    flags: 0x400,
    questions: [],
    answers: [
      { name: query.name, type: 'A', ttl: 300, class: 'IN', data: FLEET_ANSWER.www },
      { name: 'evil\x1b[2J.agree.test', type: 'TXT', ttl: 300, class: 'IN', data: ['\x1b]0;title\x07'] },
    ] as dnsPacket.Answer[],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0, options } as unknown as dnsPacket.Answer],
  });
  const question = query.questionBytes.subarray(12);
  const out = Buffer.alloc(body.length + question.length);
  out.set(body.subarray(0, 12), 0);
  out.writeUInt16BE(1, 4);
  out.set(question, 12);
  out.set(body.subarray(12), 12 + question.length);
  return out;
};

/** Answers nothing over UDP or TCP. */
const silence: RespondHook = () => null;

interface FleetServer {
  address: string;
  zones: ZoneData[];
  behaviour?: Behaviour;
  respond?: RespondHook;
}

const SERVERS: FleetServer[] = [
  { address: FLEET.root, zones: [rootZone] },
  { address: FLEET.tld, zones: [tldZone, leaf('both.test.', bothNs)] },
  { address: FLEET.both2, zones: [leaf('both.test.', bothNs)] },
  { address: FLEET.agree1, zones: [leaf('agree.test.', agreeNs, 2024010101, 3600)] },
  { address: FLEET.agree2, zones: [leaf('agree.test.', agreeNs, 2024010101, 3600)] },
  { address: FLEET.agree6, zones: [leaf('agree.test.', agreeNs, 2024010101, 3600)] },
  { address: FLEET.skew1, zones: [leaf('skew.test.', skewNs, 2024010102)] },
  { address: FLEET.skew2, zones: [leaf('skew.test.', skewNs, 2024010102)] },
  { address: FLEET.skewOld, zones: [leaf('skew.test.', skewNs, 2024010101)] },
  { address: FLEET.wrapOld, zones: [leaf('wrap.test.', wrapNs, 4294967295)] },
  { address: FLEET.wrapNew, zones: [leaf('wrap.test.', wrapNs, 5)] },
  { address: FLEET.ttlShort, zones: [leaf('ttl.test.', ttlNs, 7, 300)] },
  { address: FLEET.ttlLong, zones: [leaf('ttl.test.', ttlNs, 7, 3600)] },
  { address: FLEET.faultsOk, zones: [leaf('faults.test.', faultsNs)] },
  { address: FLEET.faultsDead, zones: [], respond: silence },
  { address: FLEET.faultsRefused, zones: [], behaviour: 'refused' },
  { address: FLEET.faultsLame, zones: [], behaviour: 'lame' },
  { address: FLEET.lame1, zones: [], behaviour: 'lame' },
  { address: FLEET.lame2, zones: [], behaviour: 'lame' },
  { address: FLEET.silent, zones: [], respond: silence },
  { address: FLEET.resolver, zones: [], respond: resolver },
  { address: FLEET.hostile, zones: [], respond: hostile },
];

/** Root hints naming the fleet's root (for --root-hints). */
export const FLEET_ROOT_HINTS = `.  3600000  NS  a.root.test.\na.root.test.  3600000  A  ${FLEET.root}\n`;

/** A running fleet. */
export interface Fleet {
  port: number;
  /** Queries received per address. */
  counts(): Record<string, number>;
  close(): Promise<void>;
}

/** Starts every server of the fleet on one port. Close it in `after`. */
export async function startFleet(): Promise<Fleet> {
  const addresses = [...new Set(SERVERS.map((s) => s.address))];
  const { port, started } = await startServerSet(SERVERS, addresses);
  return {
    port,
    counts: () => Object.fromEntries(SERVERS.map((spec, i) => [spec.address, started[i]?.count() ?? 0])),
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
