/** The `explanation` member +explain adds to a lookup's JSON document. */
import type { Culprit, ExplainData } from '../explain/types.js';
import { extendedErrors } from './ednsText.js';
import { serverJson, type ServerJson } from './json.js';

/** What +explain found, in JSON. */
export interface ExplanationJson {
  /** What the server asked got wrong, if anything: servfail, nxdomain, yxdomain, timeout, refused, bogus. */
  failure?: string;
  server?: ServerJson;
  ede: Array<{ infoCode: number; text: string }>;
  culprit: { kind: string; line: string; zone?: string; servers?: string[]; evidence: string[] };
  /** Queries the trace from the root sent (validation and TCP tries aside). */
  traceQueries?: number;
}

/** The explanation of one lookup. */
export function explanationJson(data: ExplainData, culprit: Culprit): ExplanationJson {
  const out: ExplanationJson = {
    ede: extendedErrors(data.lookup.ede).map((e) => ({ infoCode: e.code, text: e.text })),
    culprit: {
      kind: culprit.kind,
      line: culprit.line,
      ...(culprit.zone !== undefined && { zone: culprit.zone }),
      ...(culprit.servers && { servers: [...culprit.servers] }),
      evidence: [...culprit.evidence],
    },
  };
  if (data.lookup.failure) out.failure = data.lookup.failure;
  if (data.lookup.server) out.server = serverJson(data.lookup.server);
  if (data.trace) out.traceQueries = data.trace.queries;
  return out;
}
