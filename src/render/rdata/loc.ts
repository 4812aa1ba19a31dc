/** Presenter of LOC (RFC 1876), as BIND writes it: degrees, minutes and seconds, metres. */

import type { LocRdata } from '../../wire/rdata/loc.js';
import type { Presenter } from './presenter.js';

/** A size or precision octet (mantissa, power of ten, in cm) as BIND's metres text. */
function sizeText(octet: number): string {
  const mantissa = octet >> 4;
  const exponent = octet & 0x0f;
  if (exponent >= 2) return `${mantissa}${'0'.repeat(exponent - 2)}m`;
  return `0.${String(mantissa * 10 ** exponent).padStart(2, '0')}m`;
}

function angleText(offset: number, kind: 'latitude' | 'longitude'): string {
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

function altitudeText(cm: number): string {
  const sign = cm < 0 ? '-' : '';
  const abs = Math.abs(cm);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}m`;
}

/** The six texts in the order the fields and the line give them. */
function texts(
  r: LocRdata,
): Record<'latitude' | 'longitude' | 'altitude' | 'size' | 'horizontal' | 'vertical', string> {
  return {
    latitude: angleText(r.latitude, 'latitude'),
    longitude: angleText(r.longitude, 'longitude'),
    altitude: altitudeText(r.altitude),
    size: sizeText(r.size),
    horizontal: sizeText(r.horizontalPrecision),
    vertical: sizeText(r.verticalPrecision),
  };
}

export const loc: Presenter<LocRdata> = {
  text(r) {
    const t = texts(r);
    return `${t.latitude} ${t.longitude} ${t.altitude} ${t.size} ${t.horizontal} ${t.vertical}`;
  },
  fields: texts,
};
