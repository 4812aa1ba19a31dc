/** resolv.conf: a pure parser, the one read of the file, and the search-list candidates for +search. */
import { isIP } from '../wire/address.js';
// node:fs's `promises` loads node:fs/promises on first use, not when a query that names its server starts.
import { promises as fs } from 'node:fs';

/** What tsdig uses from resolv.conf. */
export interface ResolvConf {
  /** Server addresses in file order (IPv6 may carry a %scope); at most 3, as BIND's resolver library reads. */
  nameservers: string[];
  /** Search domains (the last `search` or `domain` line wins); at most 8, as BIND's resolver library reads. */
  search: string[];
  ndots: number;
  /** `options timeout:N` in seconds, when given. */
  timeout?: number;
  /** `options attempts:N`, when given. */
  attempts?: number;
}

const MAX_NAMESERVERS = 3;
const MAX_SEARCH = 8;
/** Where dig (BIND's libirs) turns when resolv.conf names no server: the local host, IPv6 first. */
export const FALLBACK_NAMESERVERS: readonly string[] = ['::1', '127.0.0.1'];

/** Upper bounds glibc applies to `options` values; larger values are clamped, as it does. */
const OPTION_LIMITS = { ndots: 15, timeout: 30, attempts: 5 } as const;

function optionValue(text: string, limit: number): number | undefined {
  if (!/^[0-9]{1,9}$/.test(text)) return undefined;
  return Math.min(Number(text), limit);
}

/** Parses resolv.conf text; unknown lines and bad values are ignored, as resolvers do. */
export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], ndots: 1 };
  for (const rawLine of text.split(/\r?\n/)) {
    // '#' and ';' start comments; neither can appear in an address or a domain name here.
    const [keyword, ...args] = rawLine
      .replace(/[#;].*/, '')
      .trim()
      .split(/\s+/);
    switch (keyword) {
      case 'nameserver':
        if (args[0] && isIP(args[0]) && conf.nameservers.length < MAX_NAMESERVERS) conf.nameservers.push(args[0]);
        break;
      case 'domain':
        if (args[0]) conf.search = [args[0]];
        break;
      case 'search':
        if (args.length > 0) conf.search = args.slice(0, MAX_SEARCH);
        break;
      case 'options':
        for (const option of args) applyOption(conf, option);
        break;
    }
  }
  return conf;
}

function applyOption(conf: ResolvConf, option: string): void {
  const colon = option.indexOf(':');
  if (colon < 0) return;
  const name = option.slice(0, colon);
  if (name !== 'ndots' && name !== 'timeout' && name !== 'attempts') return;
  const value = optionValue(option.slice(colon + 1), OPTION_LIMITS[name]);
  if (value === undefined) return;
  if (name === 'ndots') conf.ndots = value;
  // A zero timeout or attempt count would mean "never wait" / "never send": resolvers treat it as 1.
  else conf[name] = Math.max(value, 1);
}

/**
 * Reads $TSDIG_RESOLV_CONF or /etc/resolv.conf. A missing or unreadable file, or one naming no
 * server, yields ::1 and 127.0.0.1, which is what dig does.
 */
export async function readResolvConf(env: NodeJS.ProcessEnv): Promise<ResolvConf> {
  const path = env.TSDIG_RESOLV_CONF ?? '/etc/resolv.conf';
  let text = '';
  try {
    text = await fs.readFile(path, 'utf8');
  } catch {
    // Same as an empty file: the fallback servers below.
  }
  const conf = parseResolvConf(text);
  if (conf.nameservers.length === 0) conf.nameservers = [...FALLBACK_NAMESERVERS];
  return conf;
}

function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/**
 * The names to try for `name`, in order, as dig +search does: a name with a trailing dot, or with
 * at least ndots dots, is tried as is and only as is; a shorter one is tried under each search
 * domain first, then as is. Every candidate is absolute.
 */
export function searchCandidates(
  name: string,
  conf: { search: readonly string[]; ndots: number },
  enabled: boolean,
): string[] {
  if (name === '' || name === '.') return ['.'];
  if (!enabled || name.endsWith('.')) return [absolute(name)];
  const dots = name.split('.').length - 1;
  if (dots >= conf.ndots) return [absolute(name)];
  const searched = conf.search.map((domain) => absolute(`${name}.${domain.replace(/\.$/, '')}`));
  return [...searched, absolute(name)];
}
