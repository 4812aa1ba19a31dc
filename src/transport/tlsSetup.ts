/** What DoT and DoH share about TLS: the connect options from TlsOptions, and TLS failures in dig's words. */
import type { ConnectionOptions, PeerCertificate } from 'node:tls';
import { isIP } from '../wire/address.js';
import { socketFailure } from './udp.js';
import { TransportError, type TlsOptions, type TransportRequest } from './types.js';

/** OpenSSL's verdicts that mean "this certificate does not lead to a CA we trust". */
const UNKNOWN_CA = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_UNTRUSTED',
  'CERT_CHAIN_TOO_LONG',
]);

/** Other verdicts about the certificate itself. */
const CERTIFICATE_PROBLEMS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_REVOKED: 'certificate revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure',
  CERT_REJECTED: 'certificate rejected',
  INVALID_CA: 'invalid CA certificate',
  INVALID_PURPOSE: 'unsupported certificate purpose',
};

/** The name the certificate must carry: +tls-hostname, else the @server as typed when it is a host name, else the address. */
export function verifiedName(request: TransportRequest, tls: TlsOptions): string {
  return tls.hostname ?? request.server.address;
}

/** node:tls connect options for one exchange; `alpn` names the protocol spoken inside (dot or h2). */
export function connectOptions(
  request: TransportRequest,
  tls: TlsOptions,
  checkServerIdentity: (name: string, cert: PeerCertificate) => Error | undefined,
  alpn: string,
): ConnectionOptions {
  const name = verifiedName(request, tls);
  return {
    host: request.server.address,
    port: request.server.port,
    ...(request.source ? { localAddress: request.source.address, localPort: request.source.port || undefined } : {}),
    // SNI carries host names only (RFC 6066 section 3).
    ...(isIP(name) === 0 ? { servername: name } : {}),
    ALPNProtocols: [alpn],
    rejectUnauthorized: tls.verify,
    ...(tls.verify
      ? { checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(name, cert) }
      : {}),
    ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
    ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
    ...(tls.key !== undefined ? { key: tls.key } : {}),
  };
}

/** A Node error with OpenSSL's fields. */
type TlsError = NodeJS.ErrnoException & { reason?: string; host?: string; cert?: PeerCertificate };

/** A failure while connecting or during the handshake, as a TransportError whose kind says what went wrong. */
export function tlsFailure(error: TlsError, secured: boolean): TransportError {
  const code = error.code ?? '';
  if (UNKNOWN_CA.has(code)) return certificateFailure(`unknown CA (${error.message})`);
  if (code in CERTIFICATE_PROBLEMS) return certificateFailure(CERTIFICATE_PROBLEMS[code]);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = error.cert?.subjectaltname;
    return certificateFailure(
      `hostname mismatch (${error.host ?? 'the name'} is not among ${names ? `the certificate's names: ${names}` : "the certificate's names"})`,
    );
  }
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO') {
    return new TransportError('handshake', `TLS handshake failed: ${error.reason ?? error.message.split('\n')[0]}`);
  }
  if (!secured && (code === 'ECONNRESET' || code === 'EPIPE')) {
    return new TransportError('handshake', 'TLS handshake failed: connection closed by the server');
  }
  return socketFailure(error);
}

function certificateFailure(why: string): TransportError {
  return new TransportError('certificate', `TLS peer certificate verification failed: ${why}`);
}
