/** Names: no CNAME at the apex, NS and MX targets that are not aliases, NS names that resolve. */
import { namesEqual } from '../../wire/name.js';
import { TYPE } from '../../wire/rrtypes.js';
import { recordsAt, targetsOf } from '../records.js';
import type { CutData, Finding, NameServerData, Resolution } from '../types.js';
import { finding, listText, replyOf, serverLabel } from './finding.js';

/** The apex must hold no CNAME: it always has SOA and NS (RFC 1034 3.6.2, RFC 2181 10.1). */
function apexFindings(cut: CutData): Finding[] {
  const ref = 'RFC 1034 3.6.2, RFC 2181 10.1';
  const found = new Map<string, string[]>();
  let asked = 0;
  for (const server of cut.servers) {
    const replies = [replyOf(server.probes.cname), replyOf(server.probes.soa)];
    if (!replies[0]) continue;
    asked++;
    for (const reply of replies) {
      for (const target of reply ? targetsOf(recordsAt(reply.message.answer, cut.zone, TYPE.CNAME)) : []) {
        const servers = found.get(target) ?? [];
        if (!servers.includes(serverLabel(server))) servers.push(serverLabel(server));
        found.set(target, servers);
      }
    }
  }
  if (asked === 0) return [];
  if (found.size === 0) return [finding(cut, 'apex.cname', 'ok', `no CNAME at the apex of ${cut.zone}`, ref)];
  return [...found].map(([target, servers]) =>
    finding(
      cut,
      'apex.cname',
      'error',
      `${cut.zone} has a CNAME to ${target} at its apex, beside its SOA and NS`,
      ref,
      servers,
      {
        target,
      },
    ),
  );
}

/** Both address types of a name server, looked at together. */
function resolutions(ns: NameServerData): Resolution[] {
  return [ns.ipv4, ns.ipv6];
}

/** Why a name has no address: NXDOMAIN, no address records, or the lookup's failure. */
function whyUnresolved(ns: NameServerData): string {
  const [v4, v6] = resolutions(ns);
  if (v4.status === 'nxdomain' || v6.status === 'nxdomain') return 'NXDOMAIN';
  if (v4.status === 'nodata' && v6.status === 'nodata') return 'no A or AAAA record';
  return v4.error ?? v6.error ?? 'no address found';
}

/** NS names: no aliases (RFC 2181 10.3), and each resolves by iteration from the root. */
function nsNameFindings(cut: CutData): Finding[] {
  const out: Finding[] = [];
  const good: string[] = [];
  for (const ns of cut.nameServers) {
    const alias = resolutions(ns).find((r) => r.cname !== undefined)?.cname;
    if (alias !== undefined) {
      out.push(
        finding(
          cut,
          'ns.cname',
          'error',
          `NS name ${ns.name} is an alias (CNAME to ${alias})`,
          'RFC 2181 10.3',
          [ns.name],
          {
            name: ns.name,
            target: alias,
          },
        ),
      );
      continue;
    }
    const addresses = resolutions(ns).flatMap((r) => r.addresses);
    if (addresses.length === 0) {
      const why = whyUnresolved(ns);
      // The root's servers come from the root hints, not from a parent's glue.
      const source = cut.parent ? `the glue in ${cut.parent} gives` : 'the root hints give';
      const glued = ns.glue.length > 0 ? `; only ${source} it an address` : '';
      out.push(
        finding(
          cut,
          'ns.resolves',
          'error',
          `NS name ${ns.name} does not resolve from the root (${why})${glued}`,
          'RFC 1034 4.2.2',
          [ns.name],
          {
            name: ns.name,
            ipv4: ns.ipv4.status,
            ipv6: ns.ipv6.status,
          },
        ),
      );
      continue;
    }
    good.push(ns.name);
  }
  if (good.length > 0 && out.length === 0)
    out.push(
      finding(
        cut,
        'ns.resolves',
        'ok',
        `every NS name resolves from the root: ${listText(good)}`,
        'RFC 1034 4.2.2',
        good,
      ),
    );
  return out;
}

/** MX targets: no aliases (RFC 2181 10.3, RFC 5321 5.1), and each resolves. */
function mxFindings(cut: CutData): Finding[] {
  const ref = 'RFC 2181 10.3, RFC 5321 5.1';
  const out: Finding[] = [];
  const good: string[] = [];
  for (const { name, resolution } of cut.mxTargets) {
    // A null MX (RFC 7505) says the domain takes no mail.
    if (namesEqual(name, '.')) continue;
    if (resolution.cname !== undefined)
      out.push(
        finding(cut, 'mx.cname', 'warning', `MX target ${name} is an alias (CNAME to ${resolution.cname})`, ref, [], {
          name,
          target: resolution.cname,
        }),
      );
    else if (resolution.addresses.length === 0)
      out.push(
        finding(cut, 'mx.resolves', 'warning', `MX target ${name} has no address (${resolution.status})`, ref, [], {
          name,
        }),
      );
    else good.push(name);
  }
  if (good.length > 0 && out.length === 0)
    out.push(finding(cut, 'mx.cname', 'ok', `MX targets ${listText(good)} are host names with addresses`, ref));
  return out;
}

/** Every name finding of one cut (MX only for the zone being checked). */
export function nameFindings(cut: CutData): Finding[] {
  return [...apexFindings(cut), ...nsNameFindings(cut), ...(cut.role === 'zone' ? mxFindings(cut) : [])];
}
