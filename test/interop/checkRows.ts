/**
 * +check against the interop hierarchy: each row names the zone, how the walk starts, and exactly
 * the findings that are not ok (`severity zone id: message`) with the exit status they give. Every
 * zone of these rows has no IPv6 address, most have one name server, and the zone files' expire timer
 * (604800, all but skew.lab.'s) is below RFC 1912's range: those findings are expected and named too.
 */
/** One +check run and what it must find. */
export interface CheckRow {
  /** The name checked. */
  name: string;
  /** What the row holds against, and what it shows. */
  what: string;
  /** 'hints': from a root-hints file naming BIND's root; 'resolver': Unbound primes the walk (@resolver). */
  start: 'hints' | 'resolver';
  /** Every finding that is not ok, in the report's order. */
  problems: readonly string[];
  /** Ids that must be among the ok findings (the checks that passed against this software). */
  passed: readonly string[];
  exit: number;
}

const ONE_NS = (zone: string, ns: string) => `warning ${zone} ns.count: ${zone} has only one name server (${ns})`;
const NO_V6 = (zone: string) => `notice ${zone} servers.ipv6: no name server of ${zone} has an IPv6 address`;
const EXPIRE = (zone: string) =>
  `notice ${zone} soa.timers: SOA timers outside the advised ranges: expire 604800 (advised 1209600-2419200)`;
const UNSIGNED = (zone: string, parent: string) =>
  `notice ${zone} dnssec.status: ${zone} is not signed (no DS in ${parent}, no DNSKEY)`;
const LAB_ONE_NS = ONE_NS('lab.', 'ns1.lab.');

/** The flag day's EDNS tests and TCP, which BIND, NSD and Knot all pass. */
const EDNS_PASSED = [
  'transport.tcp',
  'edns.plain',
  'edns.edns0',
  'edns.version',
  'edns.option',
  'edns.flags',
  'edns.do',
  'edns.size',
] as const;

const SKEW_PROBLEMS = [
  'warning skew.lab. soa.serial: serials differ: 2024060102 (newest) on ns1.skew.lab. (127.53.0.4); 2024060101 on ns2.skew.lab. (127.53.0.5)',
  LAB_ONE_NS,
  NO_V6('skew.lab.'),
  UNSIGNED('skew.lab.', 'lab.'),
];

/** The rows, one zone each. */
export const checkRows: readonly CheckRow[] = [
  {
    name: 'skew.lab',
    what: 'one zone on NSD and Knot with serials one apart: the lagging server named, exit 2',
    start: 'hints',
    problems: SKEW_PROBLEMS,
    passed: ['delegation.ns-match', 'delegation.glue-match', 'servers.ipv4', ...EDNS_PASSED],
    exit: 2,
  },
  {
    name: 'skew.lab',
    what: 'the same zone with Unbound priming the walk (@resolver): the same findings',
    start: 'resolver',
    problems: SKEW_PROBLEMS,
    passed: ['delegation.ns-match', 'servers.ipv4'],
    exit: 2,
  },
  {
    name: 'half.lab',
    what: 'a delegation to a server that does not serve the zone (NSD refuses, Knot serves it): an error, exit 3',
    start: 'hints',
    problems: [
      'error half.lab. server.refused: ns2.half.lab. (127.53.0.4) refuses queries for half.lab.',
      LAB_ONE_NS,
      NO_V6('half.lab.'),
      EXPIRE('half.lab.'),
      UNSIGNED('half.lab.', 'lab.'),
    ],
    passed: ['delegation.ns-match', 'delegation.glue-match', 'soa.serial'],
    exit: 3,
  },
  {
    name: 'lame.lab',
    what: 'a delegation whose only server (Knot) does not serve the zone: out of reach, exit 9',
    start: 'hints',
    problems: [
      'error lame.lab. walk.reach: could not reach lame.lab. from the root: all servers of lame.lab. failed: ns1.lame.lab. (127.53.0.2) REFUSED',
    ],
    passed: [],
    exit: 9,
  },
  {
    name: '.',
    what: "BIND's signed root: the EDNS tests pass, the signatures validate",
    start: 'hints',
    problems: [ONE_NS('.', 'a.root-servers.'), NO_V6('.'), EXPIRE('.')],
    passed: [...EDNS_PASSED, 'dnssec.status', 'dnssec.signature', 'soa.serial'],
    exit: 2,
  },
  {
    name: 'knot.lab',
    what: "Knot's leaf zone: the EDNS tests pass",
    start: 'hints',
    problems: [
      ONE_NS('knot.lab.', 'ns1.knot.lab.'),
      LAB_ONE_NS,
      NO_V6('knot.lab.'),
      EXPIRE('knot.lab.'),
      UNSIGNED('knot.lab.', 'lab.'),
    ],
    passed: [...EDNS_PASSED, 'delegation.glue-match', 'mx.cname'],
    exit: 2,
  },
  {
    name: 'nsd.lab',
    what: "NSD's leaf zone: the EDNS tests pass",
    start: 'hints',
    problems: [
      ONE_NS('nsd.lab.', 'ns1.nsd.lab.'),
      LAB_ONE_NS,
      NO_V6('nsd.lab.'),
      EXPIRE('nsd.lab.'),
      UNSIGNED('nsd.lab.', 'lab.'),
    ],
    passed: [...EDNS_PASSED, 'delegation.glue-match', 'mx.cname'],
    exit: 2,
  },
  {
    name: 'signed.example',
    what: "the signed chain: Knot's DS for NSD's zone matches its key, the signatures validate",
    start: 'hints',
    problems: [
      ONE_NS('signed.example.', 'ns1.signed.example.'),
      ONE_NS('example.', 'ns1.example.'),
      NO_V6('signed.example.'),
      EXPIRE('signed.example.'),
    ],
    passed: ['dnssec.ds-match', 'dnssec.signature', ...EDNS_PASSED],
    exit: 2,
  },
];
