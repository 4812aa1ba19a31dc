/**
 * dig 9.18's options that shape the query message itself: header bits, opcode and ID, no question
 * (+header-only), and the EDNS extras (+ednsflags, +coflag, +ednsopt, +expire, +keepalive, +padding).
 * As in dig, +padding and +ednsflags turn EDNS back on after +noedns; +ednsopt, +expire and
 * +keepalive do not (they are simply not sent without EDNS).
 */
import { InputError } from '../errors.js';
import { EDNS_FLAG, EDNS_OPTION, OPCODE, opcodeName } from '../wire/rrtypes.js';
import type { PlusOptionUse, PlusTarget } from './plusOptions.js';
import { parseDecimal } from './strictNumber.js';
import type { QuerySettings } from './types.js';

/** The options this file handles. */
export type MessageOptionName =
  | 'aaflag'
  | 'raflag'
  | 'tcflag'
  | 'zflag'
  | 'opcode'
  | 'qid'
  | 'header-only'
  | 'coflag'
  | 'ednsflags'
  | 'ednsopt'
  | 'expire'
  | 'keepalive'
  | 'padding';

type Handler = (target: PlusTarget, use: PlusOptionUse) => void;

/** EDNS option names +ednsopt accepts, as dig 9.18 spells them (case does not matter). */
export const EDNS_OPTION_CODES: Readonly<Record<string, number>> = {
  LLQ: EDNS_OPTION.LLQ,
  NSID: EDNS_OPTION.NSID,
  DAU: EDNS_OPTION.DAU,
  DHU: EDNS_OPTION.DHU,
  N3U: EDNS_OPTION.N3U,
  ECS: EDNS_OPTION.ECS,
  EXPIRE: EDNS_OPTION.EXPIRE,
  COOKIE: EDNS_OPTION.COOKIE,
  KEEPALIVE: EDNS_OPTION['TCP-KEEPALIVE'],
  PADDING: EDNS_OPTION.PADDING,
  PAD: EDNS_OPTION.PADDING,
  CHAIN: EDNS_OPTION.CHAIN,
  'KEY-TAG': EDNS_OPTION['KEY-TAG'],
  EDE: EDNS_OPTION.EDE,
  'CLIENT-TAG': EDNS_OPTION['CLIENT-TAG'],
  'SERVER-TAG': EDNS_OPTION['SERVER-TAG'],
};

/** The EDNS DO and CO bits: dig's +ednsflags never sets them (+dnssec and +coflag do). */
const NAMED_EDNS_FLAGS = EDNS_FLAG.DO | EDNS_FLAG.CO;

/**
 * The most +ednsopt options may take, their 4-octet headers included: a message holds 65535 octets,
 * and 2 KiB are left for the header, the longest question, the OPT record, the options tsdig adds
 * itself (cookie, subnet, up to 515 of padding), a TSIG record and an IXFR's SOA (about 1.5 KiB at most).
 */
export const MAX_EDNSOPT_OCTETS = 65535 - 2047;

function invalid(use: PlusOptionUse, why: string): InputError {
  return new InputError(`invalid +${use.spec.name} value '${use.value ?? ''}' (${why})`, 'input.option');
}

/** +opcode=N|NAME: 0-15 in decimal, or a name dig prints (QUERY, IQUERY, STATUS, NOTIFY, UPDATE, RESERVEDn). */
export function parseOpcode(text: string): number | undefined {
  const number = parseDecimal(text, 0, 15);
  if (number !== undefined) return number;
  const upper = text.toUpperCase();
  for (let opcode = 0; opcode < 16; opcode++) {
    if (upper === opcodeName(opcode) || upper === `RESERVED${opcode}`) return opcode;
  }
  return undefined;
}

/** A 16-bit value in decimal, 0x hex or 0-prefixed octal, as dig reads +ednsflags. */
function parseFlags(text: string): number | undefined {
  let value: number;
  if (/^0[xX][0-9a-fA-F]{1,8}$/.test(text)) value = parseInt(text.slice(2), 16);
  else if (/^0[0-7]{1,11}$/.test(text)) value = parseInt(text, 8);
  else if (/^[1-9][0-9]{0,9}$/.test(text)) value = Number(text);
  else return undefined;
  return value <= 0xffff ? value : undefined;
}

/** +ednsopt=CODE[:HEX]: CODE a number (0-65535) or a name dig knows; HEX an even number of hex digits (spaces ignored). */
export function parseEdnsOption(text: string): { code: number; hex: string } | undefined {
  const colon = text.indexOf(':');
  const codeText = colon < 0 ? text : text.slice(0, colon);
  const hex = colon < 0 ? '' : text.slice(colon + 1).replace(/\s+/g, '');
  const code = parseDecimal(codeText, 0, 65535) ?? EDNS_OPTION_CODES[codeText.toUpperCase()];
  if (code === undefined || !/^([0-9a-fA-F]{2})*$/.test(hex)) return undefined;
  return { code, hex: hex.toLowerCase() };
}

/** Turns EDNS on (version 0) if +noedns turned it off. */
function needEdns(settings: QuerySettings): void {
  if (settings.edns === null) settings.edns = 0;
}

/** A header bit: set with +NAME, cleared (absent) with +noNAME. */
function headerBit(
  key: 'aaflag' | 'raflag' | 'tcflag' | 'zflag' | 'headerOnly' | 'coflag' | 'expire' | 'keepalive',
): Handler {
  return ({ settings }, { state }) => {
    if (state) settings[key] = true;
    else delete settings[key];
  };
}

/** Handlers of the message options, keyed by option name. */
export const MESSAGE_HANDLERS: Readonly<Record<MessageOptionName, Handler>> = {
  aaflag: headerBit('aaflag'),
  raflag: headerBit('raflag'),
  tcflag: headerBit('tcflag'),
  zflag: headerBit('zflag'),
  'header-only': headerBit('headerOnly'),
  coflag: headerBit('coflag'),
  expire: headerBit('expire'),
  keepalive: headerBit('keepalive'),
  opcode: ({ settings }, use) => {
    if (!use.state) {
      delete settings.opcode;
      return;
    }
    const opcode = parseOpcode(use.value ?? '');
    if (opcode === undefined) throw invalid(use, '0-15, QUERY, IQUERY, STATUS, NOTIFY or UPDATE');
    if (opcode === OPCODE.QUERY) delete settings.opcode;
    else settings.opcode = opcode;
  },
  qid: ({ settings }, use) => {
    if (!use.state) {
      delete settings.qid;
      return;
    }
    const qid = parseDecimal(use.value ?? '', 0, 65535);
    if (qid === undefined) throw invalid(use, '0-65535');
    settings.qid = qid;
  },
  ednsflags: ({ settings }, use) => {
    // +noednsflags and a bare +ednsflags clear the bits; only a value turns EDNS on, as in dig.
    const flags = use.state && use.value !== undefined ? parseFlags(use.value) : 0;
    if (flags === undefined) throw invalid(use, '0-65535: decimal, 0x hex or 0 octal');
    if (use.value !== undefined) needEdns(settings);
    const kept = flags & ~NAMED_EDNS_FLAGS;
    if (kept === 0) delete settings.ednsFlags;
    else settings.ednsFlags = kept;
  },
  ednsopt: ({ settings }, use) => {
    if (!use.state) {
      delete settings.ednsOptions;
      return;
    }
    const option = parseEdnsOption(use.value ?? '');
    if (option === undefined)
      throw invalid(use, 'CODE[:HEX], CODE 0-65535 or a name such as NSID, ECS, EXPIRE, COOKIE, KEEPALIVE, PADDING');
    // A new list each time: settings are copied shallowly between queries.
    const options = [...(settings.ednsOptions ?? []), option];
    const octets = options.reduce((sum, { hex }) => sum + 4 + hex.length / 2, 0);
    if (octets > MAX_EDNSOPT_OCTETS) {
      throw new InputError(
        `+ednsopt: ${octets} octets of options in all, more than a query can carry (at most ${MAX_EDNSOPT_OCTETS})`,
        'input.option',
      );
    }
    settings.ednsOptions = options;
  },
  padding: ({ settings }, use) => {
    const padding = parseDecimal(use.value ?? '', 0, 512);
    if (padding === undefined) throw invalid(use, '0-512');
    needEdns(settings);
    if (padding === 0) delete settings.padding;
    else settings.padding = padding;
  },
};
