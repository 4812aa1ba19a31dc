/** The validator's vocabulary: trust anchors, verdicts and the chain of zones that led to them. */
import type { Message } from '../wire/types.js';
import type { DsData } from './rrsig.js';

/** A trust anchor for one zone: DS records and/or DNSKEY RDATA (either can start the chain). */
export interface TrustAnchor {
  zone: string;
  ds: DsData[];
  dnskeys: Uint8Array[];
}

/** The four outcomes RFC 4033 5 names. */
export type ValidationStatus = 'secure' | 'insecure' | 'bogus' | 'indeterminate';

/** One zone of the chain: the keys that signed its DNSKEY set and how they were vouched for. */
export interface ChainLink {
  zone: string;
  /** Key tags of the DNSKEYs that vouched for the zone's DNSKEY RRset (the KSKs). */
  keys: number[];
  /** The parent's DS records that matched (key tag, digest type); empty for a trust anchor zone. */
  ds: Array<{ keyTag: number; digestType: number }>;
  /** Set when the zone's keys come from a configured trust anchor. */
  anchor: boolean;
  /** Set when this zone is where the chain ends unsigned (an insecure delegation). */
  unsigned?: boolean;
}

/** The verdict on one reply. */
export interface Validation {
  status: ValidationStatus;
  /** One line: why (which RRSIG or DS failed, what could not be fetched, what proved the delegation unsigned). */
  reason: string;
  /** Zones from the trust anchor down, in the order they were proved. */
  chain: ChainLink[];
  /** The anchor zone and key tag the chain started from. */
  anchor?: { zone: string; keyTag: number };
  queries: number;
  /**
   * Set when the verdict is on another reply than the one shown, or on part of it: the SERVFAIL asked
   * again with CD set, the truncated reply asked again over TCP, the CNAME a trace ended at.
   */
  note?: string;
  /** Set when the server could not supply the chain and tsdig fetched the DS and DNSKEY records by its own iteration from the root hints: why. */
  iteration?: string;
}

/** Fetches one RRset question with DO and CD set; the walker's only view of the network. */
export type DnssecFetch = (name: string, type: number) => Promise<Message>;

/** How far the validator may go: queries sent and zones stacked; named when hit. */
export interface ValidationLimits {
  maxQueries: number;
  maxDepth: number;
}

/** Defaults in the spirit of resolvers' own limits. */
export const DEFAULT_VALIDATION_LIMITS: ValidationLimits = { maxQueries: 64, maxDepth: 24 };

/** The DNSSEC state of one delegation seen by +trace +validate. */
export interface CutDnssec {
  /** The delegated zone. */
  zone: string;
  /** signed: DS matches a DNSKEY of the child and verifies; unsigned: DS absence proved; otherwise why not. */
  status: 'signed' | 'unsigned' | 'bogus' | 'indeterminate';
  /** One line: what matched or what failed. */
  reason: string;
  /** For an unsigned delegation below another: the ancestor whose delegation is unsigned, which makes this one unsigned too. */
  unsignedAt?: string;
  /** For a signed delegation: the DS record that matched the child's DNSKEY. */
  ds?: { keyTag: number; algorithm: number; digestType: number };
  /** For a signed delegation: the RRSIG over the DS RRset that verified with the parent's keys. */
  dsSignature?: { signer: string; keyTag: number };
}

/** What the validator saw: each reply its questions got, by `name type` (name lower-cased), and the time it judged at. */
export interface DnssecEvidence {
  /** Seconds since the epoch. */
  now: number;
  replies: ReadonlyMap<string, Message>;
}

/** +trace +validate: the state of each hop's delegation (by hop index; absent for hops that are not referrals) and the final verdict. */
export interface TraceValidation {
  cuts: Array<CutDnssec | undefined>;
  validation: Validation;
  /** The replies the verdicts rest on (the zones' DNSKEY sets among them), for a picture of the chain; not part of the JSON. */
  evidence?: DnssecEvidence;
}
