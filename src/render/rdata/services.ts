/** Presenters of SRV, NAPTR, URI and CAA; their character-strings quoted and escaped. */

import { escapeBytes } from '../../wire/escape.js';
import type { CaaRdata, NaptrRdata, SrvRdata, UriRdata } from '../../wire/rdata/services.js';
import { type Presenter, plainFields } from './presenter.js';

export const srv: Presenter<SrvRdata> = {
  text: (r) => `${r.priority} ${r.weight} ${r.port} ${r.target}`,
  fields: plainFields,
};

export const naptr: Presenter<NaptrRdata> = {
  text: (r) =>
    `${r.order} ${r.preference} "${escapeBytes(r.flags)}" "${escapeBytes(r.services)}" "${escapeBytes(r.regexp)}" ${r.replacement}`,
  fields: (r) => ({
    order: r.order,
    preference: r.preference,
    flags: escapeBytes(r.flags),
    services: escapeBytes(r.services),
    regexp: escapeBytes(r.regexp),
    replacement: r.replacement,
  }),
};

export const uri: Presenter<UriRdata> = {
  text: (r) => `${r.priority} ${r.weight} "${escapeBytes(r.target)}"`,
  fields: (r) => ({ priority: r.priority, weight: r.weight, target: escapeBytes(r.target) }),
};

export const caa: Presenter<CaaRdata> = {
  text: (r) => `${r.flags} ${escapeBytes(r.tag)} "${escapeBytes(r.value)}"`,
  fields: (r) => ({ flags: r.flags, tag: escapeBytes(r.tag), value: escapeBytes(r.value) }),
};
