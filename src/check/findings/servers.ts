/**
 * Does every name-server address answer, authoritatively, over UDP and TCP? Lame, refusing, silent
 * and unreachable servers, IPv4 and IPv6 apart; TCP (RFC 7766); open recursion (BCP 140).
 */
import { RCODE } from '../../wire/rrtypes.js';
import type { CheckData, CutData, Finding, ServerData } from '../types.js';
import { count, countWith, familyLabel, finding, isIpv6, listText, replyOf, serverLabel } from './finding.js';
import { serverStates, type ServerState } from './serverState.js';

const LAME_REF = 'RFC 1912 2.8';
const SILENT_REF = 'RFC 8906';

/** The finding for one address that gave no usable answer over UDP (and TCP, when it was asked). */
function failingServer(cut: CutData, data: CheckData, server: ServerData): Finding | undefined {
  const { udp, tcp } = serverStates(server, cut.zone);
  const label = serverLabel(server);
  const family = familyLabel(server.address);
  const servers = [label];
  const evidence = { address: server.address, family, udp: udp.kind, tcp: tcp.kind };
  if (udp.kind === 'authoritative') return undefined;
  if (tcp.kind === 'authoritative') {
    return finding(
      cut,
      'server.udp',
      'error',
      `${label} answers over TCP but not over UDP (${describe(udp, data)})`,
      SILENT_REF,
      servers,
      evidence,
    );
  }
  switch (udp.kind) {
    case 'lame':
      return finding(
        cut,
        'server.lame',
        'error',
        `${label} is lame for ${cut.zone}: ${udp.reason}`,
        LAME_REF,
        servers,
        {
          ...evidence,
          reason: udp.reason,
        },
      );
    case 'refused':
      return finding(
        cut,
        'server.refused',
        'error',
        `${label} refuses queries for ${cut.zone}`,
        LAME_REF,
        servers,
        evidence,
      );
    case 'silent':
      return finding(
        cut,
        'server.silent',
        'error',
        tcp.kind === 'malformed'
          ? `${label} never answered over UDP over ${family} (${data.timeoutMs} ms timeout); over TCP it sent a malformed reply: ${tcp.reason}`
          : `${label} never answered over ${family} (${data.timeoutMs} ms timeout${tcp.kind === 'silent' ? ', UDP and TCP' : ''})`,
        SILENT_REF,
        servers,
        evidence,
      );
    case 'unreachable':
      return finding(
        cut,
        'server.unreachable',
        'error',
        `${label} is unreachable over ${family}: ${udp.reason}`,
        SILENT_REF,
        servers,
        evidence,
      );
    case 'malformed':
      return finding(
        cut,
        'server.malformed',
        'error',
        `${label} sent a malformed reply: ${udp.reason}`,
        'RFC 1035 4.1',
        servers,
        evidence,
      );
    case 'missing':
      return undefined;
  }
}

/** A state in a few words, for a message. */
function describe(state: ServerState, data: CheckData): string {
  switch (state.kind) {
    case 'silent':
      return `no reply within ${data.timeoutMs} ms`;
    case 'lame':
    case 'unreachable':
    case 'malformed':
      return state.reason;
    default:
      return state.kind;
  }
}

/** Per address family: ok when every address answers authoritatively; an error when none does. */
function familySummary(cut: CutData, v6: boolean, failing: Set<string>): Finding[] {
  const family = v6 ? 'IPv6' : 'IPv4';
  const servers = cut.servers.filter((s) => isIpv6(s.address) === v6);
  const id = v6 ? 'servers.ipv6' : 'servers.ipv4';
  if (servers.length === 0) {
    // BCP 91 asks for a zone reachable over IPv4; IPv6 is advice, given about the zone itself only.
    if (v6 && cut.role !== 'zone') return [];
    return v6
      ? [finding(cut, id, 'notice', `no name server of ${cut.zone} has an IPv6 address`, 'RFC 3901 (BCP 91)')]
      : [finding(cut, id, 'warning', `no name server of ${cut.zone} has an IPv4 address`, 'RFC 3901 (BCP 91)')];
  }
  const good = servers.filter((s) => !failing.has(s.address));
  const labels = servers.map(serverLabel);
  const evidence = { addresses: servers.length, answering: good.length };
  if (good.length === servers.length)
    return [
      finding(
        cut,
        id,
        'ok',
        servers.length === 1
          ? `the one ${family} address answers authoritatively`
          : `all ${servers.length} ${family} addresses answer authoritatively`,
        'RFC 1034 4.2',
        labels,
        evidence,
      ),
    ];
  if (good.length === 0)
    return [
      finding(
        cut,
        id,
        // Without IPv4 a zone is out of reach of IPv4-only resolvers (BCP 91); without IPv6, of IPv6-only ones.
        v6 ? 'warning' : 'error',
        `none of the ${count(servers.length, `${family} address`, `${family} addresses`)} of ${cut.zone} answers authoritatively`,
        'RFC 1034 4.2',
        labels,
        evidence,
      ),
    ];
  return [];
}

/** TCP: every server that answers must answer over TCP too (asked of the zone's own servers only). */
function tcpFindings(cut: CutData, data: CheckData): Finding[] {
  const asked = cut.servers.filter((s) => s.probes.tcp && s.probes.tcp.kind !== 'skipped');
  if (asked.length === 0) return [];
  const failing = asked.filter((s) => {
    const { udp, tcp } = serverStates(s, cut.zone);
    return udp.kind === 'authoritative' && tcp.kind !== 'authoritative';
  });
  const ref = 'RFC 7766 5, RFC 9210';
  const out = failing.map((s) => {
    const state = serverStates(s, cut.zone).tcp;
    return finding(
      cut,
      'transport.tcp',
      'error',
      `${serverLabel(s)} answers over UDP but not over TCP (${describe(state, data)})`,
      ref,
      [serverLabel(s)],
      { address: s.address, tcp: state.kind },
    );
  });
  const good = asked.filter((s) => serverStates(s, cut.zone).tcp.kind === 'authoritative');
  if (failing.length === 0 && good.length > 0)
    out.push(
      finding(
        cut,
        'transport.tcp',
        'ok',
        `${countWith(good.length, 'server', 'answers', 'answer')} over TCP as over UDP`,
        ref,
        good.map(serverLabel),
      ),
    );
  return out;
}

/** Open recursion: an authoritative server that answers RD=1 questions about other zones (BCP 140). */
function recursionFindings(cut: CutData): Finding[] {
  const asked = cut.servers.filter((s) => replyOf(s.probes.recursion));
  if (asked.length === 0) return [];
  const ref = 'RFC 5358 (BCP 140)';
  const open = asked.filter((s) => {
    const message = replyOf(s.probes.recursion)?.message;
    return message?.ra && message.rcode === RCODE.NOERROR && message.answer.length > 0 && !message.aa;
  });
  if (open.length === 0)
    return [
      finding(
        cut,
        'server.recursion',
        'ok',
        `no server of ${cut.zone} recurses for others`,
        ref,
        asked.map(serverLabel),
      ),
    ];
  const labels = open.map(serverLabel);
  return [
    finding(
      cut,
      'server.recursion',
      'warning',
      `${listText(labels)} ${open.length === 1 ? 'answers' : 'answer'} recursive queries for names outside ${cut.zone} (open resolver)`,
      ref,
      labels,
      { addresses: open.map((s) => s.address) },
    ),
  ];
}

/** Every server's own findings, the per-family summaries, TCP and open recursion. */
export function serverFindings(cut: CutData, data: CheckData): Finding[] {
  const out: Finding[] = [];
  const failing = new Set<string>();
  for (const server of cut.servers) {
    const found = failingServer(cut, data, server);
    if (!found) continue;
    out.push(found);
    failing.add(server.address);
  }
  if (cut.servers.length === 0)
    out.push(
      finding(cut, 'servers.none', 'error', `no address found for any name server of ${cut.zone}`, 'RFC 1034 4.2.2'),
    );
  else out.push(...familySummary(cut, false, failing), ...familySummary(cut, true, failing));
  out.push(...tcpFindings(cut, data));
  if (cut.role === 'zone') out.push(...recursionFindings(cut));
  return out;
}
