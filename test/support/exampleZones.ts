/** Small zones for end-to-end lookup tests against one in-process server: example.test. and its reverse zone. */
import type { ZoneData, ZoneRecord } from './zoneAnswer.js';

/** The SOA and NS records every test zone starts with. */
function apex(origin: string, serial: number): ZoneRecord[] {
  return [
    {
      name: origin,
      type: 'SOA',
      ttl: 3600,
      data: {
        mname: 'ns1.example.test.',
        rname: 'hostmaster.example.test.',
        serial,
        refresh: 3600,
        retry: 900,
        expire: 604800,
        minimum: 300,
      },
    },
    { name: origin, type: 'NS', ttl: 3600, data: 'ns1.example.test.' },
  ];
}

/** example.test.: A/AAAA at www, an in-zone CNAME, MX, a TXT-only name (NODATA for A); `extra` records are added. */
export function exampleZone(extra: ZoneRecord[] = []): ZoneData {
  return {
    origin: 'example.test.',
    records: [
      ...apex('example.test.', 7),
      { name: 'ns1.example.test.', type: 'A', ttl: 3600, data: '127.0.0.1' },
      { name: 'www.example.test.', type: 'A', ttl: 300, data: '192.0.2.10' },
      { name: 'www.example.test.', type: 'AAAA', ttl: 300, data: '2001:db8::10' },
      { name: 'alias.example.test.', type: 'CNAME', ttl: 60, data: 'www.example.test.' },
      { name: 'mail.example.test.', type: 'MX', ttl: 300, data: { preference: 10, exchange: 'www.example.test.' } },
      { name: 'txtonly.example.test.', type: 'TXT', ttl: 300, data: 'only text' },
      ...extra,
    ],
  };
}

/** 2.0.192.in-addr.arpa.: the PTR for 192.0.2.10. */
export const reverseZone: ZoneData = {
  origin: '2.0.192.in-addr.arpa.',
  records: [
    ...apex('2.0.192.in-addr.arpa.', 1),
    { name: '10.2.0.192.in-addr.arpa.', type: 'PTR', ttl: 300, data: 'www.example.test.' },
  ],
};

/** A zone at `origin` served by `ns.ORIGIN`: its SOA (serial `serial`, RFC 1912's timers) and NS, then `records`; every TTL 300. */
export function smallZone(
  origin: string,
  serial: number,
  records: Array<[name: string, type: string, data: unknown]>,
): ZoneData {
  const soa = {
    mname: `ns.${origin}`,
    rname: `hostmaster.${origin}`,
    serial,
    refresh: 7200,
    retry: 3600,
    expire: 1209600,
    minimum: 300,
  };
  const all: Array<[string, string, unknown]> = [[origin, 'SOA', soa], [origin, 'NS', `ns.${origin}`], ...records];
  return { origin, records: all.map(([name, type, data]) => ({ name, type, data, ttl: 300 })) };
}
