/** The root hints of a run: --root-hints FILE, or the built-in IANA set; read once whichever runners need them. */
import { BUILTIN_ROOT_HINTS, parseRootHints } from '../resolve/rootHints.js';
import type { RootHint } from '../resolve/traceTypes.js';
import { readInputFile } from './inputFile.js';
import type { RunPlan } from './runPlan.js';

/** Root hints from --root-hints FILE, or the built-in IANA set. */
export async function loadRootHints(file: string | undefined): Promise<RootHint[]> {
  if (file === undefined) return [...BUILTIN_ROOT_HINTS];
  return parseRootHints(await readInputFile(file, 'root hints file', 'input.roothints'), file);
}

const runHints = new WeakMap<RunPlan, Promise<RootHint[]>>();

/**
 * The run's root hints, read once: +trace starts from them, and +validate iterates from them when the
 * server cannot supply the chain. A bad file stops the run before any packet.
 */
export function rootHintsOf(run: RunPlan, file: string | undefined): Promise<RootHint[]> {
  let loading = runHints.get(run);
  if (!loading) {
    loading = loadRootHints(file);
    runHints.set(run, loading);
  }
  return loading;
}
