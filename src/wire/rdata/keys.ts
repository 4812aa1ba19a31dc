/** Keys, certificates and digests outside the DNSSEC chain: TLSA, SMIMEA, SSHFP, OPENPGPKEY, CERT, IPSECKEY, DHCID, ZONEMD. */

import { ipv4Text, ipv6Text } from '../address.js';
import { WireError } from '../reader.js';
import type { RdataCursor } from './cursor.js';

/** TLSA (RFC 6698) and SMIMEA (RFC 8162): how to match a certificate, and the data to match. */
export interface TlsaRdata<T extends 'TLSA' | 'SMIMEA' = 'TLSA' | 'SMIMEA'> {
  type: T;
  usage: number;
  selector: number;
  matchingType: number;
  certificate: Uint8Array;
}

/** SSHFP (RFC 4255): an SSH host key fingerprint. */
export interface SshfpRdata {
  type: 'SSHFP';
  algorithm: number;
  fpType: number;
  fingerprint: Uint8Array;
}

/** OPENPGPKEY (RFC 7929): a transferable public key. */
export interface OpenpgpkeyRdata {
  type: 'OPENPGPKEY';
  key: Uint8Array;
}

/** CERT (RFC 4398): a certificate or CRL of some type. */
export interface CertRdata {
  type: 'CERT';
  certType: number;
  keyTag: number;
  algorithm: number;
  certificate: Uint8Array;
}

/** IPSECKEY (RFC 4025): a gateway (none `.`, an IPv4 or IPv6 address, or a name, as gatewayType says) and its key. */
export interface IpseckeyRdata {
  type: 'IPSECKEY';
  precedence: number;
  gatewayType: number;
  algorithm: number;
  gateway: string;
  key: Uint8Array;
}

/** DHCID (RFC 4701): identifier type, digest type and digest, kept as one opaque value. */
export interface DhcidRdata {
  type: 'DHCID';
  digest: Uint8Array;
}

/** ZONEMD (RFC 8976): a digest of the zone at a serial. */
export interface ZonemdRdata {
  type: 'ZONEMD';
  serial: number;
  scheme: number;
  algorithm: number;
  digest: Uint8Array;
}

/** Decoder of TLSA or SMIMEA. */
export function decodeTlsa<T extends 'TLSA' | 'SMIMEA'>(type: T): (c: RdataCursor) => TlsaRdata<T> {
  return (c) => {
    const usage = c.u8('usage');
    const selector = c.u8('selector');
    const matchingType = c.u8('matching type');
    return { type, usage, selector, matchingType, certificate: c.rest() };
  };
}

export function decodeSshfp(c: RdataCursor): SshfpRdata {
  const algorithm = c.u8('algorithm');
  const fpType = c.u8('fingerprint type');
  const fingerprint = c.rest();
  const expected = fpType === 1 ? 20 : fpType === 2 ? 32 : undefined;
  if (expected !== undefined && fingerprint.length !== expected) {
    throw new WireError(`SSHFP fingerprint type ${fpType} must be ${expected} bytes, got ${fingerprint.length}`);
  }
  return { type: 'SSHFP', algorithm, fpType, fingerprint };
}

export function decodeOpenpgpkey(c: RdataCursor): OpenpgpkeyRdata {
  return { type: 'OPENPGPKEY', key: c.rest() };
}

export function decodeCert(c: RdataCursor): CertRdata {
  const certType = c.u16('type');
  const keyTag = c.u16('key tag');
  const algorithm = c.u8('algorithm');
  return { type: 'CERT', certType, keyTag, algorithm, certificate: c.rest() };
}

export function decodeIpseckey(c: RdataCursor): IpseckeyRdata {
  const precedence = c.u8('precedence');
  const gatewayType = c.u8('gateway type');
  const algorithm = c.u8('algorithm');
  let gateway: string;
  if (gatewayType === 0) gateway = '.';
  else if (gatewayType === 1) gateway = ipv4Text(c.bytes(4, 'gateway'));
  else if (gatewayType === 2) gateway = ipv6Text(c.bytes(16, 'gateway'));
  else if (gatewayType === 3) gateway = c.name('gateway');
  else throw new WireError(`IPSECKEY gateway type ${gatewayType} is unknown`);
  return { type: 'IPSECKEY', precedence, gatewayType, algorithm, gateway, key: c.rest() };
}

export function decodeDhcid(c: RdataCursor): DhcidRdata {
  return { type: 'DHCID', digest: c.rest() };
}

export function decodeZonemd(c: RdataCursor): ZonemdRdata {
  const serial = c.u32('serial');
  const scheme = c.u8('scheme');
  const algorithm = c.u8('hash algorithm');
  const digest = c.rest();
  const expected = algorithm === 1 ? 48 : algorithm === 2 ? 64 : undefined;
  if (expected !== undefined && digest.length !== expected) {
    throw new WireError(`ZONEMD hash algorithm ${algorithm} digest must be ${expected} bytes, got ${digest.length}`);
  }
  return { type: 'ZONEMD', serial, scheme, algorithm, digest };
}
