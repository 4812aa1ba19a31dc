/**
 * Whether one lookup holds what +expect, +expect-has and +fail-on assert; pure. The values are compared
 * in presentation format, without case, quotes around a lone string or final dots of names.
 */
import type { Expectation, FailCondition } from '../cli/assertOptions.js';
import type { ValidationStatus } from '../dnssec/types.js';
import type { LookupResult } from '../resolve/types.js';
import { escapeText } from '../wire/escape.js';
import { RCODE, rcodeName, TYPE, typeName } from '../wire/rrtypes.js';
import { rdataText } from '../render/rdata/present.js';

/** What a query asserts; empty when it asserts nothing. */
export interface Assertions {
  expect?: Expectation;
  failOn?: readonly FailCondition[];
}

/** A value as compared: lower case, one space between words, no quotes around a lone string, no final dots. */
export function comparable(value: string): string {
  const trimmed = value.trim();
  const unquoted = /^"[^"]*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  return unquoted
    .toLowerCase()
    .split(/\s+/)
    .map((word) => (word.length > 1 ? word.replace(/\.$/, '') : word))
    .join(' ');
}

/** The answer's values of the asked type (a CNAME chain's own records are not the answer). */
function answerValues(result: LookupResult): string[] {
  const asked = result.question.type;
  return (result.exchange?.response.answer ?? [])
    .filter((record) => record.type === asked || asked === TYPE.ANY)
    .map((record) => rdataText(record.rdata));
}

/** The +fail-on condition the result meets, if any. */
function failedCondition(
  result: LookupResult,
  failOn: readonly FailCondition[],
  verdict: ValidationStatus | undefined,
): FailCondition | undefined {
  const reply = result.exchange?.response;
  if (!reply) return failOn.includes('timeout') ? 'timeout' : undefined;
  const met: Record<FailCondition, boolean> = {
    nxdomain: reply.rcode === RCODE.NXDOMAIN,
    servfail: reply.rcode === RCODE.SERVFAIL,
    refused: reply.rcode === RCODE.REFUSED,
    nodata: reply.rcode === RCODE.NOERROR && answerValues(result).length === 0,
    bogus: verdict === 'bogus',
    timeout: false,
  };
  return failOn.find((condition) => met[condition]);
}

/** What the reply was, in a few words: `NXDOMAIN`, `NODATA`, `no reply`, or the answer's values. */
function replyWords(result: LookupResult): string {
  const reply = result.exchange?.response;
  if (!reply) return `no reply (${escapeText(result.error?.message ?? 'no usable reply')})`;
  if (reply.rcode !== RCODE.NOERROR) return rcodeName(reply.rcode);
  const values = answerValues(result);
  return values.length === 0 ? 'NODATA' : values.join(', ');
}

/**
 * The one line saying what did not hold, or undefined when every assertion holds. No reply fails
 * +expect only with +fail-on=timeout: otherwise it stays dig's exit 9.
 */
export function assertionFailure(
  result: LookupResult,
  assertions: Assertions,
  verdict?: ValidationStatus,
): string | undefined {
  const question = `${escapeText(result.question.name)} ${typeName(result.question.type)}`;
  if (assertions.failOn) {
    const condition = failedCondition(result, assertions.failOn, verdict);
    if (condition)
      return `+fail-on=${condition}: ${question} is ${condition === 'bogus' ? 'bogus' : replyWords(result)}`;
  }
  const expect = assertions.expect;
  if (!expect || !result.exchange) return undefined;
  const got = answerValues(result);
  const have = new Set(got.map(comparable));
  const wanted = new Set(expect.values.map(comparable));
  const missing = expect.values.filter((value) => !have.has(comparable(value)));
  const extra = expect.subset ? [] : got.filter((value) => !wanted.has(comparable(value)));
  if (missing.length === 0 && extra.length === 0) return undefined;
  const parts = [`${question} is ${replyWords(result)}`];
  if (missing.length > 0) parts.push(`missing ${missing.map(escapeText).join(', ')}`);
  if (extra.length > 0) parts.push(`unexpected ${extra.join(', ')}`);
  return `+${expect.subset ? 'expect-has' : 'expect'}: ${parts.join('; ')}`;
}
