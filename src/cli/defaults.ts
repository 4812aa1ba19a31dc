/** dig's defaults for a query, and copying settings so one query's +options never leak into another. */
import type { DisplayFlags, QuerySettings } from './types.js';

/** The display switches before any +option: dig's full output. */
export function defaultDisplay(): DisplayFlags {
  return {
    cmd: true,
    comments: true,
    question: true,
    answer: true,
    authority: true,
    additional: true,
    stats: true,
    qr: false,
    ttlid: true,
    ttlunits: false,
    class: true,
    multiline: false,
    short: false,
    identify: false,
  };
}

/** The query settings before any +option: dig's defaults (EDNS 0, 1232-byte buffer, cookie and AD on, 5 s x 3 tries). */
export function defaultSettings(ndots?: number): QuerySettings {
  const settings: QuerySettings = {
    recurse: true,
    tcp: false,
    ignoreTc: false,
    dnssec: false,
    cd: false,
    adflag: true,
    edns: 0,
    bufsize: 1232,
    nsid: false,
    cookie: true,
    timeout: 5,
    tries: 3,
    search: false,
    trace: false,
    follow: false,
    servfailStops: true,
    idnin: true,
    display: defaultDisplay(),
  };
  if (ndots !== undefined) settings.ndots = ndots;
  return settings;
}

/** A deep copy of settings (display and subnet are objects of their own). */
export function copySettings(settings: QuerySettings): QuerySettings {
  const copy: QuerySettings = { ...settings, display: { ...settings.display } };
  if (settings.subnet) copy.subnet = { ...settings.subnet };
  return copy;
}
