/** dig's +options: finding one by name or unique prefix, and what each does to a query. */
import { isIPv4, isIPv6 } from '../wire/address.js';
import { InputError } from '../errors.js';
import { PLUS_OPTIONS, type PlusOptionName, type PlusOptionSpec } from './optionTable.js';
import { parseDecimal } from './strictNumber.js';
import { ENCRYPTED_HANDLERS } from './encryptedOptions.js';
import { MESSAGE_HANDLERS } from './messageOptions.js';
import { TYPES_HANDLERS } from './typesOptions.js';
import { ASSERT_HANDLERS } from './assertOptions.js';
import { WATCH_HANDLERS } from './watchOptions.js';
import { startValidating } from './validating.js';
import { parseName } from '../wire/name.js';
import type { OutputFormat, QuerySettings } from './types.js';

/** A +option as written, resolved against the table. */
export interface PlusOptionUse {
  spec: PlusOptionSpec & { readonly name: PlusOptionName };
  /** False for the +noNAME form. */
  state: boolean;
  value?: string;
  /** The token as typed, for messages. */
  token: string;
}

/** The parts of the invocation a +option may change besides the query's own settings. */
export interface PlusTarget {
  settings: QuerySettings;
  /** Set once +tcp/+notcp was given, so an ANY type no longer switches to TCP. */
  tcpSet: boolean;
  format: OutputFormat;
  color: 'auto' | 'always' | 'never';
}

function namesOf(spec: PlusOptionSpec): string[] {
  return [spec.name, ...(spec.aliases ?? [])];
}

/** Finds the option for "+[no]word[=value]": an exact name or alias wins, else a prefix of exactly one option. */
export function resolvePlusOption(token: string): PlusOptionUse {
  const body = token.slice(1);
  const equals = body.indexOf('=');
  let word = (equals < 0 ? body : body.slice(0, equals)).toLowerCase();
  const value = equals < 0 ? undefined : body.slice(equals + 1);
  // dig reads a leading "no" as negation before looking the word up; no option name starts with "no".
  const state = !word.startsWith('no');
  if (!state) word = word.slice(2);
  const table: readonly (PlusOptionSpec & { readonly name: PlusOptionName })[] = PLUS_OPTIONS;
  const exact = table.find((spec) => namesOf(spec).includes(word));
  const matches = exact
    ? [exact]
    : word === ''
      ? []
      : table.filter((spec) => !('exact' in spec && spec.exact) && namesOf(spec).some((name) => name.startsWith(word)));
  if (matches.length === 0) throw new InputError(`unknown query option '${token}' (see tsdig -h)`, 'input.option');
  if (matches.length > 1) {
    const names = matches.map((spec) => `+${spec.name}`).join(', ');
    throw new InputError(`ambiguous query option '${token}': ${names}`, 'input.option');
  }
  const spec = matches[0];
  if (!state && !spec.negatable)
    throw new InputError(`query option '${token}': +${spec.name} has no +no form`, 'input.option');
  const use: PlusOptionUse = { spec, state, token };
  if (value !== undefined) use.value = value;
  return use;
}

/** The value of a +option that needs one, checked as a decimal in [min, max]. */
function numberValue(use: PlusOptionUse, min: number, max: number): number {
  const value = use.value ?? '';
  const parsed = parseDecimal(value, min, max);
  if (parsed === undefined) {
    const range = max >= 0xffffffff ? `at least ${min}` : `${min}-${max}`;
    throw new InputError(`invalid +${use.spec.name} value '${value}' (${range})`, 'input.option');
  }
  return parsed;
}

/** +subnet=addr[/len]: family 1 for IPv4, 2 for IPv6; no length means the whole address; "0" means 0.0.0.0/0. */
export function parseSubnet(text: string): QuerySettings['subnet'] {
  if (text === '0') return { family: 1, address: '0.0.0.0', sourcePrefix: 0 };
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const family = isIPv4(address) ? 1 : isIPv6(address) && !address.includes('%') ? 2 : undefined;
  const bits = family === 1 ? 32 : 128;
  const prefix = slash < 0 ? bits : parseDecimal(text.slice(slash + 1), 0, bits);
  if (family === undefined || prefix === undefined) {
    throw new InputError(
      `invalid +subnet value '${text}' (address/length, IPv4 length 0-32, IPv6 0-128)`,
      'input.option',
    );
  }
  return { family, address, sourcePrefix: prefix };
}

function cookieValue(text: string): string {
  // A client cookie is 8 bytes and a server cookie 8 to 32 (RFC 7873).
  if (!/^([0-9a-fA-F]{2}){8,40}$/.test(text)) {
    throw new InputError(`invalid +cookie value '${text}' (hex, 8 to 40 bytes)`, 'input.option');
  }
  return text.toLowerCase();
}

/** +domain=NAME: a domain name, kept as typed but for a trailing dot (the search list is relative to nothing). */
function domainValue(text: string): string {
  try {
    parseName(text);
  } catch {
    throw new InputError(`invalid +domain value '${text}' (a domain name)`, 'input.option');
  }
  const bare = text.replace(/\.$/, '');
  if (bare === '') throw new InputError(`invalid +domain value '${text}' (a domain name)`, 'input.option');
  return bare;
}

/** Turns EDNS on (version 0) if +noedns turned it off: the option lives in the OPT record, as dig does. */
function needEdns(settings: QuerySettings): void {
  if (settings.edns === null) settings.edns = 0;
}

/** dig's largest +tries (an unsigned 32-bit count). */
const MAX_TRIES = 0xffffffff;

type Handler = (target: PlusTarget, use: PlusOptionUse) => void;

function displayFlag(flag: Exclude<keyof QuerySettings['display'], 'split'>): Handler {
  return (target, use) => {
    target.settings.display[flag] = use.state;
  };
}

const HANDLERS: Readonly<Record<PlusOptionName, Handler>> = {
  recurse: ({ settings }, { state }) => {
    settings.recurse = state;
  },
  dnssec: ({ settings }, { state }) => {
    if (state) needEdns(settings);
    settings.dnssec = state;
  },
  cdflag: ({ settings }, { state }) => {
    settings.cd = state;
  },
  adflag: ({ settings }, { state }) => {
    settings.adflag = state;
  },
  edns: ({ settings }, use) => {
    settings.edns = !use.state ? null : use.value === undefined ? 0 : numberValue(use, 0, 255);
  },
  bufsize: ({ settings }, use) => {
    settings.bufsize = numberValue(use, 0, 65535);
  },
  nsid: ({ settings }, { state }) => {
    if (state) needEdns(settings);
    settings.nsid = state;
  },
  cookie: ({ settings }, use) => {
    if (use.state) needEdns(settings);
    settings.cookie = use.state && use.value !== undefined ? cookieValue(use.value) : use.state;
  },
  badcookie: ({ settings }, { state }) => {
    settings.badcookie = state;
  },
  subnet: ({ settings }, use) => {
    if (!use.state) {
      delete settings.subnet;
      return;
    }
    needEdns(settings);
    settings.subnet = parseSubnet(use.value ?? '');
  },
  search: ({ settings }, { state }) => {
    // As in dig, +trace has its own starting point: the search list does not apply to it.
    if (!settings.trace) settings.search = state;
  },
  domain: ({ settings }, use) => {
    settings.domain = domainValue(use.value ?? '');
    // dig's +domain turns the search list on, as +search would (and, like +search, not under +trace).
    if (!settings.trace) settings.search = true;
  },
  ndots: ({ settings }, use) => {
    settings.ndots = numberValue(use, 0, 255);
  },
  showsearch: ({ settings }, { state }) => {
    // dig's +showsearch turns the search list on (and +noshowsearch off), except under +trace.
    if (settings.trace) return;
    settings.showsearch = state;
    settings.search = state;
  },
  idnin: ({ settings }, { state }) => {
    settings.idnin = state;
  },
  tcp: (target, { state }) => {
    target.settings.tcp = state;
    target.tcpSet = true;
  },
  ignore: ({ settings }, { state }) => {
    settings.ignoreTc = state;
  },
  keepopen: ({ settings }, { state }) => {
    settings.keepopen = state;
  },
  // dig reads 0 as 1 for +timeout and +tries, and takes any 32-bit count of tries.
  timeout: ({ settings }, use) => {
    settings.timeout = Math.max(1, numberValue(use, 0, 65535));
    settings.timeoutSet = true;
  },
  tries: ({ settings }, use) => {
    settings.tries = Math.max(1, numberValue(use, 0, MAX_TRIES));
    settings.triesSet = true;
  },
  fail: ({ settings }, { state }) => {
    settings.servfailStops = state;
  },
  retry: ({ settings }, use) => {
    settings.tries = numberValue(use, 0, MAX_TRIES - 1) + 1;
    settings.triesSet = true;
  },
  short: (target, { state }) => {
    const display = target.settings.display;
    display.short = state;
    if (state) {
      // dig's +short: the answer only, no header, comments or statistics; record comments off until +rrcomments comes after.
      Object.assign(display, {
        cmd: false,
        comments: false,
        question: false,
        answer: true,
        authority: false,
        additional: false,
        stats: false,
        rrcomments: false,
      });
      target.format = 'short';
    } else if (target.format === 'short') {
      target.format = 'dig';
    }
  },
  json: (target) => {
    target.format = 'json';
  },
  yaml: (target, { state }) => {
    if (state) {
      // The YAML view takes over from +short's (the last view asked for wins); the sections +short chose stay.
      target.format = 'yaml';
      target.settings.display.short = false;
    } else if (target.format === 'yaml') {
      target.format = 'dig';
    }
  },
  color: (target, { state }) => {
    target.color = state ? 'always' : 'never';
  },
  identify: displayFlag('identify'),
  all: ({ settings }, { state }) => {
    const d = settings.display;
    d.cmd = d.comments = d.question = d.answer = d.authority = d.additional = d.stats = state;
  },
  cmd: displayFlag('cmd'),
  comments: displayFlag('comments'),
  question: displayFlag('question'),
  answer: displayFlag('answer'),
  authority: displayFlag('authority'),
  additional: displayFlag('additional'),
  stats: displayFlag('stats'),
  qr: displayFlag('qr'),
  ttlid: displayFlag('ttlid'),
  ttlunits: ({ settings }, { state }) => {
    // Units only make sense with the TTL shown, so dig turns +ttlid back on.
    settings.display.ttlid = true;
    settings.display.ttlunits = state;
  },
  class: displayFlag('class'),
  multiline: displayFlag('multiline'),
  onesoa: displayFlag('onesoa'),
  split: ({ settings }, use) => {
    if (!use.state) settings.display.split = 0;
    else if (use.value === undefined) delete settings.display.split;
    // dig rounds the width up to a whole number of base64 quanta (4 characters).
    else settings.display.split = Math.ceil(numberValue(use, 0, 65535) / 4) * 4;
  },
  rrcomments: displayFlag('rrcomments'),
  idnout: displayFlag('idnout'),
  crypto: displayFlag('crypto'),
  unknownformat: displayFlag('unknownformat'),
  expandaaaa: displayFlag('expandaaaa'),
  trace: ({ settings }, { state }) => {
    settings.trace = state;
    if (!state) return;
    // +trace, +nssearch, +compare and +check are ways to ask many servers: the last one given wins.
    delete settings.nssearch;
    delete settings.compare;
    delete settings.allns;
    delete settings.check;
    // dig's +trace: DNSSEC records shown, authority kept, one line per server step.
    Object.assign(settings, { recurse: true, dnssec: true, search: false });
    if (settings.cookie === false) settings.cookie = true;
    needEdns(settings);
    Object.assign(settings.display, {
      identify: true,
      comments: false,
      stats: false,
      additional: false,
      authority: true,
      question: false,
    });
  },
  follow: ({ settings }, { state }) => {
    settings.follow = state;
  },
  validate: ({ settings }, { state }) => {
    if (state) startValidating(settings);
    else settings.validate = false;
  },
  check: ({ settings }, { state }) => {
    settings.check = state;
    if (state) {
      delete settings.nssearch;
      delete settings.compare;
      delete settings.allns;
      settings.trace = false;
    }
  },
  nssearch: ({ settings }, { state }) => {
    settings.nssearch = state;
    if (state) delete settings.check;
    // dig asks its resolver for the NS set with recursion, whatever +recurse said before.
    if (state) Object.assign(settings, { trace: false, recurse: true });
    if (state) delete settings.compare;
  },
  compare: ({ settings }, { state }) => {
    settings.compare = state;
    if (state) Object.assign(settings, { trace: false, nssearch: false });
    else delete settings.allns;
    if (state) delete settings.check;
  },
  allns: ({ settings }, { state }) => {
    settings.allns = state;
    // The zone's own servers are asked without recursion: each must answer from its own data.
    if (state) Object.assign(settings, { compare: true, trace: false, nssearch: false, recurse: false });
    if (state) delete settings.check;
  },
  explain: ({ settings }, { state }) => {
    settings.explain = state;
  },
  ...ENCRYPTED_HANDLERS,
  ...MESSAGE_HANDLERS,
  ...TYPES_HANDLERS,
  ...ASSERT_HANDLERS,
  ...WATCH_HANDLERS,
};

/** Applies one +option token to a query's settings (and the output format or colour it may select). */
export function applyPlusOption(target: PlusTarget, token: string): void {
  const use = resolvePlusOption(token);
  const required = use.spec.value?.required ?? false;
  if (use.value !== undefined && (!use.spec.value || !use.state)) {
    throw new InputError(`query option '${token}' takes no value`, 'input.option');
  }
  if (use.state && required && (use.value === undefined || use.value === '')) {
    throw new InputError(
      `query option '${token}' needs a value (+${use.spec.name}=${use.spec.value?.name})`,
      'input.option',
    );
  }
  HANDLERS[use.spec.name](target, use);
}
