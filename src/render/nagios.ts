/** The --nagios view: one monitoring-plugins status line with perfdata, and its exit code (0 OK to 3 UNKNOWN). Pure. */
import type { LookupResult } from '../resolve/types.js';
import { escapeText } from '../wire/escape.js';
import { RCODE, rcodeName, TYPE, typeName } from '../wire/rrtypes.js';
import { rdataText } from './rdata/present.js';

/** The monitoring-plugins states, by exit code. */
export const NAGIOS_STATE = { ok: 0, warning: 1, critical: 2, unknown: 3 } as const;

/** One of the four states. */
export type NagiosState = (typeof NAGIOS_STATE)[keyof typeof NAGIOS_STATE];

const WORDS = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;

/** The answer records of the asked type. */
function answers(result: LookupResult): string[] {
  const asked = result.question.type;
  return (result.exchange?.response.answer ?? [])
    .filter((record) => record.type === asked || asked === TYPE.ANY)
    .map((record) => rdataText(record.rdata));
}

/**
 * The state of one lookup: CRITICAL when an assertion failed or no reply came; WARNING for an RCODE
 * other than NOERROR or NODATA that nothing asserted; OK otherwise.
 */
export function nagiosState(result: LookupResult, failure: string | undefined): NagiosState {
  const reply = result.exchange?.response;
  if (failure !== undefined || !reply) return NAGIOS_STATE.critical;
  if (reply.rcode !== RCODE.NOERROR || answers(result).length === 0) return NAGIOS_STATE.warning;
  return NAGIOS_STATE.ok;
}

/** `DNS OK - NAME TYPE: VALUES | time=0.001234s;;;0 answers=2;;;0`, the assertion's line when one failed. */
export function renderNagios(result: LookupResult, state: NagiosState, failure: string | undefined): string {
  const question = `${result.question.name} ${typeName(result.question.type)}`;
  const reply = result.exchange?.response;
  const values = answers(result);
  const what =
    failure ??
    (!reply
      ? `${question}: no reply (${result.error?.message ?? 'no usable reply'})`
      : reply.rcode !== RCODE.NOERROR
        ? `${question}: ${rcodeName(reply.rcode)}`
        : values.length === 0
          ? `${question}: NODATA`
          : `${question}: ${values.join(', ')}`);
  // The plugin output ends at `|`, which starts the perfdata: none may appear in the text.
  const text = escapeText(what).replaceAll('|', '\\124');
  const rtt = result.exchange ? `time=${(result.exchange.rttMs / 1000).toFixed(6)}s;;;0 ` : '';
  return `DNS ${WORDS[state]} - ${text} | ${rtt}answers=${values.length};;;0\n`;
}

/** The line for a run that stopped before any query (bad input): UNKNOWN, exit 3. */
export function renderNagiosUnknown(message: string): string {
  return `DNS UNKNOWN - ${escapeText(message).replaceAll('|', '\\124')}\n`;
}
