/** Records as the decoder makes them, for tests that build or change RDATA octets. */
import { decodeRdata } from '../../src/wire/rdata/rdata.js';
import type { ResourceRecord } from '../../src/wire/types.js';

/** A record from its uncompressed RDATA, decoded as decodeMessage decodes it (throws WireError when malformed). */
export function recordFromWire(
  name: string,
  type: number,
  rdataWire: Uint8Array,
  klass = 1,
  ttl = 3600,
): ResourceRecord {
  return { name, type, class: klass, ttl, rdata: decodeRdata(type, klass, rdataWire), rdataWire };
}

/** The record with other RDATA octets, decoded again (throws WireError when they are malformed for its type). */
export function withRdataWire(rr: ResourceRecord, rdataWire: Uint8Array): ResourceRecord {
  return { ...rr, rdata: decodeRdata(rr.type, rr.class, rdataWire), rdataWire };
}
