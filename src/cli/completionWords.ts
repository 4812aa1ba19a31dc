/**
 * What the shell completion scripts offer, derived from the option table: every dash option, every
 * +option with its +no form and a value hint, the record types and classes. Pure data.
 */
import { RRClass, TYPE } from '../wire/rrtypes.js';
import {
  DASH_OPTIONS,
  PLUS_OPTIONS,
  type DashOptionSpec,
  type PlusOptionName,
  type PlusOptionSpec,
} from './optionTable.js';

/** What may follow an option: a file name, one of some words, or free text (its placeholder shown as a hint). */
export type ValueKind =
  | { kind: 'file'; hint: string }
  | { kind: 'words'; hint: string; words: readonly string[] }
  | { kind: 'free'; hint: string };

/** One word to offer: `-t`, `--color=`, `+tcp`, `+notcp`, `+timeout=`; with its description and value. */
export interface CompletionWord {
  word: string;
  description: string;
  /** What follows: after `=` (words ending in `=`), or as the next word (dash options that take one). */
  value?: ValueKind;
}

/** Everything the scripts offer. */
export interface CompletionModel {
  dash: CompletionWord[];
  plus: CompletionWord[];
  types: string[];
  classes: string[];
}

/** +option values with a closed set of words besides their placeholder. */
const PLUS_VALUE_WORDS: Partial<Record<PlusOptionName, readonly string[]>> = {
  opcode: ['QUERY', 'IQUERY', 'STATUS', 'NOTIFY', 'UPDATE'],
};

function dashValue(spec: DashOptionSpec, types: string[], classes: string[]): ValueKind | undefined {
  if (!spec.arg) return undefined;
  if (spec.choices) return { kind: 'words', hint: spec.arg, words: spec.choices };
  if (spec.arg === 'file') return { kind: 'file', hint: spec.arg };
  if (spec.arg === 'type') return { kind: 'words', hint: spec.arg, words: types };
  if (spec.arg === 'class') return { kind: 'words', hint: spec.arg, words: classes };
  return { kind: 'free', hint: spec.arg };
}

function plusValue(spec: PlusOptionSpec & { name: PlusOptionName }): ValueKind | undefined {
  if (!spec.value) return undefined;
  const hint = spec.value.name;
  const words = PLUS_VALUE_WORDS[spec.name];
  if (words) return { kind: 'words', hint, words };
  return hint === 'FILE' ? { kind: 'file', hint } : { kind: 'free', hint };
}

/** The words of the option table, record types and classes, in the table's order. */
export function completionModel(): CompletionModel {
  const types = Object.keys(TYPE);
  const classes = Object.keys(RRClass);
  const dash: CompletionWord[] = [];
  for (const spec of DASH_OPTIONS as readonly DashOptionSpec[]) {
    const value = dashValue(spec, types, classes);
    const entry = (word: string): CompletionWord =>
      value ? { word, description: spec.description, value } : { word, description: spec.description };
    if (spec.short) dash.push(entry(`-${spec.short}`));
    // A long option's value follows '=' (or the next word): offered as `--color=`.
    if (spec.long) dash.push(entry(value ? `--${spec.long}=` : `--${spec.long}`));
  }
  const plus: CompletionWord[] = [];
  for (const spec of PLUS_OPTIONS as readonly (PlusOptionSpec & { name: PlusOptionName })[]) {
    const value = plusValue(spec);
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      if (!spec.value?.required) plus.push({ word: `+${name}`, description: spec.description });
      if (value) plus.push({ word: `+${name}=`, description: `${spec.description} (=${value.hint})`, value });
      if (spec.negatable) plus.push({ word: `+no${name}`, description: `Turn +${name} off` });
    }
  }
  return { dash, plus, types, classes };
}
