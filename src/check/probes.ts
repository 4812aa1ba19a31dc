/**
 * The queries +check sends to each name-server address: the question and how it is asked. The EDNS
 * tests are those of the DNS flag day (ednscomp): the same SOA question without EDNS, with EDNS 0,
 * with an unknown version, an unknown option, an unknown flag, and with DO.
 */
import { CLASS, TYPE } from '../wire/rrtypes.js';
import type { Question } from '../wire/types.js';
import type { ExchangeSettings } from '../resolve/types.js';
import type { ProbeName } from './types.js';

/** The EDNS option code the unknown-option test sends (unassigned; the one the flag day tests use). */
export const UNKNOWN_OPTION = 100;
/** The EDNS flag bit the unknown-flag test sends (must be zero, RFC 6891 6.1.4). */
export const UNKNOWN_FLAG = 0x0080;
/** The EDNS version the unknown-version test sends. */
export const UNKNOWN_VERSION = 1;
/** The UDP payload size of the DNS flag day 2020, which every probe advertises unless it tests another. */
export const FLAG_DAY_SIZE = 1232;
/** The buffer of the truncation test: small enough that a signed DNSKEY set does not fit. */
export const SMALL_BUFFER = 512;

/** How one probe is asked: the question's type at the apex (or another name) and the settings beside the base. */
export interface ProbeSpec {
  type: number;
  /** The settings this probe changes from the base ones. */
  settings: Partial<ExchangeSettings>;
}

/** Each probe sent to the apex. `recursion` is asked about another name (see recursionQuestion). */
export const PROBES: Readonly<Record<ProbeName, ProbeSpec>> = {
  soa: { type: TYPE.SOA, settings: {} },
  ns: { type: TYPE.NS, settings: {} },
  tcp: { type: TYPE.SOA, settings: { tcp: true } },
  plain: { type: TYPE.SOA, settings: { edns: null } },
  ednsVersion: { type: TYPE.SOA, settings: { edns: UNKNOWN_VERSION } },
  ednsOption: {
    type: TYPE.SOA,
    settings: { ednsExtras: { options: [{ code: UNKNOWN_OPTION, data: new Uint8Array(0) }] } },
  },
  ednsFlag: { type: TYPE.SOA, settings: { ednsExtras: { flags: UNKNOWN_FLAG } } },
  do: { type: TYPE.SOA, settings: { dnssec: true } },
  dnskey: { type: TYPE.DNSKEY, settings: { dnssec: true, ignoreTc: true } },
  truncated: { type: TYPE.DNSKEY, settings: { dnssec: true, bufsize: SMALL_BUFFER, ignoreTc: true } },
  truncatedTcp: { type: TYPE.DNSKEY, settings: { dnssec: true, bufsize: SMALL_BUFFER, tcp: true } },
  nsec3param: { type: TYPE.NSEC3PARAM, settings: { dnssec: true } },
  cname: { type: TYPE.CNAME, settings: {} },
  mx: { type: TYPE.MX, settings: {} },
  recursion: { type: TYPE.SOA, settings: { rd: true } },
};

/** The settings every probe starts from: RD=0, EDNS 0 at 1232 bytes, no DO, no cookie, one try. */
export function baseSettings(timeoutMs: number, source?: ExchangeSettings['source']): ExchangeSettings {
  return {
    rd: false,
    cd: false,
    ad: false,
    dnssec: false,
    edns: 0,
    bufsize: FLAG_DAY_SIZE,
    nsid: false,
    cookie: false,
    tcp: false,
    ignoreTc: false,
    timeoutMs,
    tries: 1,
    ...(source && { source }),
  };
}

/**
 * The question of a probe. The recursion probe asks about a name outside the zone: the parent's
 * apex (or, for the root, a name under .arpa that the root does not serve).
 */
export function probeQuestion(name: ProbeName, zone: string, parent: string | undefined): Question {
  if (name === 'recursion') {
    const other = parent ?? 'arpa.';
    return { name: other, type: TYPE.SOA, class: CLASS.IN };
  }
  return { name: zone, type: PROBES[name].type, class: CLASS.IN };
}
