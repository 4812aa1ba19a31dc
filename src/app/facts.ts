/** The system facts a plan needs, read at the edge: resolv.conf and @hostname addresses. */
import { serverFamily } from '../wire/address.js';
import { InputError } from '../errors.js';
import type { QueryRequest } from '../cli/types.js';
import { tlsFilesOf } from '../plan/channel.js';
import type { SystemFacts } from '../plan/plan.js';
import { readResolvConf } from '../system/resolvConf.js';
import type { Io } from './io.js';

/** @hostname through the system resolver, as dig does. */
async function systemResolveHost(name: string): Promise<string[]> {
  const { lookup } = await import('node:dns/promises');
  const found = await lookup(name, { all: true });
  return found.map((entry) => entry.address);
}

/**
 * Under TSDIG_LOOPBACK_ONLY a host name is not looked up: the system resolver would send a query
 * beyond loopback. `localhost` stands for the loopback addresses; any other name is refused.
 */
async function loopbackHost(name: string): Promise<string[]> {
  if (/^localhost\.?$/i.test(name)) return ['127.0.0.1', '::1'];
  throw new InputError(
    `'${name}' not looked up: TSDIG_LOOPBACK_ONLY allows loopback addresses only (use @127.0.0.1 or @::1)`,
    'input.server',
  );
}

/** Facts gathered query by query: one object, filled in as queries need more of it. */
export interface FactsGatherer {
  facts: SystemFacts;
  /** Makes `facts` hold what `request` needs; a promise only when something had to be read. */
  learn(request: QueryRequest): Promise<void> | undefined;
}

/** Reads resolv.conf once, when the first query without @server comes, and resolves each @hostname once. */
export function gatherFacts(io: Io): FactsGatherer {
  const facts: SystemFacts = { resolvConf: undefined, serverAddresses: new Map() };
  const resolveHost = io.resolveHost ?? (io.env.TSDIG_LOOPBACK_ONLY ? loopbackHost : systemResolveHost);
  const learnAsync = async (server: string | undefined): Promise<void> => {
    if (server === undefined) {
      facts.resolvConf = await readResolvConf(io.env);
      return;
    }
    try {
      facts.serverAddresses.set(server, await resolveHost(server));
    } catch (error) {
      if (error instanceof InputError) throw error;
      facts.serverAddresses.set(server, []);
    }
  };
  const learnServer = (server: string | undefined): Promise<void> | undefined => {
    if (
      server === undefined ? facts.resolvConf !== undefined : serverFamily(server) || facts.serverAddresses.has(server)
    )
      return undefined;
    return learnAsync(server);
  };
  // +tls-ca, +tls-certfile and +tls-keyfile files: read and checked once each, so bad input stops the run before any query.
  const learnTlsFiles = async (request: QueryRequest): Promise<void> => {
    const { readTlsFiles } = await import('./tlsFiles.js');
    facts.tlsFiles ??= new Map();
    await readTlsFiles(tlsFilesOf(request.settings), facts.tlsFiles);
  };
  // The server list of the last request that needed nothing read: batch lines mostly share one list.
  let known: readonly string[] | undefined;
  return {
    facts,
    learn: (request) => {
      if (request.servers !== undefined && request.servers === known && !request.settings.encrypted) return undefined;
      const reads = (request.servers ?? [undefined]).map(learnServer).filter((read) => read !== undefined);
      const server = reads.length > 1 ? Promise.all(reads).then(() => undefined) : reads[0];
      const files =
        request.settings.encrypted && tlsFilesOf(request.settings).some((file) => !facts.tlsFiles?.has(file.path));
      if (!files) {
        // What was learned stays learned: the same list needs nothing read again.
        if (server === undefined) known = request.servers;
        return server;
      }
      return Promise.all([server, learnTlsFiles(request)]).then(() => undefined);
    },
  };
}
