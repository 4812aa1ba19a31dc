/**
 * The library's calls, one per mode: what each adds to the caller's words and the mode its query
 * must run in. A new mode's call is one row here and one export in index.ts.
 */
import { TYPE } from '../wire/rrtypes.js';
import type { CallKind } from './call.js';

/** Each call's kind, by the name it is exported under. */
export const CALLS = {
  query: { name: 'query', mode: 'lookup', words: [] },
  validate: { name: 'validate', mode: 'lookup', words: ['+validate'] },
  trace: { name: 'trace', mode: 'trace', words: ['+trace'] },
  transfer: {
    name: 'transfer',
    mode: 'transfer',
    words: [],
    // A zone transfer is an AXFR unless the words ask for one (AXFR, or IXFR=SERIAL).
    fallback: ['axfr'],
    fallbackUnless: (options) => options.queries.every(({ type }) => type === TYPE.AXFR || type === TYPE.IXFR),
  },
  nssearch: { name: 'nssearch', mode: 'nssearch', words: ['+nssearch'] },
  types: { name: 'types', mode: 'types', words: [] },
  watch: { name: 'watch', mode: 'watch', words: ['+watch'] },
  compare: { name: 'compare', mode: 'compare', words: ['+compare'] },
  explain: { name: 'explain', mode: 'explain', words: ['+explain'] },
  check: { name: 'check', mode: 'check', words: ['+check'] },
} as const satisfies Record<string, CallKind>;
