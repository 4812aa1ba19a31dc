/** Colours for the renderers, passed in as data: no global chalk, and plain text is the identity palette. */

/** One styling function per kind of text a renderer may highlight. Each returns its input wrapped (or unchanged). */
export interface Palette {
  /** A status word such as NOERROR / NXDOMAIN / SERVFAIL; the rcode picks the colour. */
  status(text: string, rcode: number): string;
  /** The authoritative-answer marker. */
  authoritative(text: string): string;
  /** Non-authoritative marker. */
  nonAuthoritative(text: string): string;
  /** Owner names. */
  name(text: string): string;
  /** RR type mnemonics. */
  type(text: string): string;
  /** TTLs. */
  ttl(text: string): string;
  /** Comment lines (`;; ...`). */
  comment(text: string): string;
  /** Errors and failures. */
  error(text: string): string;
  /** Warnings. */
  warning(text: string): string;
}

const same = (text: string): string => text;

/** The palette for output that is not a colour terminal: every function is the identity. */
export const plainPalette: Palette = {
  status: same,
  authoritative: same,
  nonAuthoritative: same,
  name: same,
  type: same,
  ttl: same,
  comment: same,
  error: same,
  warning: same,
};
