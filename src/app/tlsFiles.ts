/** Reading and checking the PEM files of +tls-ca, +tls-certfile and +tls-keyfile, before any query is sent. */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { InputError } from '../errors.js';
import type { TlsFile } from '../plan/channel.js';
import { readInputFile } from './inputFile.js';

const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;
const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Why `text` is not what `option` needs (PEM certificates, or one PEM private key), or undefined when it is. */
export function pemProblem(option: TlsFile['option'], text: string): string | undefined {
  if (option === 'tls-keyfile') {
    // createPrivateKey alone would take a certificate too (and derive nothing usable from it).
    if (!PRIVATE_KEY.test(text)) return 'holds no PEM private key';
    try {
      createPrivateKey(text);
      return undefined;
    } catch {
      return 'holds a private key that does not parse';
    }
  }
  const blocks = text.match(CERTIFICATE) ?? [];
  if (blocks.length === 0) return 'holds no PEM certificate';
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      return 'holds a certificate that does not parse';
    }
  }
  return undefined;
}

/** Reads each file not in `into` yet, and checks each for what its option needs; a missing, unreadable or wrong file is an InputError. */
export async function readTlsFiles(files: readonly TlsFile[], into: Map<string, string>): Promise<void> {
  const read = new Map<TlsFile['option'], { path: string; text: string }>();
  for (const { option, path } of files) {
    // One file may serve two options (a PEM with the key and the certificate): each checks it for its own part.
    const text = into.get(path) ?? (await readInputFile(path, `+${option} file`, 'input.tls'));
    const problem = pemProblem(option, text);
    if (problem) throw new InputError(`+${option} file '${path}' ${problem}`, 'input.tls');
    into.set(path, text);
    read.set(option, { path, text });
  }
  const cert = read.get('tls-certfile');
  const key = read.get('tls-keyfile');
  if (cert && key) await checkKeyPair(cert.text, key.text, cert.path, key.path);
}

/** A client certificate whose key is another: found now rather than as a failed handshake. */
async function checkKeyPair(cert: string, key: string, certPath: string, keyPath: string): Promise<void> {
  const { createSecureContext } = await import('node:tls');
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new InputError(
      `+tls-keyfile '${keyPath}' does not go with +tls-certfile '${certPath}': ${(error as { reason?: string }).reason ?? (error as Error).message}`,
      'input.tls',
    );
  }
}
