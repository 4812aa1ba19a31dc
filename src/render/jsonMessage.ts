/**
 * A DNS message as JSON, with the member names of RFC 8427 (as kdig +json uses them) and real booleans for flags.
 *
 * Beyond RFC 8427: RCODEname, Z, an EDNS object, `warnings`, and per record `fields` (the structured rdata).
 * Every record carries RDATAHEX and one presentation string named `rdata` + its type mnemonic: `rdataA`, `rdataMX`,
 * and for types tsdig has no mnemonic for the RFC 3597 name, e.g. `rdataTYPE65280` holding `\# 2 ABCD`.
 */
import type { Message, Question, ResourceRecord } from '../wire/types.js';
import { className, rcodeName, typeName } from '../wire/rrtypes.js';
import { ednsJson, type EdnsJson } from './jsonEdns.js';
import { hexUpper } from '../wire/encoding.js';
import type { RdataFields } from './rdata/presenter.js';
import { rdataFields, rdataText } from './rdata/present.js';

/** A question in JSON. */
export interface QuestionJson {
  NAME: string;
  TYPE: number;
  TYPEname: string;
  CLASS: number;
  CLASSname: string;
}

/** A resource record in JSON; the one `rdata<TYPE>` member is added under its computed name. */
export interface RecordJson extends QuestionJson {
  TTL: number;
  RDLENGTH: number;
  RDATAHEX: string;
  fields?: RdataFields;
  [rdataMember: `rdata${string}`]: string;
}

/** A whole message in JSON. */
export interface MessageJson {
  ID: number;
  QR: boolean;
  Opcode: number;
  AA: boolean;
  TC: boolean;
  RD: boolean;
  RA: boolean;
  Z: boolean;
  AD: boolean;
  CD: boolean;
  RCODE: number;
  RCODEname: string;
  QDCOUNT: number;
  ANCOUNT: number;
  NSCOUNT: number;
  ARCOUNT: number;
  questionRRs: QuestionJson[];
  answerRRs: RecordJson[];
  authorityRRs: RecordJson[];
  additionalRRs: RecordJson[];
  EDNS?: EdnsJson;
  messageSize: number;
  warnings: string[];
}

/** The member name that holds a record's presentation-format rdata. */
export function rdataMemberName(type: number): `rdata${string}` {
  return `rdata${typeName(type)}`;
}

/** A question as RFC 8427 names its parts. */
export function questionJson(question: Question): QuestionJson {
  return {
    NAME: question.name,
    TYPE: question.type,
    TYPEname: typeName(question.type),
    CLASS: question.class,
    CLASSname: className(question.class),
  };
}

/** A record as RFC 8427 names its parts, plus the structured fields when the wire module decoded them. */
export function recordJson(record: ResourceRecord): RecordJson {
  const out: RecordJson = {
    NAME: record.name,
    TYPE: record.type,
    TYPEname: typeName(record.type),
    CLASS: record.class,
    CLASSname: className(record.class),
    TTL: record.ttl,
    RDLENGTH: record.rdataWire.length,
    RDATAHEX: hexUpper(record.rdataWire),
  };
  out[rdataMemberName(record.type)] = rdataText(record.rdata);
  const fields = rdataFields(record.rdata);
  if (fields) out.fields = fields;
  return out;
}

/** A decoded message as JSON. The header counts are the wire counts: ARCOUNT includes the OPT record. */
export function messageJson(message: Message): MessageJson {
  const out: MessageJson = {
    ID: message.id,
    QR: message.qr,
    Opcode: message.opcode,
    AA: message.aa,
    TC: message.tc,
    RD: message.rd,
    RA: message.ra,
    Z: message.z,
    AD: message.ad,
    CD: message.cd,
    RCODE: message.rcode,
    RCODEname: rcodeName(message.rcode),
    QDCOUNT: message.question.length,
    ANCOUNT: message.answer.length,
    NSCOUNT: message.authority.length,
    ARCOUNT: message.additional.length + (message.edns ? 1 : 0),
    questionRRs: message.question.map(questionJson),
    answerRRs: message.answer.map(recordJson),
    authorityRRs: message.authority.map(recordJson),
    additionalRRs: message.additional.map(recordJson),
    ...(message.edns && { EDNS: ednsJson(message.edns) }),
    messageSize: message.size,
    warnings: message.warnings,
  };
  return out;
}
