/** +types=LIST (and the preset word common): one name asked for several record types at once, with one report. */
import { InputError } from '../errors.js';
import { parseType, TYPE } from '../wire/rrtypes.js';
import type { PlusOptionUse, PlusTarget } from './plusOptions.js';

/** The types of the word `common` in +types: what people look up first about a name. */
export const COMMON_TYPES: readonly number[] = [
  TYPE.A,
  TYPE.AAAA,
  TYPE.CNAME,
  TYPE.MX,
  TYPE.NS,
  TYPE.SOA,
  TYPE.TXT,
  TYPE.CAA,
  TYPE.HTTPS,
  TYPE.DS,
];

/** Types that are not one question and one reply: a zone transfer streams, ANY/meta types are no RRset. */
const NOT_LISTABLE = new Set<number>([TYPE.AXFR, TYPE.IXFR, TYPE.OPT, TYPE.TSIG]);

/** The types of +types=A,AAAA,MX (`common` for COMMON_TYPES) in the order given, each once; bad input for an unknown or unfit type. */
export function parseTypeList(text: string): number[] {
  const types: number[] = [];
  for (const word of text.split(',')) {
    if (word.trim().toLowerCase() === 'common') {
      for (const type of COMMON_TYPES) if (!types.includes(type)) types.push(type);
      continue;
    }
    const type = parseType(word.trim());
    if (type === undefined || word.trim() === '')
      throw new InputError(`invalid +types value '${text}': '${word}' is not a record type`, 'input.option');
    if (NOT_LISTABLE.has(type))
      throw new InputError(`invalid +types value '${text}': ${word} cannot be one of several types`, 'input.option');
    if (!types.includes(type)) types.push(type);
  }
  return types;
}

type Handler = (target: PlusTarget, use: PlusOptionUse) => void;

/** The handler of +types; +notypes goes back to the one type of the query. */
export const TYPES_HANDLERS: Readonly<Record<'types', Handler>> = {
  types: ({ settings }, use) => {
    if (use.state) settings.types = parseTypeList(use.value ?? '');
    else delete settings.types;
  },
};
