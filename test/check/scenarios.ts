/**
 * Collected data for +check's pure tests: a healthy two-server zone under a one-server parent, and
 * each fault made on purpose by changing what one server replied. Records are built from zone-file
 * lines (real RDATA); the signed scenarios use the DNSSEC fixtures.
 */
import type { CheckData, CutData, NameServerData, ProbeResult, ServerData } from '../../src/check/types.js';
import type { Message, ResourceRecord } from '../../src/wire/types.js';
import { namesEqual } from '../../src/wire/name.js';
import { reply } from '../resolve/fakeMessages.js';
import { loadSignedZone, parseRecord } from '../dnssec/signedZone.js';

/** A record from a zone-file line: `owner ttl IN TYPE data`. */
export const rec = (line: string): ResourceRecord => parseRecord(line);

const EDNS = { version: 0, udpSize: 1232, do: false, flags: 0, options: [] };

/** A reply as a probe result (over UDP unless told). */
export function got(message: Partial<Message>, protocol: 'udp' | 'tcp' = 'udp'): ProbeResult {
  return { kind: 'reply', protocol, rttMs: 1, message: reply({ edns: EDNS, ...message }) };
}

/** A probe that got no reply. */
export function failed(failure: 'timeout' | 'unreachable' = 'timeout', protocol: 'udp' | 'tcp' = 'udp'): ProbeResult {
  return { kind: 'failed', failure, protocol, message: failure === 'timeout' ? 'timed out' : 'connection refused' };
}

/** A zone's SOA record with the given serial and timers. */
export function soaRecord(
  zone: string,
  serial: number,
  timers = '7200 3600 1209600 300',
  mname = `ns1.${zone}`,
  rname = `hostmaster.${zone}`,
): ResourceRecord {
  return rec(`${zone} 3600 IN SOA ${mname} ${rname} ${serial} ${timers}`);
}

/** Every probe of a healthy authoritative server of `zone`. */
export function healthyProbes(zone: string, soa: ResourceRecord, ns: ResourceRecord[]): ServerData['probes'] {
  const answer = { aa: true, answer: [soa] };
  return {
    soa: got(answer),
    tcp: got(answer, 'tcp'),
    ns: got({ aa: true, answer: ns }),
    plain: got({ ...answer, edns: undefined }),
    ednsVersion: {
      ...(got(answer) as Extract<ProbeResult, { kind: 'reply' }>),
      retriedAfter: [16],
    },
    ednsOption: got(answer),
    ednsFlag: got(answer),
    do: got({ ...answer, edns: { ...EDNS, do: true } }),
    dnskey: got({ aa: true, edns: { ...EDNS, do: true } }),
    truncated: got({ aa: true, edns: { ...EDNS, do: true } }),
    nsec3param: got({ aa: true }),
    cname: got({ aa: true }),
    mx: got({ aa: true, answer: [rec(`${zone} 3600 IN MX 10 mail.${zone}`)] }),
    recursion: got({ rcode: 5 }),
  };
}

/** The address probes of a healthy server: the in-zone name servers' addresses. */
function addressProbes(addresses: Record<string, string[]>): ServerData['addressProbes'] {
  return Object.entries(addresses).flatMap(([name, list]) =>
    (['A', 'AAAA'] as const).map((type) => ({
      name,
      type,
      result: got({
        aa: true,
        answer: list
          .filter((a) => a.includes(':') === (type === 'AAAA'))
          .map((a) => rec(`${name} 3600 IN ${type} ${a}`)),
      }),
    })),
  );
}

/** A resolution that found these addresses. */
const resolved = (addresses: string[]) => ({ status: 'answer' as const, addresses });

/** The healthy zone: example.test. with ns1 (192.0.2.1, 2001:db8::1) and ns2 (192.0.2.2), delegated from test. */
export function healthy(): CheckData {
  const zone = 'example.test.';
  const nsAddresses: Record<string, string[]> = {
    'ns1.example.test.': ['192.0.2.1', '2001:db8::1'],
    'ns2.example.test.': ['192.0.2.2'],
  };
  const ns = Object.keys(nsAddresses).map((n) => rec(`${zone} 3600 IN NS ${n}`));
  const glue = Object.entries(nsAddresses).flatMap(([n, list]) =>
    list.map((a) => rec(`${n} 3600 IN ${a.includes(':') ? 'AAAA' : 'A'} ${a}`)),
  );
  const soa = soaRecord(zone, 2024010101);
  const servers: ServerData[] = Object.entries(nsAddresses).flatMap(([name, list]) =>
    list.map((address) => ({
      address,
      names: [name],
      probes: healthyProbes(zone, soa, ns),
      addressProbes: addressProbes(nsAddresses),
    })),
  );
  const nameServers: NameServerData[] = Object.entries(nsAddresses).map(([name, list]) => ({
    name,
    inParent: true,
    inChild: true,
    glue: [...list],
    ipv4: resolved(list.filter((a) => !a.includes(':'))),
    ipv6: list.some((a) => a.includes(':'))
      ? resolved(list.filter((a) => a.includes(':')))
      : { status: 'nodata', addresses: [] },
  }));
  const cut: CutData = {
    zone,
    parent: 'test.',
    role: 'zone',
    parentServers: [
      {
        name: 'a.nic.test.',
        address: '192.0.2.100',
        ns: got({ authority: ns, additional: glue }),
        ds: got({ aa: true, authority: [soaRecord('test.', 1, '7200 3600 1209600 300', 'a.nic.test.')] }),
      },
    ],
    nameServers,
    servers,
    mxTargets: [{ name: `mail.${zone}`, resolution: resolved(['192.0.2.25']) }],
  };
  return {
    name: zone,
    zone,
    walk: { zones: ['.', 'test.', zone], failures: [], queries: 4 },
    cuts: [cut],
    now: Date.UTC(2030, 0, 1) / 1000,
    timeoutMs: 2000,
    queries: 60,
    totalMs: 120,
  };
}

/** The zone's cut. */
export const zoneCut = (data: CheckData): CutData => data.cuts[0];

/** A server of the zone by address. */
export function serverAt(data: CheckData, address: string): ServerData {
  const server = zoneCut(data).servers.find((s) => s.address === address);
  if (!server) throw new Error(`no server at ${address}`);
  return server;
}

/** A name server entry by name. */
export function nameServer(data: CheckData, name: string): NameServerData {
  const ns = zoneCut(data).nameServers.find((n) => namesEqual(n.name, name));
  if (!ns) throw new Error(`no name server ${name}`);
  return ns;
}

/** Sets every SOA-bearing probe of a server to a new SOA record. */
export function serveSoa(server: ServerData, soa: ResourceRecord): void {
  for (const name of ['soa', 'tcp', 'plain', 'ednsOption', 'ednsFlag', 'do', 'ednsVersion'] as const) {
    const probe = server.probes[name];
    if (probe?.kind === 'reply') probe.message = { ...probe.message, answer: [soa] };
  }
}

/** The signed zone sec. (RSA, NSEC3 with 2 iterations and a salt) under the signed root, served by ns.sec. */
export function signed(options: { now?: number; ds?: ResourceRecord[] } = {}): CheckData {
  const zone = 'sec.';
  const records = loadSignedZone('sec.signed').filter((r) => namesEqual(r.name, zone));
  const root = loadSignedZone('root.signed').filter((r) => namesEqual(r.name, zone));
  const of = (type: number) => records.filter((r) => r.type === type);
  const sigsOver = (type: number) => of(46).filter((r) => r.rdata.type === 'RRSIG' && r.rdata.typeCovered === type);
  const soa = of(6)[0];
  const ns = of(2);
  const answer = { aa: true, answer: [soa] };
  const dnssecEdns = { ...EDNS, do: true };
  const probes: ServerData['probes'] = {
    ...healthyProbes(zone, soa, ns),
    do: got({ aa: true, answer: [soa, ...sigsOver(6)], edns: dnssecEdns }),
    dnskey: got({ aa: true, answer: [...of(48), ...sigsOver(48)], edns: dnssecEdns, size: 1100 }),
    truncated: got({ aa: true, tc: true, edns: dnssecEdns }),
    truncatedTcp: got({ aa: true, answer: [...of(48), ...sigsOver(48)], edns: dnssecEdns }, 'tcp'),
    nsec3param: got({ aa: true, answer: of(51), edns: dnssecEdns }),
    mx: got(answer),
  };
  const ds = options.ds ?? root.filter((r) => r.type === 43);
  const server: ServerData = {
    address: '192.0.2.53',
    names: ['ns.sec.'],
    probes,
    addressProbes: addressProbes({ 'ns.sec.': ['192.0.2.53'] }),
  };
  const cut: CutData = {
    zone,
    parent: '.',
    role: 'zone',
    parentServers: [
      {
        name: 'ns.root.',
        address: '192.0.2.200',
        ns: got({ authority: ns, additional: [rec('ns.sec. 3600 IN A 192.0.2.53')] }),
        ds: got({ aa: true, answer: ds, edns: dnssecEdns }),
      },
    ],
    nameServers: [
      {
        name: 'ns.sec.',
        inParent: true,
        inChild: true,
        glue: ['192.0.2.53'],
        ipv4: resolved(['192.0.2.53']),
        ipv6: { status: 'nodata', addresses: [] },
      },
    ],
    servers: [server],
    mxTargets: [],
  };
  return {
    name: zone,
    zone,
    walk: { zones: ['.', zone], failures: [], queries: 3 },
    cuts: [cut],
    now: options.now ?? Date.UTC(2030, 0, 1) / 1000,
    timeoutMs: 2000,
    queries: 30,
    totalMs: 80,
  };
}

/** Renames a name server everywhere the data holds its name (records, labels, probes): the same zone, spelled otherwise. */
export function renameServer(data: CheckData, from: string, to: string): CheckData {
  const rename = (value: unknown): unknown => {
    if (value === from) return to;
    if (Array.isArray(value)) return value.map(rename);
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rename(inner)]));
  };
  return rename(data) as CheckData;
}
