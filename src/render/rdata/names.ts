/** Presenters of the name types: NS, CNAME, PTR, DNAME and kin, MX, KX, RT, LP, AFSDB, PX, MINFO, RP. */

import type {
  AfsdbRdata,
  ExchangeRdata,
  LpRdata,
  MinfoRdata,
  PxRdata,
  RpRdata,
  RtRdata,
  SingleNameRdata,
} from '../../wire/rdata/names.js';
import { type Presenter, plainFields } from './presenter.js';

export const singleName: Presenter<SingleNameRdata> = { text: (r) => r.target, fields: plainFields };
export const exchange: Presenter<ExchangeRdata<'MX' | 'KX'>> = {
  text: (r) => `${r.preference} ${r.exchange}`,
  fields: plainFields,
};
export const rt: Presenter<RtRdata> = { text: (r) => `${r.preference} ${r.host}`, fields: plainFields };
export const lp: Presenter<LpRdata> = { text: (r) => `${r.preference} ${r.fqdn}`, fields: plainFields };
export const afsdb: Presenter<AfsdbRdata> = {
  text: (r) => `${r.subtype} ${r.hostname}`,
  fields: plainFields,
};
export const px: Presenter<PxRdata> = {
  text: (r) => `${r.preference} ${r.map822} ${r.mapx400}`,
  fields: plainFields,
};
export const minfo: Presenter<MinfoRdata> = {
  text: (r) => `${r.rmailbx} ${r.emailbx}`,
  fields: plainFields,
};
export const rp: Presenter<RpRdata> = { text: (r) => `${r.mbox} ${r.txt}`, fields: plainFields };
