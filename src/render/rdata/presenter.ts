/** What a record type's presenter provides: its one-line text, its +multiline layout, its JSON fields, its comment. */

import type { Rdata } from '../../wire/rdata/rdata.js';
import type { TextStyle } from './style.js';

/** Structured record data for JSON (`fields` of a record): the schema allows strings, numbers, booleans and lists of them. */
export type RdataFields = Record<string, string | number | boolean | string[] | number[]>;

/** The presentation of one kind of record data. Text it returns is escaped unless said otherwise. */
export interface Presenter<R extends Rdata> {
  /** The data on one line, as dig prints it by default, with +short, and with +split, +nocrypto or +expandaaaa. */
  text(rdata: R, style: TextStyle): string;
  /** dig's +multiline lines, not yet escaped (the caller escapes each); absent: the type keeps its one line. */
  lines?(rdata: R, style: TextStyle): string[];
  /** JSON `fields` (plainFields when every member is already a JSON value); absent for data without fields. */
  fields?(rdata: R): RdataFields;
  /** dig's +rrcomments comment after one-line data, not yet escaped; undefined: none. */
  comment?(rdata: R): string | undefined;
}

/** The fields of a value whose members are all JSON values already: every member but `type`, in order. */
export function plainFields<R extends { type: string }>(rdata: R): Omit<R, 'type'> {
  const { type: _, ...fields } = rdata;
  return fields;
}
