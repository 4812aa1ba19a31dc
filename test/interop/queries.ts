/** The table of queries the interop suite runs with both dig and tsdig, and the +trace walks it checks. */
import type { ExpectedTrace } from './compare.js';
import { leafZoneOf, resolverAddress, servers, type ServerId, type Software } from './layout.js';

/** Where a query goes: one authoritative server or the resolver. */
export type QueryTarget = ServerId | 'resolver';

/** One row of the table: the same arguments go to both tools, after "@ADDR -p PORT". */
export interface InteropQuery {
  readonly title: string;
  readonly target: QueryTarget;
  readonly args: readonly string[];
  /** Output is +short (compared as lines) rather than the full layout. */
  readonly short: boolean;
  /** Output is +multiline: the record text of every section is compared byte for byte. */
  readonly multiline: boolean;
}

function q(target: QueryTarget, args: string[], title = args.join(' ')): InteropQuery {
  return {
    title: `${target}: ${title}`,
    target,
    args,
    short: args.includes('+short'),
    multiline: args.includes('+multiline'),
  };
}

/** The common record types, asked of the leaf zone that one implementation serves (non-recursive). */
function leafQueries(software: Software): InteropQuery[] {
  const zone = leafZoneOf[software];
  const id = software as ServerId;
  const ask = (...args: string[]): InteropQuery => q(id, [...args, '+norecurse']);
  return [
    ask(zone, 'SOA'),
    ask(zone, 'NS'),
    ask(`www.${zone}`, 'A'),
    ask(`www.${zone}`, 'AAAA'),
    ask(zone, 'MX'),
    ask(`txt.${zone}`, 'TXT'),
    ask(`long.${zone}`, 'TXT'),
    ask(`binary.${zone}`, 'TXT'),
    ask(`_sip._tcp.${zone}`, 'SRV'),
    ask(zone, 'CAA'),
    ask(`alias.${zone}`, 'A'),
    ask(`outside.${zone}`, 'A'),
    ask(`anything.wild.${zone}`, 'A'),
    ask(`anything.wild.${zone}`, 'TXT'),
    ask(`www.dname.${zone}`, 'A'),
    ask(`nonexistent.${zone}`, 'A'),
    ask(`mail.${zone}`, 'AAAA'),
    ask(`b.ent.${zone}`, 'A'),
    ask(`many.${zone}`, 'A'),
    ask(`many.${zone}`, 'A', '+noedns'),
    ask(`many.${zone}`, 'A', '+noedns', '+ignore'),
    ask(`www.${zone}`, 'A', '+tcp'),
    ask(zone, 'MX', '+short'),
    ask(`txt.${zone}`, 'TXT', '+short'),
    ask(`www.${zone}`, 'ANY'),
  ];
}

/** Referrals, glue, lameness, DNSSEC records and reverse names, asked of authoritative servers. */
const authoritativeQueries: InteropQuery[] = [
  q('named', ['www.b.a.deep.lab', 'A', '+norecurse'], 'referral from the root'),
  q('nsd', ['www.deep.lab', 'A', '+norecurse'], 'referral with glue'),
  q('knot', ['www.b.a.deep.lab', 'A', '+norecurse'], 'referral two levels down'),
  q('nsd', ['www.glueless.lab', 'A', '+norecurse'], 'glueless referral'),
  q('knot', ['www.lame.lab', 'A', '+norecurse'], 'lame server: REFUSED'),
  q('named', ['.', 'SOA', '+dnssec', '+norecurse']),
  q('named', ['.', 'DNSKEY', '+dnssec', '+norecurse']),
  q('named', ['example.', 'DS', '+dnssec', '+norecurse']),
  q('named', ['www.lab', 'A', '+dnssec', '+norecurse'], 'insecure referral (NSEC, no DS)'),
  q('knot', ['signed.example.', 'DS', '+dnssec', '+norecurse']),
  q('knot', ['www.signed.example', 'A', '+dnssec', '+norecurse'], 'signed referral (DS)'),
  q('nsd', ['www.signed.example', 'A', '+dnssec', '+norecurse']),
  q('nsd', ['nonexistent.signed.example', 'A', '+dnssec', '+norecurse'], 'NXDOMAIN with NSEC'),
  q('nsd', ['mail.signed.example', 'AAAA', '+dnssec', '+norecurse'], 'NODATA with NSEC'),
  q('nsd', ['anything.wild.signed.example', 'A', '+dnssec', '+norecurse'], 'signed wildcard'),
  q('knot', ['-x', '192.0.2.25', '+norecurse']),
  q('named', ['-x', '2001:db8::1', '+norecurse']),
  q('nsd', ['www.nsd.lab', 'A'], 'recursion desired but not available'),
];

/** Through the validating resolver: the whole hierarchy, AD for the signed chain, TTLs from its cache. */
const resolverQueries: InteropQuery[] = [
  q('resolver', ['www.signed.example', 'A', '+dnssec']),
  q('resolver', ['www.signed.example', 'A']),
  q('resolver', ['www.signed.example', 'A', '+cd']),
  q('resolver', ['nonexistent.signed.example', 'A', '+dnssec']),
  q('resolver', ['mail.signed.example', 'AAAA']),
  q('resolver', ['signed.example', 'MX']),
  q('resolver', ['long.signed.example', 'TXT']),
  q('resolver', ['binary.knot.lab', 'TXT']),
  q('resolver', ['_sip._tcp.named.lab', 'SRV']),
  q('resolver', ['nsd.lab', 'CAA']),
  q('resolver', ['alias.named.lab', 'A']),
  q('resolver', ['outside.nsd.lab', 'A'], 'CNAME into the signed zone example.'),
  q('resolver', ['www.dname.knot.lab', 'A']),
  q('resolver', ['anything.wild.nsd.lab', 'TXT']),
  q('resolver', ['www.b.a.deep.lab', 'A'], 'through the chain of cuts'),
  q('resolver', ['www.glueless.lab', 'A'], 'through the glueless delegation'),
  q('resolver', ['www.lame.lab', 'A'], 'lame delegation: SERVFAIL'),
  q('resolver', ['nonexistent.lab', 'A']),
  q('resolver', ['-x', '192.0.2.25']),
  q('resolver', ['-x', '2001:db8::10']),
  q('resolver', ['many.knot.lab', 'A', '+noedns'], 'TC then TCP'),
  q('resolver', ['www.nsd.lab', 'AAAA', '+tcp']),
  q('resolver', ['alias.knot.lab', 'A', '+short']),
  q('resolver', ['-x', '192.0.2.1', '+short']),
];

/** +multiline: every type whose layout changes, from one leaf zone, and the signed chain's keys, signatures and denials. */
function multilineQueries(): InteropQuery[] {
  const ask = (target: QueryTarget, ...args: string[]): InteropQuery =>
    q(target, [...args, '+multiline', '+norecurse']);
  const zone = leafZoneOf.knot;
  const leafTypes: Array<[string, string]> = [
    [zone, 'SOA'],
    [zone, 'MX'],
    [`ssh.${zone}`, 'SSHFP'],
    [`_443._tcp.${zone}`, 'TLSA'],
    [`svc.${zone}`, 'SVCB'],
    [`svc.${zone}`, 'HTTPS'],
    [`pgp.${zone}`, 'OPENPGPKEY'],
    [`cert.${zone}`, 'CERT'],
    [`zonemd.${zone}`, 'ZONEMD'],
    [`cds.${zone}`, 'CDS'],
    [`cds.${zone}`, 'CDNSKEY'],
    [`unknown.${zone}`, 'TYPE65534'],
    [`dhcid.${zone}`, 'DHCID'],
    [`ipseckey.${zone}`, 'IPSECKEY'],
    [`long.${zone}`, 'TXT'],
    [`binary.${zone}`, 'TXT'],
    [`www.${zone}`, 'A'],
  ];
  return [
    ...leafTypes.map(([name, type]) => ask('knot', name, type)),
    ask('knot', zone, 'SOA', '+ttlunits', '+nottlid'),
    ask('knot', `cds.${zone}`, 'CDNSKEY', '+noclass', '+ttlunits'),
    ask('named', leafZoneOf.named, 'SOA'),
    ask('nsd', leafZoneOf.nsd, 'SOA', '+noclass'),
    ask('nsd', `ssh.${leafZoneOf.nsd}`, 'SSHFP'),
    ask('named', '.', 'DNSKEY', '+dnssec'),
    ask('named', '.', 'SOA', '+dnssec'),
    ask('named', 'example.', 'DS', '+dnssec'),
    ask('knot', 'example.', 'DNSKEY', '+dnssec'),
    ask('knot', 'signed.example.', 'DS', '+dnssec'),
    ask('nsd', 'signed.example.', 'DNSKEY', '+dnssec', '+nottlid'),
    ask('nsd', 'nonexistent.signed.example', 'A', '+dnssec'),
  ];
}

/** +split and +rrcomments, on one line, with +short and with +multiline. */
function splitQueries(): InteropQuery[] {
  const zone = leafZoneOf.knot;
  return [
    q('knot', ['example.', 'DNSKEY', '+dnssec', '+norecurse', '+split=12']),
    q('knot', ['example.', 'DNSKEY', '+norecurse', '+nosplit', '+rrcomments']),
    q('named', ['.', 'DNSKEY', '+norecurse', '+short', '+rrcomments']),
    q('named', ['.', 'DNSKEY', '+norecurse', '+rrcomments', '+short']),
    q('nsd', ['signed.example.', 'DNSKEY', '+norecurse', '+split=10', '+short']),
    q('knot', [`cds.${zone}`, 'CDS', '+norecurse', '+split=8']),
    q('knot', [`unknown.${zone}`, 'TYPE65534', '+norecurse', '+split=20']),
    q('knot', [zone, 'SOA', '+norecurse', '+multiline', '+norrcomments']),
    q('knot', ['example.', 'DNSKEY', '+dnssec', '+norecurse', '+multiline', '+norrcomments', '+split=0']),
    q('named', ['example.', 'DS', '+dnssec', '+norecurse', '+multiline', '+split=20']),
    q('nsd', ['signed.example.', 'DNSKEY', '+dnssec', '+norecurse', '+multiline', '+split=7']),
  ];
}

/** dig's header and EDNS options (what each server makes of them), and +nocrypto, +unknownformat, +expandaaaa. */
function messageOptionQueries(): InteropQuery[] {
  const zone = leafZoneOf.knot;
  const named = leafZoneOf.named;
  const nsd = leafZoneOf.nsd;
  return [
    q('named', [named, 'SOA', '+norecurse', '+qid=4660', '+aaflag', '+zflag']),
    q('knot', [zone, 'SOA', '+norecurse', '+raflag', '+tcflag', '+qid=0']),
    q('nsd', [nsd, 'SOA', '+norecurse', '+aaonly', '+zflag']),
    q('named', [named, 'SOA', '+norecurse', '+opcode=notify']),
    q('knot', [zone, 'SOA', '+norecurse', '+opcode=notify']),
    q('nsd', [nsd, 'SOA', '+norecurse', '+opcode=status']),
    q('named', [named, 'SOA', '+norecurse', '+opcode=update']),
    q('named', [named, 'SOA', '+norecurse', '+header-only']),
    q('knot', [zone, 'SOA', '+norecurse', '+header-only']),
    q('nsd', [nsd, 'SOA', '+norecurse', '+header-only']),
    q('named', [named, 'SOA', '+norecurse', '+expire']),
    q('knot', [zone, 'SOA', '+norecurse', '+expire']),
    q('named', [named, 'SOA', '+norecurse', '+keepalive', '+tcp']),
    q('knot', [zone, 'SOA', '+norecurse', '+keepalive', '+tcp']),
    q('named', [`www.${named}`, 'A', '+norecurse', '+padding=128', '+tcp']),
    q('resolver', ['www.signed.example', 'A', '+padding=64']),
    q('named', [named, 'SOA', '+norecurse', '+ednsopt=nsid', '+ednsopt=65001:abcd', '+ednsflags=0x10', '+coflag']),
    q('knot', [zone, 'SOA', '+norecurse', '+ednsopt=expire', '+ednsopt=keepalive', '+dnssec', '+ednsflags=3']),
    q('nsd', [nsd, 'SOA', '+norecurse', '+ednsopt=65001', '+noednsopt', '+ednsopt=expire']),
    q('resolver', ['www', 'A', '+domain=knot.lab']),
    q('resolver', ['nonexistent', 'A', '+domain=knot.lab']),
    q('named', ['.', 'DNSKEY', '+dnssec', '+norecurse', '+nocrypto']),
    q('knot', ['example.', 'DNSKEY', '+dnssec', '+norecurse', '+nocrypto', '+rrcomments']),
    q('named', ['example.', 'DS', '+dnssec', '+norecurse', '+nocrypto']),
    q('nsd', ['signed.example.', 'DNSKEY', '+norecurse', '+nocrypto', '+short']),
    q('named', ['.', 'DNSKEY', '+dnssec', '+norecurse', '+nocrypto', '+multiline']),
    q('named', ['example.', 'DS', '+dnssec', '+norecurse', '+nocrypto', '+multiline', '+split=4']),
    q('knot', [`cds.${zone}`, 'CDNSKEY', '+norecurse', '+nocrypto', '+multiline', '+norrcomments']),
    q('knot', [`pgp.${zone}`, 'OPENPGPKEY', '+norecurse', '+nocrypto', '+multiline']),
    q('knot', [`zonemd.${zone}`, 'ZONEMD', '+norecurse', '+nocrypto', '+multiline']),
    q('knot', [`_443._tcp.${zone}`, 'TLSA', '+norecurse', '+nocrypto', '+multiline']),
    q('knot', [zone, 'SOA', '+norecurse', '+unknownformat', '+multiline']),
    q('knot', [`www.${zone}`, 'AAAA', '+norecurse', '+unknownformat', '+multiline', '+nottlid']),
    q('knot', [zone, 'MX', '+norecurse', '+unknownformat', '+short']),
    q('knot', [`www.${zone}`, 'AAAA', '+norecurse', '+expandaaaa']),
    q('resolver', ['www.nsd.lab', 'AAAA', '+expandaaaa', '+short']),
  ];
}

/** Every comparison the suite makes, in a stable order. */
export const interopQueries: readonly InteropQuery[] = [
  ...leafQueries('named'),
  ...leafQueries('knot'),
  ...leafQueries('nsd'),
  ...authoritativeQueries,
  ...resolverQueries,
  ...multilineQueries(),
  ...splitQueries(),
  ...messageOptionQueries(),
];

/** +trace walks from the resolver through the hierarchy, with the cuts and servers each must show. */
export const traceWalks: readonly { readonly name: string; readonly expected: ExpectedTrace }[] = [
  {
    name: 'www.b.a.deep.lab',
    expected: {
      cuts: ['.', 'lab.', 'deep.lab.', 'a.deep.lab.', 'b.a.deep.lab.'],
      servers: [
        resolverAddress,
        servers.named.address,
        servers.nsd.address,
        servers.knot.address,
        servers.nsd2.address,
        servers.knot2.address,
      ],
      answer: 'www.b.a.deep.lab. A 192.0.2.200',
    },
  },
  {
    name: 'www.glueless.lab',
    expected: {
      cuts: ['.', 'lab.', 'glueless.lab.'],
      servers: [resolverAddress, servers.named.address, servers.nsd.address, servers.knot.address],
      answer: 'www.glueless.lab. A 192.0.2.150',
    },
  },
  {
    name: 'www.signed.example',
    expected: {
      cuts: ['.', 'example.', 'signed.example.'],
      servers: [resolverAddress, servers.named.address, servers.knot.address, servers.nsd.address],
      answer: 'www.signed.example. A 192.0.2.10',
    },
  },
];

/**
 * +nssearch through the resolver, one row per zone: the name server addresses that must each give
 * one line (empty: nothing printed, as dig prints nothing for a name below a zone apex or a zone
 * the resolver cannot find). dig +nssearch itself is not run: it asks the system resolver for the
 * name servers' addresses, which a test may not use.
 */
export const nsSearchRows: readonly { readonly zone: string; readonly servers: readonly string[] }[] = [
  { zone: 'named.lab', servers: [servers.named.address] },
  { zone: 'knot.lab', servers: [servers.knot.address] },
  { zone: 'nsd.lab', servers: [servers.nsd.address] },
  { zone: 'lab', servers: [servers.nsd.address] },
  { zone: 'b.a.deep.lab', servers: [servers.knot2.address] },
  { zone: 'signed.example', servers: [servers.nsd.address] },
  { zone: 'www.knot.lab', servers: [] },
  { zone: 'lame.lab', servers: [] },
];

/**
 * +validate rows: tsdig's verdict must be Unbound's (AD: secure; SERVFAIL: bogus; neither: insecure)
 * and delv's (its own validation through the resolver, CD set). `server`: tsdig asks that
 * authoritative server instead of the resolver, and fetches the chain by iteration from the root.
 */
export const validationRows: ReadonlyArray<{
  name: string;
  type: string;
  expected: 'secure' | 'insecure' | 'bogus';
  reason?: RegExp;
  server?: 'nsd';
}> = [
  { name: 'www.signed.example', type: 'A', expected: 'secure' },
  { name: 'nonexistent.signed.example', type: 'A', expected: 'secure', reason: /NXDOMAIN .* proved by NSEC/ },
  { name: 'mail.signed.example', type: 'AAAA', expected: 'secure', reason: /NODATA .* proved by NSEC/ },
  { name: 'anything.wild.signed.example', type: 'A', expected: 'secure' },
  { name: 'www.nsd.lab', type: 'A', expected: 'insecure', reason: /lab\. is an unsigned delegation/ },
  {
    name: 'broken.signed.example',
    type: 'TXT',
    expected: 'bogus',
    reason: /RRSIG broken\.signed\.example\. TXT .*signature does not verify/,
  },
  {
    name: 'www.dname.signed.example',
    type: 'A',
    expected: 'secure',
    reason: /dname\.signed\.example\. DNAME signed by signed\.example\./,
  },
  { name: 'signed.example', type: 'ANY', expected: 'secure' },
  { name: 'alias.signed.example', type: 'A', expected: 'secure', reason: /alias\.signed\.example\. CNAME signed/ },
  { name: 'www.signed.example', type: 'A', expected: 'secure', server: 'nsd' },
  { name: 'nonexistent.signed.example', type: 'A', expected: 'secure', server: 'nsd', reason: /NXDOMAIN/ },
  { name: 'www.dname.signed.example', type: 'A', expected: 'secure', server: 'nsd' },
  { name: 'broken.signed.example', type: 'TXT', expected: 'bogus', server: 'nsd', reason: /signature does not verify/ },
  { name: 'www.nsd.lab', type: 'A', expected: 'insecure', server: 'nsd' },
];
