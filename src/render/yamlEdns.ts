/**
 * The OPT_PSEUDOSECTION of dig 9.18's +yaml: the EDNS header and one line per option, as the text
 * view's option presenter writes them, with dig's YAML spellings (TCP-KEEPALIVE, PAD's bytes, EDE as
 * a mapping).
 */
import { dottedAscii, ednsOptionText, hexAndAscii } from './ednsText.js';
import { EDNS_FLAG, EDNS_OPTION } from '../wire/rrtypes.js';
import type { Edns, EdnsOption } from '../wire/types.js';
import { doubleQuoted, plainOrQuoted } from './yamlScalars.js';

/** What the OPT pseudosection needs besides the record: the message's role and the cookie verdict to add. */
export interface YamlEdnsContext {
  isQuery: boolean;
  /** dig's ` (good)`, ` (echoed)` or ` (bad)` after a server's COOKIE; empty in a query. */
  cookieVerdict: string;
}

/** `NAME: value` (or `NAME:`) at `indent`, the value bare when YAML reads it back unchanged. */
function keyValue(indent: string, text: string): string {
  const colon = text.indexOf(':');
  const key = text.slice(0, colon);
  const value = text.slice(colon + 1).trimStart();
  return value === '' ? `${indent}${key}:\n` : `${indent}${key}: ${plainOrQuoted(value)}\n`;
}

/** Bytes as dig 9.18's YAML writes EDE extra text: UTF-8 kept (escaped where unsafe), other bytes and controls as dots. */
function extraText(data: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return dottedAscii(data);
  }
  return text.replace(/[\x00-\x1f\x7f]/g, '.');
}

/** An EDE option: INFO-CODE with its name, then EXTRA-TEXT (dig leaves an empty line where there is none). */
function edeLines(option: EdnsOption, indent: string): string {
  const { data } = option;
  // Shorter than its code: dig's generic form.
  if (data.length < 2) return keyValue(indent, ednsOptionText(option));
  const info = ednsOptionText({ code: EDNS_OPTION.EDE, data: data.subarray(0, 2) }).slice('EDE: '.length);
  const inner = `${indent}  `;
  const text = data.length > 2 ? `${inner}EXTRA-TEXT: ${doubleQuoted(extraText(data.subarray(2)))}\n` : '\n';
  return `${indent}EDE:\n${inner}INFO-CODE: ${info}\n${text}`;
}

/** `61 62 ("ab")`: PAD's bytes, as dig's YAML prints them (its text view gives only the length). */
function paddingText(data: Uint8Array): string {
  return `PAD:${hexAndAscii(data)}`;
}

function optionLines(option: EdnsOption, indent: string, ctx: YamlEdnsContext): string {
  switch (option.code) {
    case EDNS_OPTION.EDE:
      return edeLines(option, indent);
    case EDNS_OPTION.PADDING:
      // dig prints the query it built, before the padding is filled in.
      return keyValue(indent, paddingText(ctx.isQuery ? new Uint8Array(0) : option.data));
    case EDNS_OPTION['TCP-KEEPALIVE']:
      return keyValue(indent, ednsOptionText(option).replace('TCP KEEPALIVE', 'TCP-KEEPALIVE'));
    case EDNS_OPTION.COOKIE:
      return keyValue(indent, ednsOptionText(option) + ctx.cookieVerdict);
    default:
      return keyValue(indent, ednsOptionText(option));
  }
}

/** The OPT_PSEUDOSECTION block at `indent` (the message data's indent). */
export function yamlOptSection(edns: Edns, indent: string, ctx: YamlEdnsContext): string {
  const inner = `${indent}    `;
  const flags = (edns.do ? ' do' : '') + (edns.flags & EDNS_FLAG.CO ? ' co' : '');
  let out = `${indent}OPT_PSEUDOSECTION:\n${indent}  EDNS:\n${inner}version: ${edns.version}\n${inner}flags:${flags}\n`;
  const mbz = edns.flags & 0x3fff;
  if (mbz !== 0) out += `${inner}MBZ: 0x${mbz.toString(16).padStart(4, '0')}\n`;
  out += `${inner}udp: ${edns.udpSize}\n`;
  // A mapping's keys must differ: a repeated option (two EDEs, two NSIDs) is numbered, EDE-2, as dig's output is not YAML there.
  const seen = new Map<string, number>();
  for (const option of edns.options) {
    const lines = optionLines(option, inner, ctx);
    const key = lines.slice(inner.length, lines.indexOf(':'));
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    out += count === 1 ? lines : `${inner}${key}-${count}${lines.slice(inner.length + key.length)}`;
  }
  return out;
}
