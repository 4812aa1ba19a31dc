/** The EDNS object of the JSON view: OPT header facts and every option, raw (hex) and decoded where tsdig knows the option. */
import type { Edns, EdnsOption } from '../wire/types.js';
import { escapeBytes, escapeText } from '../wire/escape.js';
import { ipv6Text } from '../wire/address.js';
import { hexUpper } from '../wire/encoding.js';
import { EDE_NAMES, EDNS_OPTION, ednsOptionName } from '../wire/rrtypes.js';

/** A decoded option value; which shape depends on the option (see the schema's $defs). */
export type DecodedOption =
  | { text: string }
  | { client: string; server?: string }
  | { family: number; sourcePrefix: number; scopePrefix: number; address: string }
  | { infoCode: number; infoCodeName: string; extraText: string };

/** One option in JSON. */
export interface EdnsOptionJson {
  code: number;
  name: string;
  hex: string;
  decoded?: DecodedOption;
}

/** The OPT record in JSON. */
export interface EdnsJson {
  version: number;
  udpSize: number;
  DO: boolean;
  /** The 15 remaining flag bits, as received (normally 0). */
  flags: number;
  options: EdnsOptionJson[];
}

/** The EDNS object for a message's OPT record. */
export function ednsJson(edns: Edns): EdnsJson {
  return {
    version: edns.version,
    udpSize: edns.udpSize,
    DO: edns.do,
    flags: edns.flags,
    options: edns.options.map(optionJson),
  };
}

function optionJson(option: EdnsOption): EdnsOptionJson {
  const out: EdnsOptionJson = { code: option.code, name: ednsOptionName(option.code), hex: hexUpper(option.data) };
  const decoded = decodeOption(option);
  if (decoded) out.decoded = decoded;
  return out;
}

/** Decodes the options scripts ask about; malformed or unknown ones stay hex only. */
function decodeOption({ code, data }: EdnsOption): DecodedOption | undefined {
  switch (code) {
    case EDNS_OPTION.NSID:
      return { text: escapeBytes(data) };
    case EDNS_OPTION.ECS:
      return decodeSubnet(data);
    case EDNS_OPTION.COOKIE:
      return decodeCookie(data);
    case EDNS_OPTION.EDE:
      return decodeExtendedError(data);
    default:
      return undefined;
  }
}

function decodeCookie(data: Uint8Array): DecodedOption | undefined {
  // RFC 7873: an 8-byte client cookie, optionally followed by an 8..32-byte server cookie.
  if (data.length !== 8 && (data.length < 16 || data.length > 40)) return undefined;
  const client = hexUpper(data.subarray(0, 8));
  return data.length === 8 ? { client } : { client, server: hexUpper(data.subarray(8)) };
}

function decodeSubnet(data: Uint8Array): DecodedOption | undefined {
  if (data.length < 4) return undefined;
  const family = (data[0] << 8) | data[1];
  const sourcePrefix = data[2];
  const scopePrefix = data[3];
  const width = family === 1 ? 4 : family === 2 ? 16 : 0;
  const bytes = data.subarray(4);
  if (width === 0 || bytes.length > width) return undefined;
  const full = new Uint8Array(width);
  full.set(bytes);
  const address = family === 1 ? Array.from(full).join('.') : ipv6Text(full);
  return { family, sourcePrefix, scopePrefix, address };
}

function decodeExtendedError(data: Uint8Array): DecodedOption | undefined {
  if (data.length < 2) return undefined;
  const infoCode = (data[0] << 8) | data[1];
  // EXTRA-TEXT is UTF-8 meant for people; decode leniently, then escape like any text from the network.
  const extraText = escapeText(new TextDecoder('utf-8').decode(data.subarray(2)));
  return { infoCode, infoCodeName: EDE_NAMES[infoCode] ?? `EDE${infoCode}`, extraText };
}
