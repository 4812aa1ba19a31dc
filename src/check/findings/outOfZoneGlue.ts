/**
 * Glue outside the parent's zone: address records a parent server adds to its referral for names it
 * is not authoritative for. The walk ignores them (RFC 2181 5.4.1: they rank below any answer, and
 * trusting them is how caches get poisoned); this check says which parent servers send them. Sibling
 * glue, for a name in another zone under the same parent, is inside the parent's zone and legitimate
 * (RFC 9471 2.2), so it is not named here.
 */
import { isSubdomain } from '../../wire/name.js';
import { rdataAddress } from '../../wire/rdata/rdata.js';
import { typeName } from '../../wire/rrtypes.js';
import type { CutData, Finding } from '../types.js';
import { finding, listText, replyOf, serverLabel } from './finding.js';

const REF = 'RFC 2181 5.4.1, RFC 9471';
/** Records named in the message at most; the evidence holds them all (a hostile parent may send hundreds). */
const LISTED = 4;

/** One out-of-zone address record and the parent servers that sent it. */
interface SentRecord {
  name: string;
  type: string;
  address: string;
  servers: string[];
}

/** `ns.victim. A 192.0.2.66 from a.nic.test. (192.0.2.100)`. */
function recordText(rr: SentRecord): string {
  return `${rr.name} ${rr.type} ${rr.address} from ${listText(rr.servers)}`;
}

/** The address records outside the parent's zone in each parent server's referral, merged across servers. */
function sentRecords(cut: CutData, parent: string): SentRecord[] {
  const byRecord = new Map<string, SentRecord>();
  for (const server of cut.parentServers) {
    const reply = replyOf(server.ns);
    if (!reply) continue;
    const label = serverLabel({ address: server.address, names: [server.name] });
    for (const rr of reply.message.additional) {
      const address = rdataAddress(rr.rdata);
      if (address === undefined || isSubdomain(rr.name, parent)) continue;
      const type = typeName(rr.type);
      const key = `${rr.name.toLowerCase()} ${type} ${address}`;
      const sent = byRecord.get(key) ?? { name: rr.name, type, address, servers: [] };
      if (!sent.servers.includes(label)) sent.servers.push(label);
      byRecord.set(key, sent);
    }
  }
  return [...byRecord.values()];
}

/** A warning when any server of the parent sends address records outside its own zone with the referral. */
export function outOfZoneGlueFindings(cut: CutData): Finding[] {
  const parent = cut.parent;
  if (parent === undefined) return [];
  const records = sentRecords(cut, parent);
  if (records.length === 0) return [];
  const servers = [...new Set(records.flatMap((rr) => rr.servers))];
  const listed = records.slice(0, LISTED).map(recordText);
  const more = records.length > LISTED ? `; and ${records.length - LISTED} more` : '';
  return [
    finding(
      cut,
      'delegation.glue-out-of-zone',
      'warning',
      `${parent} gives address records outside its zone with the referral to ${cut.zone} (ignored): ${listed.join('; ')}${more}`,
      REF,
      servers,
      { records },
    ),
  ];
}
