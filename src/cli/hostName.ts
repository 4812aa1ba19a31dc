/** What a typed host name (for @server or +tls-hostname) must look like before anything is looked up or sent. */

/**
 * Whether `text` looks like a host name: labels of letters, digits, `_` and `-` (any script, for IDNs),
 * none empty or over 63 characters, 254 in all with an optional final dot. Control characters,
 * spaces and bidi controls are never part of one.
 */
export function isHostName(text: string): boolean {
  if (text.length === 0 || text.length > 254) return false;
  const labels = (text.endsWith('.') ? text.slice(0, -1) : text).split('.');
  return labels.every((label) => label !== '' && label.length <= 63 && /^[\p{L}\p{N}_-]+$/u.test(label));
}
