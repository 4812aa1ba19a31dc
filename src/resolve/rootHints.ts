/** Root server hints: IANA's named.root built in, and the parser for --root-hints FILE (pure). */
import { isIPv4, isIPv6 } from '../wire/address.js';
import { InputError } from '../errors.js';
import { escapeText } from '../wire/escape.js';
import { namesEqual, parseName } from '../wire/name.js';
import type { RootHint } from './traceTypes.js';

/** IANA's named.root (root zone 2024041801): the 13 root servers with their IPv4 and IPv6 addresses. */
export const BUILTIN_ROOT_HINTS: readonly RootHint[] = [
  { name: 'a.root-servers.net.', addresses: ['198.41.0.4', '2001:503:ba3e::2:30'] },
  { name: 'b.root-servers.net.', addresses: ['170.247.170.2', '2801:1b8:10::b'] },
  { name: 'c.root-servers.net.', addresses: ['192.33.4.12', '2001:500:2::c'] },
  { name: 'd.root-servers.net.', addresses: ['199.7.91.13', '2001:500:2d::d'] },
  { name: 'e.root-servers.net.', addresses: ['192.203.230.10', '2001:500:a8::e'] },
  { name: 'f.root-servers.net.', addresses: ['192.5.5.241', '2001:500:2f::f'] },
  { name: 'g.root-servers.net.', addresses: ['192.112.36.4', '2001:500:12::d0d'] },
  { name: 'h.root-servers.net.', addresses: ['198.97.190.53', '2001:500:1::53'] },
  { name: 'i.root-servers.net.', addresses: ['192.36.148.17', '2001:7fe::53'] },
  { name: 'j.root-servers.net.', addresses: ['192.58.128.30', '2001:503:c27::2:30'] },
  { name: 'k.root-servers.net.', addresses: ['193.0.14.129', '2001:7fd::1'] },
  { name: 'l.root-servers.net.', addresses: ['199.7.83.42', '2001:500:9f::42'] },
  { name: 'm.root-servers.net.', addresses: ['202.12.27.33', '2001:dc3::35'] },
];

const CLASSES = new Set(['IN']);
const TYPES = new Set(['NS', 'A', 'AAAA']);

interface HintRecord {
  owner: string;
  type: string;
  data: string;
}

/** Splits one zone-file line into owner (or undefined when the line starts with blanks), type and data. */
function parseLine(raw: string, previousOwner: string | undefined, fail: (why: string) => never): HintRecord {
  const fields = raw.trim().split(/\s+/);
  const inheritsOwner = /^\s/.test(raw);
  const owner = inheritsOwner ? previousOwner : fields.shift();
  if (owner === undefined) fail('no owner name');
  // TTL and class are optional and may come in either order.
  while (fields.length > 0 && (/^[0-9]+$/.test(fields[0]) || CLASSES.has(fields[0].toUpperCase()))) fields.shift();
  if (fields.length !== 2) fail('expected "NAME [TTL] [IN] TYPE DATA"');
  const type = fields[0].toUpperCase();
  if (!TYPES.has(type))
    fail(`unexpected record type ${escapeText(fields[0])} (only NS, A and AAAA belong in root hints)`);
  return { owner, type, data: fields[1] };
}

function checkedName(text: string, fail: (why: string) => never): string {
  try {
    return parseName(text);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Parses a named.root-style file: `. NS name` lines and `name A|AAAA address` lines, comments,
 * `$TTL`, blank lines. Returns the NS names in file order with their addresses. Throws InputError.
 */
export function parseRootHints(text: string, source = 'root hints'): RootHint[] {
  const hints: RootHint[] = [];
  const addresses: { name: string; address: string }[] = [];
  let previousOwner: string | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const fail = (why: string): never => {
      throw new InputError(`${source} line ${index + 1}: ${why}`, 'input.roothints');
    };
    const content = line.replace(/;.*$/, '');
    if (content.trim() === '') return;
    if (/^\$TTL\s/i.test(content)) return;
    if (content.startsWith('$')) fail(`unsupported directive ${escapeText(content.trim().split(/\s+/)[0])}`);
    const record = parseLine(content, previousOwner, fail);
    previousOwner = record.owner;
    const owner = checkedName(record.owner, fail);
    if (record.type === 'NS') {
      if (owner !== '.') fail(`NS record for ${owner}: root hints hold only the root's NS set`);
      hints.push({ name: checkedName(record.data, fail), addresses: [] });
      return;
    }
    const valid = record.type === 'A' ? isIPv4(record.data) : isIPv6(record.data);
    if (!valid) fail(`bad ${record.type} address ${escapeText(record.data)}`);
    addresses.push({ name: owner, address: record.data });
  });
  for (const hint of hints) {
    hint.addresses = addresses.filter((a) => namesEqual(a.name, hint.name)).map((a) => a.address);
  }
  if (!hints.some((hint) => hint.addresses.length > 0)) {
    throw new InputError(`${source}: no root server with an address`, 'input.roothints');
  }
  return hints;
}
