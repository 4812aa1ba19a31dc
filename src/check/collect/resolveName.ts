/** Finds a name's addresses by iteration from the root (tsdig's own trace, never a resolver), once per name and type. */
import { trace } from '../../resolve/trace.js';
import type { TraceDeps, TraceSettings } from '../../resolve/traceTypes.js';
import { CLASS, TYPE } from '../../wire/rrtypes.js';
import { addressesOf, targetOf } from '../records.js';
import type { ResourceRecord } from '../../wire/types.js';
import type { Resolution } from '../types.js';

/** Resolves names by iteration, each (name, type) once for the whole check. */
export type NameResolver = (name: string, type: 'A' | 'AAAA') => Promise<Resolution>;

/** The target of the first alias of a chain, as Resolution's `cname`; nothing when there is none. */
function firstAlias(chain: readonly ResourceRecord[]): { cname?: string } {
  const target = chain[0] && targetOf(chain[0]);
  return target === undefined ? {} : { cname: target };
}

/** What iteration found, as a Resolution. */
async function iterate(name: string, type: number, settings: TraceSettings, deps: TraceDeps): Promise<Resolution> {
  const result = await trace(
    { name, type, class: CLASS.IN },
    { ...settings, follow: false },
    { ...deps, onHop: undefined },
  );
  const final = result.final;
  if (result.error || !final) return { status: 'failed', addresses: [], error: result.error?.message ?? 'no answer' };
  switch (final.kind) {
    case 'answer': {
      const addresses = addressesOf(final.records.filter((rr) => rr.type === type));
      return final.chain.length > 0
        ? { status: 'cname', addresses, ...firstAlias(final.chain) }
        : { status: 'answer', addresses };
    }
    case 'cname':
      return { status: 'cname', addresses: [], cname: (final.chain[0] && targetOf(final.chain[0])) ?? final.target };
    case 'nxdomain':
      return {
        status: final.chain.length > 0 ? 'cname' : 'nxdomain',
        addresses: [],
        ...firstAlias(final.chain),
      };
    case 'nodata':
      return {
        status: final.chain.length > 0 ? 'cname' : 'nodata',
        addresses: [],
        ...firstAlias(final.chain),
      };
    default:
      return { status: 'failed', addresses: [], error: final.kind };
  }
}

/** A resolver over the trace, with a cache shared by every cut of the check. */
export function nameResolver(settings: TraceSettings, deps: TraceDeps): NameResolver {
  const cache = new Map<string, Promise<Resolution>>();
  return (name, type) => {
    const key = `${name.toLowerCase()} ${type}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = iterate(name, type === 'A' ? TYPE.A : TYPE.AAAA, settings, deps);
      cache.set(key, pending);
    }
    return pending;
  };
}
