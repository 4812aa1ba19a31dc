/** LOC (RFC 1876) presentation, as BIND writes it. */

import type { Presenter } from './rdata.js';
import { WireError } from './reader.js';

const EQUATOR = 2 ** 31;
const ALTITUDE_BASE_CM = 10_000_000;
const MAX_DEGREES_MS = { latitude: 90 * 3_600_000, longitude: 180 * 3_600_000 };

/** Size/precision octet (mantissa, power of ten, in cm) to BIND's metres text. */
function sizeText(octet: number): string {
  const mantissa = octet >> 4;
  const exponent = octet & 0x0f;
  if (mantissa > 9 || exponent > 9) throw new WireError(`LOC size octet 0x${octet.toString(16)} is not valid`);
  if (exponent >= 2) return `${mantissa}${'0'.repeat(exponent - 2)}m`;
  return `0.${String(mantissa * 10 ** exponent).padStart(2, '0')}m`;
}

function angleText(raw: number, kind: 'latitude' | 'longitude'): string {
  const offset = raw - EQUATOR;
  if (Math.abs(offset) > MAX_DEGREES_MS[kind]) throw new WireError(`LOC ${kind} is out of range`);
  const hemisphere = kind === 'latitude' ? (offset < 0 ? 'S' : 'N') : offset < 0 ? 'W' : 'E';
  let ms = Math.abs(offset);
  const degrees = Math.floor(ms / 3_600_000);
  ms -= degrees * 3_600_000;
  const minutes = Math.floor(ms / 60_000);
  ms -= minutes * 60_000;
  const seconds = Math.floor(ms / 1000);
  ms -= seconds * 1000;
  return `${degrees} ${minutes} ${seconds}.${String(ms).padStart(3, '0')} ${hemisphere}`;
}

function altitudeText(raw: number): string {
  const cm = raw - ALTITUDE_BASE_CM;
  const sign = cm < 0 ? '-' : '';
  const abs = Math.abs(cm);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}m`;
}

/** Version 0 only: 16 octets of size, precisions, latitude, longitude, altitude. */
export const presentLoc: Presenter = (c) => {
  const version = c.u8('version');
  if (version !== 0) throw new WireError(`LOC version ${version} is not supported`);
  if (c.data.length !== 16) throw new WireError(`LOC data is ${c.data.length} bytes, must be 16`);
  const size = sizeText(c.u8('size'));
  const horizontal = sizeText(c.u8('horizontal precision'));
  const vertical = sizeText(c.u8('vertical precision'));
  const latitude = angleText(c.u32('latitude'), 'latitude');
  const longitude = angleText(c.u32('longitude'), 'longitude');
  const altitude = altitudeText(c.u32('altitude'));
  return {
    data: `${latitude} ${longitude} ${altitude} ${size} ${horizontal} ${vertical}`,
    fields: { latitude, longitude, altitude, size, horizontal, vertical },
  };
};
