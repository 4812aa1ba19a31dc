/** Test fixtures as commented hex: everything after `;` on a line is a comment, whitespace is ignored. */
export function hex(text: string): Uint8Array {
  const digits = text
    .split('\n')
    .map((line) => line.replace(/;.*$/, ''))
    .join('')
    .replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(digits)) throw new Error(`bad hex fixture: ${digits}`);
  return Uint8Array.from(Buffer.from(digits, 'hex'));
}
