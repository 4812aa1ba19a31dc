import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdTable } from '../../src/transport/idTable.js';

test('IdTable keeps values by ID and counts them', () => {
  const table = new IdTable<string>();
  assert.equal(table.size, 0);
  assert.equal(table.has(0), false);
  table.set(0, 'zero');
  table.set(65535, 'last');
  assert.equal(table.size, 2);
  assert.equal(table.get(0), 'zero');
  assert.equal(table.get(65535), 'last');
  assert.equal(table.get(7), undefined);
  assert.deepEqual(table.values().sort(), ['last', 'zero']);
});

test('IdTable: setting an ID again replaces its value without counting it twice', () => {
  const table = new IdTable<string>();
  table.set(42, 'first');
  table.set(42, 'second');
  assert.equal(table.size, 1);
  assert.equal(table.get(42), 'second');
});

test('IdTable: deleting takes an ID out once; deleting an absent ID changes nothing', () => {
  const table = new IdTable<string>();
  table.set(1, 'one');
  table.set(2, 'two');
  table.delete(1);
  table.delete(1);
  table.delete(9);
  assert.equal(table.size, 1);
  assert.equal(table.has(1), false);
  assert.deepEqual(table.values(), ['two']);
});

test('IdTable: values() is a copy, so finishing queries while going through it is safe', () => {
  const table = new IdTable<number>();
  for (let id = 0; id < 5; id++) table.set(id, id);
  const seen: number[] = [];
  for (const value of table.values()) {
    seen.push(value);
    table.delete(value);
  }
  assert.deepEqual(seen, [0, 1, 2, 3, 4]);
  assert.equal(table.size, 0);
});
