/**
 * TSIG keys as dig takes them: `-y [hmac:]name:secret` (no algorithm: hmac-md5, dig 9.18's
 * default) and `-k FILE` in the format tsig-keygen writes (`key "name" { algorithm ...; secret
 * "..."; };`) or a K<name>.+NNN+NNNNN.private file. Pure: the file's text is read by the caller.
 */
import { InputError } from '../errors.js';
import { parseName } from '../wire/name.js';
import { TSIG_ALGORITHMS, type TsigAlgorithm, type TsigKey } from '../wire/tsig.js';

const ALGORITHM_LIST = Object.keys(TSIG_ALGORITHMS).join(', ');

/** DNSSEC algorithm numbers BIND gives HMAC keys in .private files. */
const PRIVATE_FILE_ALGORITHMS: Readonly<Record<number, TsigAlgorithm>> = {
  157: 'hmac-md5',
  161: 'hmac-sha1',
  162: 'hmac-sha224',
  163: 'hmac-sha256',
  164: 'hmac-sha384',
  165: 'hmac-sha512',
};

function algorithmOf(text: string, where: string): TsigAlgorithm {
  const name = text.toLowerCase().replace(/\.$/, '');
  const known = name === 'hmac-md5.sig-alg.reg.int' ? 'hmac-md5' : name;
  if (!(known in TSIG_ALGORITHMS))
    throw new InputError(`unknown TSIG algorithm '${text}'${where} (${ALGORITHM_LIST})`, 'input.tsig');
  return known as TsigAlgorithm;
}

function secretOf(text: string, where: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new InputError(`TSIG secret${where} is not base64`, 'input.tsig');
  }
  return Uint8Array.from(Buffer.from(compact, 'base64'));
}

function keyNameOf(text: string, where: string): string {
  try {
    return parseName(text);
  } catch (error) {
    throw new InputError(
      `bad TSIG key name '${text}'${where}${error instanceof Error ? `: ${error.message}` : ''}`,
      'input.tsig',
    );
  }
}

/** -y [hmac:]name:secret. */
export function parseTsigText(text: string): TsigKey {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === '')) {
    throw new InputError('-y needs [hmac:]name:secret (for example hmac-sha256:mykey:c2VjcmV0)', 'input.tsig');
  }
  const [algorithm, name, secret] = parts.length === 3 ? parts : ['hmac-md5', ...parts];
  return {
    name: keyNameOf(name, ' for -y'),
    algorithm: algorithmOf(algorithm, ' for -y'),
    secret: secretOf(secret, ' for -y'),
  };
}

/** The text of a -k file: a BIND `key` statement, or a K*.private file (its name comes from the file name). */
export function parseTsigFile(text: string, path: string): TsigKey {
  const where = ` in key file '${path}'`;
  if (/^Private-key-format:/m.test(text)) return parsePrivateFile(text, path, where);
  const statement = /\bkey\s+("([^"]+)"|([^\s{]+))\s*\{([^}]*)\}\s*;/.exec(text.replace(/(#|\/\/).*$/gm, ''));
  if (!statement)
    throw new InputError(`no key statement${where} (key "name" { algorithm ...; secret "..."; };)`, 'input.tsig');
  const body = statement[4];
  const algorithm = /\balgorithm\s+"?([\w.-]+)"?\s*;/.exec(body);
  const secret = /\bsecret\s+"([^"]*)"\s*;/.exec(body);
  if (!algorithm || !secret)
    throw new InputError(`the key statement${where} needs an algorithm and a secret`, 'input.tsig');
  return {
    name: keyNameOf(statement[2] ?? statement[3], where),
    algorithm: algorithmOf(algorithm[1], where),
    secret: secretOf(secret[1], where),
  };
}

function parsePrivateFile(text: string, path: string, where: string): TsigKey {
  const file = path.split('/').pop() ?? path;
  const name = /^K(.+)\.\+(\d{3})\+\d{5}\.private$/.exec(file);
  const algorithm = /^Algorithm:\s*(\d+)/m.exec(text);
  const key = /^Key:\s*(\S+)/m.exec(text);
  if (!name || !algorithm || !key)
    throw new InputError(`not a K<name>.+NNN+NNNNN.private HMAC key file${where}`, 'input.tsig');
  const known = PRIVATE_FILE_ALGORITHMS[Number(algorithm[1])];
  if (!known) throw new InputError(`algorithm ${algorithm[1]}${where} is not an HMAC algorithm`, 'input.tsig');
  return { name: keyNameOf(name[1], where), algorithm: known, secret: secretOf(key[1], where) };
}
