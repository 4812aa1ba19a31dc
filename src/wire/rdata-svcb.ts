/** SVCB and HTTPS (RFC 9460) presentation, as dig 9.18 prints it (key7 and above as keyNNNNN). */

import type { Presenter, RdataFields } from './rdata.js';
import { WireError } from './reader.js';
import { base64, ipv4Text, ipv6Text, RdataCursor } from './rdata-text.js';
import { escapeBytes } from './escape.js';

const KEY_NAMES: Readonly<Record<number, string>> = {
  0: 'mandatory',
  1: 'alpn',
  2: 'no-default-alpn',
  3: 'port',
  4: 'ipv4hint',
  5: 'ech',
  6: 'ipv6hint',
};

function keyName(key: number): string {
  return KEY_NAMES[key] ?? `key${key}`;
}

/** Comma-separated value list: `,` and `\` inside an item are backslash-escaped first, then the whole is string-escaped. */
function valueList(items: Uint8Array[]): string {
  const joined: number[] = [];
  items.forEach((item, i) => {
    if (i > 0) joined.push(0x2c);
    for (const b of item) {
      if (b === 0x2c || b === 0x5c) joined.push(0x5c);
      joined.push(b);
    }
  });
  return escapeBytes(Uint8Array.from(joined));
}

function addresses(
  value: Uint8Array,
  size: number,
  key: string,
  text: (b: Uint8Array, at: number) => string,
): string[] {
  if (value.length === 0 || value.length % size !== 0)
    throw new WireError(`SVCB ${key} length ${value.length} is not a multiple of ${size}`);
  const out: string[] = [];
  for (let at = 0; at < value.length; at += size) out.push(text(value, at));
  return out;
}

/** One SvcParam as `key=value` text, filling its JSON field. */
function param(key: number, value: Uint8Array, fields: RdataFields): string {
  const name = keyName(key);
  switch (key) {
    case 0: {
      if (value.length === 0 || value.length % 2 !== 0)
        throw new WireError(`SVCB mandatory length ${value.length} is not a positive even number`);
      const keys: string[] = [];
      for (let at = 0; at < value.length; at += 2) keys.push(keyName((value[at] << 8) | value[at + 1]));
      fields[name] = keys;
      return `${name}=${keys.join(',')}`;
    }
    case 1: {
      const ids: Uint8Array[] = [];
      const c = new RdataCursor(value, 'SVCB alpn');
      while (c.left > 0) {
        const id = c.string('protocol id');
        if (id.length === 0) throw new WireError('SVCB alpn has an empty protocol id');
        ids.push(id);
      }
      if (ids.length === 0) throw new WireError('SVCB alpn is empty');
      fields[name] = ids.map((id) => escapeBytes(id));
      return `${name}="${valueList(ids)}"`;
    }
    case 2:
      if (value.length !== 0) throw new WireError('SVCB no-default-alpn has a value');
      fields[name] = true;
      return name;
    case 3: {
      if (value.length !== 2) throw new WireError(`SVCB port length ${value.length} is not 2`);
      const port = (value[0] << 8) | value[1];
      fields[name] = port;
      return `${name}=${port}`;
    }
    case 4: {
      const list = addresses(value, 4, name, ipv4Text);
      fields[name] = list;
      return `${name}=${list.join(',')}`;
    }
    case 5: {
      const ech = base64(value);
      fields[name] = ech;
      return `${name}=${ech}`;
    }
    case 6: {
      const list = addresses(value, 16, name, ipv6Text);
      fields[name] = list;
      return `${name}=${list.join(',')}`;
    }
    default: {
      if (key === 65535) throw new WireError('SVCB key 65535 is reserved');
      const text = escapeBytes(value);
      fields[name] = text;
      return value.length === 0 ? name : `${name}="${text}"`;
    }
  }
}

/** SVCB/HTTPS: priority, target, then parameters in wire order (which must be strictly increasing). */
export const presentSvcb: Presenter = (c) => {
  const priority = c.u16('priority');
  const target = c.name('target');
  const fields: RdataFields = { priority, target };
  const parts: string[] = [String(priority), target];
  let lastKey = -1;
  while (c.left > 0) {
    const key = c.u16('parameter key');
    const length = c.u16('parameter length');
    const value = c.bytes(length, `${keyName(key)} value`);
    if (key <= lastKey) throw new WireError(`SVCB parameter ${keyName(key)} out of order`);
    lastKey = key;
    parts.push(param(key, value, fields));
  }
  return { data: parts.join(' '), fields };
};
