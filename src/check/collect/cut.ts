/**
 * Collects one cut: the parent's servers asked for the delegation (and DS), every NS name resolved
 * from the root, and every address of every name server probed. Nothing is judged here.
 */
import { familyAllows } from '../../resolve/traceContext.js';
import { glueAddresses, inBailiwickGlue } from '../../resolve/bailiwick.js';
import type { NameServer } from '../../resolve/traceTypes.js';
import { isSubdomain, namesEqual } from '../../wire/name.js';
import { CLASS, TYPE } from '../../wire/rrtypes.js';
import { nsNamesIn } from '../findings/delegation.js';
import { recordsAt, targetsOf } from '../records.js';
import type { CutData, NameServerData, ProbeResult, Resolution, ServerData } from '../types.js';
import type { CutPlan } from './walk.js';
import { probeAddresses, probeServer, sendProbe, type ProbeContext } from './probe.js';
import type { NameResolver } from './resolveName.js';

/** Bounds that keep a hostile delegation (thousands of NS names or addresses) from turning into a flood. */
export const CUT_LIMITS = { nameServers: 20, addressesPerName: 8, servers: 32 } as const;

/** What collecting a cut needs. */
export interface CutContext {
  probe: ProbeContext;
  resolve: NameResolver;
  /** -4 / -6: only addresses of this family are asked. */
  family: 4 | 6 | null;
}

/** The parent's servers as (name, address) pairs: glue or looked-up addresses, else found by iteration now. */
async function parentAddresses(
  ctx: CutContext,
  servers: readonly NameServer[],
): Promise<Array<{ name: string; address: string }>> {
  const out: Array<{ name: string; address: string }> = [];
  const found = await Promise.all(
    servers.slice(0, CUT_LIMITS.nameServers).map(async (ns) => {
      if (ns.addresses.length > 0) return { name: ns.name, addresses: ns.addresses };
      const [v4, v6] = await Promise.all([ctx.resolve(ns.name, 'A'), ctx.resolve(ns.name, 'AAAA')]);
      return { name: ns.name, addresses: [...v4.addresses, ...v6.addresses] };
    }),
  );
  for (const { name, addresses } of found)
    for (const address of addresses.filter((a) => familyAllows(a, ctx.family)).slice(0, CUT_LIMITS.addressesPerName))
      if (!out.some((s) => s.address === address)) out.push({ name, address });
  return out.slice(0, CUT_LIMITS.servers);
}

/** A name server entry, made once per name. */
function entry(byName: Map<string, NameServerData>, name: string): NameServerData {
  const key = name.toLowerCase();
  let ns = byName.get(key);
  if (!ns) {
    const unknown: Resolution = { status: 'failed', addresses: [], error: 'not looked up' };
    ns = { name, inParent: false, inChild: false, glue: [], ipv4: unknown, ipv6: unknown };
    byName.set(key, ns);
  }
  return ns;
}

/** Resolves the names not yet resolved, and adds their addresses (and glue) as servers to probe. */
async function addServers(
  ctx: CutContext,
  cut: CutData,
  names: NameServerData[],
  byAddress: Map<string, ServerData>,
): Promise<ServerData[]> {
  await Promise.all(
    names.map(async (ns) => {
      [ns.ipv4, ns.ipv6] = await Promise.all([ctx.resolve(ns.name, 'A'), ctx.resolve(ns.name, 'AAAA')]);
    }),
  );
  const added: ServerData[] = [];
  for (const ns of names) {
    const addresses = [...new Set([...ns.glue, ...ns.ipv4.addresses, ...ns.ipv6.addresses])]
      .filter((a) => familyAllows(a, ctx.family))
      .slice(0, CUT_LIMITS.addressesPerName);
    for (const address of addresses) {
      let server = byAddress.get(address);
      if (!server) {
        if (byAddress.size >= CUT_LIMITS.servers) continue;
        server = { address, names: [], probes: {}, addressProbes: [] };
        byAddress.set(address, server);
        cut.servers.push(server);
        added.push(server);
      }
      if (!server.names.some((n) => namesEqual(n, ns.name))) server.names.push(ns.name);
    }
  }
  return added;
}

/** The NS names the child's servers gave that the parent did not. */
function childNames(cut: CutData, byName: Map<string, NameServerData>): NameServerData[] {
  const fresh: NameServerData[] = [];
  for (const server of cut.servers) {
    const reply = server.probes.ns;
    if (reply?.kind !== 'reply' || !reply.message.aa) continue;
    for (const name of nsNamesIn(reply.message, cut.zone)) {
      const known = byName.has(name.toLowerCase());
      if (!known && byName.size >= CUT_LIMITS.nameServers) continue;
      const ns = entry(byName, name);
      ns.inChild = true;
      if (!known) fresh.push(ns);
    }
  }
  return fresh;
}

/** The MX targets at the apex, from the servers that answered, each resolved from the root. */
async function mxTargets(ctx: CutContext, cut: CutData): Promise<CutData['mxTargets']> {
  const names = new Map<string, string>();
  for (const server of cut.servers) {
    const reply = server.probes.mx;
    if (reply?.kind !== 'reply' || !reply.message.aa) continue;
    for (const target of targetsOf(recordsAt(reply.message.answer, cut.zone, TYPE.MX)))
      names.set(target.toLowerCase(), target);
  }
  return Promise.all(
    [...names.values()].slice(0, CUT_LIMITS.nameServers).map(async (name) => {
      if (name === '.') return { name, resolution: { status: 'nodata' as const, addresses: [] } };
      const v4 = await ctx.resolve(name, 'A');
      if (v4.status !== 'nodata') return { name, resolution: v4 };
      return { name, resolution: await ctx.resolve(name, 'AAAA') };
    }),
  );
}

/** Asks one parent server for the delegation (NS) and, for the zone, its DS set. */
async function askParent(ctx: CutContext, plan: CutPlan, server: { name: string; address: string }) {
  const base = ctx.probe.base;
  const question = (type: number) => ({ name: plan.zone, type, class: CLASS.IN });
  const [ns, ds] = await Promise.all([
    sendProbe(ctx.probe, server.address, question(TYPE.NS), base),
    plan.role === 'zone'
      ? sendProbe(ctx.probe, server.address, question(TYPE.DS), { ...base, dnssec: true })
      : undefined,
  ]);
  return { ...server, ns, ...(ds && { ds }) };
}

/** Collects one cut. */
export async function collectCut(ctx: CutContext, plan: CutPlan): Promise<CutData> {
  const cut: CutData = {
    zone: plan.zone,
    ...(plan.parent !== undefined && { parent: plan.parent }),
    role: plan.role,
    parentServers: [],
    nameServers: [],
    servers: [],
    mxTargets: [],
  };
  const byName = new Map<string, NameServerData>();
  if (plan.parent !== undefined) {
    const parents = await parentAddresses(ctx, plan.parentServers);
    cut.parentServers = await Promise.all(parents.map((server) => askParent(ctx, plan, server)));
    for (const server of cut.parentServers) {
      const reply: ProbeResult = server.ns;
      if (reply.kind !== 'reply') continue;
      const names = nsNamesIn(reply.message, plan.zone).slice(0, CUT_LIMITS.nameServers);
      for (const name of names) entry(byName, name).inParent = true;
      // Glue in the parent's sense (RFC 9471): addresses of the NS names the parent itself serves, siblings too.
      const { glue } = inBailiwickGlue(plan.parent, names, reply.message.additional);
      for (const name of names) {
        const ns = entry(byName, name);
        for (const address of glueAddresses(name, glue)) if (!ns.glue.includes(address)) ns.glue.push(address);
      }
    }
  }
  // No parent server answered (or the root): the walk's own view of the delegation stands in.
  if (byName.size === 0) {
    for (const name of plan.nsNames.slice(0, CUT_LIMITS.nameServers)) entry(byName, name).inParent = true;
    for (const ns of plan.rootServers ?? []) {
      const e = entry(byName, ns.name);
      e.glue.push(...ns.addresses);
    }
  }
  const byAddress = new Map<string, ServerData>();
  const probeAll = (servers: ServerData[]) =>
    Promise.all(servers.map((server) => probeServer(ctx.probe, server, plan.zone, plan.role, plan.parent)));
  await probeAll(await addServers(ctx, cut, [...byName.values()], byAddress));
  const fresh = childNames(cut, byName);
  if (fresh.length > 0) await probeAll(await addServers(ctx, cut, fresh, byAddress));
  cut.nameServers = [...byName.values()];
  if (plan.role === 'zone') {
    const inZone = cut.nameServers.map((ns) => ns.name).filter((name) => isSubdomain(name, plan.zone));
    await Promise.all([
      ...cut.servers.map((server) => probeAddresses(ctx.probe, server, inZone)),
      mxTargets(ctx, cut).then((targets) => {
        cut.mxTargets = targets;
      }),
    ]);
  }
  return cut;
}
