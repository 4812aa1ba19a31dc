/**
 * RDATA presentation format exactly as dig 9.18 prints it, plus structured fields for JSON.
 * Input is uncompressed RDATA (decodeMessage expands names first); malformed data throws WireError.
 * Unknown types, and class-specific types outside class IN, use RFC 3597 `\# len hex`.
 */

import type { ResourceRecord } from './types.js';
import { typeName } from './rrtypes.js';
import { WireError } from './reader.js';
import { escapeBytes } from './escape.js';
import {
  base64,
  hexUpper,
  ipv4Text,
  ipv6Expanded,
  ipv6Text,
  ONE_LINE_STYLE,
  quoted,
  RdataCursor,
  splitWords,
  type TextStyle,
} from './rdata-text.js';
import { DNSSEC_PRESENTERS } from './rdata-dnssec.js';
import { presentSvcb } from './rdata-svcb.js';
import { presentLoc } from './rdata-loc.js';
import { presentTsig } from './rdata-tsig.js';

/** Structured RDATA values for JSON output. */
export type RdataFields = NonNullable<ResourceRecord['fields']>;

/** RDATA as text plus fields. */
export interface PresentedRdata {
  data: string;
  fields?: RdataFields;
}

/** Reads a whole RDATA from the cursor; the caller checks nothing is left. */
export type Presenter = (c: RdataCursor) => PresentedRdata;

const CLASS_IN = 1;
const CLASS_NONE = 254;
const CLASS_ANY = 255;

/** Types whose format is defined for class IN only (elsewhere they are opaque, as in BIND). */
const IN_ONLY = new Set([1, 11, 26, 28, 33, 35, 36, 38, 42, 49, 64, 65]);

function single(field: string): Presenter {
  return (c) => {
    const target = c.name(field);
    return { data: target, fields: { [field]: target } };
  };
}

function preferenceAndName(nameField: string): Presenter {
  return (c) => {
    const preference = c.u16('preference');
    const target = c.name(nameField);
    return { data: `${preference} ${target}`, fields: { preference, [nameField]: target } };
  };
}

function twoNames(first: string, second: string): Presenter {
  return (c) => {
    const a = c.name(first);
    const b = c.name(second);
    return { data: `${a} ${b}`, fields: { [first]: a, [second]: b } };
  };
}

function fixedLength(c: RdataCursor, size: number): void {
  if (c.data.length !== size) throw new WireError(`${c.typeLabel} data is ${c.data.length} bytes, must be ${size}`);
}

function strings(min: number, max: number): Presenter {
  return (c) => {
    const list: string[] = [];
    while (c.left > 0) list.push(quoted(c.string('character-string')));
    if (list.length < min || list.length > max) {
      throw new WireError(
        `${c.typeLabel} data has ${list.length} character-strings, expected ${min === max ? min : `${min} to ${max}`}`,
      );
    }
    return { data: list.join(' '), fields: { strings: list.map((s) => s.slice(1, -1)) } };
  };
}

const txt: Presenter = (c) => {
  const list: string[] = [];
  while (c.left > 0) list.push(escapeBytes(c.string('character-string')));
  return { data: list.map((s) => `"${s}"`).join(' '), fields: { strings: list } };
};

const soa: Presenter = (c) => {
  const mname = c.name('mname');
  const rname = c.name('rname');
  const serial = c.u32('serial');
  const refresh = c.u32('refresh');
  const retry = c.u32('retry');
  const expire = c.u32('expire');
  const minimum = c.u32('minimum');
  return {
    data: `${mname} ${rname} ${serial} ${refresh} ${retry} ${expire} ${minimum}`,
    fields: { mname, rname, serial, refresh, retry, expire, minimum },
  };
};

const a: Presenter = (c) => {
  fixedLength(c, 4);
  const address = ipv4Text(c.bytes(4, 'address'));
  return { data: address, fields: { address } };
};

const aaaa: Presenter = (c) => {
  fixedLength(c, 16);
  const bytes = c.bytes(16, 'address');
  const address = ipv6Text(bytes);
  return { data: c.style.expandAaaa ? ipv6Expanded(bytes) : address, fields: { address } };
};

const wks: Presenter = (c) => {
  const address = ipv4Text(c.bytes(4, 'address'));
  const protocol = c.u8('protocol');
  const bitmap = c.rest();
  const ports: number[] = [];
  bitmap.forEach((byte, i) => {
    for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) ports.push(i * 8 + bit);
  });
  return { data: [address, protocol, ...ports].join(' '), fields: { address, protocol, ports } };
};

const srv: Presenter = (c) => {
  const priority = c.u16('priority');
  const weight = c.u16('weight');
  const port = c.u16('port');
  const target = c.name('target');
  return { data: `${priority} ${weight} ${port} ${target}`, fields: { priority, weight, port, target } };
};

const naptr: Presenter = (c) => {
  const order = c.u16('order');
  const preference = c.u16('preference');
  const [flags, services, regexp] = [c.string('flags'), c.string('services'), c.string('regexp')].map(escapeBytes);
  const replacement = c.name('replacement');
  return {
    data: `${order} ${preference} "${flags}" "${services}" "${regexp}" ${replacement}`,
    fields: { order, preference, flags, services, regexp, replacement },
  };
};

const px: Presenter = (c) => {
  const preference = c.u16('preference');
  const map822 = c.name('map822');
  const mapx400 = c.name('mapx400');
  return { data: `${preference} ${map822} ${mapx400}`, fields: { preference, map822, mapx400 } };
};

const caa: Presenter = (c) => {
  const flags = c.u8('flags');
  const tagBytes = c.string('tag');
  if (tagBytes.length === 0) throw new WireError('CAA tag is empty');
  const tag = escapeBytes(tagBytes);
  const value = escapeBytes(c.rest());
  return { data: `${flags} ${tag} "${value}"`, fields: { flags, tag, value } };
};

const uri: Presenter = (c) => {
  const priority = c.u16('priority');
  const weight = c.u16('weight');
  const target = escapeBytes(c.rest());
  return { data: `${priority} ${weight} "${target}"`, fields: { priority, weight, target } };
};

const sshfp: Presenter = (c) => {
  const algorithm = c.u8('algorithm');
  const fpType = c.u8('fingerprint type');
  const digest = c.rest();
  const expected = fpType === 1 ? 20 : fpType === 2 ? 32 : undefined;
  if (expected !== undefined && digest.length !== expected) {
    throw new WireError(`SSHFP fingerprint type ${fpType} must be ${expected} bytes, got ${digest.length}`);
  }
  const fingerprint = hexUpper(digest);
  return {
    data: `${algorithm} ${fpType} ${c.words(fingerprint)}`.trimEnd(),
    fields: { algorithm, fpType, fingerprint },
  };
};

const tlsa: Presenter = (c) => {
  const usage = c.u8('usage');
  const selector = c.u8('selector');
  const matchingType = c.u8('matching type');
  const certificate = hexUpper(c.rest());
  return {
    data: `${usage} ${selector} ${matchingType} ${c.words(certificate)}`,
    fields: { usage, selector, matchingType, certificate },
  };
};

const openpgpkey: Presenter = (c) => {
  const key = base64(c.rest());
  return { data: c.secret(key), fields: { key } };
};

const dhcid: Presenter = (c) => {
  const digest = base64(c.rest());
  return { data: c.words(digest), fields: { digest } };
};

const zonemd: Presenter = (c) => {
  const serial = c.u32('serial');
  const scheme = c.u8('scheme');
  const algorithm = c.u8('hash algorithm');
  const raw = c.rest();
  const expected = algorithm === 1 ? 48 : algorithm === 2 ? 64 : undefined;
  if (expected !== undefined && raw.length !== expected) {
    throw new WireError(`ZONEMD hash algorithm ${algorithm} digest must be ${expected} bytes, got ${raw.length}`);
  }
  const digest = hexUpper(raw);
  return {
    data: `${serial} ${scheme} ${algorithm} ${c.secret(digest)}`,
    fields: { serial, scheme, algorithm, digest },
  };
};

function eui(size: number): Presenter {
  return (c) => {
    fixedLength(c, size);
    const address = Array.from(c.bytes(size, 'address'), (b) => b.toString(16).padStart(2, '0')).join('-');
    return { data: address, fields: { address } };
  };
}

/** NID and L64: a preference and 64 bits written as four hex groups. */
const locator64: Presenter = (c) => {
  fixedLength(c, 10);
  const preference = c.u16('preference');
  const groups: string[] = [];
  for (let i = 0; i < 4; i++) groups.push(c.u16('locator').toString(16));
  const locator = groups.join(':');
  return { data: `${preference} ${locator}`, fields: { preference, locator } };
};

const l32: Presenter = (c) => {
  fixedLength(c, 6);
  const preference = c.u16('preference');
  const locator = ipv4Text(c.bytes(4, 'locator'));
  return { data: `${preference} ${locator}`, fields: { preference, locator } };
};

const ipseckey: Presenter = (c) => {
  const precedence = c.u8('precedence');
  const gatewayType = c.u8('gateway type');
  const algorithm = c.u8('algorithm');
  let gateway: string;
  if (gatewayType === 0) gateway = '.';
  else if (gatewayType === 1) gateway = ipv4Text(c.bytes(4, 'gateway'));
  else if (gatewayType === 2) gateway = ipv6Text(c.bytes(16, 'gateway'));
  else if (gatewayType === 3) gateway = c.name('gateway');
  else throw new WireError(`IPSECKEY gateway type ${gatewayType} is unknown`);
  const key = base64(c.rest());
  const data = [precedence, gatewayType, algorithm, gateway, c.words(key)].filter((p) => p !== '').join(' ');
  return { data, fields: { precedence, gatewayType, algorithm, gateway, key } };
};

const PRESENTERS: Readonly<Record<number, Presenter>> = {
  1: a,
  2: single('target'),
  3: single('target'),
  4: single('target'),
  5: single('target'),
  7: single('target'),
  8: single('target'),
  9: single('target'),
  12: single('target'),
  39: single('target'),
  6: soa,
  11: wks,
  13: strings(2, 2), // HINFO
  14: twoNames('rmailbx', 'emailbx'),
  15: preferenceAndName('exchange'),
  16: txt,
  99: txt,
  261: txt, // TXT, SPF, RESINFO
  17: twoNames('mbox', 'txt'),
  18: (c) => {
    const subtype = c.u16('subtype');
    const hostname = c.name('hostname');
    return { data: `${subtype} ${hostname}`, fields: { subtype, hostname } };
  },
  19: strings(1, 1), // X25
  20: strings(1, 2), // ISDN
  21: preferenceAndName('host'),
  26: px,
  28: aaaa,
  29: presentLoc,
  33: srv,
  35: naptr,
  36: preferenceAndName('exchange'),
  45: ipseckey,
  49: dhcid,
  52: tlsa,
  53: tlsa,
  44: sshfp,
  61: openpgpkey,
  63: zonemd,
  64: presentSvcb,
  65: presentSvcb,
  104: locator64,
  106: locator64,
  105: l32,
  107: preferenceAndName('fqdn'),
  108: eui(6),
  109: eui(8),
  256: uri,
  257: caa,
  250: presentTsig,
  ...DNSSEC_PRESENTERS,
};

/** RFC 3597 generic form, `\# len hex`, hex split into words (dig's 56 characters unless +split says otherwise). */
export function genericRdata(rdata: Uint8Array, split?: number): string {
  return rdata.length === 0 ? '\\# 0' : `\\# ${rdata.length} ${splitWords(hexUpper(rdata), split)}`;
}

/** Presentation text and fields of one record's uncompressed RDATA. Throws WireError when malformed. */
export function presentRdata(
  type: number,
  klass: number,
  rdata: Uint8Array,
  style: TextStyle = ONE_LINE_STYLE,
): PresentedRdata {
  // Dynamic update uses empty RDATA with class ANY/NONE for "delete"; BIND prints nothing for it.
  if (rdata.length === 0 && (klass === CLASS_ANY || klass === CLASS_NONE)) return { data: '' };
  const presenter = PRESENTERS[type];
  if (!presenter || (klass !== CLASS_IN && IN_ONLY.has(type))) return { data: genericRdata(rdata, style.split) };
  // An empty TXT has no character-string at all; only the generic form says so without loss.
  if (rdata.length === 0 && presenter === txt) return { data: genericRdata(rdata), fields: { strings: [] } };
  const cursor = new RdataCursor(rdata, typeName(type), style);
  const presented = presenter(cursor);
  cursor.done();
  return presented;
}
