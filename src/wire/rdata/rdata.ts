/**
 * Record data as typed values: `decodeRdata` turns one uncompressed RDATA into a member of the `Rdata`
 * union, discriminated by the type's mnemonic (`{type: 'MX', preference, exchange}`). Types without a
 * format here, and class-specific types outside class IN, stay RFC 3597 octets (`{type: 'unknown'}`).
 * Malformed data throws WireError. Presentation is render/'s business.
 */

import { CLASS, TYPE } from '../rrtypes.js';
import type { ResourceRecord } from '../types.js';
import {
  type AaaaRdata,
  type ARdata,
  decodeA,
  decodeAaaa,
  decodeEui,
  decodeL32,
  decodeLocator64,
  decodeWks,
  type EuiRdata,
  type L32Rdata,
  type Locator64Rdata,
  type WksRdata,
} from './addresses.js';
import { RdataCursor } from './cursor.js';
import {
  type CsyncRdata,
  decodeCsync,
  decodeDs,
  decodeKey,
  decodeNsec,
  decodeNsec3,
  decodeNsec3param,
  decodeSignature,
  type DsRdata,
  type DsType,
  type KeyRdata,
  type KeyType,
  type Nsec3paramRdata,
  type Nsec3Rdata,
  type NsecRdata,
  type SignatureRdata,
  type SignatureType,
} from './dnssec.js';
import {
  type CertRdata,
  type DhcidRdata,
  decodeCert,
  decodeDhcid,
  decodeIpseckey,
  decodeOpenpgpkey,
  decodeSshfp,
  decodeTlsa,
  decodeZonemd,
  type IpseckeyRdata,
  type OpenpgpkeyRdata,
  type SshfpRdata,
  type TlsaRdata,
  type ZonemdRdata,
} from './keys.js';
import { decodeLoc, type LocRdata } from './loc.js';
import {
  type AfsdbRdata,
  decodeAfsdb,
  decodeExchange,
  decodeLp,
  decodeMinfo,
  decodeName,
  decodePx,
  decodeRp,
  decodeRt,
  type ExchangeRdata,
  type LpRdata,
  type MinfoRdata,
  type PxRdata,
  type RpRdata,
  type RtRdata,
  type SingleNameRdata,
} from './names.js';
import {
  type CaaRdata,
  decodeCaa,
  decodeNaptr,
  decodeSrv,
  decodeUri,
  type NaptrRdata,
  type SrvRdata,
  type UriRdata,
} from './services.js';
import { decodeSoa, type SoaRdata } from './soa.js';
import { type AnyStringsRdata, decodeStrings } from './strings.js';
import { decodeSvcb, type SvcbRdata } from './svcb.js';
import { decodeTsig, type TsigRdata } from './tsig.js';

/** RDATA tsdig has no format for (or a class-specific type outside IN): the octets, written in RFC 3597 form. */
export interface UnknownRdata {
  type: 'unknown';
  unknown: Uint8Array;
}

/** No RDATA at all with class ANY or NONE: a dynamic update's "delete" (RFC 2136 2.5), which BIND prints as nothing. */
export interface EmptyRdata {
  type: 'empty';
}

/** Every kind of record data, discriminated by `type`. */
export type Rdata =
  | ARdata
  | AaaaRdata
  | WksRdata
  | EuiRdata<'EUI48'>
  | EuiRdata<'EUI64'>
  | Locator64Rdata<'NID'>
  | Locator64Rdata<'L64'>
  | L32Rdata
  | SingleNameRdata
  | ExchangeRdata<'MX'>
  | ExchangeRdata<'KX'>
  | RtRdata
  | LpRdata
  | AfsdbRdata
  | PxRdata
  | MinfoRdata
  | RpRdata
  | SoaRdata
  | AnyStringsRdata
  | SrvRdata
  | NaptrRdata
  | UriRdata
  | CaaRdata
  | { [T in DsType]: DsRdata<T> }[DsType]
  | { [T in KeyType]: KeyRdata<T> }[KeyType]
  | { [T in SignatureType]: SignatureRdata<T> }[SignatureType]
  | NsecRdata
  | Nsec3Rdata
  | Nsec3paramRdata
  | CsyncRdata
  | TlsaRdata<'TLSA'>
  | TlsaRdata<'SMIMEA'>
  | SshfpRdata
  | OpenpgpkeyRdata
  | CertRdata
  | IpseckeyRdata
  | DhcidRdata
  | ZonemdRdata
  | SvcbRdata<'SVCB'>
  | SvcbRdata<'HTTPS'>
  | LocRdata
  | TsigRdata
  | UnknownRdata
  | EmptyRdata;

/** The Rdata member of one type: `RdataOf<'MX'>`. */
export type RdataOf<T extends Rdata['type']> = Extract<Rdata, { type: T }>;

/** Mnemonics of the types with a format of their own. */
type KnownType = Exclude<Rdata['type'], 'unknown' | 'empty'>;

/** One decoder per known type, keyed by mnemonic; each reads the whole RDATA from the cursor. */
const DECODERS: { readonly [T in KnownType]: (c: RdataCursor) => RdataOf<T> } = {
  A: decodeA,
  AAAA: decodeAaaa,
  WKS: decodeWks,
  EUI48: decodeEui('EUI48', 6),
  EUI64: decodeEui('EUI64', 8),
  NID: decodeLocator64('NID'),
  L64: decodeLocator64('L64'),
  L32: decodeL32,
  NS: decodeName('NS'),
  MD: decodeName('MD'),
  MF: decodeName('MF'),
  CNAME: decodeName('CNAME'),
  MB: decodeName('MB'),
  MG: decodeName('MG'),
  MR: decodeName('MR'),
  PTR: decodeName('PTR'),
  DNAME: decodeName('DNAME'),
  MX: decodeExchange('MX'),
  KX: decodeExchange('KX'),
  RT: decodeRt,
  LP: decodeLp,
  AFSDB: decodeAfsdb,
  PX: decodePx,
  MINFO: decodeMinfo,
  RP: decodeRp,
  SOA: decodeSoa,
  TXT: decodeStrings('TXT'),
  SPF: decodeStrings('SPF'),
  RESINFO: decodeStrings('RESINFO'),
  HINFO: decodeStrings('HINFO', 2, 2),
  X25: decodeStrings('X25', 1, 1),
  ISDN: decodeStrings('ISDN', 1, 2),
  SRV: decodeSrv,
  NAPTR: decodeNaptr,
  URI: decodeUri,
  CAA: decodeCaa,
  DS: decodeDs('DS'),
  CDS: decodeDs('CDS'),
  TA: decodeDs('TA'),
  DLV: decodeDs('DLV'),
  DNSKEY: decodeKey('DNSKEY'),
  CDNSKEY: decodeKey('CDNSKEY'),
  KEY: decodeKey('KEY'),
  RRSIG: decodeSignature('RRSIG'),
  SIG: decodeSignature('SIG'),
  NSEC: decodeNsec,
  NSEC3: decodeNsec3,
  NSEC3PARAM: decodeNsec3param,
  CSYNC: decodeCsync,
  TLSA: decodeTlsa('TLSA'),
  SMIMEA: decodeTlsa('SMIMEA'),
  SSHFP: decodeSshfp,
  OPENPGPKEY: decodeOpenpgpkey,
  CERT: decodeCert,
  IPSECKEY: decodeIpseckey,
  DHCID: decodeDhcid,
  ZONEMD: decodeZonemd,
  SVCB: decodeSvcb('SVCB'),
  HTTPS: decodeSvcb('HTTPS'),
  LOC: decodeLoc,
  TSIG: decodeTsig,
};

/** The decoders by type number, with the mnemonic their errors name. */
const BY_NUMBER: ReadonlyMap<number, { label: string; decode: (c: RdataCursor) => Rdata }> = new Map(
  Object.entries(DECODERS).map(([label, decode]) => [TYPE[label as KnownType], { label, decode }]),
);

/** Types whose format is defined for class IN only (elsewhere they are opaque, as in BIND). */
const IN_ONLY: ReadonlySet<number> = new Set([
  TYPE.A,
  TYPE.WKS,
  TYPE.PX,
  TYPE.AAAA,
  TYPE.SRV,
  TYPE.NAPTR,
  TYPE.KX,
  TYPE.A6,
  TYPE.APL,
  TYPE.DHCID,
  TYPE.SVCB,
  TYPE.HTTPS,
]);

/** The typed value of one record's uncompressed RDATA. Throws WireError when it is malformed for its type. */
export function decodeRdata(type: number, klass: number, rdata: Uint8Array): Rdata {
  if (rdata.length === 0 && (klass === CLASS.ANY || klass === CLASS.NONE)) return { type: 'empty' };
  const decoder = BY_NUMBER.get(type);
  if (!decoder || (klass !== CLASS.IN && IN_ONLY.has(type))) return { type: 'unknown', unknown: rdata };
  const cursor = new RdataCursor(rdata, decoder.label);
  const value = decoder.decode(cursor);
  cursor.done();
  return value;
}

/** A record whose data is of one kind: `RecordOf<'NS'>` has `rdata.target`. */
export type RecordOf<T extends Rdata['type']> = ResourceRecord & { rdata: RdataOf<T> };

/** Whether a record's data is of kind `type`; narrows the record (`rr.rdata.target` after `isRecordOf(rr, 'NS')`). */
export function isRecordOf<T extends Rdata['type']>(rr: ResourceRecord, type: T): rr is RecordOf<T> {
  return rr.rdata.type === type;
}

/** The address an A or AAAA record holds; undefined for any other data. */
export function rdataAddress(rdata: Rdata): string | undefined {
  return rdata.type === 'A' || rdata.type === 'AAAA' ? rdata.address : undefined;
}
