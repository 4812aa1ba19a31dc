/** Presenter of the character-string types: TXT, SPF, RESINFO, HINFO, X25, ISDN, each string quoted and escaped. */

import { escapeBytes } from '../../wire/escape.js';
import type { AnyStringsRdata } from '../../wire/rdata/strings.js';
import type { Presenter } from './presenter.js';

export const strings: Presenter<AnyStringsRdata> = {
  // An empty TXT has no character-string at all; only the generic form says so without loss.
  text: (r) => (r.strings.length === 0 ? '\\# 0' : r.strings.map((s) => `"${escapeBytes(s)}"`).join(' ')),
  fields: (r) => ({ strings: r.strings.map(escapeBytes) }),
};
