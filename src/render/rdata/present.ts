/**
 * Record data as text, dig 9.18's formats: one presenter per type (a table keyed by the `Rdata` mnemonic,
 * so a type without a presenter does not compile), the RFC 3597 form for unknown data, and the
 * entry points the views use: one-line text, +multiline layout, JSON fields, +rrcomments comment.
 */

import { escapeText } from '../../wire/escape.js';
import type { Rdata, RdataOf } from '../../wire/rdata/rdata.js';
import type { ResourceRecord } from '../../wire/types.js';
import { a, aaaa, eui, locator, wks } from './addresses.js';
import { csync, ds, key, nsec, nsec3, nsec3param, signature } from './dnssec.js';
import { cert, dhcid, ipseckey, openpgpkey, sshfp, tlsa, zonemd } from './keys.js';
import { loc } from './loc.js';
import { afsdb, exchange, lp, minfo, px, rp, rt, singleName } from './names.js';
import type { Presenter, RdataFields } from './presenter.js';
import { caa, naptr, srv, uri } from './services.js';
import { soa } from './soa.js';
import { strings } from './strings.js';
import { genericLines, genericRdata, MULTILINE_STYLE, ONE_LINE_STYLE, type TextStyle } from './style.js';
import { svcb } from './svcb.js';
import { tsig } from './tsig.js';

const unknown: Presenter<RdataOf<'unknown'>> = {
  text: (r, style) => genericRdata(r.unknown, style.split),
  lines: (r, style) => genericLines(r.unknown, style.split),
};

/** An update's delete has no data to show (BIND prints nothing), and no fields. */
const empty: Presenter<RdataOf<'empty'>> = { text: () => '' };

/** Each kind of data by its mnemonic, so that the table below pairs each presenter with its own kind. */
type RdataByType = { [T in Rdata['type']]: RdataOf<T> };

const PRESENTERS: { readonly [T in keyof RdataByType]: Presenter<RdataByType[T]> } = {
  A: a,
  AAAA: aaaa,
  WKS: wks,
  EUI48: eui,
  EUI64: eui,
  NID: locator,
  L64: locator,
  L32: locator,
  NS: singleName,
  MD: singleName,
  MF: singleName,
  CNAME: singleName,
  MB: singleName,
  MG: singleName,
  MR: singleName,
  PTR: singleName,
  DNAME: singleName,
  MX: exchange,
  KX: exchange,
  RT: rt,
  LP: lp,
  AFSDB: afsdb,
  PX: px,
  MINFO: minfo,
  RP: rp,
  SOA: soa,
  TXT: strings,
  SPF: strings,
  RESINFO: strings,
  HINFO: strings,
  X25: strings,
  ISDN: strings,
  SRV: srv,
  NAPTR: naptr,
  URI: uri,
  CAA: caa,
  DS: ds,
  CDS: ds,
  TA: ds,
  DLV: ds,
  DNSKEY: key,
  CDNSKEY: key,
  KEY: key,
  RRSIG: signature,
  SIG: signature,
  NSEC: nsec,
  NSEC3: nsec3,
  NSEC3PARAM: nsec3param,
  CSYNC: csync,
  TLSA: tlsa,
  SMIMEA: tlsa,
  SSHFP: sshfp,
  OPENPGPKEY: openpgpkey,
  CERT: cert,
  IPSECKEY: ipseckey,
  DHCID: dhcid,
  ZONEMD: zonemd,
  SVCB: svcb,
  HTTPS: svcb,
  LOC: loc,
  TSIG: tsig,
  unknown,
  empty,
};

/** The presenter of one kind of data; called as `presenterOf(rdata.type)` with the value of that kind. */
function presenterOf<T extends keyof RdataByType>(type: T): Presenter<RdataByType[T]> {
  return PRESENTERS[type];
}

/** The data on one line, dig style, escaped (safe to print); the default style unless given. */
export function rdataText(rdata: Rdata, style: TextStyle = ONE_LINE_STYLE): string {
  return presenterOf(rdata.type).text(rdata, style);
}

/** The structured fields of the JSON view; undefined for unknown and empty data. */
export function rdataFields(rdata: Rdata): RdataFields | undefined {
  return presenterOf(rdata.type).fields?.(rdata);
}

/** dig's +rrcomments comment after one-line data (keys only), not yet escaped; undefined: none. */
export function rdataComment(rdata: Rdata): string | undefined {
  return presenterOf(rdata.type).comment?.(rdata);
}

/** dig's continuation lines start at its +multiline data column, 32: four tabs. */
const CONTINUATION = '\n\t\t\t\t';

/**
 * The data of `rr` as dig +multiline writes it, continuation lines starting with CONTINUATION, every line
 * escaped; undefined when dig writes it as on one line. `style`: +split (44 unless set), +[no]rrcomments,
 * +nocrypto; `unknownFormat`: RFC 3597 form whatever the type (dig's +unknownformat).
 */
export function multilineData(
  rr: ResourceRecord,
  style: TextStyle = MULTILINE_STYLE,
  unknownFormat = false,
): string | undefined {
  const oneLine = rdataText(rr.rdata);
  let lines: string[];
  if (unknownFormat) {
    lines = genericLines(rr.rdataWire, style.split);
  } else {
    const presenter = presenterOf(rr.rdata.type);
    // Data whose one-line text is empty keeps it (dig writes no parentheses around nothing).
    if (!presenter.lines || oneLine === '') return undefined;
    lines = presenter.lines(rr.rdata, style);
  }
  if (lines.length === 1 && lines[0] === oneLine) return undefined;
  return lines.map(escapeText).join(CONTINUATION);
}
