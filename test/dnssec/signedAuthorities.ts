/**
 * The signed fixture zones as a network of authoritative servers, one loopback address per zone
 * (never contacted: the QueryFn answers in process). A server answers from its own zone and refers
 * below its cuts with the NS set, the DS RRset and its RRSIGs (or the zone's NSEC/NSEC3 proofs when
 * there is no DS) and glue pointing at the child's address, as +trace expects.
 */
import { isSubdomain, labelCount, namesEqual } from '../../src/wire/name.js';
import type { Exchange, ExchangeSettings, QueryFn } from '../../src/resolve/types.js';
import type { Message, Question, ResourceRecord } from '../../src/wire/types.js';
import { reply } from '../resolve/fakeMessages.js';
import { parseRecord } from './signedZone.js';
import { answer, fixtureZones, type SignedZone } from './signedNetwork.js';

/** Each fixture zone's server address. */
export const ZONE_ADDRESSES: Readonly<Record<string, string>> = {
  '.': '127.0.0.1',
  'ec.': '127.0.0.2',
  'sec.': '127.0.0.3',
  'ed.sec.': '127.0.0.4',
  'ins.sec.': '127.0.0.5',
};

/** Root hints naming the fixture root's server. */
export const FIXTURE_ROOT_HINTS = '.  3600000  NS  ns.root.\nns.root.  3600000  A  127.0.0.1\n';

const NS = 2;
const DS = 43;
const RRSIG = 46;
const NSEC = 47;
const NSEC3 = 50;

function covers(record: ResourceRecord, type: number): boolean {
  return record.type === RRSIG && record.rdata.type === 'RRSIG' && record.rdata.typeCovered === type;
}

/** The child zone of `zone` that `name` falls in, if any (DS at the child's apex stays with the parent). */
function childCut(zones: SignedZone[], zone: SignedZone, name: string, type: number): SignedZone | undefined {
  const below = zones.filter(
    (z) =>
      z !== zone &&
      isSubdomain(z.origin, zone.origin) &&
      isSubdomain(name, z.origin) &&
      !(type === DS && namesEqual(name, z.origin)),
  );
  return below.sort((a, b) => labelCount(a.origin) - labelCount(b.origin))[0];
}

function referral(zone: SignedZone, child: string): Message {
  const at = zone.records.filter((r) => namesEqual(r.name, child));
  const ns = at.filter((r) => r.type === NS);
  const ds = at.filter((r) => r.type === DS || covers(r, DS));
  const proofs =
    ds.length > 0
      ? []
      : zone.records.filter((r) => r.type === NSEC || r.type === NSEC3 || covers(r, NSEC) || covers(r, NSEC3));
  // Glue with its RDATA, so that the referral can go on the wire too (signedWire.ts).
  const glue = ns.map((r) =>
    parseRecord(`${r.rdata.type === 'NS' ? r.rdata.target : '.'} 3600 IN A ${ZONE_ADDRESSES[child]}`),
  );
  return reply({ authority: [...ns, ...ds, ...proofs], additional: glue });
}

/** What the server of `zone` answers. */
function serve(zones: SignedZone[], zone: SignedZone, question: Question): Message {
  if (!isSubdomain(question.name, zone.origin)) return reply({ rcode: 5 });
  const child = childCut(zones, zone, question.name, question.type);
  if (child) return referral(zone, child.origin);
  return { ...answer(zones, question.name, question.type), aa: true };
}

/** The QueryFn over the authorities, what was sent, and a hook to change any reply. */
export function signedAuthorities(tamper?: (server: string, question: Question, message: Message) => Message): {
  query: QueryFn;
  sent: { server: string; question: Question; settings: ExchangeSettings }[];
} {
  const zones = fixtureZones();
  const sent: { server: string; question: Question; settings: ExchangeSettings }[] = [];
  const query: QueryFn = async (server, question, settings) => {
    sent.push({ server: server.address, question, settings });
    const zone = zones.find((z) => ZONE_ADDRESSES[z.origin] === server.address);
    let response: Message = zone ? serve(zones, zone, question) : reply({ rcode: 5 });
    if (tamper) response = tamper(server.address, question, response);
    const exchange: Exchange = {
      server,
      protocol: 'udp',
      question,
      query: new Uint8Array(12),
      raw: new Uint8Array(12),
      response: { ...response, question: [question] },
      rttMs: 1,
      receivedAt: new Date(0),
    };
    return exchange;
  };
  return { query, sent };
}
