/**
 * Ways real servers misbehave, as reply makers: each reads a query and returns the bytes to send,
 * or undefined to answer normally from the zone data. They plug into the zone server's `respond`
 * hook (and so into the trace hierarchy) and, through `scriptOf`, into the hostile server.
 */
import type { HostileScript } from './hostileServer.js';
import type { PacketRecord } from './zoneAnswer.js';
import { encodeReply, type ParsedQuery, type ReplyRcode } from './zoneReply.js';

/** Bytes for `query`, or undefined: the server's normal answer. */
export type ReplyMaker = (query: ParsedQuery) => Uint8Array | undefined;

const OPTION_COOKIE = 10;

/** An old server or middlebox: FORMERR or NOTIMP, without an OPT record, to any query carrying EDNS. */
export function ednsIntolerant(rcode: Extract<ReplyRcode, 'FORMERR' | 'NOTIMP'> = 'FORMERR'): ReplyMaker {
  return (query) => (query.edns ? encodeReply(query, { rcode, noEdns: true }) : undefined);
}

/**
 * A server that requires its cookie (RFC 7873 section 5.2.3): BADCOOKIE with a fresh server cookie
 * (`serverCookie`, 8 to 32 bytes) after the client cookie it received, unless the query already carries
 * that server cookie; with `always`, BADCOOKIE to everything.
 */
export function cookieDemanding(serverCookie: Uint8Array, always = false): ReplyMaker {
  const expected = Buffer.from(serverCookie);
  return (query) => {
    const sent = query.edns?.cookie;
    if (!always && sent && Buffer.from(sent.subarray(8)).equals(expected)) return undefined;
    const client = sent ? sent.subarray(0, 8) : new Uint8Array(8);
    return encodeReply(query, {
      rcode: 'BADCOOKIE',
      ednsOptions: [{ code: OPTION_COOKIE, data: Buffer.concat([client, expected]) }],
    });
  };
}

/** Fixed sections for every query (aa and RA as given): a lame server's non-aa answer, a referral, a poisoned answer... */
export function fixedReply(parts: {
  rcode?: ReplyRcode;
  aa?: boolean;
  ra?: boolean;
  answers?: PacketRecord[];
  authorities?: PacketRecord[];
  additionals?: PacketRecord[];
}): ReplyMaker {
  return (query) => encodeReply(query, { rcode: 'NOERROR', ...parts });
}

/**
 * A server older than RFC 6672: below `owner`, the DNAME alone (aa), without the CNAME it should
 * have synthesized for the name asked.
 */
export function dnameWithoutCname(owner: string, target: string): ReplyMaker {
  const suffix = `.${owner.replace(/\.$/, '').toLowerCase()}`;
  return (query) =>
    `.${query.name.replace(/\.$/, '').toLowerCase()}`.endsWith(suffix) &&
    query.name.replace(/\.$/, '').toLowerCase() !== suffix.slice(1)
      ? encodeReply(query, {
          rcode: 'NOERROR',
          aa: true,
          answers: [{ name: owner, type: 'DNAME', ttl: 300, class: 'IN', data: target }],
        })
      : undefined;
}

/** Wire octets of a presentation name (absolute, no escapes). */
function nameOctets(name: string): number {
  const labels = name
    .replace(/\.$/, '')
    .split('.')
    .filter((label) => label !== '');
  return labels.reduce((sum, label) => sum + label.length + 1, 1);
}

/**
 * A server that follows RFC 6672 section 2.2: below `owner`, where the DNAME's substitution would
 * make the name longer than 255 octets, YXDOMAIN (aa) with the DNAME and no CNAME.
 */
export function dnameTooLong(owner: string, target: string): ReplyMaker {
  const suffix = `.${owner.replace(/\.$/, '').toLowerCase()}`;
  return (query) => {
    const name = `.${query.name.replace(/\.$/, '').toLowerCase()}`;
    if (!name.endsWith(suffix) || name === suffix) return undefined;
    if (nameOctets(query.name) - nameOctets(owner) + nameOctets(target) <= 255) return undefined;
    return encodeReply(query, {
      rcode: 'YXDOMAIN',
      aa: true,
      answers: [{ name: owner, type: 'DNAME', ttl: 300, class: 'IN', data: target }],
    });
  };
}

/** Only the queries for `name` (any case, with or without the final dot) get `maker`'s reply; others are answered normally. */
export function forName(name: string, maker: ReplyMaker): ReplyMaker {
  const wanted = name.replace(/\.$/, '').toLowerCase();
  return (query) => (query.name.replace(/\.$/, '').toLowerCase() === wanted ? maker(query) : undefined);
}

/** The first maker that has a reply for the query. */
export function firstOf(...makers: ReplyMaker[]): ReplyMaker {
  return (query) => {
    for (const maker of makers) {
      const bytes = maker(query);
      if (bytes) return bytes;
    }
    return undefined;
  };
}

/** A hostile-server script from reply makers: the first reply made, else `otherwise`'s (silence when none). */
export function scriptOf(maker: ReplyMaker, otherwise?: ReplyMaker): HostileScript {
  return ({ query }) => {
    const bytes = maker(query) ?? otherwise?.(query);
    return { replies: bytes ? [{ bytes }] : [] };
  };
}
