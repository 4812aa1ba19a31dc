/**
 * dig 9.18's +tls, +https, +http-plain and +tls-* options. As in dig they imply TCP unless +tcp/+notcp
 * was given, +notcp anywhere sends the query over UDP after all, +tls wins over +https, and a +tls-*
 * option alone (without +https) means DNS over TLS.
 */
import { InputError } from '../errors.js';
import type { PlusOptionUse, PlusTarget } from './plusOptions.js';
import type { EncryptedSettings } from './types.js';
import { isHostName } from './hostName.js';
import { isIP } from '../wire/address.js';

/** RFC 8484's default path, and dig's. */
export const DEFAULT_ENDPOINT = '/dns-query';

/** An absolute URI path (RFC 3986 path-absolute characters); dig refuses a query part too. */
const ABSOLUTE_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/** The options this file handles. */
export type EncryptedOptionName =
  | 'tls'
  | 'tls-ca'
  | 'tls-hostname'
  | 'tls-certfile'
  | 'tls-keyfile'
  | 'https'
  | 'https-get'
  | 'https-post'
  | 'http-plain'
  | 'http-plain-get'
  | 'http-plain-post';

type Handler = (target: PlusTarget, use: PlusOptionUse) => void;

/** Settings are shared between queries: every change makes a new object. */
function update(
  target: PlusTarget,
  change: Partial<EncryptedSettings>,
  remove: (keyof EncryptedSettings)[] = [],
): void {
  const next: EncryptedSettings = { tls: false, ...target.settings.encrypted, ...change };
  for (const key of remove) delete next[key];
  target.settings.encrypted = next;
}

/** dig sets TCP mode with these options, unless +tcp or +notcp said otherwise. */
function tcpUnlessSet(target: PlusTarget, state: boolean): void {
  if (!target.tcpSet) target.settings.tcp = state;
}

function endpointValue(use: PlusOptionUse): string {
  if (use.value === undefined) return DEFAULT_ENDPOINT;
  if (!ABSOLUTE_PATH.test(use.value)) {
    throw new InputError(
      `invalid +${use.spec.name} endpoint '${use.value}' (an absolute path such as ${DEFAULT_ENDPOINT}, without a query)`,
      'input.option',
    );
  }
  return use.value;
}

function fileValue(use: PlusOptionUse): string {
  if (!use.value) throw new InputError(`query option '${use.token}' needs a file name`, 'input.option');
  return use.value;
}

/** +tls-hostname's name: it goes out as SNI and is matched against the certificate, so it must be a host name or an address. */
function hostnameValue(use: PlusOptionUse): string {
  const name = use.value ?? '';
  if (!isHostName(name) && isIP(name) === 0)
    throw new InputError(`invalid +tls-hostname value '${name}' (a host name or an IP address)`, 'input.option');
  return name;
}

/** A +tls-* option: on, it names a file or name (and means TLS); +no, dig turns TLS off with it. */
function tlsDetail(
  key: 'ca' | 'hostname' | 'certFile' | 'keyFile',
  value: (use: PlusOptionUse) => true | string,
): Handler {
  return (target, use) => {
    if (use.state) update(target, { [key]: value(use) });
    else update(target, { tls: false }, [key]);
    tcpUnlessSet(target, use.state);
  };
}

/** +https and its kin: `plain` and `method` when the option fixes them, else as they were (dig keeps them). */
function doh(fixed: { plain?: boolean; method?: 'GET' | 'POST' }): Handler {
  return (target, use) => {
    if (!use.state) {
      // dig leaves TCP on after +nohttps.
      update(target, {}, ['https']);
      return;
    }
    const before = target.settings.encrypted?.https;
    const https = {
      plain: fixed.plain ?? before?.plain ?? false,
      method: fixed.method ?? before?.method ?? 'POST',
      endpoint: endpointValue(use),
    };
    update(target, { https });
    tcpUnlessSet(target, true);
  };
}

/** What each option does to a query's settings. */
export const ENCRYPTED_HANDLERS: Readonly<Record<EncryptedOptionName, Handler>> = {
  tls: (target, { state }) => {
    update(target, { tls: state });
    tcpUnlessSet(target, state);
  },
  'tls-ca': tlsDetail('ca', (use) => (use.value === undefined ? true : fileValue(use))),
  'tls-hostname': tlsDetail('hostname', hostnameValue),
  'tls-certfile': tlsDetail('certFile', fileValue),
  'tls-keyfile': tlsDetail('keyFile', fileValue),
  https: doh({}),
  'https-get': doh({ method: 'GET' }),
  'https-post': doh({ method: 'POST' }),
  'http-plain': doh({ plain: true }),
  'http-plain-get': doh({ plain: true, method: 'GET' }),
  'http-plain-post': doh({ plain: true, method: 'POST' }),
};
