/**
 * Every command-line option tsdig knows, in one table: the parser, --help, the man page and the
 * docs test all read it, so an option cannot exist in one place and be missing from another.
 */

/** Where a dash option is listed in --help and the man page. */
export type DashGroup = 'query' | 'output' | 'program';

/** A dash option: dig's single-letter ones and tsdig's long ones. */
export interface DashOptionSpec {
  /** Single letter after '-', if any. */
  readonly short?: string;
  /** Word after '--', if any. */
  readonly long?: string;
  /** Placeholder for the value, when the option takes one. */
  readonly arg?: string;
  /** The only accepted values, when the set is closed. */
  readonly choices?: readonly string[];
  readonly group: DashGroup;
  readonly description: string;
}

/** Where a +option is listed in --help and the man page. */
export type PlusGroup = 'query' | 'transport' | 'encrypted' | 'display' | 'trace';

/** A dig query option (+name, +noname, +name=value). */
export interface PlusOptionSpec {
  readonly name: string;
  /** Exact synonyms dig accepts (historical spellings such as +vc for +tcp). */
  readonly aliases?: readonly string[];
  /** Whether a +noNAME form exists. */
  readonly negatable: boolean;
  /** The value after '=', if any: its placeholder and whether it must be given. */
  readonly value?: { readonly name: string; readonly required: boolean };
  readonly group: PlusGroup;
  readonly description: string;
  /** Matched only when typed in full: an option of tsdig's own, so that dig's abbreviations (+com, +al) keep their meaning. */
  readonly exact?: boolean;
}

/** The dash options, in the order --help lists them. */
export const DASH_OPTIONS = [
  {
    short: 'b',
    arg: 'address[#port]',
    group: 'query',
    description: 'Send from this local address (and port; 0 means any)',
  },
  { short: 'c', arg: 'class', group: 'query', description: 'Query class (IN, CH, HS, CLASSnnn); default IN' },
  {
    short: 'f',
    arg: 'file',
    group: 'query',
    description: "Read queries from FILE, one command line per line ('-' is stdin)",
  },
  {
    short: 'p',
    arg: 'port',
    group: 'query',
    description:
      'Send to this server port (1-65535); default 53, or 853 with +tls, 443 with +https, 80 with +http-plain',
  },
  { short: 'q', arg: 'name', group: 'query', description: 'Query NAME, even if it looks like a type or class' },
  { short: 't', arg: 'type', group: 'query', description: 'Query type (A, MX, TYPEnnn, ...); default A' },
  { short: 'x', arg: 'addr', group: 'query', description: 'Reverse lookup: PTR query for the IPv4 or IPv6 address' },
  {
    short: 'y',
    arg: '[hmac:]name:secret',
    group: 'query',
    description: 'Sign queries with this TSIG key (base64 secret; hmac-md5 unless named, as in dig)',
  },
  {
    short: 'k',
    arg: 'file',
    group: 'query',
    description: 'Sign queries with the TSIG key in FILE (tsig-keygen format, or K*.private)',
  },
  { short: '4', group: 'query', description: 'Use IPv4 only' },
  { short: '6', group: 'query', description: 'Use IPv6 only' },
  { long: 'json', group: 'output', description: 'Print each query and its reply as JSON (RFC 8427 member names)' },
  { long: 'ndjson', group: 'output', description: 'Print JSON, one document per line' },
  { long: 'table', group: 'output', description: 'Print the answers as a table' },
  {
    long: 'nagios',
    group: 'output',
    description: 'Print one monitoring-plugins line with perfdata; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN',
  },
  {
    long: 'color',
    arg: 'when',
    choices: ['auto', 'always', 'never'],
    group: 'output',
    description: 'Colour the output: auto (terminal only), always or never',
  },
  {
    long: 'root-hints',
    arg: 'file',
    group: 'query',
    description:
      'Start +trace, and +validate when the server cannot supply the chain, from the root servers in FILE (zone file format)',
  },
  {
    long: 'trust-anchor',
    arg: 'file',
    group: 'query',
    description:
      'Validate +validate answers from the DS or DNSKEY records in FILE (zone file format) instead of the built-in root keys',
  },
  { long: 'concurrency', arg: 'n', group: 'query', description: 'Run up to N queries at once (1-1024); default 64' },
  { long: 'unordered', group: 'output', description: 'Print results as they complete, not in command-line order' },
  {
    long: 'graph',
    arg: 'format',
    choices: ['dot', 'svg'],
    group: 'output',
    description:
      'Draw the +trace (and +validate chain), the +compare or the +check as a graph, DOT or SVG, instead of the text; with --json, as its graph member',
  },
  {
    long: 'graph-out',
    arg: 'file',
    group: 'output',
    description: 'Write the --graph picture to FILE, keeping the usual output (format from --graph, or .svg/.dot)',
  },
  {
    long: 'report',
    arg: 'file',
    group: 'output',
    description:
      'Write the +trace, +compare or +check as one self-contained HTML page to FILE: command, time, verdict, picture, hops, servers or findings',
  },
  { short: 'u', group: 'output', description: 'Print query times in microseconds' },
  { short: 'r', group: 'program', description: 'Do not read options from ~/.digrc' },
  { short: 'h', long: 'help', group: 'program', description: 'Print this help and exit' },
  { short: 'v', long: 'version', group: 'program', description: 'Print the version and exit' },
  {
    long: 'completions',
    arg: 'shell',
    choices: ['bash', 'zsh', 'fish'],
    group: 'program',
    description: 'Print a completion script for SHELL and exit (see the man page to install it)',
  },
] as const satisfies readonly DashOptionSpec[];

/** The +options, in the order --help lists them within each group. */
export const PLUS_OPTIONS = [
  {
    name: 'recurse',
    aliases: ['rdflag'],
    negatable: true,
    group: 'query',
    description: 'Set the RD (recursion desired) bit; on by default',
  },
  {
    name: 'dnssec',
    aliases: ['do'],
    negatable: true,
    group: 'query',
    description: 'Request DNSSEC records (set the DO bit)',
  },
  {
    name: 'cdflag',
    aliases: ['cd'],
    negatable: true,
    group: 'query',
    description: 'Set the CD (checking disabled) bit',
  },
  {
    name: 'adflag',
    aliases: ['ad'],
    negatable: true,
    group: 'query',
    description: 'Set the AD (authentic data) bit; on by default',
  },
  {
    name: 'edns',
    negatable: true,
    value: { name: 'N', required: false },
    group: 'query',
    description: 'Use EDNS version N (0-255; default 0); +noedns sends none',
  },
  {
    name: 'bufsize',
    negatable: false,
    value: { name: 'N', required: true },
    group: 'query',
    description: 'Advertise an EDNS UDP buffer of N bytes (0-65535); default 1232',
  },
  { name: 'nsid', negatable: true, group: 'query', description: 'Ask the server for its name server ID' },
  {
    name: 'cookie',
    negatable: true,
    value: { name: 'HEX', required: false },
    group: 'query',
    description: 'Send a DNS cookie (on by default); =HEX sends this cookie',
  },
  {
    name: 'badcookie',
    negatable: true,
    group: 'query',
    description: 'Ask again with the server cookie after a BADCOOKIE reply (on by default)',
  },
  {
    name: 'subnet',
    negatable: true,
    value: { name: 'addr/len', required: true },
    group: 'query',
    description: 'Send an EDNS client subnet option for addr/len',
  },
  {
    name: 'aaflag',
    aliases: ['aaonly'],
    negatable: true,
    group: 'query',
    description: 'Set the AA (authoritative answer) bit in the query',
  },
  {
    name: 'raflag',
    negatable: true,
    group: 'query',
    description: 'Set the RA (recursion available) bit in the query; servers ignore it',
  },
  {
    name: 'tcflag',
    negatable: true,
    group: 'query',
    description: 'Set the TC (truncated) bit in the query; servers ignore it',
  },
  { name: 'zflag', negatable: true, group: 'query', description: 'Set the Z (must be zero) bit in the query' },
  {
    name: 'opcode',
    negatable: true,
    value: { name: 'N', required: true },
    group: 'query',
    description: 'Send opcode N: 0-15, QUERY, IQUERY, STATUS, NOTIFY or UPDATE; +noopcode: QUERY',
  },
  {
    name: 'qid',
    negatable: true,
    value: { name: 'N', required: true },
    group: 'query',
    description: 'Send message ID N (0-65535) instead of a random one',
  },
  {
    name: 'header-only',
    negatable: true,
    group: 'query',
    description: 'Send the header (and EDNS) without a question section',
  },
  {
    name: 'coflag',
    aliases: ['co'],
    negatable: true,
    group: 'query',
    description: 'Set the EDNS CO bit (compact denial of existence OK)',
  },
  {
    name: 'ednsflags',
    negatable: true,
    value: { name: 'N', required: false },
    group: 'query',
    description: 'Set the must-be-zero EDNS flag bits to N (decimal, 0x hex or 0 octal; DO and CO are left alone)',
  },
  {
    name: 'ednsopt',
    negatable: true,
    value: { name: 'CODE[:HEX]', required: true },
    group: 'query',
    description:
      'Send EDNS option CODE (0-65535 or NSID, ECS, EXPIRE, COOKIE, KEEPALIVE, PADDING, CHAIN, KEY-TAG, EDE, ...) with HEX data; repeatable; +noednsopt drops them',
  },
  {
    name: 'expire',
    negatable: true,
    group: 'query',
    description: "Ask for the zone's expire timer (EDNS EXPIRE option)",
  },
  { name: 'keepalive', negatable: true, group: 'query', description: 'Send the EDNS TCP keepalive option' },
  {
    name: 'padding',
    negatable: false,
    value: { name: 'N', required: true },
    group: 'query',
    description: 'Pad the query with the EDNS PADDING option to a multiple of N bytes (0-512; 0: no padding)',
  },
  {
    name: 'search',
    aliases: ['defname'],
    negatable: true,
    group: 'query',
    description: 'Use the search list from resolv.conf; off by default (+defname: the old name)',
  },
  {
    name: 'domain',
    negatable: false,
    value: { name: 'NAME', required: true },
    group: 'query',
    description: 'Search NAME alone, as a resolv.conf "domain NAME" line would (implies +search)',
  },
  {
    name: 'ndots',
    negatable: false,
    value: { name: 'N', required: true },
    group: 'query',
    description: 'Names with fewer than N dots are searched first (+search)',
  },
  {
    name: 'showsearch',
    negatable: true,
    group: 'query',
    description: 'Search (as +search) and print the reply of every name tried, not only the last',
  },
  {
    name: 'idnin',
    negatable: true,
    group: 'query',
    description: 'Convert Unicode names to A-labels before sending; on by default',
  },
  {
    name: 'tcp',
    aliases: ['vc'],
    negatable: true,
    group: 'transport',
    description: 'Query over TCP (ANY queries use TCP unless +notcp)',
  },
  {
    name: 'ignore',
    negatable: true,
    group: 'transport',
    description: 'Keep a truncated UDP reply instead of retrying over TCP',
  },
  {
    name: 'keepopen',
    negatable: true,
    group: 'transport',
    description: 'Keep TCP connections open: queries to a server share one, pipelined (RFC 7766)',
  },
  {
    name: 'timeout',
    negatable: false,
    value: { name: 'N', required: true },
    group: 'transport',
    description: 'Wait N seconds for each reply (0 means 1, as in dig); default 5',
  },
  {
    name: 'tries',
    negatable: false,
    value: { name: 'N', required: true },
    group: 'transport',
    description: 'Send each query at most N times (0 means 1, as in dig); default 3',
  },
  {
    name: 'fail',
    negatable: true,
    group: 'transport',
    description: 'Stop at a SERVFAIL reply (on by default); +nofail asks the next server instead',
  },
  {
    name: 'retry',
    aliases: ['retries'],
    negatable: false,
    value: { name: 'N', required: true },
    group: 'transport',
    description: 'Retry N times after the first try (same as +tries=N+1)',
  },
  {
    name: 'tls',
    negatable: true,
    group: 'encrypted',
    description:
      'Query over TLS (DNS over TLS), port 853; the certificate is not checked (opportunistic) unless +tls-ca, +tls-hostname or a client certificate is given',
  },
  {
    name: 'tls-ca',
    negatable: true,
    value: { name: 'FILE', required: false },
    group: 'encrypted',
    description:
      'Check the server certificate against the CAs in FILE (default: the CAs Node.js trusts); TLS unless +https',
  },
  {
    name: 'tls-hostname',
    negatable: true,
    value: { name: 'NAME', required: true },
    group: 'encrypted',
    description:
      'Check the certificate for NAME and send NAME as SNI (default: the @server as typed, when a host name)',
  },
  {
    name: 'tls-certfile',
    negatable: true,
    value: { name: 'FILE', required: true },
    group: 'encrypted',
    description: 'Present the client certificate (PEM) in FILE; needs +tls-keyfile',
  },
  {
    name: 'tls-keyfile',
    negatable: true,
    value: { name: 'FILE', required: true },
    group: 'encrypted',
    description: 'Private key (PEM) of the +tls-certfile certificate',
  },
  {
    name: 'https',
    negatable: true,
    value: { name: 'PATH', required: false },
    group: 'encrypted',
    description: 'Query over HTTPS (DNS over HTTPS, HTTP/2), port 443, POST to PATH (default /dns-query)',
  },
  {
    name: 'https-get',
    negatable: true,
    value: { name: 'PATH', required: false },
    group: 'encrypted',
    description: 'Like +https, with GET ?dns= instead of POST',
  },
  {
    name: 'https-post',
    negatable: true,
    value: { name: 'PATH', required: false },
    group: 'encrypted',
    description: 'Like +https, with POST (the default method)',
  },
  {
    name: 'http-plain',
    negatable: true,
    value: { name: 'PATH', required: false },
    group: 'encrypted',
    description: 'DNS over HTTP/2 without TLS, port 80, POST to PATH (default /dns-query)',
  },
  {
    name: 'http-plain-get',
    negatable: true,
    value: { name: 'PATH', required: false },
    group: 'encrypted',
    description: 'Like +http-plain, with GET ?dns= instead of POST',
  },
  {
    name: 'http-plain-post',
    negatable: true,
    value: { name: 'PATH', required: false },
    group: 'encrypted',
    description: 'Like +http-plain, with POST (the default method)',
  },
  { name: 'short', negatable: true, group: 'display', description: 'Print only the answer data, one record per line' },
  { name: 'json', negatable: false, group: 'display', description: 'Print JSON (same as --json)' },
  {
    name: 'yaml',
    negatable: true,
    group: 'display',
    description: "Print dig 9.18's YAML: one item per message (with +qr the query too), as dig +yaml prints it",
  },
  { name: 'color', negatable: true, group: 'display', description: 'Always colour the output (+nocolor: never)' },
  { name: 'identify', negatable: true, group: 'display', description: 'With +short, name the server that answered' },
  {
    name: 'all',
    negatable: true,
    group: 'display',
    description: 'Set every display flag below (+noall +answer prints only the answer)',
  },
  { name: 'cmd', negatable: true, group: 'display', description: 'Print the command line and version first' },
  { name: 'comments', negatable: true, group: 'display', description: 'Print the header and section comments' },
  { name: 'question', negatable: true, group: 'display', description: 'Print the question section' },
  { name: 'answer', negatable: true, group: 'display', description: 'Print the answer section' },
  { name: 'authority', negatable: true, group: 'display', description: 'Print the authority section' },
  { name: 'additional', negatable: true, group: 'display', description: 'Print the additional section' },
  { name: 'stats', negatable: true, group: 'display', description: 'Print the query time, server and size' },
  { name: 'qr', negatable: true, group: 'display', description: 'Print the query as it is sent' },
  { name: 'ttlid', aliases: ['ttl'], negatable: true, group: 'display', description: 'Print the TTL of each record' },
  { name: 'ttlunits', negatable: true, group: 'display', description: 'Print TTLs in units (1h2m3s)' },
  { name: 'class', aliases: ['cl'], negatable: true, group: 'display', description: 'Print the class of each record' },
  {
    name: 'multiline',
    negatable: true,
    group: 'display',
    description: 'Print long records (SOA, DNSKEY, ...) over several lines',
  },
  {
    name: 'onesoa',
    negatable: true,
    group: 'display',
    description: 'In an AXFR, print the SOA record once, not again at the end',
  },
  {
    name: 'split',
    negatable: true,
    value: { name: 'W', required: false },
    group: 'display',
    description:
      'Cut hex and base64 fields into chunks of W characters (rounded up to a multiple of 4; 0 or +nosplit: never); default 56, 44 with +multiline',
  },
  {
    name: 'rrcomments',
    negatable: true,
    group: 'display',
    description:
      'Comment on records: key role, algorithm and key id (and SOA timers with +multiline); on with +multiline',
  },
  {
    name: 'idnout',
    negatable: true,
    group: 'display',
    description: 'Print names in Unicode (by default only on a terminal, as dig)',
  },
  {
    name: 'crypto',
    negatable: true,
    group: 'display',
    description: 'Print keys, signatures and digests (on by default); +nocrypto shows [omitted] or the key id instead',
  },
  {
    name: 'unknownformat',
    negatable: true,
    group: 'display',
    description: 'Print every record in RFC 3597 form: TYPEnnn, CLASSnnn, \\# length hex',
  },
  {
    name: 'expandaaaa',
    negatable: true,
    group: 'display',
    description: 'Print IPv6 addresses of AAAA records in full (eight groups of four digits)',
  },
  {
    name: 'trace',
    negatable: true,
    group: 'trace',
    description: 'Follow referrals from the root servers, printing each step',
  },
  {
    name: 'follow',
    negatable: true,
    group: 'trace',
    description: 'With +trace, follow CNAMEs to their target from the root',
  },
  {
    name: 'validate',
    negatable: true,
    group: 'trace',
    description:
      'Validate the answer with DNSSEC up to a trust anchor (as delv does) and print the verdict: secure, insecure, bogus or indeterminate; sets +dnssec',
  },
  {
    name: 'nssearch',
    negatable: true,
    group: 'trace',
    description: "Find the zone's name servers and print each one's SOA record (serial) and reply time",
  },
  {
    name: 'types',
    negatable: true,
    value: { name: 'LIST', required: true },
    group: 'query',
    description:
      'Ask for each type of LIST (A,AAAA,MX) at once: one report, NODATA and NXDOMAIN marked; common: A,AAAA,CNAME,MX,NS,SOA,TXT,CAA,HTTPS,DS',
  },
  {
    name: 'expect',
    negatable: true,
    value: { name: 'LIST', required: true },
    group: 'query',
    description: 'Exit 4 unless the answer holds exactly the values of LIST (192.0.2.1,192.0.2.2)',
  },
  {
    name: 'expect-has',
    negatable: true,
    value: { name: 'LIST', required: true },
    group: 'query',
    description: 'Exit 4 unless the answer holds every value of LIST (others may be there too)',
  },
  {
    name: 'fail-on',
    negatable: true,
    value: { name: 'LIST', required: true },
    group: 'query',
    description: 'Exit 4 on any of LIST: nxdomain, servfail, refused, nodata, bogus (sets +validate), timeout',
  },
  {
    name: 'watch',
    negatable: true,
    value: { name: 'SECONDS', required: false },
    group: 'query',
    description:
      'Ask again every SECONDS (default 2) and print only what changed (on a terminal, the TTL counts down in between; with +compare, per server and the headline); Ctrl-C ends with a summary',
  },
  {
    name: 'until',
    negatable: true,
    value: { name: 'VALUE', required: true },
    group: 'query',
    description: "With +watch: stop (exit 0) once the answer holds VALUE (with +compare, every server's answer)",
  },
  {
    name: 'deadline',
    negatable: true,
    value: { name: 'SECONDS', required: true },
    group: 'query',
    description: 'With +watch: stop after SECONDS in all (exit 5)',
  },
  {
    name: 'compare',
    negatable: true,
    exact: true,
    group: 'trace',
    description:
      'Ask every @server (or with +allns every server of the zone) in parallel and compare: the distinct answers, who gave each, serials, TTLs; exit 6 when they disagree',
  },
  {
    name: 'allns',
    negatable: true,
    exact: true,
    group: 'trace',
    description:
      'With +compare (which it sets): every IPv4 and IPv6 address of every name server of the zone holding the name, found from the root',
  },
  {
    name: 'explain',
    negatable: true,
    exact: true,
    group: 'trace',
    description:
      'After a SERVFAIL, NXDOMAIN, YXDOMAIN, timeout or bogus answer, trace the name from the root with validation and name the culprit',
  },
  {
    name: 'check',
    negatable: true,
    group: 'trace',
    description:
      'Check the delegation of the zone that holds NAME, walking from the root: NS sets and glue, every server (lame, refusing, silent), SOA serials, EDNS, TCP, DNSSEC; findings by severity, exit 0 ok, 2 warning, 3 error',
  },
] as const satisfies readonly PlusOptionSpec[];

/** Names of the +options, for handlers keyed by option. */
export type PlusOptionName = (typeof PLUS_OPTIONS)[number]['name'];

/** Headings of the dash option groups. */
export const DASH_GROUP_TITLES: Readonly<Record<DashGroup, string>> = {
  query: 'Query options',
  output: 'Output options',
  program: 'Other options',
};

/** Headings of the +option groups. */
export const PLUS_GROUP_TITLES: Readonly<Record<PlusGroup, string>> = {
  query: 'Query flags and EDNS',
  transport: 'Transport',
  encrypted: 'DNS over TLS and HTTPS',
  display: 'Display',
  trace: 'Iteration',
};

/** How a dash option is written in help and docs: "-b address[#port]", "-h, --help", "--color=when". */
export function dashTerm(spec: DashOptionSpec): string {
  const names: string[] = [];
  if (spec.short) names.push(`-${spec.short}`);
  if (spec.long) names.push(`--${spec.long}`);
  const flags = names.join(', ');
  if (!spec.arg) return flags;
  if (spec.long && !spec.short) return `${flags}=${spec.choices ? spec.choices.join('|') : spec.arg}`;
  return `${flags} ${spec.arg}`;
}

/** How a +option is written in help and docs: "+[no]edns[=N]", "+[no]tcp, +[no]vc". */
export function plusTerm(spec: PlusOptionSpec): string {
  const no = spec.negatable ? '[no]' : '';
  const value = spec.value ? (spec.value.required ? `=${spec.value.name}` : `[=${spec.value.name}]`) : '';
  const names = [spec.name, ...(spec.aliases ?? [])];
  return names.map((name) => `+${no}${name}${value}`).join(', ');
}
