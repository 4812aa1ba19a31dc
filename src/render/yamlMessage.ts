/**
 * dig 9.18's +yaml items: `- type: MESSAGE` (where and when a message went, its header, OPT
 * pseudosection and sections) and `- type: DIG_ERROR`. Records are the text view's presentation,
 * one line each, single-quoted. Pure: data in, text out.
 */
import type { DisplayFlags } from '../cli/types.js';
import type { Protocol } from '../transport/types.js';
import { rdataText } from './rdata/present.js';
import { recordData } from './record.js';
import { className, OPCODE, opcodeName, rcodeName, TYPE, typeName } from '../wire/rrtypes.js';
import { escapeText } from '../wire/escape.js';
import type { Message, Question, ResourceRecord } from '../wire/types.js';
import { yamlOptSection } from './yamlEdns.js';
import { doubleQuoted, singleQuoted } from './yamlScalars.js';

/** Where and when one message travelled: the facts of the `message:` mapping. */
export interface YamlWire {
  server: { address: string; port: number };
  /** dig 9.18 says UDP for UDP and TCP for everything else (TCP, TLS, HTTPS). */
  protocol: Protocol;
  /** -b address[#port]; unset: dig's `0.0.0.0` (`::0`) and port 0. */
  source?: { address: string; port: number };
  /** When the query went out, in milliseconds since the epoch (fractions kept for -u). */
  sentAt: number;
  /** When this message arrived (responses only). */
  receivedAt?: number;
  /** The message's size on the wire. */
  size: number;
  /** -u: timestamps to the microsecond. */
  usec?: boolean;
}

/** The display switches +yaml honours: which sections, the OPT pseudosection (+comments) and +split. */
export type YamlDisplay = Pick<DisplayFlags, 'comments' | 'question' | 'answer' | 'authority' | 'additional' | 'split'>;

/** How one message is shown. */
export interface YamlMessageOptions {
  isQuery: boolean;
  display: YamlDisplay;
  /** The server COOKIE verdict dig adds (` (good)`...), empty for none. */
  cookieVerdict?: string;
  /** +idnout on a terminal: how owner names are shown. */
  displayName?: (name: string) => string;
  /** The answer records to list when not all are (+onesoa); the header still counts the message's own. */
  answerShown?: ResourceRecord[];
}

/** dig's `!!timestamp` value: ISO 8601 in UTC, to the millisecond (with -u, the microsecond). */
export function yamlTimestamp(ms: number, usec: boolean | undefined): string {
  const micros = Math.floor(ms * 1000);
  const iso = new Date(Math.floor(micros / 1000)).toISOString();
  return usec ? `${iso.slice(0, -1)}${String(micros % 1000).padStart(3, '0')}Z` : iso;
}

/** An address as dig prints it in `response_address`: quoted, the unspecified IPv6 address as `::0`. */
function addressText(address: string): string {
  return doubleQuoted(address === '::' ? '::0' : address);
}

/** The `message:` facts, ending with the `query_message_data:` or `response_message_data:` key. */
function wireLines(msg: Message, wire: YamlWire, isQuery: boolean): string {
  const recursive = msg.rd && (isQuery || msg.ra);
  const type = `${recursive ? 'RECURSIVE' : 'AUTH'}_${isQuery ? 'QUERY' : 'RESPONSE'}`;
  const inet6 = wire.server.address.includes(':');
  let out = `- type: MESSAGE\n  message:\n    type: ${type}\n`;
  out += `    query_time: !!timestamp ${yamlTimestamp(wire.sentAt, wire.usec)}\n`;
  if (!isQuery && wire.receivedAt !== undefined)
    out += `    response_time: !!timestamp ${yamlTimestamp(wire.receivedAt, wire.usec)}\n`;
  out += `    message_size: ${wire.size}b\n`;
  out += `    socket_family: ${inet6 ? 'INET6' : 'INET'}\n`;
  out += `    socket_protocol: ${wire.protocol === 'udp' ? 'UDP' : 'TCP'}\n`;
  out += `    response_address: ${addressText(wire.server.address)}\n    response_port: ${wire.server.port}\n`;
  out += `    query_address: ${addressText(wire.source?.address ?? (inet6 ? '::' : '0.0.0.0'))}\n`;
  out += `    query_port: ${wire.source?.port ?? 0}\n`;
  return `${out}    ${isQuery ? 'query' : 'response'}_message_data:\n`;
}

const FLAGS: Array<[keyof Message, string]> = [
  ['qr', ' qr'],
  ['aa', ' aa'],
  ['tc', ' tc'],
  ['rd', ' rd'],
  ['ra', ' ra'],
  ['ad', ' ad'],
  ['cd', ' cd'],
];

function headerLines(msg: Message): string {
  const update = msg.opcode === OPCODE.UPDATE;
  let flags = '';
  for (const [key, text] of FLAGS) if (msg[key] === true) flags += text;
  let out = `      opcode: ${opcodeName(msg.opcode)}\n      status: ${rcodeName(msg.rcode)}\n      id: ${msg.id}\n`;
  out += `      flags:${flags}\n`;
  if (msg.z) out += '      MBZ: 0x4\n';
  out += `      ${update ? 'ZONE' : 'QUESTION'}: ${msg.question.length}\n`;
  out += `      ${update ? 'PREREQ' : 'ANSWER'}: ${msg.answer.length}\n`;
  out += `      ${update ? 'UPDATE' : 'AUTHORITY'}: ${msg.authority.length}\n`;
  return `${out}      ADDITIONAL: ${msg.additional.length + (msg.edns ? 1 : 0)}\n`;
}

/** `::0` for an IPv6 address that ends in `::`, as dig's YAML writes it wherever BIND prints an address (not SVCB hints). */
function zeroTail(address: string): string {
  return address.endsWith('::') ? `${address}0` : address;
}

/** The record data with dig's YAML address form (AAAA, A6, APL, IPSECKEY and AMTRELAY gateways). */
function yamlData(rr: ResourceRecord, data: string): string {
  switch (rr.type) {
    case TYPE.AAAA:
      return zeroTail(data);
    case TYPE.A6:
      return data.replace(
        /^(\d+ )([0-9a-fA-F:.]+)/,
        (_, prefix: string, address: string) => prefix + zeroTail(address),
      );
    case TYPE.APL:
      return data.replace(/(^|\s)(!?2:)([^/\s]*)/g, (_, space: string, afi: string, address: string) => {
        return space + afi + zeroTail(address);
      });
    case TYPE.IPSECKEY:
    case TYPE.AMTRELAY: {
      const fields = data.split(' ');
      const gatewayType = rr.type === TYPE.IPSECKEY ? fields[1] : fields[2];
      if (gatewayType === '2' && fields[3] !== undefined) fields[3] = zeroTail(fields[3]);
      return fields.join(' ');
    }
    default:
      return data;
  }
}

/** One record as dig's YAML lists it: owner, TTL, class, type and data, one space apart. */
function yamlRecordText(rr: ResourceRecord, split: number | undefined, name = rr.name): string {
  const data = yamlData(rr, split === undefined ? rdataText(rr.rdata) : recordData(rr, { split }));
  const head = `${name} ${rr.ttl} ${className(rr.class)} ${typeName(rr.type)}`;
  return data === '' ? head : `${head} ${data}`;
}

function questionText(q: Question): string {
  return `${q.name} ${className(q.class)} ${typeName(q.type)}`;
}

function section(title: string, items: string[]): string {
  if (items.length === 0) return '';
  return `      ${title}_SECTION:\n${items.map((item) => `        - ${singleQuoted(item)}\n`).join('')}`;
}

/** One message as a `- type: MESSAGE` item: where it went, its header, OPT pseudosection and the sections shown. */
export function yamlMessage(msg: Message, wire: YamlWire, options: YamlMessageOptions): string {
  const { display, isQuery, displayName } = options;
  const records = (list: ResourceRecord[]): string[] =>
    list.map((rr) => yamlRecordText(rr, display.split, displayName ? displayName(rr.name) : rr.name));
  const titles =
    msg.opcode === OPCODE.UPDATE ? ['ZONE', 'PREREQUISITE', 'UPDATE'] : ['QUESTION', 'ANSWER', 'AUTHORITY'];
  let out = wireLines(msg, wire, isQuery) + headerLines(msg);
  if (display.comments && msg.edns)
    out += yamlOptSection(msg.edns, '      ', { isQuery, cookieVerdict: options.cookieVerdict ?? '' });
  if (display.question) out += section(titles[0], msg.question.map(questionText));
  if (display.answer) out += section(titles[1], records(options.answerShown ?? msg.answer));
  if (display.authority) out += section(titles[2], records(msg.authority));
  if (display.additional) {
    // A TSIG record (always the last) is dig's TSIG_PSEUDOSECTION, its item at the key's own indent, then a blank line.
    const last = msg.additional[msg.additional.length - 1];
    const tsig = last?.type === TYPE.TSIG ? last : undefined;
    out += section('ADDITIONAL', records(tsig ? msg.additional.slice(0, -1) : msg.additional));
    if (tsig) out += `      TSIG_PSEUDOSECTION:\n      - ${singleQuoted(yamlRecordText(tsig, display.split))}\n\n`;
  }
  return out;
}

/** dig's `- type: DIG_ERROR` item: one line of text in a literal block. */
export function yamlError(message: string): string {
  const line = message.replace(/[\r\n]+/g, ' ').trim() || 'no servers could be reached';
  // A literal block holds any printable text: only what a terminal would act on is escaped.
  return `- type: DIG_ERROR\n  message: |\n    ${escapeText(line)}\n`;
}
