/** Hand-built messages and records for the resolver's unit tests (no wire encoding involved). */
import type { Message, ResourceRecord } from '../../src/wire/types.js';
import { parseType } from '../../src/wire/rrtypes.js';
import { rdataFromText } from '../support/rdataFromText.js';

/**
 * A record from its presentation parts: `rr('example.test.', 'NS', 'ns1.example.test.')`. Its data is typed;
 * its wire form is left empty, as these records never went over the wire and no test here signs them.
 */
export function rr(name: string, type: string, data: string, ttl = 3600): ResourceRecord {
  const number = parseType(type);
  if (number === undefined) throw new Error(`unknown type ${type}`);
  return { name, type: number, class: 1, ttl, rdata: rdataFromText(type, data), rdataWire: new Uint8Array() };
}

/** A reply with every header field defaulted (NOERROR, not authoritative, no records). */
export function reply(parts: Partial<Message> = {}): Message {
  return {
    id: 1,
    qr: true,
    opcode: 0,
    aa: false,
    tc: false,
    rd: false,
    ra: false,
    z: false,
    ad: false,
    cd: false,
    rcode: 0,
    question: [],
    answer: [],
    authority: [],
    additional: [],
    size: 100,
    warnings: [],
    ...parts,
  };
}

/** An SOA record for a zone, with fixed timers. */
export function soa(zone: string): ResourceRecord {
  return rr(zone, 'SOA', `ns1.${zone === '.' ? '' : zone} hostmaster.${zone === '.' ? '' : zone} 1 3600 600 86400 300`);
}
