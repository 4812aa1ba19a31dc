/**
 * The library's options object: its keys mirror the command line's settings, and it becomes the
 * words of a command line, so that it goes through the CLI's own parser and plan. The +options'
 * keys come from the option table itself (`+tls-ca` is `tlsCa`), so a new +option is a new key.
 */
import { PLUS_OPTIONS } from '../cli/optionTable.js';
import { InputError } from '../errors.js';
import type { WatchClock } from '../app/io.js';

/** 'tls-ca' -> 'tlsCa'. */
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** A +option's value: a switch, a value, or either when the value may be left out (`+edns`, `+edns=1`, `+noedns`). */
type PlusValue<Spec> = Spec extends { value: { required: true } }
  ? string | number | readonly (string | number)[]
  : Spec extends { value: { required: false } }
    ? boolean | string | number | readonly (string | number)[]
    : boolean;

type PlusSpec = (typeof PLUS_OPTIONS)[number];

/** Every +option by its camel-case name: `true` is `+name`, `false` `+noname`, a value `+name=value` (a list joined with commas). */
export type PlusSettings = { [Spec in PlusSpec as Camel<Spec['name']>]?: PlusValue<Spec> };

/** The command line's other settings: the question, the servers and the dash options that shape a query. */
export interface QuerySettings {
  /** The name asked (`-q`). */
  name?: string;
  /** The record type (`-t`): a mnemonic, TYPEnnn, or a number. */
  type?: string | number;
  /** The class (`-c`). */
  class?: string | number;
  /** A reverse lookup of this address (`-x`). */
  reverse?: string;
  /** The servers to ask, in order (`@server`): addresses or host names. */
  server?: string | readonly string[];
  /** The server port (`-p`). */
  port?: number;
  /** IPv4 or IPv6 only (`-4`, `-6`). */
  family?: 4 | 6;
  /** Send from this address (and port): `-b address[#port]`. */
  source?: string;
  /** A TSIG key as `[hmac:]name:secret` (`-y`). */
  tsig?: string;
  /** A TSIG key file (`-k`). */
  tsigFile?: string;
  /** Root hints file for +trace and +validate (`--root-hints`). */
  rootHints?: string;
  /** Trust anchors file for +validate (`--trust-anchor`). */
  trustAnchor?: string;
}

/** What the library's calls take besides the command line's settings. */
export interface CallSettings {
  /** Cancels the call: exchanges in flight are abandoned and the call rejects with an AbortError. */
  signal?: AbortSignal;
  /** The time and the waits of watch() (default: the system clock): a simulation or a test moves time itself. */
  clock?: WatchClock;
}

/** The options of a library call (+class, a display switch, gives way to the query's class). */
export type TsdigOptions = QuerySettings & Omit<PlusSettings, keyof QuerySettings> & CallSettings;

/** What a call accepts as its query: dig's argument words (one string, split at white space, or a list), or options. */
export type QueryInput = string | readonly string[] | TsdigOptions;

const SETTING_WORDS: { [Key in keyof QuerySettings]-?: (value: NonNullable<QuerySettings[Key]>) => string[] } = {
  name: (value) => ['-q', value],
  type: (value) => ['-t', String(value)],
  class: (value) => ['-c', String(value)],
  reverse: (value) => ['-x', value],
  server: (value) => (typeof value === 'string' ? [value] : [...value]).map((server) => `@${server}`),
  port: (value) => ['-p', String(value)],
  family: (value) => [`-${value}`],
  source: (value) => ['-b', value],
  tsig: (value) => ['-y', value],
  tsigFile: (value) => ['-k', value],
  rootHints: (value) => ['--root-hints', value],
  trustAnchor: (value) => ['--trust-anchor', value],
};

const CALL_KEYS = new Set<string>(['signal', 'clock']);

/** camelCase -> kebab-case: the +option a key names. */
function plusName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

const PLUS_NAMES = new Set<string>(PLUS_OPTIONS.map((spec) => spec.name));

/** The words of one +option setting. */
function plusWords(name: string, value: unknown): string[] {
  if (value === true) return [`+${name}`];
  if (value === false) return [`+no${name}`];
  if (Array.isArray(value)) return [`+${name}=${value.join(',')}`];
  if (typeof value === 'string' || typeof value === 'number') return [`+${name}=${value}`];
  throw new InputError(`option ${name}: expected true, false, a string or a number`, 'input.option');
}

/** The command-line words an options object stands for (keys left undefined are skipped); unknown keys are bad input. */
export function optionWords(options: TsdigOptions): string[] {
  const words: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || CALL_KEYS.has(key)) continue;
    if (Object.hasOwn(SETTING_WORDS, key)) {
      const toWords = SETTING_WORDS[key as keyof QuerySettings] as (value: unknown) => string[];
      words.push(...toWords(value));
      continue;
    }
    const name = plusName(key);
    if (!PLUS_NAMES.has(name)) throw new InputError(`unknown option: ${key}`, 'input.option');
    words.push(...plusWords(name, value));
  }
  return words;
}

/** The words of a call's input: dig's words as given, or an options object's. */
export function inputWords(input: QueryInput): string[] {
  if (typeof input === 'string') return input.split(/\s+/).filter((word) => word !== '');
  if (Array.isArray(input)) return [...(input as readonly string[])];
  return optionWords(input as TsdigOptions);
}
