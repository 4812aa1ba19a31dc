/**
 * Replies of compared servers as data, for the tests of +compare's judgment and views: each reply
 * is encoded with dns-packet and decoded by tsdig's own decoder, as one from the network would be.
 */
import dnsPacket from 'dns-packet';
import { replyFromError, replyFromExchange } from '../../src/compare/replies.js';
import type { CompareData, CompareTarget, ServerReply } from '../../src/compare/types.js';
import { ExchangeError } from '../../src/errors.js';
import type { Exchange } from '../../src/resolve/types.js';
import { decodeMessage } from '../../src/wire/decode.js';

/** A record in dns-packet's form. */
export type PacketRecord = dnsPacket.Answer;

/** A reply's header and sections. */
export interface ReplySpec {
  rcode?: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR';
  aa?: boolean;
  ra?: boolean;
  answers?: PacketRecord[];
  authorities?: PacketRecord[];
  /** EDNS: absent for none; nsid and EDE options as text. */
  edns?: { udpSize?: number; nsid?: string; ede?: { code: number; text?: string } };
}

const RCODES = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

/** The question every fixture asks. */
export const QUESTION = { name: 'example.test.', type: 6, class: 1 };

/** A server of the zone (named) or a listed one (address only). */
export function target(address: string, name?: string, origin: CompareTarget['origin'] = 'zone'): CompareTarget {
  return { endpoint: { address, port: 53 }, ...(name !== undefined && { name }), origin };
}

/** The reply bytes for `spec`, as a server would send them. */
function encode(spec: ReplySpec, question = QUESTION): Uint8Array {
  const flags = (spec.aa ? 0x400 : 0) | (spec.ra ? 0x80 : 0) | RCODES[spec.rcode ?? 'NOERROR'];
  const options: Array<{ code: number; data: Buffer }> = [];
  if (spec.edns?.nsid !== undefined) options.push({ code: 3, data: Buffer.from(spec.edns.nsid, 'latin1') });
  if (spec.edns?.ede) {
    const code = Buffer.alloc(2);
    code.writeUInt16BE(spec.edns.ede.code);
    options.push({ code: 15, data: Buffer.concat([code, Buffer.from(spec.edns.ede.text ?? '')]) });
  }
  const additionals = spec.edns
    ? [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: spec.edns.udpSize ?? 1232,
          flags: 0,
          options,
        } as unknown as PacketRecord,
      ]
    : [];
  return dnsPacket.encode({
    type: 'response',
    id: 7,
    flags,
    questions: [{ name: question.name.replace(/\.$/, ''), type: 'SOA', class: 'IN' }],
    answers: spec.answers ?? [],
    authorities: spec.authorities ?? [],
    additionals,
  });
}

/** One server's reply, through the same function the collection uses. */
export function answered(to: CompareTarget, spec: ReplySpec, rttMs = 3): ServerReply {
  const raw = encode(spec);
  const exchange: Exchange = {
    server: to.endpoint,
    protocol: 'udp',
    question: QUESTION,
    query: new Uint8Array(),
    raw,
    response: decodeMessage(raw),
    rttMs,
    receivedAt: new Date(0),
  };
  return replyFromExchange(to, exchange);
}

/** A server that never answered. */
export function silent(to: CompareTarget, rttMs = 2000): ServerReply {
  const error = new ExchangeError(
    'timeout',
    `communications error to ${to.endpoint.address}#${to.endpoint.port}: timed out`,
  );
  return replyFromError(to, error, rttMs);
}

/** An SOA record of example.test. with this serial. */
export function soa(serial: number, ttl = 3600, name = 'example.test'): PacketRecord {
  return {
    name,
    type: 'SOA',
    ttl,
    class: 'IN',
    data: {
      mname: 'ns1.example.test',
      rname: 'hostmaster.example.test',
      serial,
      refresh: 3600,
      retry: 900,
      expire: 604800,
      minimum: 300,
    },
  } as PacketRecord;
}

/** An A record. */
export function a(name: string, address: string, ttl = 300): PacketRecord {
  return { name, type: 'A', ttl, class: 'IN', data: address } as PacketRecord;
}

/** The collected data of a comparison. */
export function data(replies: ServerReply[], question: CompareData['question'] = QUESTION): CompareData {
  return { question, replies };
}
