/** TTLs in units, as dig's +ttlunits writes them. */

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['w', 604800],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/** Seconds as dig's +ttlunits text: `1h`, `2d3h`, `1w1d1h1m1s`; 0 is `0s`. */
export function formatTtlUnits(seconds: number): string {
  if (seconds === 0) return '0s';
  let rest = seconds;
  let out = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * size;
  }
  return out;
}
