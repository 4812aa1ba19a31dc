/** Trust anchors: the root's DS records built in (Debian's dns-root-data), and the parser for --trust-anchor FILE (pure). */
import { InputError } from '../errors.js';
import { escapeText } from '../wire/escape.js';
import { parseName } from '../wire/name.js';
import type { TrustAnchor } from './types.js';

/** IANA's root KSKs as DS records (/usr/share/dns/root.ds): KSK-2017 (20326) and KSK-2024 (38696). */
export const BUILTIN_ROOT_DS_TEXT = `. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
. IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
`;

/** A trust anchor file is a few records: larger input is refused before it is parsed. */
export const MAX_TRUST_ANCHOR_OCTETS = 1 << 20;
/** One record, parentheses joined: a 4096-bit RSA key in base64 is under 700 characters. */
export const MAX_TRUST_ANCHOR_RECORD = 8192;

/** Bad input quoted in an error message, cut short so the message stays one readable line. */
function quoted(text: string): string {
  return escapeText(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

function hexBytes(text: string, fail: (why: string) => never): Uint8Array {
  if (!/^([0-9a-fA-F]{2})+$/.test(text)) fail(`bad hex digest ${quoted(text)}`);
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

function numberIn(text: string | undefined, max: number, what: string, fail: (why: string) => never): number {
  if (text === undefined || !/^[0-9]{1,10}$/.test(text) || Number(text) > max)
    fail(`bad ${what} ${quoted(text ?? '(missing)')}`);
  return Number(text);
}

/**
 * Parses DS and DNSKEY records in zone-file form (one per line, parentheses allowed; comments,
 * blank lines and $TTL skipped) into one anchor per zone. Throws InputError naming the line.
 */
export function parseTrustAnchors(text: string, source = 'trust anchor'): TrustAnchor[] {
  if (Buffer.byteLength(text) > MAX_TRUST_ANCHOR_OCTETS)
    throw new InputError(`${source}: too large (more than ${MAX_TRUST_ANCHOR_OCTETS} octets)`, 'input.trustanchor');
  const anchors = new Map<string, TrustAnchor>();
  // Records written over several lines with ( ) become one line, as in a zone file.
  const lines: Array<{ text: string; line: number }> = [];
  let open: { text: string; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const content = raw.replace(/;.*$/, '');
    if (open) {
      open.text += ` ${content}`;
      if (content.includes(')')) {
        lines.push(open);
        open = undefined;
      }
    } else if (content.includes('(') && !content.includes(')')) {
      open = { text: content, line: index + 1 };
    } else if (content.trim() !== '') {
      lines.push({ text: content, line: index + 1 });
    }
  });
  if (open) throw new InputError(`${source} line ${open.line}: '(' without ')'`, 'input.trustanchor');
  for (const { text: line, line: number } of lines) {
    const fail = (why: string): never => {
      throw new InputError(`${source} line ${number}: ${why}`, 'input.trustanchor');
    };
    if (line.length > MAX_TRUST_ANCHOR_RECORD)
      fail(`record too long (more than ${MAX_TRUST_ANCHOR_RECORD} characters)`);
    if (/^\$TTL\s/i.test(line)) continue;
    const words = line.replace(/[()]/g, ' ').trim().split(/\s+/);
    let owner = '';
    if ((words[0] ?? '').length > 1024) fail(`owner name too long: ${quoted(words[0])}`);
    try {
      owner = parseName(words[0] ?? '');
    } catch (error) {
      fail((error as Error).message);
    }
    // TTL and class, in either order, before the type.
    let at = 1;
    while (at < words.length && at <= 2 && (/^[0-9]+$/.test(words[at]) || words[at].toUpperCase() === 'IN')) at++;
    const type = (words[at] ?? '').toUpperCase();
    const fields = words.slice(at + 1);
    const anchor = anchors.get(owner.toLowerCase()) ?? { zone: owner, ds: [], dnskeys: [] };
    if (type === 'DS') {
      const keyTag = numberIn(fields[0], 65535, 'key tag', fail);
      const algorithm = numberIn(fields[1], 255, 'algorithm', fail);
      const digestType = numberIn(fields[2], 255, 'digest type', fail);
      anchor.ds.push({ keyTag, algorithm, digestType, digest: hexBytes(fields.slice(3).join(''), fail) });
    } else if (type === 'DNSKEY') {
      const flags = numberIn(fields[0], 65535, 'flags', fail);
      const protocol = numberIn(fields[1], 255, 'protocol', fail);
      const algorithm = numberIn(fields[2], 255, 'algorithm', fail);
      const key = fields.slice(3).join('');
      if (!/^[A-Za-z0-9+/]+=*$/.test(key)) fail('bad base64 public key');
      const rdata = Buffer.concat([
        Buffer.from([flags >> 8, flags & 0xff, protocol, algorithm]),
        Buffer.from(key, 'base64'),
      ]);
      anchor.dnskeys.push(Uint8Array.from(rdata));
    } else {
      fail(`expected a DS or DNSKEY record, got ${quoted(type || '(nothing)')}`);
    }
    anchors.set(owner.toLowerCase(), anchor);
  }
  if (anchors.size === 0) throw new InputError(`${source}: no DS or DNSKEY records`, 'input.trustanchor');
  return [...anchors.values()];
}

/** The built-in root trust anchor. */
export function builtinTrustAnchors(): TrustAnchor[] {
  return parseTrustAnchors(BUILTIN_ROOT_DS_TEXT, 'built-in root trust anchor');
}
