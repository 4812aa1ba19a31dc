/** The system facts a plan needs, read at the edge: resolv.conf and @hostname addresses. */
import { isIP } from '../wire/address.js';
import type { QueryRequest } from '../cli/types.js';
import type { SystemFacts } from '../plan/plan.js';
import { readResolvConf } from '../system/resolvConf.js';
import type { Io } from './io.js';

/** @hostname through the system resolver, as dig does. */
async function systemResolveHost(name: string): Promise<string[]> {
  const { lookup } = await import('node:dns/promises');
  const found = await lookup(name, { all: true });
  return found.map((entry) => entry.address);
}

/** Reads resolv.conf only when some query has no @server, and resolves each @hostname once. */
export async function systemFacts(queries: readonly QueryRequest[], io: Io): Promise<SystemFacts> {
  const resolvConf = queries.some((q) => q.server === undefined) ? await readResolvConf(io.env) : undefined;
  const serverAddresses = new Map<string, string[]>();
  const resolveHost = io.resolveHost ?? systemResolveHost;
  for (const { server } of queries) {
    if (server === undefined || isIP(server) || serverAddresses.has(server)) continue;
    try {
      serverAddresses.set(server, await resolveHost(server));
    } catch {
      serverAddresses.set(server, []);
    }
  }
  return { resolvConf, serverAddresses };
}
