/** The +trace path: loaded only when a query asks for it. */
import type { Options } from '../cli/types.js';
import type { PlannedQuery } from '../plan/plan.js';
import { BUILTIN_ROOT_HINTS, parseRootHints } from '../resolve/rootHints.js';
import { trace } from '../resolve/trace.js';
import { DEFAULT_TRACE_LIMITS, type Hop, type RootHint, type TraceResult } from '../resolve/traceTypes.js';
import type { QueryFn } from '../resolve/types.js';
import { readInputFile } from './inputFile.js';

/** Root hints from --root-hints FILE, or the built-in IANA set. */
export async function loadRootHints(file: string | undefined): Promise<RootHint[]> {
  if (file === undefined) return [...BUILTIN_ROOT_HINTS];
  return parseRootHints(await readInputFile(file, 'root hints file', 'input.roothints'), file);
}

/** Runs one planned query as a trace; hops are handed to `onHop` as they end. */
export async function runTrace(
  plan: PlannedQuery,
  options: Options,
  query: QueryFn,
  rootHints: RootHint[],
  onHop: (hop: Hop) => void,
): Promise<TraceResult> {
  const question = plan.lookup.candidates[0];
  const settings = plan.request.settings;
  return trace(
    { name: question.name, type: question.type, class: question.class },
    {
      exchange: { ...plan.lookup.settings, dnssec: settings.dnssec || settings.validate === true },
      port: options.port,
      family: options.family,
      follow: settings.follow,
      // With --root-hints the trace starts from the file, as dig's +trace starts from its hints.
      startServers: options.rootHints === undefined ? plan.lookup.servers : [],
      rootHintsSource: options.rootHints === undefined ? 'builtin' : 'file',
      hedgeDelayMs: 400,
      limits: DEFAULT_TRACE_LIMITS,
    },
    { query, now: () => performance.now(), onHop, rootHints },
  );
}
