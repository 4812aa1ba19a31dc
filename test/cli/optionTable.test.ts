import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DASH_OPTIONS,
  PLUS_OPTIONS,
  dashTerm,
  plusTerm,
  type DashOptionSpec,
  type PlusOptionSpec,
} from '../../src/cli/optionTable.js';
import { resolvePlusOption } from '../../src/cli/plusOptions.js';

const plus: readonly PlusOptionSpec[] = PLUS_OPTIONS;
const dash: readonly DashOptionSpec[] = DASH_OPTIONS;

test('every +option name and alias resolves to its own entry, in both forms where negatable', () => {
  for (const spec of plus) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      assert.equal(resolvePlusOption(`+${name}`).spec.name, spec.name, name);
      if (spec.negatable) assert.equal(resolvePlusOption(`+no${name}`).state, false, name);
    }
  }
});

test('no +option name starts with "no" (it would read as a negation) and none is listed twice', () => {
  const names = plus.flatMap((spec) => [spec.name, ...(spec.aliases ?? [])]);
  assert.deepStrictEqual(
    names.filter((name) => name.startsWith('no')),
    [],
  );
  assert.equal(new Set(names).size, names.length);
});

test('dash options are unique, and only long options have choices', () => {
  const shorts = dash.flatMap((spec) => (spec.short ? [spec.short] : []));
  const longs = dash.flatMap((spec) => (spec.long ? [spec.long] : []));
  assert.equal(new Set(shorts).size, shorts.length);
  assert.equal(new Set(longs).size, longs.length);
  assert.deepStrictEqual(
    dash.filter((spec) => spec.choices && spec.short),
    [],
  );
});

test('terms: how options are written in help and the man page', () => {
  const byName = (name: string): PlusOptionSpec => plus.find((spec) => spec.name === name)!;
  assert.equal(plusTerm(byName('edns')), '+[no]edns[=N]');
  assert.equal(plusTerm(byName('bufsize')), '+bufsize=N');
  assert.equal(plusTerm(byName('tcp')), '+[no]tcp, +[no]vc');
  assert.equal(plusTerm(byName('json')), '+json');
  const byFlag = (flag: string): DashOptionSpec => dash.find((spec) => spec.short === flag || spec.long === flag)!;
  assert.equal(dashTerm(byFlag('b')), '-b address[#port]');
  assert.equal(dashTerm(byFlag('h')), '-h, --help');
  assert.equal(dashTerm(byFlag('color')), '--color=auto|always|never');
  assert.equal(dashTerm(byFlag('4')), '-4');
});
