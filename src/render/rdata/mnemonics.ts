/** BIND's mnemonics for DNSSEC algorithm numbers and CERT types, as dig writes them in CERT data and key comments. */

/** CERT record types by number (RFC 4398). */
export const CERT_TYPES: Readonly<Record<number, string>> = {
  1: 'PKIX',
  2: 'SPKI',
  3: 'PGP',
  4: 'IPKIX',
  5: 'ISPKI',
  6: 'IPGP',
  7: 'ACPKIX',
  8: 'IACPKIX',
  253: 'URI',
  254: 'OID',
};

/** DNSSEC algorithm numbers. */
export const ALGORITHMS: Readonly<Record<number, string>> = {
  1: 'RSAMD5',
  2: 'DH',
  3: 'DSA',
  5: 'RSASHA1',
  6: 'NSEC3DSA',
  7: 'NSEC3RSASHA1',
  8: 'RSASHA256',
  10: 'RSASHA512',
  12: 'ECCGOST',
  13: 'ECDSAP256SHA256',
  14: 'ECDSAP384SHA384',
  15: 'ED25519',
  16: 'ED448',
  252: 'INDIRECT',
  253: 'PRIVATEDNS',
  254: 'PRIVATEOID',
};
