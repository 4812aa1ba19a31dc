/** Presenters of the address types: A, AAAA (compressed, or in full with +expandaaaa), WKS, EUI48/64, NID, L64, L32. */

import { ipv6Groups } from '../../wire/address.js';
import type { AaaaRdata, ARdata, EuiRdata, L32Rdata, Locator64Rdata, WksRdata } from '../../wire/rdata/addresses.js';
import { type Presenter, plainFields } from './presenter.js';

/** An IPv6 address in full: eight groups of four lower-case hex digits (dig's +expandaaaa). */
function ipv6Expanded(address: string): string {
  return ipv6Groups(address)
    .map((group) => group.toString(16).padStart(4, '0'))
    .join(':');
}

export const a: Presenter<ARdata> = { text: (r) => r.address, fields: plainFields };
export const aaaa: Presenter<AaaaRdata> = {
  text: (r, style) => (style.expandAaaa ? ipv6Expanded(r.address) : r.address),
  fields: plainFields,
};
export const wks: Presenter<WksRdata> = {
  text: (r) => [r.address, r.protocol, ...r.ports].join(' '),
  fields: plainFields,
};
export const eui: Presenter<EuiRdata<'EUI48' | 'EUI64'>> = { text: (r) => r.address, fields: plainFields };
export const locator: Presenter<Locator64Rdata<'NID' | 'L64'> | L32Rdata> = {
  text: (r) => `${r.preference} ${r.locator}`,
  fields: plainFields,
};
