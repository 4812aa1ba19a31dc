/**
 * Parser of dig's default text output (and of tsdig's, which prints the same layout) into data
 * that two tools' runs can be compared by: header, flags, EDNS, sections of records, notes.
 */

/** One record line (or question line, where ttl is null and data empty). */
export interface DigRecord {
  readonly name: string;
  readonly ttl: number | null;
  readonly class: string;
  readonly type: string;
  readonly data: string;
}

/** The four sections of a message, in order. */
export type SectionName = 'question' | 'answer' | 'authority' | 'additional';

/** Section names in the order dig prints them. */
export const sectionNames: readonly SectionName[] = ['question', 'answer', 'authority', 'additional'];

/** One reply as dig printed it. */
export interface DigMessage {
  readonly opcode: string;
  readonly status: string;
  readonly id: number;
  /** Header flags in printed order: qr aa tc rd ra ad cd. */
  readonly flags: string[];
  /** The counts printed on the flags line (QUERY, ANSWER, AUTHORITY, ADDITIONAL). */
  readonly counts: Record<SectionName, number>;
  /** EDNS version from the OPT pseudosection; null when the reply had no OPT record. */
  readonly ednsVersion: number | null;
  /** EDNS flags ("do"); empty without EDNS. */
  readonly ednsFlags: string[];
  /** Advertised UDP payload size; null without EDNS. */
  readonly udpSize: number | null;
  /** Other OPT lines ("COOKIE: ...", "EDE: ...", "NSID: ..."), without the leading "; ". */
  readonly ednsOptions: string[];
  readonly sections: Record<SectionName, DigRecord[]>;
  /** "127.53.0.3#5353(127.53.0.3)" from the SERVER line, when printed. */
  readonly server: string | null;
  /** "UDP", "TCP", "TLS", "HTTPS", "HTTPS-GET", "HTTP" or "HTTP-GET" from the SERVER line, when printed. */
  readonly protocol: string | null;
  /** Size from the MSG SIZE line, when printed. */
  readonly size: number | null;
  /** Other ";;" lines belonging to this reply ("WARNING: ...", "Truncated, retrying in TCP mode."). */
  readonly notes: string[];
}

/** Everything one dig run printed: the replies in order and the notes outside any reply. */
export interface DigOutput {
  readonly messages: DigMessage[];
  /** ";;" lines not tied to a reply (errors such as "connection timed out; ..."). */
  readonly notes: string[];
  /** Record lines printed outside any reply (+noall +answer, +trace). */
  readonly looseRecords: DigRecord[];
}

/** One step of a +trace walk: the records printed and the server they were received from. */
export interface TraceHop {
  readonly records: DigRecord[];
  /** "127.53.0.1#5353(a.root-servers)" from the "Received N bytes from" line. */
  readonly from: string;
  readonly bytes: number;
}

// Lines whose content changes from run to run or describes the tool, not the reply.
const volatileNotes = [/^Query time:/, /^WHEN:/, /^global options:/, /^Got answer:/, /^MSG SIZE/, /^SERVER:/];

const recordPattern = /^(\S+)\s+(\d+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/;
const questionPattern = /^;(\S+)\s+(\S+)\s+(\S+)\s*$/;

/** Parses one record line "name ttl class type data". */
export function parseRecordLine(line: string): DigRecord {
  const m = recordPattern.exec(line.trim());
  if (!m) throw new Error(`not a record line: ${line}`);
  return { name: m[1], ttl: Number(m[2]), class: m[3], type: m[4], data: (m[5] ?? '').trim() };
}

/** Parses a question line ";name class type". */
export function parseQuestionLine(line: string): DigRecord {
  const m = questionPattern.exec(line.trim());
  if (!m) throw new Error(`not a question line: ${line}`);
  return { name: m[1], ttl: null, class: m[2], type: m[3], data: '' };
}

type MutableMessage = { -readonly [K in keyof DigMessage]: DigMessage[K] };

function emptyMessage(): MutableMessage {
  return {
    opcode: '',
    status: '',
    id: 0,
    flags: [],
    counts: { question: 0, answer: 0, authority: 0, additional: 0 },
    ednsVersion: null,
    ednsFlags: [],
    udpSize: null,
    ednsOptions: [],
    sections: { question: [], answer: [], authority: [], additional: [] },
    server: null,
    protocol: null,
    size: null,
    notes: [],
  };
}

function parseHeader(line: string, msg: MutableMessage): void {
  const m = /opcode: (\S+), status: (\S+), id: (\d+)/.exec(line);
  if (!m) throw new Error(`bad header line: ${line}`);
  msg.opcode = m[1];
  msg.status = m[2];
  msg.id = Number(m[3]);
}

function parseFlagsLine(line: string, msg: MutableMessage): void {
  const m = /^;; flags:([^;]*); QUERY: (\d+), ANSWER: (\d+), AUTHORITY: (\d+), ADDITIONAL: (\d+)/.exec(line);
  if (!m) throw new Error(`bad flags line: ${line}`);
  msg.flags = m[1].trim().split(/\s+/).filter(Boolean);
  msg.counts = { question: Number(m[2]), answer: Number(m[3]), authority: Number(m[4]), additional: Number(m[5]) };
}

function parseEdnsLine(line: string, msg: MutableMessage): void {
  // "; EDNS: version: 0, flags: do; udp: 1232"
  const m = /^; EDNS: version: (\d+), flags:([^;]*); (?:MBZ: \S+ , )?udp: (\d+)/.exec(line);
  if (!m) throw new Error(`bad EDNS line: ${line}`);
  msg.ednsVersion = Number(m[1]);
  msg.ednsFlags = m[2].trim().split(/\s+/).filter(Boolean);
  msg.udpSize = Number(m[3]);
}

function parseTrailer(text: string, msg: MutableMessage): void {
  const server = /^SERVER: (\S+)(?: \(([\w-]+)\))?/.exec(text);
  if (server) {
    msg.server = server[1];
    msg.protocol = server[2] ?? null;
  }
  const size = /^MSG SIZE\s+rcvd: (\d+)/.exec(text);
  if (size) msg.size = Number(size[1]);
}

/** Parses a whole dig (or tsdig) output in the default layout. */
export function parseDigOutput(text: string): DigOutput {
  const messages: MutableMessage[] = [];
  const notes: string[] = [];
  const looseRecords: DigRecord[] = [];
  let current: MutableMessage | null = null;
  let section: SectionName | 'opt' | null = null;
  // Notes printed before a header (";; Truncated, retrying...") belong to the reply that follows.
  let pending: string[] = [];

  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      section = null;
      continue;
    }
    if (line.startsWith(';; ->>HEADER<<-')) {
      current = emptyMessage();
      current.notes.push(...pending);
      pending = [];
      messages.push(current);
      parseHeader(line, current);
      section = null;
      continue;
    }
    if (line.startsWith(';; flags:') && current) {
      parseFlagsLine(line, current);
      continue;
    }
    const sectionHeader = /^;; (QUESTION|ANSWER|AUTHORITY|ADDITIONAL) SECTION:$/.exec(line);
    if (sectionHeader) {
      section = sectionHeader[1].toLowerCase() as SectionName;
      continue;
    }
    if (line === ';; OPT PSEUDOSECTION:') {
      section = 'opt';
      continue;
    }
    if (line.startsWith(';; ')) {
      const note = line.slice(3).trim();
      if (current) parseTrailer(note, current);
      if (volatileNotes.some((re) => re.test(note))) continue;
      if (current && /^WARNING/.test(note)) current.notes.push(note);
      else if (/^Truncated/.test(note)) pending.push(note);
      else notes.push(note);
      continue;
    }
    if (section === 'opt' && current && line.startsWith('; ')) {
      if (line.startsWith('; EDNS:')) parseEdnsLine(line, current);
      else current.ednsOptions.push(line.slice(2).trim());
      continue;
    }
    if (section === 'question' && current && line.startsWith(';')) {
      current.sections.question.push(parseQuestionLine(line));
      continue;
    }
    if (line.startsWith(';')) continue; // banner, "(1 server found)", other comments
    const record = parseRecordLine(line);
    if (current && section && section !== 'opt' && section !== 'question') current.sections[section].push(record);
    else looseRecords.push(record);
  }
  notes.push(...pending);
  return { messages, notes, looseRecords };
}

/** Parses an output that must hold exactly one reply. */
export function parseDig(text: string): DigMessage {
  const out = parseDigOutput(text);
  if (out.messages.length !== 1) {
    throw new Error(
      `expected one reply, found ${out.messages.length}${out.notes.length ? ` (${out.notes.join('; ')})` : ''}`,
    );
  }
  return out.messages[0];
}

/** +short output: one data line per record, in printed order. */
export function parseShort(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Splits +trace output into hops, each ending at its "Received N bytes from SERVER" line. */
export function parseTrace(text: string): TraceHop[] {
  const hops: TraceHop[] = [];
  let records: DigRecord[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const received = /^;; Received (\d+) bytes from (\S+)/.exec(line);
    if (received) {
      hops.push({ records, from: received[2], bytes: Number(received[1]) });
      records = [];
      continue;
    }
    if (line.startsWith(';')) continue;
    records.push(parseRecordLine(line));
  }
  return hops;
}
