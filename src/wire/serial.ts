/** SOA serial comparison in RFC 1982 serial number arithmetic (SERIAL_BITS = 32), for every mode that compares serials. */

/** How two serials compare: a wrapped serial (4294967295 then 5) is newer, not smaller. */
export type SerialOrder = 'equal' | 'newer' | 'older' | 'undefined';

/**
 * Compares serial `a` with serial `b` (RFC 1982 3.2): `newer` when `a` is after `b`. Two serials
 * exactly 2^31 apart have no order (`undefined`).
 */
export function compareSerials(a: number, b: number): SerialOrder {
  const diff = (a - b) >>> 0;
  if (diff === 0) return 'equal';
  if (diff === 0x80000000) return 'undefined';
  return diff < 0x80000000 ? 'newer' : 'older';
}

/**
 * The newest of several serials, or undefined when they have no single newest one (some pair is
 * 2^31 apart, or they span more than half the serial space, so that "newest" depends on the order).
 */
export function newestSerial(serials: readonly number[]): number | undefined {
  let newest: number | undefined;
  for (const serial of serials) {
    if (newest === undefined || compareSerials(serial, newest) === 'newer') newest = serial;
  }
  if (newest === undefined) return undefined;
  const top = newest;
  return serials.every((s) => s === top || compareSerials(top, s) === 'newer') ? top : undefined;
}
