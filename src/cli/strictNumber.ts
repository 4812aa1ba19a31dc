/** Strict decimal integers for option values: no signs, no hex, no exponents, no empty strings. */

/** The integer in `text` if it is plain decimal digits within [min, max]; otherwise undefined. */
export function parseDecimal(text: string, min: number, max: number): number | undefined {
  // Up to 10 digits keeps Number() exact; leading zeros are allowed, as dig allows them.
  if (!/^[0-9]{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}
