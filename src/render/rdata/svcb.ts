/** Presenter of SVCB and HTTPS (RFC 9460), as dig 9.18 prints them: `key=value` parameters in wire order. */

import { base64 } from '../../wire/encoding.js';
import { escapeBytes } from '../../wire/escape.js';
import { type SvcbRdata, type SvcParam, svcParamKeyName } from '../../wire/rdata/svcb.js';
import type { Presenter, RdataFields } from './presenter.js';

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

/** A parameter's name: its registry name, `keyNNNNN` for the others. */
function paramName(p: SvcParam): string {
  return p.kind === 'other' ? svcParamKeyName(p.key) : p.kind;
}

/** One parameter as `key=value` text. */
function paramText(p: SvcParam): string {
  switch (p.kind) {
    case 'mandatory':
      return `${p.kind}=${p.keys.map(svcParamKeyName).join(',')}`;
    case 'alpn':
      return `${p.kind}="${valueList(p.ids)}"`;
    case 'no-default-alpn':
      return p.kind;
    case 'port':
      return `${p.kind}=${p.port}`;
    case 'ipv4hint':
    case 'ipv6hint':
      return `${p.kind}=${p.addresses.join(',')}`;
    case 'ech':
      return `${p.kind}=${base64(p.config)}`;
    case 'other':
      return p.value.length === 0 ? paramName(p) : `${paramName(p)}="${escapeBytes(p.value)}"`;
  }
}

/** One parameter's JSON value. */
function paramField(p: SvcParam): RdataFields[string] {
  switch (p.kind) {
    case 'mandatory':
      return p.keys.map(svcParamKeyName);
    case 'alpn':
      return p.ids.map((id) => escapeBytes(id));
    case 'no-default-alpn':
      return true;
    case 'port':
      return p.port;
    case 'ipv4hint':
    case 'ipv6hint':
      return p.addresses;
    case 'ech':
      return base64(p.config);
    case 'other':
      return escapeBytes(p.value);
  }
}

export const svcb: Presenter<SvcbRdata> = {
  text: (r) => [String(r.priority), r.target, ...r.params.map(paramText)].join(' '),
  fields(r) {
    const fields: RdataFields = { priority: r.priority, target: r.target };
    for (const p of r.params) fields[paramName(p)] = paramField(p);
    return fields;
  },
};
