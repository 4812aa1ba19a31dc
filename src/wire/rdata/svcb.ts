/** SVCB and HTTPS (RFC 9460): priority, target and typed SvcParams in wire order (which must be strictly increasing). */

import { ipv4Text, ipv6Text } from '../address.js';
import { WireError } from '../reader.js';
import { RdataCursor } from './cursor.js';

/** One SvcParam, by kind; keys tsdig has no format for keep their octets. */
export type SvcParam =
  | { kind: 'mandatory'; keys: number[] }
  | { kind: 'alpn'; ids: Uint8Array[] }
  | { kind: 'no-default-alpn' }
  | { kind: 'port'; port: number }
  | { kind: 'ipv4hint'; addresses: string[] }
  | { kind: 'ech'; config: Uint8Array }
  | { kind: 'ipv6hint'; addresses: string[] }
  | { kind: 'other'; key: number; value: Uint8Array };

/** A service binding: priority 0 is alias form (target only), otherwise service form with parameters. */
export interface SvcbRdata<T extends 'SVCB' | 'HTTPS' = 'SVCB' | 'HTTPS'> {
  type: T;
  priority: number;
  target: string;
  params: SvcParam[];
}

const KEY_NAMES: readonly string[] = ['mandatory', 'alpn', 'no-default-alpn', 'port', 'ipv4hint', 'ech', 'ipv6hint'];

/** A SvcParamKey's registry name, or `keyNNNNN` for the others (dig 9.18 names key7 and above this way). */
export function svcParamKeyName(key: number): string {
  return KEY_NAMES[key] ?? `key${key}`;
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

/** One SvcParam's value checked against its key's format. */
function param(key: number, value: Uint8Array): SvcParam {
  switch (key) {
    case 0: {
      if (value.length === 0 || value.length % 2 !== 0)
        throw new WireError(`SVCB mandatory length ${value.length} is not a positive even number`);
      const keys: number[] = [];
      for (let at = 0; at < value.length; at += 2) keys.push((value[at] << 8) | value[at + 1]);
      return { kind: 'mandatory', keys };
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
      return { kind: 'alpn', ids };
    }
    case 2:
      if (value.length !== 0) throw new WireError('SVCB no-default-alpn has a value');
      return { kind: 'no-default-alpn' };
    case 3:
      if (value.length !== 2) throw new WireError(`SVCB port length ${value.length} is not 2`);
      return { kind: 'port', port: (value[0] << 8) | value[1] };
    case 4:
      return { kind: 'ipv4hint', addresses: addresses(value, 4, 'ipv4hint', ipv4Text) };
    case 5:
      return { kind: 'ech', config: value };
    case 6:
      return { kind: 'ipv6hint', addresses: addresses(value, 16, 'ipv6hint', ipv6Text) };
    default:
      if (key === 65535) throw new WireError('SVCB key 65535 is reserved');
      return { kind: 'other', key, value };
  }
}

/** Decoder of SVCB or HTTPS. */
export function decodeSvcb<T extends 'SVCB' | 'HTTPS'>(type: T): (c: RdataCursor) => SvcbRdata<T> {
  return (c) => {
    const priority = c.u16('priority');
    const target = c.name('target');
    const params: SvcParam[] = [];
    let lastKey = -1;
    while (c.left > 0) {
      const key = c.u16('parameter key');
      const length = c.u16('parameter length');
      const value = c.bytes(length, `${svcParamKeyName(key)} value`);
      if (key <= lastKey) throw new WireError(`SVCB parameter ${svcParamKeyName(key)} out of order`);
      lastKey = key;
      params.push(param(key, value));
    }
    return { type, priority, target, params };
  };
}
