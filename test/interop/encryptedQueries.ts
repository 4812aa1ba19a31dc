/**
 * DNS over TLS and HTTPS rows of the interop suite: the same question to BIND's DoT, DoH and plain-HTTP
 * DoH listeners with dig and tsdig, compared as the other rows are (the SERVER line's protocol too).
 */
import type { EncryptedListeners } from './configs.js';
import { leafZoneOf } from './layout.js';
import type { InteropQuery } from './queries.js';

/** One encrypted row: which listener, and the arguments after `@ADDR -p PORT`. */
export interface EncryptedQuery extends InteropQuery {
  readonly port: number;
}

/** The rows, for the listeners the hierarchy started; `caFile` is the fixture CA that signed BIND's certificate. */
export function encryptedQueries(listeners: EncryptedListeners, caFile: string): EncryptedQuery[] {
  const zone = leafZoneOf.named;
  const row = (port: number, args: string[]): EncryptedQuery => ({
    title: `named: ${args.join(' ').replace(caFile, 'ca.pem')}`,
    target: 'named',
    port,
    args: [...args, '+norecurse'],
    short: args.includes('+short'),
    multiline: false,
  });
  return [
    row(listeners.tlsPort, ['+tls', `www.${zone}`, 'A']),
    row(listeners.tlsPort, ['+tls', `many.${zone}`, 'A']),
    row(listeners.tlsPort, ['+tls', zone, 'MX', '+short']),
    row(listeners.tlsPort, [`+tls-ca=${caFile}`, `www.${zone}`, 'AAAA']),
    row(listeners.tlsPort, [`+tls-ca=${caFile}`, '+tls-hostname=localhost', `nonexistent.${zone}`, 'A']),
    row(listeners.httpsPort, ['+https', `www.${zone}`, 'A']),
    row(listeners.httpsPort, ['+https-get', `txt.${zone}`, 'TXT']),
    row(listeners.httpsPort, ['+https', `+tls-ca=${caFile}`, `alias.${zone}`, 'A']),
    row(listeners.httpsPort, ['+https=/dns-query', `long.${zone}`, 'TXT']),
    row(listeners.httpPort, ['+http-plain', `www.${zone}`, 'A']),
    row(listeners.httpPort, ['+http-plain-get', `mail.${zone}`, 'AAAA']),
  ];
}
