/** +expect, +expect-has and +fail-on: what a monitoring check asserts about one lookup's reply. */
import { InputError } from '../errors.js';
import type { PlusOptionUse, PlusTarget } from './plusOptions.js';
import { startValidating } from './validating.js';

/** The conditions +fail-on names: an RCODE, NODATA, a bogus DNSSEC verdict, or no reply at all. */
export const FAIL_CONDITIONS = ['nxdomain', 'servfail', 'refused', 'nodata', 'bogus', 'timeout'] as const;

/** One +fail-on condition. */
export type FailCondition = (typeof FAIL_CONDITIONS)[number];

/** The answer a query must have: exactly these values, or (+expect-has) at least these. */
export interface Expectation {
  values: string[];
  subset: boolean;
}

/** The values of +expect=LIST: comma separated, none empty. */
function expectValues(use: PlusOptionUse): string[] {
  const values = (use.value ?? '').split(',').map((value) => value.trim());
  if (values.some((value) => value === ''))
    throw new InputError(`invalid +${use.spec.name} value '${use.value}' (VALUE[,VALUE...])`, 'input.option');
  return values;
}

/** The conditions of +fail-on=LIST, each once. */
function failConditions(use: PlusOptionUse): FailCondition[] {
  const conditions: FailCondition[] = [];
  for (const word of (use.value ?? '').split(',')) {
    const condition = FAIL_CONDITIONS.find((known) => known === word.trim().toLowerCase());
    if (!condition)
      throw new InputError(
        `invalid +fail-on value '${use.value}': '${word}' is none of ${FAIL_CONDITIONS.join(', ')}`,
        'input.option',
      );
    if (!conditions.includes(condition)) conditions.push(condition);
  }
  return conditions;
}

type Handler = (target: PlusTarget, use: PlusOptionUse) => void;

/** Handlers of the assertion options; the +no forms drop the assertion. */
export const ASSERT_HANDLERS: Readonly<Record<'expect' | 'expect-has' | 'fail-on', Handler>> = {
  expect: ({ settings }, use) => {
    if (use.state) settings.expect = { values: expectValues(use), subset: false };
    else delete settings.expect;
  },
  'expect-has': ({ settings }, use) => {
    if (use.state) settings.expect = { values: expectValues(use), subset: true };
    else delete settings.expect;
  },
  'fail-on': ({ settings }, use) => {
    if (!use.state) {
      delete settings.failOn;
      return;
    }
    settings.failOn = failConditions(use);
    // A verdict needs the validator, as +validate runs it.
    if (settings.failOn.includes('bogus')) startValidating(settings);
  },
};
