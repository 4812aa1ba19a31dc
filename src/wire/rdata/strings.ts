/** RDATA made of character-strings: TXT, SPF and RESINFO (any number), HINFO (two), X25 (one), ISDN (one or two). */

import { WireError } from '../reader.js';
import type { RdataCursor } from './cursor.js';

/** Types whose RDATA is a list of character-strings. */
export type StringsType = 'TXT' | 'SPF' | 'RESINFO' | 'HINFO' | 'X25' | 'ISDN';

/** The character-strings, raw octets (escaping is the presenter's business). An empty TXT has none. */
export interface StringsRdata<T extends StringsType> {
  type: T;
  strings: Uint8Array[];
}

/** Any of the character-string types, each its own member. */
export type AnyStringsRdata = { [T in StringsType]: StringsRdata<T> }[StringsType];

/** Decoder of a type of `min` to `max` character-strings (TXT-like types: 0 to any). */
export function decodeStrings<T extends StringsType>(
  type: T,
  min = 0,
  max = Infinity,
): (c: RdataCursor) => StringsRdata<T> {
  return (c) => {
    const strings: Uint8Array[] = [];
    while (c.left > 0) strings.push(c.string('character-string'));
    if (strings.length < min || strings.length > max) {
      throw new WireError(
        `${c.typeLabel} data has ${strings.length} character-strings, expected ${min === max ? min : `${min} to ${max}`}`,
      );
    }
    return { type, strings };
  };
}
