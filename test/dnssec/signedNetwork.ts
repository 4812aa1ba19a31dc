/**
 * A fake validating-resolver view of the signed fixture zones: answers (name, type) with the RRset
 * and its RRSIGs, CNAMEs followed, wildcards expanded, and negative replies carrying the SOA and
 * every NSEC/NSEC3 record of the zone with their signatures. Counts queries.
 */
import { isSubdomain, labelCount, namesEqual } from '../../src/wire/name.js';
import type { DnssecFetch } from '../../src/dnssec/types.js';
import type { Message, ResourceRecord } from '../../src/wire/types.js';
import { reply } from '../resolve/fakeMessages.js';
import { loadSignedZone, parseRecord } from './signedZone.js';

/** A zone served by the fake. */
export interface SignedZone {
  origin: string;
  records: ResourceRecord[];
}

const RRSIG = 46;

/** The fixture hierarchy: `.` (ECDSA) with ec. (ECDSA, NSEC) and sec. (RSA, NSEC3 opt-out), ed.sec. (Ed25519), ins.sec. (unsigned). */
export function fixtureZones(): SignedZone[] {
  return [
    { origin: '.', records: loadSignedZone('root.signed') },
    { origin: 'ec.', records: loadSignedZone('ec.signed') },
    { origin: 'sec.', records: loadSignedZone('sec.signed') },
    { origin: 'ed.sec.', records: loadSignedZone('ed.sec.signed') },
    { origin: 'ins.sec.', records: loadSignedZone('ins.sec.full') },
  ];
}

/** dn.test. (ECDSA, NSEC), signed on its own with DNAMEs to ec. and within itself; its DS is in fixtures/dname/dn.test.ds. */
export function dnameZone(): SignedZone {
  return { origin: 'dn.test.', records: loadSignedZone('dname/dn.test.signed') };
}

function sigsOf(records: ResourceRecord[], name: string, type: number): ResourceRecord[] {
  return records.filter((r) => r.rdata.type === 'RRSIG' && namesEqual(r.name, name) && r.rdata.typeCovered === type);
}

/** The zone that answers for `name`: the deepest origin above it; DS goes to the parent of a zone apex. */
function zoneFor(zones: SignedZone[], name: string, type: number): SignedZone {
  const above = zones.filter(
    (z) => isSubdomain(name, z.origin) && !(type === 43 && namesEqual(z.origin, name) && z.origin !== '.'),
  );
  return above.sort((a, b) => labelCount(b.origin) - labelCount(a.origin))[0];
}

function negative(zone: SignedZone, rcode: number): Message {
  const denial = zone.records.filter((r) => r.type === 47 || r.type === 50 || r.type === 6);
  const sigs = denial.flatMap((r) => sigsOf(zone.records, r.name, r.type)).filter((r, i, all) => all.indexOf(r) === i);
  return reply({ rcode, authority: [...denial, ...sigs] });
}

/** Answers one question from the zones. */
export function answer(zones: SignedZone[], name: string, type: number, depth = 0): Message {
  const zone = zoneFor(zones, name, type);
  const { records } = zone;
  const exact = records.filter((r) => namesEqual(r.name, name) && r.type !== RRSIG);
  // ANY: every RRset at the name, with its RRSIGs.
  const rrset = exact.filter((r) => r.type === type || (type === 255 && r.type !== 50));
  if (rrset.length > 0) {
    const types = [...new Set(rrset.map((r) => r.type))];
    return reply({ answer: [...rrset, ...types.flatMap((t) => sigsOf(records, name, t))] });
  }
  const cname = exact.filter((r) => r.type === 5);
  if (cname.length > 0 && depth < 8) {
    const target = cname[0].rdata.type === 'CNAME' ? cname[0].rdata.target : '.';
    const next = answer(zones, target, type, depth + 1);
    return { ...next, answer: [...cname, ...sigsOf(records, name, 5), ...next.answer] };
  }
  // Below a DNAME (RFC 6672): the DNAME, an unsigned CNAME synthesized from it, then the answer for the new name.
  const dname = records
    .filter((r) => r.type === 39 && isSubdomain(name, r.name) && !namesEqual(name, r.name))
    .sort((a, b) => labelCount(b.name) - labelCount(a.name))[0];
  if (dname && depth < 8) {
    const prefix = name.slice(0, name.length - dname.name.length);
    const target = `${prefix}${dname.rdata.type === 'DNAME' ? dname.rdata.target : '.'}`;
    const next = answer(zones, target, type, depth + 1);
    const synthesized = parseRecord(`${name} ${dname.ttl} IN CNAME ${target}`);
    return { ...next, answer: [dname, ...sigsOf(records, dname.name, 39), synthesized, ...next.answer] };
  }
  const exists = records.some((r) => isSubdomain(r.name, name) && r.type !== 50 && r.type !== RRSIG);
  if (exists) return negative(zone, 0);
  const wildcard = `*.${name.split('.').slice(1).join('.')}`;
  const expanded = records.filter((r) => namesEqual(r.name, wildcard) && r.type === type);
  if (expanded.length > 0) {
    const sigs = sigsOf(records, wildcard, type).map((r) => ({ ...r, name }));
    return reply({
      answer: [...expanded.map((r) => ({ ...r, name })), ...sigs],
      authority: negative(zone, 0).authority.filter(
        (r) => r.type !== 6 && !(r.rdata.type === 'RRSIG' && r.rdata.typeCovered === 6),
      ),
    });
  }
  // A wildcard that exists without the type: NODATA.
  if (records.some((r) => namesEqual(r.name, wildcard))) return negative(zone, 0);
  return negative(zone, 3);
}

/** A DnssecFetch over the zones, with a log of questions asked; `tamper` may change any reply. */
export function signedNetwork(
  zones: SignedZone[],
  tamper?: (name: string, type: number, message: Message) => Message,
): { fetch: DnssecFetch; asked: string[] } {
  const asked: string[] = [];
  const fetch: DnssecFetch = async (name, type) => {
    asked.push(`${name} ${type}`);
    const message = answer(zones, name, type);
    return tamper ? tamper(name, type, message) : message;
  };
  return { fetch, asked };
}
