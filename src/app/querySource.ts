/** The queries of one run, read in passes: checked in full before the first packet, then run. */
import type { Options, QueryRequest } from '../cli/types.js';

/** One query with the options it was given: the command line's, or its batch line's own (-p, -4, -b ...). */
export interface SourcedQuery {
  request: QueryRequest;
  options: Options;
  /** A batch line's words, on the line's first query: dig prints them in the command header before its output. */
  banner?: readonly string[];
}

/** Queries that can be read more than once, in order, a group at a time; a batch file is not held in memory. */
export interface QuerySource {
  passes(): AsyncIterable<readonly SourcedQuery[]>;
  close(): Promise<void>;
}

/** The command line's own queries. */
export function commandLineSource(options: Options): QuerySource {
  const queries = options.queries.map((request) => ({ request, options }));
  return {
    async *passes() {
      yield queries;
    },
    close: async () => {},
  };
}
