/** The parsed command line: every default filled in, nothing left to guess downstream. */
import type { Expectation, FailCondition } from './assertOptions.js';

/** Display switches from dig's +[no]cmd, +[no]comments, ... */
export interface DisplayFlags {
  cmd: boolean;
  comments: boolean;
  question: boolean;
  answer: boolean;
  authority: boolean;
  additional: boolean;
  stats: boolean;
  /** +qr: print the query as sent. */
  qr: boolean;
  ttlid: boolean;
  ttlunits: boolean;
  class: boolean;
  multiline: boolean;
  /** +split=W: width of hex and base64 chunks, 0 for none; unset: dig's default (56, or 44 with +multiline). */
  split?: number;
  /** +[no]rrcomments; unset: on with +multiline, off without. */
  rrcomments?: boolean;
  /** +short */
  short: boolean;
  /** +identify (with +short: show the server that answered). */
  identify: boolean;
  /** +[no]idnout: Unicode names in output; unset: only when stdout is a terminal (an explicit +idnout applies anywhere, as in dig). */
  idnout?: boolean;
  /** +onesoa: an AXFR shows its SOA once, not again at the end. */
  onesoa?: boolean;
  /** +[no]crypto: false replaces keys, signatures and digests by `[key id = N]` / `[omitted]`; unset: shown. */
  crypto?: boolean;
  /** +[no]unknownformat: every record (and the question) in RFC 3597 form, TYPEnnn and CLASSnnn included. */
  unknownformat?: boolean;
  /** +[no]expandaaaa: AAAA addresses in full, eight groups of four digits. */
  expandaaaa?: boolean;
}

/** dig's +tls, +https, +http-plain and +tls-* options as typed (files are read later, at the edge). */
export interface EncryptedSettings {
  /** +tls: DNS over TLS; wins over +https when both are on, as in dig. */
  tls: boolean;
  /** +https, +https-get, +https-post, +http-plain, +http-plain-get, +http-plain-post; undefined when off. */
  https?: { plain: boolean; method: 'GET' | 'POST'; endpoint: string };
  /** +tls-ca: true for the CAs Node.js trusts, or a PEM file. */
  ca?: true | string;
  /** +tls-hostname */
  hostname?: string;
  /** +tls-certfile and +tls-keyfile: a client certificate. */
  certFile?: string;
  keyFile?: string;
}

/** Per-query settings: dig's +options, which may be global (before the first name) or local to one query. */
export interface QuerySettings {
  recurse: boolean;
  tcp: boolean;
  /** +ignore: do not retry over TCP after TC. */
  ignoreTc: boolean;
  /** +keepopen: queries over TCP share a connection to their server, pipelined; unset or false: one connection each. */
  keepopen?: boolean;
  dnssec: boolean;
  cd: boolean;
  adflag: boolean;
  /** EDNS version, or null for +noedns. */
  edns: number | null;
  bufsize: number;
  nsid: boolean;
  /** +cookie (true), +cookie=HEX (server cookie to send back), +nocookie (false). */
  cookie: boolean | string;
  /** +nobadcookie (false): a BADCOOKIE reply is not answered by asking again with the server cookie; unset: it is. */
  badcookie?: boolean;
  subnet?: { family: 1 | 2; address: string; sourcePrefix: number };
  /** Seconds per try. */
  timeout: number;
  /** Total tries per server (+tries); +retry=N sets tries = N + 1. */
  tries: number;
  /** +timeout was given: resolv.conf's `options timeout:N` does not apply. */
  timeoutSet?: boolean;
  /** +tries or +retry was given: resolv.conf's `options attempts:N` does not apply. */
  triesSet?: boolean;
  search: boolean;
  ndots?: number;
  trace: boolean;
  /** With +trace: follow CNAMEs to their target from the root. */
  follow: boolean;
  /** +[no]fail: a SERVFAIL reply ends the lookup (dig's default); +nofail asks the next server instead. */
  servfailStops: boolean;
  /** +idnin: convert Unicode names to A-labels before sending. */
  idnin: boolean;
  /** +opcode=N|NAME (0-15); unset: QUERY. */
  opcode?: number;
  /** +aaflag, +raflag, +tcflag, +zflag: header bits a query leaves clear unless asked. */
  aaflag?: boolean;
  raflag?: boolean;
  tcflag?: boolean;
  zflag?: boolean;
  /** +qid=N: this message ID instead of a random one; +noqid: random again. */
  qid?: number;
  /** +header-only: send no question section. */
  headerOnly?: boolean;
  /** +ednsflags=N: EDNS flag bits besides DO and CO (dig clears those two); unset: 0. */
  ednsFlags?: number;
  /** +coflag: the EDNS CO (compact denial of existence OK) bit. */
  coflag?: boolean;
  /** +expire: ask for the zone's EXPIRE timer (RFC 7314). */
  expire?: boolean;
  /** +keepalive: send edns-tcp-keepalive (RFC 7828). */
  keepalive?: boolean;
  /** +padding=N: pad the query to a multiple of N octets (0: off). */
  padding?: number;
  /** +ednsopt=CODE[:HEX], in the order given (HEX lower case); +noednsopt clears the list. Replaced, never changed in place. */
  ednsOptions?: Array<{ code: number; hex: string }>;
  /** +domain=NAME: the search list is this one domain (with +search). */
  domain?: string;
  /** +showsearch: print the reply of every search-list name tried, not only the last (implies +search). */
  showsearch?: boolean;
  /** +validate: check the answer with DNSSEC up to a trust anchor and report the verdict. */
  validate?: boolean;
  /** +nssearch: ask each name server of the zone for its SOA (dig's +nssearch). */
  nssearch?: boolean;
  /** +types=LIST: the name is asked for each of these types at once. Replaced, never changed in place. */
  types?: number[];
  /** +expect=LIST, +expect-has=LIST: the answer the query must have. Replaced, never changed in place. */
  expect?: Expectation;
  /** +fail-on=LIST: replies that fail the query (exit 4). Replaced, never changed in place. */
  failOn?: FailCondition[];
  /** +watch, +until, +deadline: the query is asked again every `seconds`. Replaced, never changed in place. */
  watch?: { seconds: number; until?: string; deadline?: number };
  /** +compare: ask every @server (or the zone's servers) in parallel and compare their answers. */
  compare?: boolean;
  /** +allns: with +compare, the servers are every address of every name server of the zone holding the name. */
  allns?: boolean;
  /** +explain: after a failed lookup, trace from the root with validation and name the culprit. */
  explain?: boolean;
  /** +check: check the delegation of the zone that holds the name, from the root. */
  check?: boolean;
  display: DisplayFlags;
  /** DoT/DoH options; undefined when none was given. Replaced, never changed in place (settings are shared). */
  encrypted?: EncryptedSettings;
}

/** One query from the command line (or a batch line). */
export interface QueryRequest {
  /** The name as the user typed it ("" for dig's default root NS query); for -x, the reverse name already built. */
  name: string;
  /** Numeric RR type; defaults: A, or PTR with -x, or NS for an empty name. */
  type: number;
  /** Numeric class, default 1 (IN). */
  class: number;
  /** Set when the query came from -x: the address as typed. */
  reverseOf?: string;
  /** IXFR=N: the serial the client has (type is IXFR). */
  ixfrSerial?: number;
  /**
   * The servers as typed after '@' (addresses or host names), tried in order as dig's server list:
   * the next one only when one gives no reply. Those given before the first name come first in every
   * query. Undefined: resolv.conf's.
   */
  servers?: string[];
  settings: QuerySettings;
}

/** Where the TSIG key comes from: -y's text or -k's file (the last one given wins, as in dig). */
export type TsigKeySource = { kind: 'text'; text: string } | { kind: 'file'; path: string };

/** --graph's formats: Graphviz DOT text, or SVG rendered from it. */
export type GraphFormat = 'dot' | 'svg';

/** Output view. */
export type OutputFormat = 'dig' | 'short' | 'json' | 'ndjson' | 'table' | 'yaml';

/** The whole invocation. */
export interface Options {
  queries: QueryRequest[];
  port: number;
  /** Whether -p was given: otherwise +tls, +https and +http-plain use their own ports (853, 443, 80). */
  portSet?: boolean;
  /** -4 / -6 */
  family: 4 | 6 | null;
  /** -b address[#port] */
  source?: { address: string; port: number };
  /** -f FILE ('-' for stdin) */
  batchFile?: string;
  format: OutputFormat;
  color: 'auto' | 'always' | 'never';
  /** --root-hints FILE for +trace */
  rootHints?: string;
  /** --trust-anchor FILE for +validate (DS or DNSKEY records); absent: the built-in root keys. */
  trustAnchor?: string;
  /** -y [hmac:]name:secret or -k FILE: the TSIG key as typed (read and checked when planning). */
  tsig?: TsigKeySource;
  concurrency: number;
  unordered: boolean;
  /** --nagios: one monitoring-plugins status line per query, and its exit code. */
  nagios?: boolean;
  /** -u: query times in microseconds, as dig -u prints them. */
  usec?: boolean;
  /** --graph: draw the +trace as a graph in this format (on stdout, or into graphOut). */
  graph?: GraphFormat;
  /** --graph-out FILE: where the graph goes instead of stdout. */
  graphOut?: string;
  /** --report FILE: a self-contained HTML report of the +trace. */
  report?: string;
  /** With -f: the words every batch line starts from (the options and @server of ~/.digrc and the command line); absent when none. */
  batchDefaults?: string[];
  /** The original argv (after the program name), for the `; <<>> tsdig VERSION <<>> args` line. */
  argv: string[];
  /**
   * dig's command header as the options before the first name left it: 'off' when +nocmd, +short or
   * +noall was in force then (no header, not even before a failure), 'short' when +short and +cmd
   * were (`;; global options: +short +cmd`); absent: the usual header.
   */
  greeting?: 'off' | 'short';
  /** dig's warnings about the command line (`;; Warning, extra type option`), printed on stderr before anything runs. */
  warnings?: string[];
}

/** The shells --completions writes a script for. */
export type CompletionShell = 'bash' | 'zsh' | 'fish';

/** What parsing the command line decided: run, or print help/version, or fail. */
export type ParseOutcome =
  | { kind: 'run'; options: Options }
  | { kind: 'help'; text: string }
  | { kind: 'version'; text: string }
  /** --completions SHELL: the script is generated by the caller (its code is loaded only then). */
  | { kind: 'completions'; shell: CompletionShell }
  | { kind: 'invalid'; message: string };
