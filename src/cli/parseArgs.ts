/**
 * dig's command-line grammar -> Options. Arguments are read left to right as dig reads them:
 * +options, -t, -c and @server before the first name set the defaults every query starts from;
 * after a name they change that query only. A word that is a type or class sets it, any other
 * word starts a new query. Nothing here throws: every mistake becomes { kind: 'invalid' }.
 */
import { isIP, isIPv4, isIPv6, serverFamily } from '../wire/address.js';
import { isHostName } from './hostName.js';
import { InputError } from '../errors.js';
import { CLASS, parseClass, parseType, TYPE } from '../wire/rrtypes.js';
import { reverseName } from '../wire/reverse.js';
import { copySettings, defaultSettings } from './defaults.js';
import { helpText, versionText } from './help.js';
import { batchDefaults } from './batch.js';
import { DASH_OPTIONS, type DashOptionSpec } from './optionTable.js';
import { applyPlusOption, resolvePlusOption, type PlusTarget } from './plusOptions.js';
import { parseDecimal } from './strictNumber.js';
import { PICTURE_IN_BATCH, pictureOption, settlePictureOptions, wantsPicture } from './pictureOptions.js';
import type { CompletionShell, Options, OutputFormat, ParseOutcome, QueryRequest, QuerySettings } from './types.js';

/** What parseArgs may know about the system: resolv.conf's ndots becomes the default +ndots; ~/.digrc's options. */
export interface ParseEnv {
  resolvConf?: { ndots: number };
  /** The options of ~/.digrc, read before the command line as dig reads them (and before every batch line). */
  rcArgs?: readonly string[];
  /**
   * Where a batch line begins in argv, for parseArgs to read the command line and a line as one: dig reads
   * each line afresh, so from there type and class words are types and classes again after a -t or -c.
   */
  lineStart?: number;
}

const MAX_SERIAL = 0xffffffff;

/** One query being built (dig's "lookup"). */
interface Lookup {
  name: string;
  reverseOf?: string;
  servers?: string[];
  type?: number;
  class?: number;
  /** IXFR=N: the serial the client has. */
  ixfrSerial?: number;
  tcpSet: boolean;
  /** Shared with other lookups until a +option changes it (see ownSettings): most queries keep the defaults. */
  settings: QuerySettings;
  sharedSettings: boolean;
  /** The index of the word that started this query as its name, in the words being read (never copied). */
  nameWord?: number;
}

/** The whole parse: options for every query, the defaults, the queries so far. */
interface ParseState {
  global: Omit<Options, 'queries' | 'argv'>;
  defaults: Lookup;
  current: Lookup;
  queries: Lookup[];
  /** dig stops reading words as types/classes once -t or -c was used. */
  openTypeClass: boolean;
  /** `global` is still another state's (a batch line's copy of the defaults): copy it before writing. */
  globalShared?: boolean;
  /** +comments / +question given before the first name: dig keeps them for AXFR and IXFR, which otherwise hide both. */
  plusComments: boolean;
  plusQuestion: boolean;
  /** dig's parse-time warnings (`;; Warning, extra type option`), in order. */
  warnings: string[];
  /** The command header as the defaults stood when the first name was read (see Options.greeting). */
  greeting?: Options['greeting'] | 'cmd';
}

/** The state's global options, made its own before the caller writes to them. */
function writableGlobal(state: ParseState): ParseState['global'] {
  if (state.globalShared) {
    state.global = { ...state.global };
    state.globalShared = false;
  }
  return state.global;
}

/** Help or version, asked for on the command line: parsing stops there. */
class EarlyExit {
  constructor(
    readonly kind: 'help' | 'version' | 'completions',
    readonly shell: CompletionShell = 'bash',
  ) {}
}

/** dig's clone_lookup: a new query starts from the defaults (settings shared until changed). */
function cloneLookup(from: Lookup): Lookup {
  from.sharedSettings = true;
  const copy: Lookup = { name: from.name, tcpSet: from.tcpSet, settings: from.settings, sharedSettings: true };
  if (from.servers !== undefined) copy.servers = from.servers;
  if (from.type !== undefined) copy.type = from.type;
  if (from.class !== undefined) copy.class = from.class;
  if (from.ixfrSerial !== undefined) copy.ixfrSerial = from.ixfrSerial;
  return copy;
}

/** The lookup's settings, copied first if another lookup shares them, so a change stays its own. */
function ownSettings(lookup: Lookup): QuerySettings {
  if (lookup.sharedSettings) {
    lookup.settings = copySettings(lookup.settings);
    lookup.sharedSettings = false;
  }
  return lookup.settings;
}

function newState(env: ParseEnv | undefined): ParseState {
  const defaults: Lookup = {
    name: '',
    tcpSet: false,
    settings: defaultSettings(env?.resolvConf?.ndots),
    sharedSettings: false,
  };
  return {
    global: { port: 53, family: null, format: 'dig', color: 'auto', concurrency: 64, unordered: false },
    defaults,
    current: defaults,
    queries: [],
    openTypeClass: true,
    plusComments: false,
    plusQuestion: false,
    warnings: [],
  };
}

/** dig decides on its command header when it reads the first name, from the display options in force then. */
function greetingOf(settings: QuerySettings): NonNullable<ParseState['greeting']> {
  const { cmd, short } = settings.display;
  return !cmd ? 'off' : short ? 'short' : 'cmd';
}

/** Starts a query for `name`, copying the defaults (dig's clone_lookup). */
function startQuery(state: ParseState, name: string): Lookup {
  state.greeting ??= greetingOf(state.defaults.settings);
  const lookup = cloneLookup(state.defaults);
  lookup.name = name;
  state.current = lookup;
  state.queries.push(lookup);
  return lookup;
}

function setType(state: ParseState, lookup: Lookup, type: number, ixfrSerial?: number): void {
  // As in dig, a second type for one query is a warning and the last one wins (-x's PTR is not a type given).
  if (lookup.type !== undefined) state.warnings.push(';; Warning, extra type option');
  lookup.type = type;
  if (ixfrSerial === undefined) delete lookup.ixfrSerial;
  else lookup.ixfrSerial = ixfrSerial;
  // dig sends ANY over TCP unless the user chose the transport.
  if (type === TYPE.ANY && !lookup.tcpSet) ownSettings(lookup).tcp = true;
  if (type === TYPE.AXFR || type === TYPE.IXFR) {
    // dig shows a transfer as records only: comments and question only when given before the first name.
    const settings = ownSettings(lookup);
    settings.display.comments = state.plusComments;
    settings.display.question = state.plusQuestion;
    // IXFR goes over TCP unless +notcp was given (then UDP first); AXFR is always TCP.
    if (type === TYPE.IXFR && !lookup.tcpSet) settings.tcp = true;
  }
}

/** Sets the current query's class; a second class for one query is a warning, as in dig, and the last one wins. */
function setClass(state: ParseState, klass: number): void {
  if (state.current.class !== undefined) state.warnings.push(';; Warning, extra class option');
  state.current.class = klass;
}

/** A type word: a mnemonic, TYPEnnn, or IXFR=serial (bare IXFR needs the serial). */
function typeWord(state: ParseState, lookup: Lookup, text: string, what: string): void {
  if (/^ixfr=/i.test(text)) {
    const serial = parseDecimal(text.slice(5), 0, MAX_SERIAL);
    if (serial === undefined)
      throw new InputError(`invalid IXFR serial '${text.slice(5)}'${what} (0-${MAX_SERIAL})`, 'input.type');
    setType(state, lookup, TYPE.IXFR, serial);
    return;
  }
  const type = parseType(text);
  if (type === undefined) throw new InputError(`unknown type '${text}'${what}`, 'input.type');
  if (type === TYPE.IXFR) throw new InputError(`IXFR needs the serial the client has: IXFR=N${what}`, 'input.type');
  setType(state, lookup, type);
}

/** A word that is not an option: a type, a class, or a name (dig tries them in that order); the query a name starts. */
function positional(state: ParseState, word: string): Lookup | undefined {
  if (state.openTypeClass) {
    if (/^ixfr=/i.test(word) || parseType(word) !== undefined) {
      typeWord(state, state.current, word, '');
      return undefined;
    }
    const klass = parseClass(word);
    if (klass !== undefined) {
      setClass(state, klass);
      return undefined;
    }
  }
  return startQuery(state, word);
}

function portValue(text: string, min: number, what: string): number {
  const port = parseDecimal(text, min, 65535);
  if (port === undefined) throw new InputError(`invalid ${what} '${text}' (${min}-65535)`, 'input.port');
  return port;
}

/** -b address[#port]: the address must be an IP of the family -4/-6 allows. */
function sourceValue(text: string, family: 4 | 6 | null): { address: string; port: number } {
  const hash = text.indexOf('#');
  const address = hash < 0 ? text : text.slice(0, hash);
  const port = hash < 0 ? 0 : portValue(text.slice(hash + 1), 0, 'source port');
  const addressFamily = isIP(address);
  if (addressFamily === 0)
    throw new InputError(`invalid source address '${address}' for -b (an IP address)`, 'input.address');
  if (family !== null && addressFamily !== family) {
    throw new InputError(`source address '${address}' is not IPv${family}, as -${family} requires`, 'input.address');
  }
  return { address, port };
}

function setFamily(state: ParseState, family: 4 | 6): void {
  const other = state.global.family;
  if (other !== null && other !== family) throw new InputError('only one of -4 and -6 allowed', 'input.option');
  if (state.global.source && isIP(state.global.source.address) !== family) {
    throw new InputError(
      `source address '${state.global.source.address}' is not IPv${family}, as -${family} requires`,
      'input.address',
    );
  }
  writableGlobal(state).family = family;
}

/** -x: a dotted-quad IPv4 or any textual IPv6 address, queried as PTR unless a type was already set. */
function reverseQuery(state: ParseState, address: string): void {
  if (!isIPv4(address) && !isIPv6(address))
    throw new InputError(`invalid IP address '${address}' for -x`, 'input.address');
  let name: string;
  try {
    name = reverseName(address);
  } catch (error) {
    throw error instanceof InputError ? new InputError(`${error.message} for -x`, error.code) : error;
  }
  // PTR is only the default type: a type given after -x replaces it without dig's extra-type warning.
  startQuery(state, name).reverseOf = address;
}

/** Applies a dash option that takes a value. */
function valueOption(state: ParseState, letter: string, value: string): void {
  switch (letter) {
    case 'b':
      writableGlobal(state).source = sourceValue(value, state.global.family);
      return;
    case 'c': {
      state.openTypeClass = false;
      const klass = parseClass(value);
      if (klass === undefined) throw new InputError(`unknown class '${value}' for -c`, 'input.class');
      setClass(state, klass);
      return;
    }
    case 'f':
      writableGlobal(state).batchFile = value;
      return;
    case 'p': {
      const global = writableGlobal(state);
      global.port = portValue(value, 1, 'port');
      global.portSet = true;
      return;
    }
    case 'q':
      startQuery(state, value);
      return;
    case 't':
      state.openTypeClass = false;
      typeWord(state, state.current, value, ' for -t');
      return;
    case 'x':
      reverseQuery(state, value);
      return;
    case 'y':
      // As in dig the last -y or -k wins; the key is read and checked before anything is sent.
      writableGlobal(state).tsig = { kind: 'text', text: value };
      return;
    case 'k':
      writableGlobal(state).tsig = { kind: 'file', path: value };
      return;
  }
}

/** The dash options, seen through their common shape. */
const DASH: readonly DashOptionSpec[] = DASH_OPTIONS;

const VALUE_LETTERS = new Set(DASH.flatMap((spec) => (spec.short && spec.arg ? [spec.short] : [])));

/** A single-dash token: flags (-4 -6 -h -v) may be bundled, then at most one value option (-tMX or -t MX). Returns tokens used. */
function dashOption(state: ParseState, token: string, next: string | undefined): number {
  let rest = token.slice(1);
  while (rest.length > 0 && '46hvru'.includes(rest[0])) {
    const flag = rest[0];
    if (flag === 'h') throw new EarlyExit('help');
    if (flag === 'v') throw new EarlyExit('version');
    // -r (do not read ~/.digrc) was acted on before parsing.
    if (flag === 'u') writableGlobal(state).usec = true;
    else if (flag !== 'r') setFamily(state, flag === '4' ? 4 : 6);
    rest = rest.slice(1);
  }
  if (rest.length === 0) return 1;
  const letter = rest[0];
  if (!VALUE_LETTERS.has(letter)) throw new InputError(`unknown option '-${rest}' (see tsdig -h)`, 'input.option');
  const attached = rest.slice(1);
  const value = attached.length > 0 ? attached : next;
  if (value === undefined)
    throw new InputError(`option -${letter} needs a value (-${letter} ${argOf(letter)})`, 'input.option');
  valueOption(state, letter, value);
  return attached.length > 0 ? 1 : 2;
}

function argOf(letter: string): string {
  return DASH.find((spec) => spec.short === letter)?.arg ?? 'value';
}

/** A --long option, with its value after '=' or in the next token. Returns tokens used. */
function longOption(state: ParseState, token: string, next: string | undefined): number {
  const equals = token.indexOf('=');
  const word = token.slice(2, equals < 0 ? undefined : equals);
  const spec = DASH.find((candidate) => candidate.long === word);
  if (!spec) throw new InputError(`unknown option '${token}' (see tsdig -h)`, 'input.option');
  if (!spec.arg) {
    if (equals >= 0) throw new InputError(`option --${word} takes no value`, 'input.option');
    flagLongOption(state, word);
    return 1;
  }
  const value = equals >= 0 ? token.slice(equals + 1) : next;
  if (value === undefined)
    throw new InputError(`option --${word} needs a value (--${word}=${spec.arg})`, 'input.option');
  valueLongOption(state, word, value, spec);
  return equals >= 0 ? 1 : 2;
}

function flagLongOption(state: ParseState, word: string): void {
  if (word === 'help') throw new EarlyExit('help');
  if (word === 'version') throw new EarlyExit('version');
  if (word === 'unordered') writableGlobal(state).unordered = true;
  else if (word === 'nagios') writableGlobal(state).nagios = true;
  else writableGlobal(state).format = word as OutputFormat;
}

function valueLongOption(state: ParseState, word: string, value: string, spec: DashOptionSpec): void {
  if (word === 'color') {
    if (!spec.choices?.includes(value))
      throw new InputError(`invalid --color value '${value}' (${spec.choices?.join(', ')})`, 'input.option');
    writableGlobal(state).color = value as Options['color'];
  } else if (word === 'concurrency') {
    const n = parseDecimal(value, 1, 1024);
    if (n === undefined) throw new InputError(`invalid --concurrency value '${value}' (1-1024)`, 'input.option');
    writableGlobal(state).concurrency = n;
  } else if (word === 'root-hints') {
    if (value === '') throw new InputError('option --root-hints needs a file name', 'input.option');
    writableGlobal(state).rootHints = value;
  } else if (word === 'completions') {
    if (!spec.choices?.includes(value))
      throw new InputError(`invalid --completions value '${value}' (${spec.choices?.join(', ')})`, 'input.option');
    throw new EarlyExit('completions', value as CompletionShell);
  } else if (word === 'trust-anchor') {
    if (value === '') throw new InputError('option --trust-anchor needs a file name', 'input.option');
    writableGlobal(state).trustAnchor = value;
  } else if (word === 'graph' || word === 'graph-out' || word === 'report') {
    Object.assign(writableGlobal(state), pictureOption(word, value));
  }
}

/** dig's pluscomm and plusquest: +[no]comments and +[no]question before the first name. */
function rememberDisplayDefault(state: ParseState, token: string): void {
  const use = resolvePlusOption(token);
  if (use.spec.name === 'comments') state.plusComments = use.state;
  else if (use.spec.name === 'question') state.plusQuestion = use.state;
}

function plusOption(state: ParseState, token: string): void {
  const target: PlusTarget = {
    settings: ownSettings(state.current),
    tcpSet: state.current.tcpSet,
    format: state.global.format,
    color: state.global.color,
  };
  applyPlusOption(target, token);
  if (state.current === state.defaults) rememberDisplayDefault(state, token);
  state.current.tcpSet = target.tcpSet;
  if (target.format !== state.global.format) writableGlobal(state).format = target.format;
  if (target.color !== state.global.color) writableGlobal(state).color = target.color;
}

/**
 * @server as typed: an IP address or a host name. Text that can only have meant an address (dotted
 * numbers, or anything with a colon) must be one, and a host name must look like one: either way
 * the mistake is reported here rather than handed to the system resolver as a name to look up.
 */
function serverValue(text: string): string {
  if (serverFamily(text) !== 0) return text;
  if (/^[0-9.]+$/.test(text)) throw new InputError(`invalid IPv4 address '${text}' for @server`, 'input.server');
  if (text.includes(':')) throw new InputError(`invalid IPv6 address '${text}' for @server`, 'input.server');
  if (!isHostName(text)) {
    throw new InputError(`invalid server '${text}' for @ (an IP address or a host name)`, 'input.server');
  }
  return text;
}

/** Whether the token is an option that takes its value from the next word (`-t` of `-t MX`, `--color` of `--color never`). */
function takesNextWord(token: string): boolean {
  if (token.startsWith('--'))
    return !token.includes('=') && Boolean(DASH.find((spec) => spec.long === token.slice(2))?.arg);
  if (!token.startsWith('-')) return false;
  const rest = token.slice(1).replace(/^[46hvru]*/, '');
  return rest.length === 1 && VALUE_LETTERS.has(rest);
}

/**
 * Reads the tokens (from `start`) into the state, left to right. With `leaveLast`, a last token that
 * awaits the next word as its value is left unread and returned, for the words that come after (a batch line's).
 */
function readTokens(
  state: ParseState,
  tokens: readonly string[],
  start = 0,
  leaveLast = false,
  lineStart = -1,
): readonly string[] {
  for (let index = start; index < tokens.length; ) {
    const token = tokens[index];
    if (index === lineStart) state.openTypeClass = true;
    const next = tokens[index + 1];
    if (leaveLast && index === tokens.length - 1 && takesNextWord(token)) return [token];
    if (token.startsWith('@')) {
      if (token.length === 1) throw new InputError("missing server after '@'", 'input.server');
      // Each @server joins the query's list (a query's own come after those given before the first name), as in dig.
      state.current.servers = [...(state.current.servers ?? []), serverValue(token.slice(1))];
      index += 1;
    } else if (token.startsWith('+')) {
      plusOption(state, token);
      index += 1;
    } else if (token.startsWith('--')) {
      index += longOption(state, token, next);
    } else if (token.startsWith('-') && token.length > 1) {
      index += dashOption(state, token, next);
    } else if (token === '-') {
      throw new InputError("unknown option '-' (see tsdig -h)", 'input.option');
    } else {
      const started = positional(state, token);
      if (started) started.nameWord = index;
      index += 1;
    }
  }
  return [];
}

/** `shareSettings`: queries may share one settings object (batch lines, read only); otherwise each has its own. */
function toRequest(lookup: Lookup, defaultType: number, shareSettings: boolean): QueryRequest {
  const request: QueryRequest = {
    name: lookup.name,
    type: lookup.type ?? (lookup.reverseOf === undefined ? defaultType : TYPE.PTR),
    class: lookup.class ?? CLASS.IN,
    settings: shareSettings || !lookup.sharedSettings ? lookup.settings : copySettings(lookup.settings),
  };
  if (lookup.reverseOf !== undefined) request.reverseOf = lookup.reverseOf;
  if (lookup.servers !== undefined) request.servers = lookup.servers;
  if (lookup.ixfrSerial !== undefined && request.type === TYPE.IXFR) request.ixfrSerial = lookup.ixfrSerial;
  return request;
}

/** With no name (and no -f), dig asks for the root's NS records. */
function rootQuery(state: ParseState): QueryRequest {
  const lookup = cloneLookup(state.defaults);
  lookup.name = '';
  lookup.type = TYPE.NS;
  return toRequest(lookup, TYPE.NS, false);
}

/** A parse that ended without queries to run: help, version, or what is wrong. */
type StoppedOutcome = Exclude<ParseOutcome, { kind: 'run' }>;

function toQueries(state: ParseState, shareSettings: boolean): QueryRequest[] {
  const queries = state.queries.map((lookup) => toRequest(lookup, TYPE.A, shareSettings));
  if (queries.length === 0 && state.global.batchFile === undefined) queries.push(rootQuery(state));
  return queries;
}

/** `words`: everything read (~/.digrc's options, then argv); `argv`: the command line as typed, for the output's header. */
function toOptions(state: ParseState, words: readonly string[], argv: readonly string[]): Options {
  const read: Options = { ...state.global, queries: toQueries(state, false), argv: [...argv] };
  if (state.warnings.length > 0) read.warnings = state.warnings;
  const greeting = state.greeting ?? greetingOf(state.defaults.settings);
  if (greeting !== 'cmd') read.greeting = greeting;
  const options = settlePictureOptions(read);
  if (options.batchFile !== undefined) {
    const defaults = batchDefaults(words);
    if (defaults.length > 0) options.batchDefaults = defaults;
  }
  return options;
}

function failure(error: unknown): StoppedOutcome {
  if (error instanceof EarlyExit) {
    if (error.kind === 'completions') return { kind: 'completions', shell: error.shell };
    return error.kind === 'help' ? { kind: 'help', text: helpText() } : { kind: 'version', text: versionText() };
  }
  if (error instanceof InputError) return { kind: 'invalid', message: error.message };
  return {
    kind: 'invalid',
    message: `internal error while reading the command line: ${error instanceof Error ? error.message : String(error)}`,
  };
}

/** Help, version or the one line saying what is wrong, for an error that stopped the parse. */
function stoppedBy(error: unknown): StoppedOutcome {
  try {
    return failure(error);
  } catch (helpError) {
    return failure(new Error(helpError instanceof Error ? helpError.message : String(helpError)));
  }
}

/** The command line (without the program name) as Options, help, version, or one line saying what is wrong. */
export function parseArgs(argv: readonly string[], env?: ParseEnv): ParseOutcome {
  try {
    const state = newState(env);
    const words = env?.rcArgs?.length ? [...env.rcArgs, ...argv] : argv;
    readTokens(state, words, 0, false, env?.lineStart === undefined ? -1 : (env.rcArgs?.length ?? 0) + env.lineStart);
    return { kind: 'run', options: toOptions(state, words, argv) };
  } catch (error) {
    return stoppedBy(error);
  }
}

/** A copy of a parse in progress that can read on without changing the original (settings shared until changed). */
function copyState(state: ParseState): ParseState {
  const copyLookup = (from: Lookup): Lookup => {
    const copy = cloneLookup(from);
    copy.name = from.name;
    if (from.reverseOf !== undefined) copy.reverseOf = from.reverseOf;
    return copy;
  };
  const defaults = copyLookup(state.defaults);
  const queries = state.queries.map(copyLookup);
  const current = state.current === state.defaults ? defaults : queries[state.queries.indexOf(state.current)];
  return {
    global: state.global,
    globalShared: true,
    defaults,
    current,
    queries,
    openTypeClass: state.openTypeClass,
    plusComments: state.plusComments,
    plusQuestion: state.plusQuestion,
    warnings: [...state.warnings],
    greeting: state.greeting,
  };
}

/**
 * A batch line's parse: its queries, and its options without them (queries and argv empty). Lines
 * that set no dash option of their own share one options object.
 */
export type BatchLineOutcome =
  | {
      kind: 'run';
      options: Options;
      queries: QueryRequest[];
      /** dig's warnings about the line itself (`;; Warning, extra type option`), not those of the command line. */
      warnings?: string[];
      greeting?: Options['greeting'];
    }
  | StoppedOutcome;

/** The state after a line's leading options, read once for every line that starts with the same words. */
interface Lead {
  /** How many of the line's words it stands for. */
  words: number;
  state: ParseState;
  /** The options of lines that set nothing global after their leading options: one object for all of them. */
  options: Options;
}

/** A batch line's parse that ran. */
type RunLineOutcome = Extract<BatchLineOutcome, { kind: 'run' }>;

/**
 * A line read whole whose one query was started by a word that can only be a name, and its parse:
 * a line with the same words but for that one (again a word that can only be a name) parses alike,
 * with that name. A name is only copied into the query it starts, so the rest of the parse cannot
 * depend on it: most batch files are such lines, one name after another.
 */
interface NameTemplate {
  words: readonly string[];
  /** The index of the name's word in `words`. */
  at: number;
  /** The index of its query in `outcome.queries`. */
  query: number;
  outcome: RunLineOutcome;
}

/**
 * Whether a word starts a query as its name wherever it stands: no option starts with it (`@`, `+`,
 * `-`), and no type, class or IXFR=N has a dot in it.
 */
function isOnlyName(word: string): boolean {
  const first = word.charCodeAt(0);
  return word.includes('.') && first !== 0x40 && first !== 0x2b && first !== 0x2d && !/^ixfr=/i.test(word);
}

/** The template of a parsed line, when one query and only one was started by a word that can only be a name. */
function nameTemplate(words: readonly string[], state: ParseState, outcome: RunLineOutcome): NameTemplate | undefined {
  let found: NameTemplate | undefined;
  for (const [query, lookup] of state.queries.entries()) {
    if (lookup.nameWord === undefined) continue;
    if (found || !isOnlyName(words[lookup.nameWord])) return undefined;
    found = { words, at: lookup.nameWord, query, outcome: snapshot(outcome) };
  }
  return found;
}

/** A copy of a line's parse that owns its queries and warnings: whatever the caller does with the parse it got, later lines get the same. */
function snapshot(outcome: RunLineOutcome): RunLineOutcome {
  const copy: RunLineOutcome = { ...outcome, queries: outcome.queries.map((request) => ({ ...request })) };
  if (outcome.warnings) copy.warnings = [...outcome.warnings];
  return copy;
}

/** The template's parse for `line`, when the line differs from its words in the name alone; else undefined. */
function renamedOutcome(template: NameTemplate, line: readonly string[]): RunLineOutcome | undefined {
  const { words, at, outcome } = template;
  if (line.length !== words.length) return undefined;
  for (let index = 0; index < line.length; index++) if (index !== at && line[index] !== words[index]) return undefined;
  const name = line[at];
  if (!isOnlyName(name)) return undefined;
  const queries = outcome.queries.map((request, index) =>
    index === template.query ? { ...request, name } : { ...request },
  );
  const renamed: RunLineOutcome = { ...outcome, queries };
  if (outcome.warnings) renamed.warnings = [...outcome.warnings];
  return renamed;
}

/** Distinct leading options kept; a file whose every line starts differently only starts over. */
const LEAD_LIMIT = 256;

/**
 * How many words at the start of a line are options (@server, +option, -x VALUE, --long VALUE),
 * up to the first word that is none. Only a guess at where the options end: the state cached for
 * them is made by reading exactly those words, so a wrong guess can only miss the cache.
 */
function leadingOptionWords(words: readonly string[]): number {
  let index = 0;
  while (index < words.length) {
    const word = words[index];
    if (word.length < 2 || !'@+-'.includes(word[0])) break;
    const width = takesNextWord(word) ? 2 : 1;
    if (index + width > words.length) break;
    index += width;
  }
  return index;
}

/**
 * The batch lines' leading options, read once over `base` and kept by their words (bounded): most
 * batch files repeat the same @server and options on every line, and a line that does goes on from
 * a copy of the state they left, as parseArgs would have reached it reading those words itself
 * (the words a token takes depend on the token alone, so the same words end at the same place).
 * Words that do not read on their own (an error, help) are not kept: such a line is read whole.
 */
function leadCache(base: ParseState): { get(line: readonly string[]): Lead | undefined } {
  const leads = new Map<string, Lead | null>();
  // The last line's leading words and what they gave: the next line most often starts the same.
  let lastWords: readonly string[] = [];
  let last: Lead | null = null;
  const repeats = (line: readonly string[]): boolean => {
    if (last === null || line.length <= last.words) return false;
    for (let index = 0; index < last.words; index++) if (line[index] !== lastWords[index]) return false;
    // More options may follow them: the state after these words is still the one to go on from.
    return true;
  };
  return {
    get(line) {
      if (repeats(line)) return last ?? undefined;
      const words = leadingOptionWords(line);
      if (words === 0) return undefined;
      const key = words === line.length ? line.join('\n') : line.slice(0, words).join('\n');
      let lead = leads.get(key);
      if (lead === undefined) {
        lead = null;
        try {
          const state = copyState(base);
          readTokens(state, line.slice(0, words));
          lead = { words, state, options: { ...state.global, queries: [], argv: [] } };
        } catch {
          // Read whole, the line reports its own error.
        }
        if (leads.size >= LEAD_LIMIT) leads.clear();
        leads.set(key, lead);
      }
      lastWords = line;
      last = lead;
      return lead ?? undefined;
    },
  };
}

/**
 * Parses batch lines as parseArgs([...prefix, ...line]) would, reading the shared prefix (the
 * command line's defaults) once: each line goes on from a copy of the state the prefix left. A
 * prefix that ends in an option awaiting its value (say `-t`) leaves that option to be read with
 * each line; a prefix that fails fails every line alike, as it would fail before reaching the line.
 * Unlike parseArgs, queries (of all lines) left with equal settings share one settings object, to
 * be read, not changed.
 */
export function batchLineParser(
  prefix: readonly string[],
  env?: ParseEnv,
): (line: readonly string[]) => BatchLineOutcome {
  const base = newState(env);
  let pending: readonly string[] = [];
  let stopped: StoppedOutcome | undefined;
  try {
    pending = readTokens(base, prefix, 0, true);
  } catch (error) {
    stopped = stoppedBy(error);
  }
  // dig reads each line afresh: a type or class word is one again even after the command line's -t/-c
  // (which still count as set, so the line's own type or class is an extra one, with dig's warning).
  if (pending.length === 0) base.openTypeClass = true;
  const baseOptions: Options = { ...base.global, queries: [], argv: [] };
  // A line's leading options are kept only when the prefix left no word for the line to complete.
  const leads = stopped || pending.length > 0 ? undefined : leadCache(base);
  let template: NameTemplate | undefined;
  return (line) => {
    if (stopped) return stopped;
    const renamed = template && renamedOutcome(template, line);
    if (renamed) return renamed;
    try {
      const lead = leads?.get(line);
      const state = copyState(lead?.state ?? base);
      if (lead) readTokens(state, line, lead.words);
      else readTokens(state, pending.length === 0 ? line : [...pending, ...line]);
      if (wantsPicture(state.global)) throw new InputError(PICTURE_IN_BATCH, 'input.option');
      const options =
        state.global === base.global
          ? baseOptions
          : lead && state.global === lead.state.global
            ? lead.options
            : { ...state.global, queries: [], argv: [] };
      const outcome: RunLineOutcome = { kind: 'run', options, queries: toQueries(state, true) };
      // The prefix's own warnings were the command line's, printed once before the run.
      const warnings = state.warnings.slice(base.warnings.length);
      if (warnings.length > 0) outcome.warnings = warnings;
      const greeting = state.greeting ?? greetingOf(state.defaults.settings);
      if (greeting !== 'cmd') outcome.greeting = greeting;
      template = pending.length === 0 ? nameTemplate(line, state, outcome) : undefined;
      return outcome;
    } catch (error) {
      return stoppedBy(error);
    }
  };
}
