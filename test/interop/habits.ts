/**
 * dig's habits against BIND, NSD, Knot and Unbound: server lists with a dead first server, +short
 * when nothing answers, +tries/+timeout/+retry edges, +idnout into a pipe, extra types, and the
 * BADVERS retry line under +nocomments. The same command line goes to dig and to tsdig.
 */
import type { ServerId } from './layout.js';

/** A loopback address inside the suite's range where nothing listens: UDP gets port unreachable. */
export const DEAD_ADDRESS = '127.53.0.99';

/** One command line for both tools. `text`: compared as text (authoritative servers); else parsed (the resolver's TTLs move). */
export interface HabitRow {
  readonly title: string;
  readonly args: readonly string[];
  readonly compare: 'text' | 'parsed';
}

/** Where the rows send their queries. */
export interface HabitTargets {
  readonly port: number;
  readonly servers: Readonly<Record<ServerId, string>>;
  readonly resolver: string;
}

const FAST = ['+timeout=1', '+tries=1'];

/** Every habit row, with the suite's addresses and port filled in; every row starts with its @servers. */
export function habitRows({ port, servers, resolver }: HabitTargets): HabitRow[] {
  const at = (...addresses: string[]): string[] => [...addresses.map((a) => `@${a}`), '-p', String(port)];
  const row = (title: string, args: string[], compare: HabitRow['compare'] = 'text'): HabitRow => ({
    title,
    args,
    compare,
  });
  return [
    // 1. several @servers: a server list, tried in order
    row('dead first server, BIND answers', [
      ...at(DEAD_ADDRESS, servers.named),
      'www.named.lab',
      '+norecurse',
      ...FAST,
    ]),
    row('dead first server, Knot answers (+short)', [
      ...at(DEAD_ADDRESS, servers.knot),
      '+short',
      'www.knot.lab',
      '+norecurse',
      ...FAST,
    ]),
    row('REFUSED from Knot stands; NSD is not asked', [...at(servers.knot, servers.nsd), 'www.lame.lab', '+norecurse']),
    row('dead first server, Unbound answers', [...at(DEAD_ADDRESS, resolver), 'www.signed.example', ...FAST], 'parsed'),
    row("a query's own @server joins the list", [...at(DEAD_ADDRESS), 'www.nsd.lab', `@${servers.nsd}`, '+norecurse']),
    // 2. +short when nothing answers
    row('+short, dead server', [...at(DEAD_ADDRESS), '+short', 'www.named.lab', ...FAST]),
    row('+short, every server of the list dead', [
      ...at(DEAD_ADDRESS, DEAD_ADDRESS),
      '+short',
      'www.knot.lab',
      ...FAST,
    ]),
    row('+nocmd, dead server', [...at(DEAD_ADDRESS), '+nocmd', 'www.nsd.lab', ...FAST]),
    // 4. +tries, +timeout and +retry at their edges
    row('+tries=0 +timeout=0 against BIND', [
      ...at(servers.named),
      '+tries=0',
      '+timeout=0',
      'named.lab',
      'SOA',
      '+norecurse',
    ]),
    row('+retry=0 with a dead first server, NSD answers', [
      ...at(DEAD_ADDRESS, servers.nsd),
      '+retry=0',
      '+short',
      'nsd.lab',
      'MX',
      '+norecurse',
    ]),
    row('+tries=3 to a dead server', [...at(DEAD_ADDRESS), '+tries=3', '+short', 'www.named.lab']),
    // 5. +idnout into a pipe
    row('+idnout: Unicode from Knot into a pipe', [
      ...at(servers.knot),
      '+noall',
      '+answer',
      '+idnout',
      'xn--caf-dma.knot.lab',
      '+norecurse',
    ]),
    row('without +idnout: A-labels', [...at(servers.nsd), '+noall', '+answer', 'xn--caf-dma.nsd.lab', '+norecurse']),
    // 6. extra types, and comments under +nocomments
    row('name A AAAA: the warning, and AAAA asked', [...at(servers.named), 'www.named.lab', 'A', 'AAAA', '+norecurse']),
    row('-t A -t MX', [...at(servers.knot), '+short', '-t', 'A', '-t', 'MX', 'knot.lab', '+norecurse']),
    row('name IN CH: the class warning', [...at(servers.nsd), '+short', 'version.bind', 'IN', 'CH', 'TXT']),
    row('+edns=1 at BIND: the BADVERS line', [...at(servers.named), '+edns=1', 'www.named.lab', '+norecurse']),
    row('+edns=1 +nocomments at Knot', [...at(servers.knot), '+edns=1', '+nocomments', 'www.knot.lab', '+norecurse']),
    row('+edns=1 +noall +answer at NSD', [
      ...at(servers.nsd),
      '+edns=1',
      '+noall',
      '+answer',
      'www.nsd.lab',
      '+norecurse',
    ]),
    row('+edns=1 +short at BIND', [...at(servers.named), '+edns=1', '+short', 'www.named.lab', '+norecurse']),
  ];
}
