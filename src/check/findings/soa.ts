/**
 * The SOA: the same serial on every server (RFC 1982 arithmetic: a wrapped serial is newer), a sane
 * MNAME and RNAME, and timers in RFC 1912's ranges.
 */
import { namesEqual } from '../../wire/name.js';
import { answerSoa, type Soa } from '../records.js';
import { compareSerials, newestSerial } from '../../wire/serial.js';
import type { CutData, Finding, ServerData } from '../types.js';
import { finding, listText, replyOf, serverLabel } from './finding.js';
import { isAuthoritative } from './serverState.js';

/** Each authoritative server's SOA (from UDP, else TCP). */
function soas(cut: CutData): Array<{ server: ServerData; soa: Soa }> {
  const out: Array<{ server: ServerData; soa: Soa }> = [];
  for (const server of cut.servers) {
    if (!isAuthoritative(server, cut.zone)) continue;
    const reply = replyOf(server.probes.soa) ?? replyOf(server.probes.tcp);
    const soa = reply && answerSoa(reply.message, cut.zone);
    if (soa) out.push({ server, soa });
  }
  return out;
}

/** Serials: equal everywhere, or who lags behind the newest. */
function serialFindings(cut: CutData, found: Array<{ server: ServerData; soa: Soa }>): Finding[] {
  const ref = 'RFC 1982, RFC 1996';
  const bySerial = new Map<number, string[]>();
  for (const { server, soa } of found)
    bySerial.set(soa.serial, [...(bySerial.get(soa.serial) ?? []), serverLabel(server)]);
  const evidence = { serials: Object.fromEntries([...bySerial].map(([serial, servers]) => [String(serial), servers])) };
  const serials = [...bySerial.keys()];
  if (serials.length === 1)
    return [
      finding(
        cut,
        'soa.serial',
        'ok',
        `every server serves serial ${serials[0]}`,
        ref,
        found.map((f) => serverLabel(f.server)),
        evidence,
      ),
    ];
  const newest = newestSerial(serials);
  if (newest === undefined)
    return [
      finding(
        cut,
        'soa.serial',
        'error',
        `the serials ${listText(serials.map(String))} have no order in serial arithmetic (some are 2^31 apart)`,
        ref,
        found.map((f) => serverLabel(f.server)),
        evidence,
      ),
    ];
  const older = serials.filter((s) => s !== newest);
  const wrapped = older.some((s) => s > newest && compareSerials(newest, s) === 'newer');
  const lagging = older.map((s) => `${s} on ${listText(bySerial.get(s) ?? [])}`);
  const behind = older.flatMap((s) => bySerial.get(s) ?? []);
  return [
    finding(
      cut,
      'soa.serial',
      'warning',
      `serials differ: ${newest} (newest${wrapped ? ', after wrapping' : ''}) on ${listText(bySerial.get(newest) ?? [])}; ${lagging.join('; ')}`,
      ref,
      behind,
      { ...evidence, newest, wrapped },
    ),
  ];
}

/** MNAME names a host (ideally one of the name servers); RNAME is a mailbox. */
function nameFindings(cut: CutData, soa: Soa): Finding[] {
  const out: Finding[] = [];
  const mname = soa.mname;
  const nsNames = cut.nameServers.map((ns) => ns.name);
  if (mname === '.' || /^localhost\.?$/i.test(mname))
    out.push(
      finding(
        cut,
        'soa.mname',
        'warning',
        `SOA MNAME is ${mname}, not the primary's host name`,
        'RFC 1035 3.3.13, RFC 1996',
        [],
        { mname },
      ),
    );
  else if (!nsNames.some((n) => namesEqual(n, mname)))
    out.push(
      finding(
        cut,
        'soa.mname',
        'notice',
        `SOA MNAME ${mname} is not one of the NS names (a hidden primary?)`,
        'RFC 1035 3.3.13, RFC 1996',
        [mname],
        { mname },
      ),
    );
  else
    out.push(
      finding(cut, 'soa.mname', 'ok', `SOA MNAME ${mname} is one of the name servers`, 'RFC 1035 3.3.13', [mname], {
        mname,
      }),
    );
  const rname = soa.rname;
  // The first label is the mailbox's local part: a domain must follow it.
  const labels = rname.replace(/\\\./g, '').split('.').filter(Boolean);
  if (rname.includes('@') || labels.length < 2)
    out.push(
      finding(
        cut,
        'soa.rname',
        'warning',
        `SOA RNAME ${rname} is not a mailbox (the @ of the address is the first dot)`,
        'RFC 1035 3.3.13, RFC 2142',
        [],
        { rname },
      ),
    );
  else out.push(finding(cut, 'soa.rname', 'ok', `SOA RNAME ${rname} is a mailbox`, 'RFC 1035 3.3.13', [], { rname }));
  return out;
}

/** RFC 1912 2.2's advice: refresh 20 min-12 h, retry below refresh, expire 2-4 weeks; RFC 2308's negative TTL of at most a day. */
function timerFindings(cut: CutData, soa: Soa): Finding[] {
  const { refresh, retry, expire, minimum } = soa;
  const timers = { refresh, retry, expire, minimum };
  const broken: string[] = [];
  if (retry >= refresh) broken.push(`retry ${retry} is not below refresh ${refresh}`);
  if (expire <= refresh + retry) broken.push(`expire ${expire} is not above refresh + retry (${refresh + retry})`);
  if (broken.length > 0)
    return [
      finding(
        cut,
        'soa.timers',
        'warning',
        `SOA timers are inconsistent: ${broken.join('; ')}`,
        'RFC 1912 2.2',
        [],
        timers,
      ),
    ];
  const advice: string[] = [];
  if (refresh < 1200 || refresh > 43200) advice.push(`refresh ${refresh} (advised 1200-43200)`);
  if (retry < 120) advice.push(`retry ${retry} (advised at least 120)`);
  if (expire < 1209600 || expire > 2419200) advice.push(`expire ${expire} (advised 1209600-2419200)`);
  if (minimum < 300 || minimum > 86400) advice.push(`minimum ${minimum} (negative TTL, advised 300-86400)`);
  if (advice.length > 0)
    return [
      finding(
        cut,
        'soa.timers',
        'notice',
        `SOA timers outside the advised ranges: ${advice.join(', ')}`,
        'RFC 1912 2.2, RFC 2308 5',
        [],
        timers,
      ),
    ];
  return [
    finding(
      cut,
      'soa.timers',
      'ok',
      `SOA timers refresh ${refresh}, retry ${retry}, expire ${expire}, minimum ${minimum} are within the advised ranges`,
      'RFC 1912 2.2',
      [],
      timers,
    ),
  ];
}

/** Every SOA finding of the zone being checked. */
export function soaFindings(cut: CutData): Finding[] {
  const found = soas(cut);
  if (found.length === 0) return [];
  const serials = serialFindings(cut, found);
  if (cut.role !== 'zone') return serials;
  // The newest SOA speaks for the zone: the others are on their way to it.
  const newest = newestSerial(found.map((f) => f.soa.serial));
  const soa = found.find((f) => f.soa.serial === newest)?.soa ?? found[0].soa;
  return [...serials, ...nameFindings(cut, soa), ...timerFindings(cut, soa)];
}
