/** questionName skips parsing for plain names; it must still answer exactly as parseName does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { questionName } from '../../src/plan/plan.js';
import { defaultSettings } from '../../src/cli/defaults.js';
import { parseName } from '../../src/wire/name.js';

const settings = defaultSettings();

/** parseName's answer, or its error message. */
function outcome(name: () => string): string {
  try {
    return name();
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

test("questionName gives parseName's answer (or error) for plain and unusual names alike", () => {
  const char = fc.constantFrom(...'aZ09-_*'.split(''), '.', '\\', '$', ' ', '@');
  const label = (max: number) =>
    fc.array(fc.constantFrom('a', 'B', '7', '-'), { minLength: 0, maxLength: max }).map((chars) => chars.join(''));
  const name = fc.oneof(
    fc.array(char, { maxLength: 30 }).map((chars) => chars.join('')),
    fc
      .array(label(70), { minLength: 1, maxLength: 6 })
      .chain((labels) => fc.boolean().map((dot) => labels.join('.') + (dot ? '.' : ''))),
  );
  fc.assert(
    fc.property(name, (typed) => {
      assert.equal(
        outcome(() => questionName(typed, settings)),
        outcome(() => parseName(typed)),
      );
    }),
    { numRuns: 3000, seed: 20_260_504 },
  );
});

test('questionName keeps the 255-octet limit at its edge', () => {
  const longest = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
  assert.equal(questionName(longest, settings), `${longest}.`);
  assert.equal(questionName(`${longest}.`, settings), `${longest}.`);
  assert.throws(() => questionName(`${longest}d`, settings), /longer than 255 octets/);
  assert.throws(() => questionName(`${'a'.repeat(64)}.example`, settings), /longer than 63 octets/);
  assert.equal(questionName('Www.Example.COM', settings), 'Www.Example.COM.');
  assert.equal(questionName('a b.example', settings), 'a\\032b.example.');
});
