/** A lookup's outcome with what +expect, +expect-has, +fail-on and --nagios make of it; loaded only when asked. */
import type { ValidationStatus } from '../dnssec/types.js';
import type { AssertionsPlan } from '../plan/queryPlan.js';
import { nagiosState, renderNagios } from '../render/nagios.js';
import type { LookupResult } from '../resolve/types.js';
import { assertionFailure } from './assertions.js';
import type { Outcome } from './views.js';

/**
 * With --nagios the outcome is the status line and its state; otherwise the outcome as printed, with
 * the line saying what did not hold (for stderr) when an assertion failed.
 */
export function assertedOutcome(
  outcome: Outcome,
  result: LookupResult,
  assertions: AssertionsPlan,
  nagios: boolean,
  verdict?: ValidationStatus,
): Outcome {
  const { expect, failOn } = assertions;
  const failure = expect || failOn ? assertionFailure(result, { expect, failOn }, verdict) : undefined;
  if (nagios) {
    const state = nagiosState(result, failure);
    return { text: renderNagios(result, state, failure), failed: !result.exchange, nagiosState: state };
  }
  return failure === undefined ? outcome : { ...outcome, assertionFailure: failure };
}
