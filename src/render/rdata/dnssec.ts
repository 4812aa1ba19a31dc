/**
 * Presenters of the DNSSEC types: DS and kin, DNSKEY and kin (with the key comment of +rrcomments),
 * RRSIG and SIG, NSEC, NSEC3, NSEC3PARAM, CSYNC; +nocrypto hides keys, signatures and digests.
 */

import { base32hex, base64, hexUpper, signatureTime } from '../../wire/encoding.js';
import { readName, WireError } from '../../wire/reader.js';
import {
  type CsyncRdata,
  type DsRdata,
  type KeyRdata,
  keyTagOf,
  type Nsec3paramRdata,
  type Nsec3Rdata,
  type NsecRdata,
  type SignatureRdata,
} from '../../wire/rdata/dnssec.js';
import { typeName } from '../../wire/rrtypes.js';
import { ALGORITHMS } from './mnemonics.js';
import type { Presenter } from './presenter.js';
import { cut, keyIdText, parenthesised, secret, secretLines, words } from './style.js';

export const ds: Presenter<DsRdata> = {
  text: (r, style) => [r.keyTag, r.algorithm, r.digestType, secret(hexUpper(r.digest), style)].join(' ').trimEnd(),
  lines: (r, style) =>
    parenthesised(`${r.keyTag} ${r.algorithm} ${r.digestType}`, secretLines(hexUpper(r.digest), style), style.split),
  fields: (r) => ({ keyTag: r.keyTag, algorithm: r.algorithm, digestType: r.digestType, digest: hexUpper(r.digest) }),
};

const KEY_FLAG_SEP = 0x0001;
const KEY_FLAG_REVOKE = 0x0080;
const KEY_TYPE_MASK = 0xc000;

/** A KEY whose type bits say "no key" has no key field at all. */
function keyless(r: KeyRdata): boolean {
  return r.type === 'KEY' && (r.flags & KEY_TYPE_MASK) === KEY_TYPE_MASK;
}

/** The algorithm as the key comment names it; for PRIVATEDNS, the name the key starts with. */
function keyAlgorithmName(r: KeyRdata): string {
  if (r.algorithm === 253) {
    try {
      const name = readName(r.publicKey, 0, r.publicKey.length, false, false).text;
      return name === '.' ? name : name.slice(0, -1);
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      return ALGORITHMS[r.algorithm];
    }
  }
  return ALGORITHMS[r.algorithm] ?? String(r.algorithm);
}

/**
 * dig's comment on a key (+rrcomments): ` ; KSK` (DNSKEY and CDNSKEY only), then `; alg = NAME ; key id = TAG`;
 * undefined for a KEY without key. The text is not escaped yet.
 */
function keyComment(r: KeyRdata): string | undefined {
  if (keyless(r)) return undefined;
  const role = r.flags & KEY_FLAG_SEP ? (r.flags & KEY_FLAG_REVOKE ? 'revoked KSK' : 'KSK') : 'ZSK';
  const lead = r.type === 'KEY' ? '' : ` ; ${role}`;
  return `${lead}; alg = ${keyAlgorithmName(r)} ; key id = ${keyTagOf(r)}`;
}

export const key: Presenter<KeyRdata> = {
  text(r, style) {
    // +nocrypto: the key tag instead of the key; a KEY whose flags say "no key" has nothing to replace.
    const shown = style.crypto === false && !keyless(r) ? keyIdText(keyTagOf(r)) : words(base64(r.publicKey), style);
    return [r.flags, r.protocol, r.algorithm, shown].join(' ').trimEnd();
  },
  lines(r, style) {
    const head = `${r.flags} ${r.protocol} ${r.algorithm}`;
    if (keyless(r)) return [head];
    const shown = style.crypto === false ? [keyIdText(keyTagOf(r))] : cut(base64(r.publicKey), style.split);
    const lines = [`${head} (`, ...shown];
    const comment = style.comments ? keyComment(r) : undefined;
    // With its comment, the closing parenthesis gets a line of its own; without, it ends the key.
    if (comment === undefined) lines[lines.length - 1] += ' )';
    else lines.push(`)${comment}`);
    return lines;
  },
  fields: (r) => ({ flags: r.flags, protocol: r.protocol, algorithm: r.algorithm, key: base64(r.publicKey) }),
  comment: keyComment,
};

export const signature: Presenter<SignatureRdata> = {
  text: (r, style) =>
    [
      typeName(r.typeCovered),
      r.algorithm,
      r.labels,
      r.originalTtl,
      signatureTime(r.expiration),
      signatureTime(r.inception),
      r.keyTag,
      r.signer,
      // SIG keeps its signature under +nocrypto, as in BIND; RRSIG's gives way to [omitted].
      r.type === 'RRSIG' ? secret(base64(r.signature), style) : words(base64(r.signature), style),
    ]
      .join(' ')
      .trimEnd(),
  lines(r, style) {
    const head = `${typeName(r.typeCovered)} ${r.algorithm} ${r.labels} ${r.originalTtl}`;
    const times = `${signatureTime(r.inception)} ${r.keyTag} ${r.signer}`;
    if (r.type === 'SIG') {
      // SIG (the pre-DNSSEC record) keeps the expiration on the first line, and its signature under +nocrypto.
      const signature = cut(base64(r.signature), style.split);
      signature[signature.length - 1] += ' )';
      return [`${head} ${signatureTime(r.expiration)} (`, times, ...signature];
    }
    const signature = secretLines(base64(r.signature), style);
    signature[signature.length - 1] += ' )';
    return [`${head} (`, `${signatureTime(r.expiration)} ${times}`, ...signature];
  },
  fields: (r) => ({
    typeCovered: typeName(r.typeCovered),
    algorithm: r.algorithm,
    labels: r.labels,
    originalTtl: r.originalTtl,
    expiration: signatureTime(r.expiration),
    inception: signatureTime(r.inception),
    keyTag: r.keyTag,
    signer: r.signer,
    signature: base64(r.signature),
  }),
};

export const nsec: Presenter<NsecRdata> = {
  text: (r) => [r.next, ...r.types.map(typeName)].join(' '),
  fields: (r) => ({ next: r.next, types: r.types.map(typeName) }),
};

/** An NSEC3 salt as written: hex, or `-` for none. */
function saltText(salt: Uint8Array): string {
  return salt.length === 0 ? '-' : hexUpper(salt);
}

/** A type bitmap as dig's +multiline writes it: one line per window of 256 types. */
function bitmapLines(types: readonly number[]): string[] {
  const lines: string[] = [];
  let window = -1;
  for (const type of types) {
    if (type >> 8 !== window) {
      window = type >> 8;
      lines.push(typeName(type));
    } else {
      lines[lines.length - 1] += ` ${typeName(type)}`;
    }
  }
  return lines;
}

export const nsec3: Presenter<Nsec3Rdata> = {
  text: (r) =>
    [r.hashAlgorithm, r.flags, r.iterations, saltText(r.salt), base32hex(r.nextHashed), ...r.types.map(typeName)].join(
      ' ',
    ),
  lines(r) {
    const head = `${r.hashAlgorithm} ${r.flags} ${r.iterations} ${saltText(r.salt)} (`;
    const lines = [head, base32hex(r.nextHashed), ...bitmapLines(r.types)];
    lines[lines.length - 1] += ' )';
    return lines;
  },
  fields: (r) => ({
    hashAlgorithm: r.hashAlgorithm,
    flags: r.flags,
    iterations: r.iterations,
    salt: saltText(r.salt),
    next: base32hex(r.nextHashed),
    types: r.types.map(typeName),
  }),
};

export const nsec3param: Presenter<Nsec3paramRdata> = {
  text: (r) => `${r.hashAlgorithm} ${r.flags} ${r.iterations} ${saltText(r.salt)}`,
  fields: (r) => ({ hashAlgorithm: r.hashAlgorithm, flags: r.flags, iterations: r.iterations, salt: saltText(r.salt) }),
};

export const csync: Presenter<CsyncRdata> = {
  text: (r) => [r.serial, r.flags, ...r.types.map(typeName)].join(' '),
  fields: (r) => ({ serial: r.serial, flags: r.flags, types: r.types.map(typeName) }),
};
