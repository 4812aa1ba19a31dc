/**
 * A deliberately simple iterative resolver over the test hierarchy, used to check that the
 * hierarchy's data and its expected cases agree (strict bailiwick: glue only for names under the child).
 */
import { buildQuery, decode, udpQuery, type DecodedRecord } from './dnsClient.js';
import { canonicalName, isAtOrBelow } from './zoneAnswer.js';
import { ADDR } from './hierarchyZones.js';
import type { ExpectedRecord, TraceOutcome } from './hierarchyCases.js';

/** What a walk found, in the shape of a TraceCase. */
export interface WalkResult {
  zones: string[];
  outcome: TraceOutcome;
  answer: ExpectedRecord[];
  answeredBy?: string;
  /** Every address queried, in order (including lookups of glueless name servers). */
  asked: string[];
}

const absolute = (name: string): string => (name === '.' || name === '' ? '.' : `${name.replace(/\.$/, '')}.`);

/** Presentation form of the record types the hierarchy uses. */
export function presentation(record: DecodedRecord): ExpectedRecord {
  const data = record.data;
  let text: string;
  if (record.type === 'MX') text = `${data.preference} ${absolute(data.exchange)}`;
  else if (['CNAME', 'PTR', 'NS'].includes(record.type)) text = absolute(String(data));
  else if (record.type === 'TXT') text = (data as Buffer[]).map((b) => `"${b.toString()}"`).join(' ');
  else text = String(data);
  return { name: absolute(record.name), type: record.type, data: text };
}

interface NameServer {
  name: string;
  addresses?: string[];
}

/** Walks from the root at ADDR.root for `name`/`type`, with a per-query wait of `waitMs`. */
export async function referenceWalk(
  port: number,
  name: string,
  type: string,
  waitMs = 300,
  depth = 0,
): Promise<WalkResult> {
  const result: WalkResult = { zones: ['.'], outcome: 'no-servers', answer: [], asked: [] };
  let zone = '';
  let servers: NameServer[] = [{ name: 'a.root-servers.test.', addresses: [ADDR.root] }];
  for (let hop = 0; hop < 16; hop++) {
    const reply = await firstUsableReply(port, servers, name, type, waitMs, depth, result.asked);
    if (!reply) return { ...result, outcome: 'no-servers' };
    const { message, address } = reply;
    result.answeredBy = address;
    if (message.rcode === 'NXDOMAIN') return { ...result, outcome: 'nxdomain' };
    if (message.answers.length > 0) return { ...result, outcome: 'answer', answer: message.answers.map(presentation) };
    const ns = message.authorities.filter((r) => r.type === 'NS');
    if (message.flag_aa || ns.length === 0) return { ...result, outcome: 'nodata' };
    const child = canonicalName(ns[0]!.name);
    delete result.answeredBy;
    if (child === zone) return { ...result, outcome: 'referral-loop' };
    if (!isAtOrBelow(child, zone) || child.length <= zone.length) return { ...result, outcome: 'upward-referral' };
    zone = child;
    result.zones.push(absolute(child));
    servers = ns.map((r) => {
      const nsName = canonicalName(String(r.data));
      const glue = message.additionals.filter(
        (g) => canonicalName(g.name) === nsName && (g.type === 'A' || g.type === 'AAAA'),
      );
      return {
        name: nsName,
        addresses: isAtOrBelow(nsName, child) && glue.length > 0 ? glue.map((g) => String(g.data)) : undefined,
      };
    });
  }
  return { ...result, outcome: 'referral-loop' };
}

async function firstUsableReply(
  port: number,
  servers: NameServer[],
  name: string,
  type: string,
  waitMs: number,
  depth: number,
  asked: string[],
) {
  for (const server of servers) {
    const addresses =
      server.addresses ?? (depth < 3 ? await lookupAddresses(port, server.name, waitMs, depth, asked) : []);
    for (const address of addresses) {
      asked.push(address);
      const raw = await udpQuery({ address, port }, buildQuery({ name, type }), waitMs).catch(() => null);
      if (!raw) continue;
      const message = decode(raw);
      if (message.rcode !== 'NOERROR' && message.rcode !== 'NXDOMAIN') continue;
      const lame =
        !message.flag_aa && message.answers.length === 0 && !message.authorities.some((r) => r.type === 'NS');
      if (!lame) return { message, address };
    }
  }
  return null;
}

async function lookupAddresses(
  port: number,
  name: string,
  waitMs: number,
  depth: number,
  asked: string[],
): Promise<string[]> {
  const found: string[] = [];
  for (const type of ['A', 'AAAA']) {
    const walk = await referenceWalk(port, name, type, waitMs, depth + 1);
    asked.push(...walk.asked);
    found.push(...walk.answer.filter((r) => r.type === type).map((r) => r.data));
  }
  return found;
}
