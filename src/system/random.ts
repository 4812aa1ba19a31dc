/**
 * Unpredictable numbers for query IDs and client cookies, from the kernel's CSPRNG (/dev/urandom) in
 * draws of 4 KiB. Reading the device costs a fraction of loading node:crypto, which a plain query
 * needs for nothing else; where there is no /dev/urandom, Web Crypto's getRandomValues draws them.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const DRAW_OCTETS = 4096;
let pool: Uint8Array = new Uint8Array(0);
let next = 0;

/** A fresh draw of DRAW_OCTETS octets. */
function draw(): Uint8Array {
  const octets = new Uint8Array(DRAW_OCTETS);
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      for (let filled = 0; filled < DRAW_OCTETS; ) {
        const read = readSync(fd, octets, filled, DRAW_OCTETS - filled, null);
        if (read <= 0) throw new Error('/dev/urandom ended');
        filled += read;
      }
    } finally {
      closeSync(fd);
    }
  } catch {
    globalThis.crypto.getRandomValues(octets);
  }
  return octets;
}

/** Sets `count` octets of the pool aside (drawing afresh when too few are left); returns where they start. */
function reserve(count: number): number {
  if (next + count > pool.length) {
    pool = draw();
    next = 0;
  }
  next += count;
  return next - count;
}

/** `count` (at most 4096) random octets of their own: no two calls share any. */
export function randomOctets(count: number): Uint8Array {
  const at = reserve(count);
  const octets = pool.slice(at, at + count);
  // Spent octets are wiped, so nothing later can read them back out of the pool.
  pool.fill(0, at, at + count);
  return octets;
}

/** A random integer in 0..65535 (a query ID). */
export function randomUint16(): number {
  const at = reserve(2);
  const value = (pool[at] << 8) | pool[at + 1];
  pool.fill(0, at, at + 2);
  return value;
}
