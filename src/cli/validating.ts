/** What asking for a DNSSEC verdict sets, shared by +validate and +fail-on=bogus. */
import type { QuerySettings } from './types.js';

/** Turns the validator on with what it checks: the answer's RRSIGs (DO), so EDNS version 0 if +noedns turned it off, as delv does. */
export function startValidating(settings: QuerySettings): void {
  settings.validate = true;
  settings.dnssec = true;
  if (settings.edns === null) settings.edns = 0;
}
