/**
 * The zones of the built-in loopback DNS hierarchy (root, TLDs `test.`, `demo.`, `arpa.`, leaves),
 * as plain data. Every server listens on one shared port; addresses are 127.0.0.N and ::1.
 * Documentation addresses (192.0.2.0/24, 2001:db8::/32) are the answers; 127.0.0.N are servers.
 */
import type { ZoneData, ZoneRecord } from './zoneAnswer.js';

/** Server addresses by role, so tests can name them instead of repeating numbers. */
export const ADDR = {
  root: '127.0.0.2',
  testA: '127.0.0.3',
  testB: '127.0.0.4',
  demo: '127.0.0.5',
  arpa: '127.0.0.6',
  /** Serves both in-addr.arpa. and ip6.arpa. */
  reverseTld: '127.0.0.7',
  example: '127.0.0.8',
  /** Serves 2.0.192.in-addr.arpa. and 8.b.d.0.1.0.0.2.ip6.arpa. */
  reverseLeaf: '127.0.0.9',
  other: '127.0.0.10',
  glueless: '127.0.0.11',
  /** Answers NOERROR without aa and without referral to everything. */
  lame: '127.0.0.12',
  /** The working second server of lame/refused/silent/closed.test. */
  faultBackup: '127.0.0.13',
  /** Answers REFUSED to everything. */
  refuser: '127.0.0.14',
  /** Never answers. */
  silent: '127.0.0.15',
  deep: '127.0.0.16',
  deepC: '127.0.0.17',
  deepB: '127.0.0.18',
  /** Serves a `test.` zone that delegates loop.test. back to itself. */
  loop: '127.0.0.19',
  /** Answers every query with an upward referral to the root. */
  up: '127.0.0.20',
  /** The address given as out-of-bailiwick glue for oob.test.: answers with a poisoned record. */
  poison: '127.0.0.21',
  /** The real server of oob.test. (reached only by resolving its name in demo.). */
  oob: '127.0.0.22',
  /** The only name server of v6only.test. */
  v6only: '::1',
  /** Serves extra.test., and answers oob.extra.test. with a CNAME out of its zone plus a poisoned record for the target. */
  extra: '127.0.0.23',
  /** The real server of bank.test. (the target the extra.test. server tried to answer for). */
  bank: '127.0.0.24',
  /** Serves oldedns.test.; FORMERR without an OPT record to any query carrying EDNS. */
  oldEdns: '127.0.0.25',
  /** Serves cookie.test.; BADCOOKIE until the query carries its server cookie. */
  cookie: '127.0.0.26',
  /** First server of badcookie.test.: BADCOOKIE to everything. */
  cookieAlways: '127.0.0.27',
  /** Serves dname.test.; below old.dname.test. it sends the DNAME alone, without the CNAME. */
  dname: '127.0.0.28',
  /** First server of nonaa.test.: answers with records but without the aa flag. */
  nonAuthoritative: '127.0.0.29',
  /** First server of tc.test.: TC on every UDP reply, and nothing listening on TCP. */
  truncating: '127.0.0.30',
  /** Serves loopa.test. (one half of a CNAME loop across zones). */
  loopA: '127.0.0.31',
  /** Serves loopb.demo. (the other half). */
  loopB: '127.0.0.32',
  /** Nothing listens here: UDP gets port unreachable, TCP a reset. */
  closed: '127.0.0.99',
} as const;

/** Answers the leaf zones give (documentation prefixes), named so tests and zones share them. */
export const ANSWER = {
  exampleA: '192.0.2.1',
  exampleAAAA: '2001:db8::1',
  mailA: '192.0.2.25',
  mailAAAA: '2001:db8::25',
  www2A: '192.0.2.80',
  wildcardA: '192.0.2.99',
  otherHostA: '192.0.2.10',
  otherHostAAAA: '2001:db8::10',
  gluelessA: '192.0.2.11',
  lameA: '192.0.2.112',
  refusedA: '192.0.2.114',
  silentA: '192.0.2.115',
  closedA: '192.0.2.199',
  deepA: '192.0.2.44',
  oobA: '192.0.2.22',
  poisonedA: '192.0.2.66',
  v6onlyA: '192.0.2.61',
  bankA: '192.0.2.67',
  oldEdnsA: '192.0.2.125',
  cookieA: '192.0.2.126',
  badcookieA: '192.0.2.127',
  dnameA: '192.0.2.128',
  nonaaA: '192.0.2.129',
  /** What the server without aa claims for www.nonaa.test. */
  nonaaWrongA: '192.0.2.130',
  tcA: '192.0.2.131',
} as const;

/** The nibble name of 2001:db8::1 under ip6.arpa. */
export const REVERSE6_NAME = '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.';

function rr(name: string, type: string, data: unknown, ttl = 3600): ZoneRecord {
  return { name, type, data, ttl };
}

/** SOA with negative-caching TTL `minimum`; the record TTL is larger, so min() picks `minimum`. */
function soa(origin: string, mname: string, minimum = 300): ZoneRecord {
  const rname = `hostmaster.${origin === '.' ? '' : origin}`;
  return rr(
    origin,
    'SOA',
    { mname, rname, serial: 2024010101, refresh: 7200, retry: 3600, expire: 1209600, minimum },
    3600,
  );
}

/** NS records for `zone`, with glue (A or AAAA by address form) for each name. */
function delegation(zone: string, servers: Array<[string, string]>, ttl = 172800): ZoneRecord[] {
  return servers.flatMap(([name, address]) => [
    rr(zone, 'NS', name, ttl),
    rr(name, address.includes(':') ? 'AAAA' : 'A', address, ttl),
  ]);
}

/** Apex SOA and NS plus the name servers' own addresses. */
function apex(origin: string, servers: Array<[string, string]>, minimum = 300): ZoneRecord[] {
  return [soa(origin, servers[0]![0], minimum), ...delegation(origin, servers, 3600)];
}

/** `.`: delegates test., demo. and arpa. with in-bailiwick glue. */
export const rootZone: ZoneData = {
  origin: '.',
  records: [
    soa('.', 'a.root-servers.test.', 86400),
    rr('.', 'NS', 'a.root-servers.test.', 518400),
    rr('a.root-servers.test.', 'A', ADDR.root, 518400),
    ...delegation('test.', [
      ['a.nic.test.', ADDR.testA],
      ['b.nic.test.', ADDR.testB],
    ]),
    ...delegation('demo.', [['a.nic.demo.', ADDR.demo]]),
    ...delegation('arpa.', [['a.nic.arpa.', ADDR.arpa]]),
  ],
};

/** `test.`: two servers; one delegation per scenario (see each comment). nx.test. does not exist. */
export const testZone: ZoneData = {
  origin: 'test.',
  records: [
    ...apex('test.', [
      ['a.nic.test.', ADDR.testA],
      ['b.nic.test.', ADDR.testB],
    ]),
    rr('a.root-servers.test.', 'A', ADDR.root, 518400),
    // plain delegation with glue
    ...delegation('example.test.', [['ns1.example.test.', ADDR.example]]),
    // glueless: the name server's name lives in demo., so its address needs a lookup from the root
    rr('glueless.test.', 'NS', 'ns.hoster.demo.', 172800),
    // first server lame (NOERROR, no aa, no referral), second works
    ...delegation('lame.test.', [
      ['ns1.lame.test.', ADDR.lame],
      ['ns2.lame.test.', ADDR.faultBackup],
    ]),
    // first server answers REFUSED, second works
    ...delegation('refused.test.', [
      ['ns1.refused.test.', ADDR.refuser],
      ['ns2.refused.test.', ADDR.faultBackup],
    ]),
    // first server never answers, second works
    ...delegation('silent.test.', [
      ['ns1.silent.test.', ADDR.silent],
      ['ns2.silent.test.', ADDR.faultBackup],
    ]),
    // first server's address has nothing listening, second works
    ...delegation('closed.test.', [
      ['ns1.closed.test.', ADDR.closed],
      ['ns2.closed.test.', ADDR.faultBackup],
    ]),
    // no working server at all: one silent, one refusing
    ...delegation('dead.test.', [
      ['ns1.dead.test.', ADDR.silent],
      ['ns2.dead.test.', ADDR.refuser],
    ]),
    // three more cuts below: deep.test. -> c.deep.test. -> b.c.deep.test.
    ...delegation('deep.test.', [['ns.deep.test.', ADDR.deep]]),
    // its server refers loop.test. back to itself, forever
    ...delegation('loop.test.', [['ns.loop.test.', ADDR.loop]]),
    // its server answers with an upward referral to the root
    ...delegation('up.test.', [['ns.up.test.', ADDR.up]]),
    // out-of-bailiwick glue: an address for a name in demo., which a resolver must ignore
    rr('oob.test.', 'NS', 'ns.oobhost.demo.', 172800),
    rr('ns.oobhost.demo.', 'A', ADDR.poison, 172800),
    // the only name server has only an IPv6 address
    ...delegation('v6only.test.', [['ns.v6only.test.', ADDR.v6only]]),
    // servers that misbehave the way real ones do (see ADDR for what each does)
    ...delegation('extra.test.', [['ns1.extra.test.', ADDR.extra]]),
    ...delegation('bank.test.', [['ns1.bank.test.', ADDR.bank]]),
    ...delegation('oldedns.test.', [['ns1.oldedns.test.', ADDR.oldEdns]]),
    ...delegation('cookie.test.', [['ns1.cookie.test.', ADDR.cookie]]),
    ...delegation('badcookie.test.', [
      ['ns1.badcookie.test.', ADDR.cookieAlways],
      ['ns2.badcookie.test.', ADDR.faultBackup],
    ]),
    ...delegation('dname.test.', [['ns1.dname.test.', ADDR.dname]]),
    ...delegation('nonaa.test.', [
      ['ns1.nonaa.test.', ADDR.nonAuthoritative],
      ['ns2.nonaa.test.', ADDR.faultBackup],
    ]),
    ...delegation('tc.test.', [
      ['ns1.tc.test.', ADDR.truncating],
      ['ns2.tc.test.', ADDR.faultBackup],
    ]),
    ...delegation('loopa.test.', [['ns1.loopa.test.', ADDR.loopA]]),
  ],
};

/** `demo.`: holds the addresses of the glueless and oob name servers, and delegates other.demo. */
export const demoZone: ZoneData = {
  origin: 'demo.',
  records: [
    ...apex('demo.', [['a.nic.demo.', ADDR.demo]]),
    ...delegation('other.demo.', [['ns1.other.demo.', ADDR.other]]),
    ...delegation('loopb.demo.', [['ns1.loopb.demo.', ADDR.loopB]]),
    rr('ns.hoster.demo.', 'A', ADDR.glueless),
    rr('ns.oobhost.demo.', 'A', ADDR.oob),
  ],
};

/** `arpa.`: delegates in-addr.arpa. and ip6.arpa. */
export const arpaZone: ZoneData = {
  origin: 'arpa.',
  records: [
    ...apex('arpa.', [['a.nic.arpa.', ADDR.arpa]]),
    ...delegation('in-addr.arpa.', [['ns1.in-addr.arpa.', ADDR.reverseTld]]),
    ...delegation('ip6.arpa.', [['ns1.ip6.arpa.', ADDR.reverseTld]]),
  ],
};

/** `in-addr.arpa.`: delegates 2.0.192.in-addr.arpa. (192.in-addr.arpa. etc. are empty non-terminals). */
export const inAddrZone: ZoneData = {
  origin: 'in-addr.arpa.',
  records: [
    ...apex('in-addr.arpa.', [['ns1.in-addr.arpa.', ADDR.reverseTld]]),
    ...delegation('2.0.192.in-addr.arpa.', [['ns.2.0.192.in-addr.arpa.', ADDR.reverseLeaf]]),
  ],
};

/** `ip6.arpa.`: delegates 8.b.d.0.1.0.0.2.ip6.arpa. (2001:db8::/32). */
export const ip6Zone: ZoneData = {
  origin: 'ip6.arpa.',
  records: [
    ...apex('ip6.arpa.', [['ns1.ip6.arpa.', ADDR.reverseTld]]),
    ...delegation('8.b.d.0.1.0.0.2.ip6.arpa.', [['ns.8.b.d.0.1.0.0.2.ip6.arpa.', ADDR.reverseLeaf]]),
  ],
};

/** 192.0.2.0/24 reverse: .1 is example.test., .25 is mail.example.test. */
export const reverse4Zone: ZoneData = {
  origin: '2.0.192.in-addr.arpa.',
  records: [
    ...apex('2.0.192.in-addr.arpa.', [['ns.2.0.192.in-addr.arpa.', ADDR.reverseLeaf]]),
    rr('1.2.0.192.in-addr.arpa.', 'PTR', 'example.test.'),
    rr('25.2.0.192.in-addr.arpa.', 'PTR', 'mail.example.test.'),
  ],
};

/** 2001:db8::/32 reverse: 2001:db8::1 is example.test. */
export const reverse6Zone: ZoneData = {
  origin: '8.b.d.0.1.0.0.2.ip6.arpa.',
  records: [
    ...apex('8.b.d.0.1.0.0.2.ip6.arpa.', [['ns.8.b.d.0.1.0.0.2.ip6.arpa.', ADDR.reverseLeaf]]),
    rr(REVERSE6_NAME, 'PTR', 'example.test.'),
  ],
};

/** 1000 bytes of TXT: truncated over UDP without EDNS, fits in 1232. */
const bigTxt = Array.from({ length: 10 }, (_, i) => `chunk-${i}-`.padEnd(100, 'x'));

/** example.test.: the main leaf (A, AAAA, MX, TXT, CNAMEs, wildcard, NODATA, a large TXT). */
export const exampleZone: ZoneData = {
  origin: 'example.test.',
  records: [
    ...apex('example.test.', [['ns1.example.test.', ADDR.example]]),
    rr('example.test.', 'A', ANSWER.exampleA),
    rr('example.test.', 'AAAA', ANSWER.exampleAAAA),
    rr('example.test.', 'MX', { preference: 10, exchange: 'mail.example.test.' }),
    rr('example.test.', 'TXT', 'v=spf1 -all'),
    rr('mail.example.test.', 'A', ANSWER.mailA),
    rr('mail.example.test.', 'AAAA', ANSWER.mailAAAA),
    // across zones: the target is in other.demo., another server
    rr('www.example.test.', 'CNAME', 'host.other.demo.', 300),
    // inside the zone: answered with the chain
    rr('alias.example.test.', 'CNAME', 'www2.example.test.', 300),
    rr('www2.example.test.', 'A', ANSWER.www2A),
    rr('*.wild.example.test.', 'A', ANSWER.wildcardA),
    // NODATA for A: the name has only TXT
    rr('txtonly.example.test.', 'TXT', 'only text here'),
    rr('big.example.test.', 'TXT', bigTxt),
  ],
};

/** other.demo.: the target of the cross-zone CNAME. */
export const otherZone: ZoneData = {
  origin: 'other.demo.',
  records: [
    ...apex('other.demo.', [['ns1.other.demo.', ADDR.other]]),
    rr('host.other.demo.', 'A', ANSWER.otherHostA),
    rr('host.other.demo.', 'AAAA', ANSWER.otherHostAAAA),
  ],
};

/** glueless.test.: served under the name ns.hoster.demo. */
export const gluelessZone: ZoneData = {
  origin: 'glueless.test.',
  records: [
    soa('glueless.test.', 'ns.hoster.demo.'),
    rr('glueless.test.', 'NS', 'ns.hoster.demo.'),
    rr('www.glueless.test.', 'A', ANSWER.gluelessA),
  ],
};

/** A fault-scenario zone as its working second server holds it. */
function faultZone(label: string, firstAddress: string, answer: string): ZoneData {
  const origin = `${label}.test.`;
  return {
    origin,
    records: [
      ...apex(origin, [
        [`ns1.${origin}`, firstAddress],
        [`ns2.${origin}`, ADDR.faultBackup],
      ]),
      rr(`www.${origin}`, 'A', answer),
    ],
  };
}

/** lame/refused/silent/closed/badcookie/nonaa/tc.test. as served by their working second server. */
export const faultZones: ZoneData[] = [
  faultZone('lame', ADDR.lame, ANSWER.lameA),
  faultZone('refused', ADDR.refuser, ANSWER.refusedA),
  faultZone('silent', ADDR.silent, ANSWER.silentA),
  faultZone('closed', ADDR.closed, ANSWER.closedA),
  faultZone('badcookie', ADDR.cookieAlways, ANSWER.badcookieA),
  faultZone('nonaa', ADDR.nonAuthoritative, ANSWER.nonaaA),
  faultZone('tc', ADDR.truncating, ANSWER.tcA),
];

/** A one-server leaf zone: apex, its server's address, and `records`. */
function leafZone(origin: string, address: string, records: ZoneRecord[]): ZoneData {
  return { origin, records: [...apex(origin, [[`ns1.${origin}`, address]]), ...records] };
}

/** extra.test.: oob.extra.test. is a CNAME to www.bank.test. (its server adds a poisoned record for the target). */
export const extraZone = leafZone('extra.test.', ADDR.extra, [rr('oob.extra.test.', 'CNAME', 'www.bank.test.', 300)]);

/** bank.test.: the real www.bank.test. */
export const bankZone = leafZone('bank.test.', ADDR.bank, [rr('www.bank.test.', 'A', ANSWER.bankA)]);

/** oldedns.test., served by a server that does not take EDNS. */
export const oldEdnsZone = leafZone('oldedns.test.', ADDR.oldEdns, [rr('www.oldedns.test.', 'A', ANSWER.oldEdnsA)]);

/** cookie.test., served by a server that wants its cookie back. */
export const cookieZone = leafZone('cookie.test.', ADDR.cookie, [rr('www.cookie.test.', 'A', ANSWER.cookieA)]);

/** A 253-octet name in dname.test.: below long.dname.test., even `www.` would make a name 257 octets long. */
export const LONG_DNAME_TARGET = `${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'t'.repeat(48)}.dname.test.`;

/**
 * dname.test.: old.dname.test. DNAME new.dname.test. (its server sends the DNAME without the CNAME), and
 * long.dname.test. DNAME a 253-octet name (its server says YXDOMAIN for the names it would make too long).
 */
export const dnameZone = leafZone('dname.test.', ADDR.dname, [
  rr('old.dname.test.', 'DNAME', 'new.dname.test.', 300),
  rr('long.dname.test.', 'DNAME', LONG_DNAME_TARGET, 300),
  rr('www.new.dname.test.', 'A', ANSWER.dnameA),
]);

/** loopa.test. and loopb.demo.: x.loopa.test. -> y.loopb.demo. -> z.loopa.test. -> x.loopa.test., a loop across zones. */
export const loopAZone = leafZone('loopa.test.', ADDR.loopA, [
  rr('x.loopa.test.', 'CNAME', 'y.loopb.demo.', 300),
  rr('z.loopa.test.', 'CNAME', 'x.loopa.test.', 300),
]);
export const loopBZone = leafZone('loopb.demo.', ADDR.loopB, [rr('y.loopb.demo.', 'CNAME', 'z.loopa.test.', 300)]);

/** deep.test. -> c.deep.test. -> b.c.deep.test., each on its own server; a.b.c.deep.test. is the answer. */
export const deepZones: ZoneData[] = [
  {
    origin: 'deep.test.',
    records: [
      ...apex('deep.test.', [['ns.deep.test.', ADDR.deep]]),
      ...delegation('c.deep.test.', [['ns.c.deep.test.', ADDR.deepC]]),
    ],
  },
  {
    origin: 'c.deep.test.',
    records: [
      ...apex('c.deep.test.', [['ns.c.deep.test.', ADDR.deepC]]),
      ...delegation('b.c.deep.test.', [['ns.b.c.deep.test.', ADDR.deepB]]),
    ],
  },
  {
    origin: 'b.c.deep.test.',
    records: [
      ...apex('b.c.deep.test.', [['ns.b.c.deep.test.', ADDR.deepB]]),
      rr('a.b.c.deep.test.', 'A', ANSWER.deepA),
    ],
  },
];

/** What the loop server holds: a `test.` zone whose only delegation is loop.test. to itself. */
export const loopServerZone: ZoneData = {
  origin: 'test.',
  records: [
    soa('test.', 'ns.loop.test.'),
    rr('test.', 'NS', 'ns.loop.test.'),
    ...delegation('loop.test.', [['ns.loop.test.', ADDR.loop]]),
  ],
};

/** oob.test. as the real server holds it. */
export const oobZone: ZoneData = {
  origin: 'oob.test.',
  records: [
    soa('oob.test.', 'ns.oobhost.demo.'),
    rr('oob.test.', 'NS', 'ns.oobhost.demo.'),
    rr('www.oob.test.', 'A', ANSWER.oobA),
  ],
};

/** oob.test. as the poison server (the bogus glue address) holds it. */
export const poisonZone: ZoneData = {
  origin: 'oob.test.',
  records: [
    soa('oob.test.', 'ns.oobhost.demo.'),
    rr('oob.test.', 'NS', 'ns.oobhost.demo.'),
    rr('www.oob.test.', 'A', ANSWER.poisonedA),
  ],
};

/** v6only.test., served on ::1 only. */
export const v6onlyZone: ZoneData = {
  origin: 'v6only.test.',
  records: [...apex('v6only.test.', [['ns.v6only.test.', ADDR.v6only]]), rr('www.v6only.test.', 'A', ANSWER.v6onlyA)],
};
