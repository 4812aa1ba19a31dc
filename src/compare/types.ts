/** The data of +compare: the servers asked, what each one said, and the judgment on them all. */
import type { Endpoint } from '../transport/types.js';
import type { EdnsOption, ResourceRecord } from '../wire/types.js';

/** Where a compared server came from: an @server of the command line, or a name server of the zone (+allns). */
export type ServerOrigin = 'listed' | 'zone';

/** One server to ask: an address and port, and the name it goes by (the @server as typed, or the NS name). */
export interface CompareTarget {
  endpoint: Endpoint;
  /** The @server as typed, or the name server's name; absent when an address was typed. */
  name?: string;
  origin: ServerOrigin;
}

/** Why a server gave no usable answer. */
export type CompareFailure =
  /** No reply within the time allowed (every try). */
  | 'timeout'
  /** RCODE REFUSED. */
  | 'refused'
  /** Not authoritative for the zone and no resolver either: no aa, no RA (a referral, or an empty reply). */
  | 'lame'
  /** A reply that could not be decoded or did not match the query. */
  | 'malformed'
  /** RCODE SERVFAIL. */
  | 'servfail'
  /** Another RCODE (FORMERR, NOTIMP, ...). */
  | 'rcode'
  /** The port is closed (ICMP unreachable, TCP reset) or the network said no. */
  | 'unreachable';

/** What a server said, when it answered. */
export interface ServerAnswer {
  rcode: number;
  aa: boolean;
  ra: boolean;
  tc: boolean;
  ad: boolean;
  /** The answer section, signatures aside (RRSIGs differ by signing time, not by data). */
  records: ResourceRecord[];
  /** The SOA serial of the answer or, for a negative answer, of the authority section's SOA. */
  serial?: number;
  /** The SOA record's TTL, in the authority section of a negative answer (how long the denial is cached). */
  negativeTtl?: number;
  /** The OPT record's version and UDP size; absent: the reply had no EDNS. */
  edns?: { version: number; udpSize: number };
  /** The NSID option's data, escaped text (RFC 5001), when the server sent one. */
  nsid?: string;
  /** The extended DNS error options (RFC 8914) as received; render/ presents them. */
  ede: EdnsOption[];
  /** Size of the reply in octets. */
  size: number;
  protocol: 'udp' | 'tcp';
}

/** How one server fared. */
export interface ServerReply {
  target: CompareTarget;
  rttMs?: number;
  /** Present when the server answered (NOERROR or NXDOMAIN, authoritative or from a resolver). */
  answer?: ServerAnswer;
  /** Present when it did not: why, and one line (already escaped). */
  failure?: { kind: CompareFailure; message: string; rcode?: number; ede?: EdnsOption[] };
}

/** How +allns found the servers: the zone holding the name, and its name servers with their addresses. */
export interface ZoneServers {
  zone: string;
  nameServers: Array<{ name: string; addresses: string[]; error?: string }>;
  /** Queries the iteration from the root sent. */
  queries: number;
}

/** What +compare collected: the question, each server's reply in the order asked. */
export interface CompareData {
  question: { name: string; type: number; class: number };
  replies: ServerReply[];
  /** +allns: how the zone's servers were found. */
  zone?: ZoneServers;
  /** Why no server could be asked (+allns found none), one line, already escaped. */
  error?: string;
}
