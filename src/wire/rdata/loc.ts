/** LOC (RFC 1876), version 0: a position, an altitude, and the size and precisions of what is there. */

import { WireError } from '../reader.js';
import type { RdataCursor } from './cursor.js';

/** A location. Size and precisions stay in their RFC 1876 octet form (mantissa << 4 | power of ten, centimetres). */
export interface LocRdata {
  type: 'LOC';
  size: number;
  horizontalPrecision: number;
  verticalPrecision: number;
  /** Thousandths of an arc-second north of the equator (negative: south). */
  latitude: number;
  /** Thousandths of an arc-second east of the prime meridian (negative: west). */
  longitude: number;
  /** Centimetres above the WGS 84 reference spheroid (may be negative). */
  altitude: number;
}

const EQUATOR = 2 ** 31;
const ALTITUDE_BASE_CM = 10_000_000;
const MAX_DEGREES_MS = { latitude: 90 * 3_600_000, longitude: 180 * 3_600_000 };

/** A size or precision octet, refused when its mantissa or exponent is above 9. */
function sizeOctet(c: RdataCursor, what: string): number {
  const octet = c.u8(what);
  if (octet >> 4 > 9 || (octet & 0x0f) > 9) throw new WireError(`LOC size octet 0x${octet.toString(16)} is not valid`);
  return octet;
}

function angle(c: RdataCursor, kind: 'latitude' | 'longitude'): number {
  const offset = c.u32(kind) - EQUATOR;
  if (Math.abs(offset) > MAX_DEGREES_MS[kind]) throw new WireError(`LOC ${kind} is out of range`);
  return offset;
}

export function decodeLoc(c: RdataCursor): LocRdata {
  const version = c.u8('version');
  if (version !== 0) throw new WireError(`LOC version ${version} is not supported`);
  if (c.data.length !== 16) throw new WireError(`LOC data is ${c.data.length} bytes, must be 16`);
  const size = sizeOctet(c, 'size');
  const horizontalPrecision = sizeOctet(c, 'horizontal precision');
  const verticalPrecision = sizeOctet(c, 'vertical precision');
  const latitude = angle(c, 'latitude');
  const longitude = angle(c, 'longitude');
  const altitude = c.u32('altitude') - ALTITUDE_BASE_CM;
  return { type: 'LOC', size, horizontalPrecision, verticalPrecision, latitude, longitude, altitude };
}
