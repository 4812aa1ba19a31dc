/** The SOA presenter: one line, or with +multiline the timers one per line with dig's comments. */

import type { SoaRdata } from '../../wire/rdata/soa.js';
import { type Presenter, plainFields } from './presenter.js';
import { ttlWords } from './style.js';

const TIMERS = ['serial', 'refresh', 'retry', 'expire', 'minimum'] as const;

export const soa: Presenter<SoaRdata> = {
  text: (r) => `${r.mname} ${r.rname} ${r.serial} ${r.refresh} ${r.retry} ${r.expire} ${r.minimum}`,
  lines(r, style) {
    const lines = [`${r.mname} ${r.rname} (`];
    TIMERS.forEach((field, i) => {
      const value = r[field];
      const words = i === 0 ? '' : ` (${ttlWords(value)})`;
      lines.push(style.comments ? `${String(value).padEnd(10)} ; ${field}${words}` : String(value));
    });
    // Without comments dig closes the parenthesis on the last timer's line.
    if (style.comments) lines.push(')');
    else lines[lines.length - 1] += ')';
    return lines;
  },
  fields: plainFields,
};
