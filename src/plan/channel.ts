/** Which encrypted channel (DoT, DoH, plain-HTTP DoH) a query's settings choose, and its set-up. Pure. */
import type { EncryptedSettings, QuerySettings } from '../cli/types.js';
import { InputError } from '../errors.js';
import type { EncryptedChannel } from '../resolve/types.js';
import type { TlsOptions } from '../transport/types.js';
import { isIP } from '../wire/address.js';

/** Each channel's well-known port, used unless -p was given (RFC 7858, RFC 8484). */
export const DEFAULT_PORTS: Readonly<Record<EncryptedChannel['protocol'], number>> = { tls: 853, https: 443, http: 80 };

/** Whether a +tls-* option was given: alone (without +https) it means DNS over TLS, and it turns verification on. */
function hasTlsDetail(encrypted: EncryptedSettings): boolean {
  return (
    encrypted.ca !== undefined ||
    encrypted.hostname !== undefined ||
    encrypted.certFile !== undefined ||
    encrypted.keyFile !== undefined
  );
}

/**
 * The protocol the settings choose beyond UDP/TCP, in dig 9.18's order: without TCP mode (+notcp) none;
 * else +tls, then +https / +http-plain, then a +tls-* option alone means TLS.
 */
export function encryptedProtocol(settings: QuerySettings): EncryptedChannel['protocol'] | undefined {
  const encrypted = settings.encrypted;
  if (!encrypted || !settings.tcp) return undefined;
  if (encrypted.tls) return 'tls';
  if (encrypted.https) return encrypted.https.plain ? 'http' : 'https';
  return hasTlsDetail(encrypted) ? 'tls' : undefined;
}

/** A file a +tls-* option names, with the option's name for messages. */
export interface TlsFile {
  option: 'tls-ca' | 'tls-certfile' | 'tls-keyfile';
  path: string;
}

/** The files the query's TLS set-up needs (none when it does not use TLS). */
export function tlsFilesOf(settings: QuerySettings): TlsFile[] {
  const protocol = encryptedProtocol(settings);
  const encrypted = settings.encrypted;
  if (!encrypted || (protocol !== 'tls' && protocol !== 'https')) return [];
  const files: TlsFile[] = [];
  if (typeof encrypted.ca === 'string') files.push({ option: 'tls-ca', path: encrypted.ca });
  if (encrypted.certFile !== undefined) files.push({ option: 'tls-certfile', path: encrypted.certFile });
  if (encrypted.keyFile !== undefined) files.push({ option: 'tls-keyfile', path: encrypted.keyFile });
  return files;
}

function fileText(files: ReadonlyMap<string, string>, option: string, path: string): string {
  const text = files.get(path);
  if (text === undefined) throw new InputError(`couldn't read +${option} file '${path}'`, 'input.tls');
  return text;
}

/**
 * The channel for one query, or undefined for plain UDP/TCP. `server` is the @server as typed (its
 * name is verified and sent as SNI when it is a host name); `files` holds the text of every file read.
 */
export function encryptedChannel(
  settings: QuerySettings,
  server: string | undefined,
  files: ReadonlyMap<string, string>,
): EncryptedChannel | undefined {
  const protocol = encryptedProtocol(settings);
  const encrypted = settings.encrypted;
  if (!protocol || !encrypted) return undefined;
  if (settings.trace) {
    throw new InputError(
      `+trace does not go over ${protocol.toUpperCase()}: it asks each zone's name servers, which answer plain DNS`,
      'input.option',
    );
  }
  const https = encrypted.https;
  const http = https ? { method: https.method, path: https.endpoint } : undefined;
  if (protocol === 'http') {
    if (!http) throw new InputError('+http-plain needs an HTTP method and path', 'input.option');
    return { protocol, http };
  }
  if ((encrypted.certFile === undefined) !== (encrypted.keyFile === undefined)) {
    throw new InputError('+tls-certfile and +tls-keyfile go together: give both, or neither', 'input.tls');
  }
  const tls: TlsOptions = { verify: hasTlsDetail(encrypted) };
  const hostname = encrypted.hostname ?? (server !== undefined && isIP(server) === 0 ? server : undefined);
  if (hostname !== undefined) tls.hostname = hostname;
  if (typeof encrypted.ca === 'string') tls.ca = fileText(files, 'tls-ca', encrypted.ca);
  if (encrypted.certFile !== undefined) tls.cert = fileText(files, 'tls-certfile', encrypted.certFile);
  if (encrypted.keyFile !== undefined) tls.key = fileText(files, 'tls-keyfile', encrypted.keyFile);
  if (protocol === 'tls') return { protocol, tls };
  if (!http) throw new InputError('+https needs an HTTP method and path', 'input.option');
  return { protocol, tls, http };
}
