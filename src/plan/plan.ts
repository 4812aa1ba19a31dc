/** Options -> Plan: every name validated, every server an address, every setting resolved. Pure. */
import { serverFamily } from '../wire/address.js';
import type { Options, QueryRequest, QuerySettings } from '../cli/types.js';
import { InputError } from '../errors.js';
import type { LookupPlan } from '../resolve/lookup.js';
import type { NsSearchSettings } from '../resolve/nssearch.js';
import type { TransferPlan } from '../resolve/transfer.js';
import type { EdnsExtras, ExchangeSettings, QueryHeaderSettings } from '../resolve/types.js';
import type { ResolvConf } from '../system/resolvConf.js';
import { searchCandidates } from '../system/resolvConf.js';
import type { Endpoint } from '../transport/types.js';
import type { TsigKey } from '../wire/tsig.js';
import { parseName } from '../wire/name.js';
import { EDNS_FLAG, TYPE } from '../wire/rrtypes.js';
import type { Question } from '../wire/types.js';
import { toAscii } from '../cli/idn.js';
import { DEFAULT_PORTS, encryptedChannel, encryptedProtocol } from './channel.js';
import { checkFits, runsAsTransfer } from './fits.js';
import { comparePlan, explainPlan } from './comparePlan.js';
import type { CheckQueryPlan, LookupQueryPlan, Mode, QueryPlan, TraceQueryPlan, ValidatePlan } from './queryPlan.js';

/** Facts from the system the plan needs: resolv.conf (when some query has no @server) and @hostname addresses. */
export interface SystemFacts {
  resolvConf?: ResolvConf;
  /** -y / -k: the key every query is signed with, read by the caller. */
  tsigKey?: TsigKey;
  /** Addresses for each @server that was a host name, resolved by the caller. */
  serverAddresses: Map<string, string[]>;
  /** Text of the files +tls-ca, +tls-certfile and +tls-keyfile name, read by the caller. */
  tlsFiles?: Map<string, string>;
}

const derived = new WeakMap<QuerySettings, WeakMap<Options, ExchangeSettings>>();

/** exchangeSettings, computed once for each (settings, options) pair: batch lines that share them share the result. */
function sharedExchangeSettings(settings: QuerySettings, options: Options): ExchangeSettings {
  let byOptions = derived.get(settings);
  if (!byOptions) {
    byOptions = new WeakMap();
    derived.set(settings, byOptions);
  }
  let result = byOptions.get(options);
  if (!result) {
    result = exchangeSettings(settings, options);
    byOptions.set(options, result);
  }
  return result;
}

/** The header fields dig's +opcode, +aaflag, +raflag, +tcflag, +zflag, +qid and +header-only set; undefined when none is. */
function headerSettings(settings: QuerySettings): QueryHeaderSettings | undefined {
  const { opcode, aaflag, raflag, tcflag, zflag, qid, headerOnly } = settings;
  const header: QueryHeaderSettings = {};
  if (opcode !== undefined) header.opcode = opcode;
  if (aaflag) header.aa = true;
  if (raflag) header.ra = true;
  if (tcflag) header.tc = true;
  if (zflag) header.z = true;
  if (qid !== undefined) header.id = qid;
  if (headerOnly) header.headerOnly = true;
  return Object.keys(header).length > 0 ? header : undefined;
}

/** The EDNS extras of +ednsflags, +coflag, +expire, +keepalive, +padding and +ednsopt; undefined when none is given. */
function ednsExtras(settings: QuerySettings): EdnsExtras | undefined {
  const extras: EdnsExtras = {};
  const flags = (settings.ednsFlags ?? 0) | (settings.coflag ? EDNS_FLAG.CO : 0);
  if (flags !== 0) extras.flags = flags;
  if (settings.expire) extras.expire = true;
  if (settings.keepalive) extras.keepalive = true;
  if (settings.padding) extras.padding = settings.padding;
  if (settings.ednsOptions?.length)
    extras.options = settings.ednsOptions.map(({ code, hex }) => ({ code, data: Buffer.from(hex, 'hex') }));
  return Object.keys(extras).length > 0 ? extras : undefined;
}

/** The settings the network layer needs, from one query's +options and the global options. */
export function exchangeSettings(settings: QuerySettings, options: Options): ExchangeSettings {
  const header = headerSettings(settings);
  const extras = ednsExtras(settings);
  return {
    ...(header && { header }),
    ...(extras && { ednsExtras: extras }),
    rd: settings.recurse,
    cd: settings.cd,
    ad: settings.adflag,
    // +validate judges the answer's RRSIGs, so it asks for them whatever +nodnssec or +noedns came after it.
    dnssec: settings.dnssec || settings.validate === true,
    // +dnssec needs EDNS, as in dig: DO lives in the OPT record.
    edns: settings.validate ? (settings.edns ?? 0) : (settings.edns ?? (settings.dnssec ? 0 : null)),
    bufsize: settings.bufsize,
    nsid: settings.nsid,
    cookie: settings.cookie,
    ...(settings.badcookie === false && { badcookie: false }),
    subnet: settings.subnet,
    tcp: settings.tcp,
    ignoreTc: settings.ignoreTc,
    ...(settings.keepopen && { keepopen: true }),
    timeoutMs: settings.timeout * 1000,
    tries: settings.tries,
    source: options.source,
  };
}

/** A letter, digit, `-`, `_` or `*`: an octet a plain name may hold (nothing to escape). */
function isPlainNameCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x5f ||
    code === 0x2a
  );
}

/**
 * Whether parseName would return `typed` unchanged but for the final dot: labels of 1-63 letters,
 * digits, `-`, `_` or `*` (nothing to escape), an optional final dot. A loop rather than a regular
 * expression: a batch plans tens of thousands of names.
 */
function isPlainName(typed: string): boolean {
  let label = 0;
  for (let i = 0; i < typed.length; i++) {
    const code = typed.charCodeAt(i);
    if (code === 0x2e) {
      if (label === 0) return false;
      label = 0;
    } else if (!isPlainNameCode(code) || ++label > 63) return false;
  }
  // Every dot above closed a label, so only the empty name is left to refuse.
  return typed.length > 0;
}

/** Turns a typed name into an absolute, validated wire name (IDN to A-labels first with +idnin). */
export function questionName(typed: string, settings: QuerySettings): string {
  // Most names need no parsing; a batch plans tens of thousands of them.
  if (typed.length <= 254 && isPlainName(typed)) {
    const absolute = typed.endsWith('.') ? typed : `${typed}.`;
    if (absolute.length <= 254) return absolute;
  }
  const ascii = settings.idnin && /[^\x00-\x7f]/.test(typed) ? toAscii(typed) : typed;
  return parseName(ascii);
}

type ServerChoice = { endpoints: Endpoint[]; label?: string; found?: number };

const chosen = new WeakMap<Options, WeakMap<SystemFacts, Map<string | undefined, ServerChoice>>>();

/** The port of a query: -p, else the well-known port of its protocol (53, or 853/443/80 for DoT/DoH). */
function queryPort(settings: QuerySettings, options: Options): number {
  const protocol = options.portSet ? undefined : encryptedProtocol(settings);
  return protocol ? DEFAULT_PORTS[protocol] : options.port;
}

/** The last choice sharedServers made, and what it was made for: batch lines mostly repeat the one before. */
let lastChoice:
  | { servers: readonly string[] | undefined; options: Options; facts: SystemFacts; port: number; choice: ServerChoice }
  | undefined;

/** servers(), computed once for each server of a run's options: batch lines share the endpoints (read only). */
function sharedServers(request: QueryRequest, options: Options, facts: SystemFacts, port: number): ServerChoice {
  const last = lastChoice;
  if (
    last &&
    last.servers === request.servers &&
    last.options === options &&
    last.facts === facts &&
    last.port === port
  )
    return last.choice;
  const choice = chosenServers(request, options, facts, port);
  lastChoice = { servers: request.servers, options, facts, port, choice };
  return choice;
}

/** sharedServers' table: the choice for each list of servers and port, by options and facts. */
function chosenServers(request: QueryRequest, options: Options, facts: SystemFacts, port: number): ServerChoice {
  let byFacts = chosen.get(options);
  if (!byFacts) {
    byFacts = new WeakMap();
    chosen.set(options, byFacts);
  }
  let byServer = byFacts.get(facts);
  if (!byServer) {
    byServer = new Map();
    byFacts.set(facts, byServer);
  }
  // argv cannot hold NUL: it separates the servers of a list, and the port from them.
  const list = request.servers?.join('\0');
  const key = port === options.port ? list : `${port}\0${list}`;
  let choice = byServer.get(key);
  if (!choice) {
    choice = servers(request, options, facts, port);
    byServer.set(key, choice);
  }
  return choice;
}

/** The addresses one typed @server stands for under -4/-6; none is bad input. */
function serverAddresses(server: string, options: Options, facts: SystemFacts): string[] {
  const familyOk = (address: string): boolean => options.family === null || serverFamily(address) === options.family;
  const addresses = serverFamily(server) ? [server] : (facts.serverAddresses.get(server) ?? []);
  const usable = addresses.filter(familyOk);
  if (usable.length > 0) return usable;
  if (serverFamily(server))
    throw new InputError(
      `server '${server}' is not an IPv${options.family} address (-${options.family})`,
      'input.server',
    );
  const why = addresses.length === 0 ? "couldn't get address for" : `no IPv${options.family} address for`;
  throw new InputError(`${why} '${server}'`, 'input.server');
}

/**
 * The endpoints of a query: every address of every @server in order (dig's server list), each named
 * as typed, or resolv.conf's nameservers. dig's `(N servers found)` counts the last @server's.
 */
function servers(request: QueryRequest, options: Options, facts: SystemFacts, port: number): ServerChoice {
  const typed = request.servers;
  if (typed !== undefined && typed.length > 0) {
    const each = typed.map((name) => serverAddresses(name, options, facts).map((address) => ({ address, port, name })));
    return {
      endpoints: each.flat(),
      ...(typed.length === 1 && { label: typed[0] }),
      found: each[each.length - 1].length,
    };
  }
  const familyOk = (address: string): boolean => options.family === null || serverFamily(address) === options.family;
  const nameservers = (facts.resolvConf?.nameservers ?? []).filter(familyOk);
  if (nameservers.length === 0) throw new InputError('no usable nameserver in resolv.conf', 'input.server');
  return { endpoints: nameservers.map((address) => ({ address, port })) };
}

/** The mode a query runs in: +check, +trace, +nssearch, +compare (+watch), +types, a transfer by its type, +watch; else a lookup. */
function modeOf(request: QueryRequest): Mode {
  const settings = request.settings;
  if (settings.check) return 'check';
  if (settings.trace) return 'trace';
  if (settings.nssearch) return 'nssearch';
  if (settings.compare) return settings.watch ? 'watchCompare' : 'compare';
  if (settings.types) return 'types';
  if (runsAsTransfer(request)) return 'transfer';
  if (settings.watch) return 'watch';
  return settings.explain ? 'explain' : 'lookup';
}

/** How +nssearch asks each name server: the query's settings without recursion, over UDP or TCP, one try each (as dig). */
function nsSearchSettings(exchange: ExchangeSettings, options: Options): NsSearchSettings {
  const { channel: _channel, ...plain } = exchange;
  return { soa: { ...plain, rd: false, tries: 1 }, port: options.port, family: options.family };
}

/** +validate: the trust anchors, and what the validator's own iteration needs when the server cannot supply the chain. */
function validatePlan(options: Options): ValidatePlan {
  const plan: ValidatePlan = {
    port: options.port,
    family: options.family,
    hintsFromFile: options.rootHints !== undefined,
  };
  if (options.trustAnchor !== undefined) plan.anchorFile = options.trustAnchor;
  return plan;
}

/**
 * The exchange settings of one query: the shared ones, with what only this query adds (its channel,
 * the TSIG key, a transfer's header and serial, resolv.conf's timeout and attempts).
 */
function queryExchange(request: QueryRequest, options: Options, facts: SystemFacts): ExchangeSettings {
  const settings = request.settings;
  let exchange = sharedExchangeSettings(settings, options);
  // A host name's certificate check (and SNI) goes by the first @server of the list.
  const channel = settings.encrypted && encryptedChannel(settings, request.servers?.[0], facts.tlsFiles ?? new Map());
  if (channel) exchange = { ...exchange, channel };
  if (facts.tsigKey) exchange = { ...exchange, tsig: facts.tsigKey };
  // dig never sets RD on a zone transfer; an IXFR carries the client's serial.
  if (request.type === TYPE.AXFR || request.type === TYPE.IXFR)
    exchange = { ...exchange, rd: false, ...(request.ixfrSerial !== undefined && { ixfrSerial: request.ixfrSerial }) };
  const conf = facts.resolvConf;
  if (request.servers === undefined && conf) {
    // resolv.conf's timeout and attempts apply only where the command line did not set its own.
    const timeoutMs = conf.timeout !== undefined && !settings.timeoutSet ? conf.timeout * 1000 : exchange.timeoutMs;
    const tries = conf.attempts !== undefined && !settings.triesSet ? conf.attempts : exchange.tries;
    if (timeoutMs !== exchange.timeoutMs || tries !== exchange.tries) exchange = { ...exchange, timeoutMs, tries };
  }
  return exchange;
}

/** The question and its search-list alternatives, each an absolute, validated name. */
function questions(request: QueryRequest, facts: SystemFacts): Question[] {
  const settings = request.settings;
  const conf = facts.resolvConf;
  const absolute = request.name.endsWith('.') || request.name === '';
  // +domain=NAME is a search list of its own: it needs no resolv.conf (with @server none is read).
  const search = settings.domain !== undefined ? [settings.domain] : conf?.search;
  const names =
    settings.search && !absolute && search
      ? searchCandidates(request.name, { search, ndots: settings.ndots ?? conf?.ndots ?? 1 }, true)
      : [request.name];
  // +nssearch asks the resolver for the NS set first, whatever type was typed (dig does the same).
  const type = settings.nssearch ? TYPE.NS : request.type;
  return names.map((name) => ({ name: questionName(name, settings), type, class: request.class }));
}

/** Plans one query; throws InputError for anything the user must fix (nothing is sent then). */
export function planQuery(request: QueryRequest, options: Options, facts: SystemFacts): QueryPlan {
  const settings = request.settings;
  checkFits(request, options);
  const mode = modeOf(request);
  const validate = settings.validate ? validatePlan(options) : undefined;
  const candidates = questions(request, facts);
  const port = queryPort(settings, options);
  const exchange = queryExchange(request, options, facts);
  const display = settings.display;
  // +compare +allns asks no @server or resolv.conf server: the zone's servers are found from the root.
  if (mode === 'compare' || mode === 'watchCompare') {
    const serversOf = (server: string | undefined) =>
      sharedServers({ ...request, servers: server === undefined ? undefined : [server] }, options, facts, port);
    const shown = { display, serverLabel: request.servers?.length === 1 ? request.servers[0] : undefined };
    const plan = comparePlan(request, options, candidates[0], exchange, shown, serversOf);
    return settings.watch ? { ...plan, mode: 'watchCompare', watch: settings.watch } : plan;
  }
  const { endpoints, label, found } = sharedServers(request, options, facts, port);
  switch (mode) {
    case 'lookup': {
      const lookup = lookupPlan(candidates, endpoints, exchange, settings);
      const plan: LookupQueryPlan = { mode, display, serverLabel: label, serversFound: found, lookup };
      if (validate) plan.validate = validate;
      if (settings.expect || settings.failOn) plan.assertions = { expect: settings.expect, failOn: settings.failOn };
      return plan;
    }
    case 'trace': {
      const { name, type, class: klass } = candidates[0];
      const plan: TraceQueryPlan = {
        mode,
        display,
        serverLabel: label,
        serversFound: found,
        request: { name, type, class: klass },
        settings: traceSettings(exchange, endpoints, settings, options),
        servers: endpoints,
      };
      if (validate) plan.validate = validate;
      return plan;
    }
    case 'transfer': {
      const transfer: TransferPlan = { question: candidates[0], servers: endpoints, settings: exchange };
      return { mode, display, serverLabel: label, serversFound: found, transfer };
    }
    case 'nssearch': {
      const lookup = lookupPlan(candidates, endpoints, exchange, settings);
      const nssearch = nsSearchSettings(exchange, options);
      return { mode, display, serverLabel: label, serversFound: found, lookup, nssearch };
    }
    case 'types': {
      const lookup = lookupPlan(candidates, endpoints, exchange, settings);
      return { mode, display, serverLabel: label, serversFound: found, lookup, types: settings.types ?? [] };
    }
    case 'watch': {
      const lookup = lookupPlan(candidates, endpoints, exchange, settings);
      return {
        mode,
        display,
        serverLabel: label,
        serversFound: found,
        lookup,
        watch: settings.watch ?? { seconds: 2 },
      };
    }
    case 'explain': {
      const lookup = lookupPlan(candidates, endpoints, exchange, settings);
      return explainPlan(options, lookup, { display, serverLabel: label, serversFound: found }, validate);
    }
    case 'check':
      return {
        mode,
        display,
        serverLabel: label,
        serversFound: found,
        name: candidates[0].name,
        ...checkSettings(endpoints, settings, options),
      };
  }
}

/** +check's one timeout per query unless +timeout says otherwise: short, so a dead server costs little. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * +check's settings: the walk starts like a trace (@server or resolv.conf, or --root-hints); the
 * check's own queries (no recursion, EDNS 0 at 1232 bytes, one try) are the runner's.
 */
function checkSettings(
  servers: Endpoint[],
  settings: QuerySettings,
  options: Options,
): Pick<CheckQueryPlan, 'walk' | 'timeoutMs' | 'source'> {
  const timeoutMs = settings.timeoutSet ? settings.timeout * 1000 : CHECK_TIMEOUT_MS;
  const { exchange: _exchange, ...walk } = traceSettings(
    sharedExchangeSettings(settings, options),
    servers,
    { ...settings, follow: false },
    options,
  );
  return { walk, timeoutMs, ...(options.source && { source: options.source }) };
}

/** A trace's settings: from @server or resolv.conf's servers, or with --root-hints straight from the file's root servers. */
function traceSettings(
  exchange: ExchangeSettings,
  servers: Endpoint[],
  settings: QuerySettings,
  options: Options,
): TraceQueryPlan['settings'] {
  // As dig's +trace starts from its hints when given a file.
  const hinted = options.rootHints !== undefined;
  return {
    exchange,
    port: options.port,
    family: options.family,
    follow: settings.follow,
    startServers: hinted ? [] : servers,
    rootHintsSource: hinted ? 'file' : 'builtin',
  };
}

/** The lookup of the candidate questions, with +nofail and +showsearch. */
function lookupPlan(
  candidates: Question[],
  servers: Endpoint[],
  exchange: ExchangeSettings,
  settings: QuerySettings,
): LookupPlan {
  const lookup: LookupPlan = { candidates, servers, settings: exchange };
  if (!settings.servfailStops) lookup.nextServerOnServfail = true;
  if (settings.showsearch) lookup.showSearch = true;
  return lookup;
}
