/** Presenters of TLSA, SMIMEA, SSHFP, OPENPGPKEY, CERT, IPSECKEY, DHCID and ZONEMD: hex or base64 in words, or lines with +multiline. */

import { base64, hexUpper } from '../../wire/encoding.js';
import type {
  CertRdata,
  DhcidRdata,
  IpseckeyRdata,
  OpenpgpkeyRdata,
  SshfpRdata,
  TlsaRdata,
  ZonemdRdata,
} from '../../wire/rdata/keys.js';
import { ALGORITHMS, CERT_TYPES } from './mnemonics.js';
import type { Presenter } from './presenter.js';
import { cut, openParenthesised, parenthesised, secret, secretLines, words } from './style.js';

export const tlsa: Presenter<TlsaRdata> = {
  text: (r, style) => `${r.usage} ${r.selector} ${r.matchingType} ${words(hexUpper(r.certificate), style)}`,
  lines: (r, style) =>
    parenthesised(`${r.usage} ${r.selector} ${r.matchingType}`, hexUpper(r.certificate), style.split),
  fields: (r) => ({
    usage: r.usage,
    selector: r.selector,
    matchingType: r.matchingType,
    certificate: hexUpper(r.certificate),
  }),
};

export const sshfp: Presenter<SshfpRdata> = {
  text: (r, style) => `${r.algorithm} ${r.fpType} ${words(hexUpper(r.fingerprint), style)}`.trimEnd(),
  lines(r, style) {
    const head = `${r.algorithm} ${r.fpType}`;
    return r.fingerprint.length === 0 ? [head] : parenthesised(head, hexUpper(r.fingerprint), style.split);
  },
  fields: (r) => ({ algorithm: r.algorithm, fpType: r.fpType, fingerprint: hexUpper(r.fingerprint) }),
};

export const openpgpkey: Presenter<OpenpgpkeyRdata> = {
  text: (r, style) => secret(base64(r.key), style),
  lines: (r, style) => openParenthesised('', secretLines(base64(r.key), style), style.split),
  fields: (r) => ({ key: base64(r.key) }),
};

export const cert: Presenter<CertRdata> = {
  text: (r, style) =>
    [
      CERT_TYPES[r.certType] ?? String(r.certType),
      r.keyTag,
      ALGORITHMS[r.algorithm] ?? String(r.algorithm),
      words(base64(r.certificate), style),
    ]
      .join(' ')
      .trimEnd(),
  lines(r, style) {
    const head = `${CERT_TYPES[r.certType] ?? r.certType} ${r.keyTag} ${ALGORITHMS[r.algorithm] ?? r.algorithm}`;
    return parenthesised(head, base64(r.certificate), style.split);
  },
  fields: (r) => ({
    certType: r.certType,
    keyTag: r.keyTag,
    algorithm: r.algorithm,
    certificate: base64(r.certificate),
  }),
};

export const ipseckey: Presenter<IpseckeyRdata> = {
  text: (r, style) =>
    [r.precedence, r.gatewayType, r.algorithm, r.gateway, words(base64(r.key), style)]
      .filter((part) => part !== '')
      .join(' '),
  lines(r, style) {
    const head = `( ${r.precedence} ${r.gatewayType} ${r.algorithm} ${r.gateway}`;
    if (r.key.length === 0) return [`${head} )`];
    const lines = [head, ...cut(base64(r.key), style.split)];
    lines[lines.length - 1] += ' )';
    return lines;
  },
  fields: (r) => ({
    precedence: r.precedence,
    gatewayType: r.gatewayType,
    algorithm: r.algorithm,
    gateway: r.gateway,
    key: base64(r.key),
  }),
};

export const dhcid: Presenter<DhcidRdata> = {
  text: (r, style) => words(base64(r.digest), style),
  lines(r, style) {
    const data = r.digest;
    const lines = openParenthesised('', base64(data), style.split);
    // The comment reads the identifier type, digest type and digest length out of the data.
    if (data.length >= 3) lines[lines.length - 1] += ` ; ${(data[0] << 8) | data[1]} ${data[2]} ${data.length - 3}`;
    return lines;
  },
  fields: (r) => ({ digest: base64(r.digest) }),
};

export const zonemd: Presenter<ZonemdRdata> = {
  text: (r, style) => `${r.serial} ${r.scheme} ${r.algorithm} ${secret(hexUpper(r.digest), style)}`,
  lines: (r, style) =>
    parenthesised(`${r.serial} ${r.scheme} ${r.algorithm}`, secretLines(hexUpper(r.digest), style), style.split),
  fields: (r) => ({ serial: r.serial, scheme: r.scheme, algorithm: r.algorithm, digest: hexUpper(r.digest) }),
};
