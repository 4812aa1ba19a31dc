/**
 * Asks one question of a zone's servers in turn, without waiting a full timeout for a silent one:
 * when a server has not replied after a short delay, the next one is asked in parallel, and the
 * first usable reply wins (the other queries are cancelled).
 */
import { isMalformed, isRefused, isTimeout } from '../errors.js';
import type { Question, ResourceRecord } from '../wire/types.js';
import { escapeText } from '../wire/escape.js';
import { endpointText } from './exchange.js';
import type { Exchange, ExchangeSettings, QueryFn } from './types.js';
import type { AttemptOutcome, ServerAttempt, Timers } from './traceTypes.js';

/** One server address to ask. */
export interface Candidate {
  name: string;
  address: string;
  port: number;
}

/**
 * What a reply is worth: usable (with the caller's reading of it), or a failure of that server (with
 * the answer records worth showing, when the reply had some it could not be trusted for).
 */
export type Verdict<T> =
  | { usable: true; value: T }
  | { usable: false; outcome: AttemptOutcome; error: string; answer?: ResourceRecord[] };

/** Inputs of one hedged question. */
export interface HedgeRequest<T> {
  question: Question;
  /** Exchange knobs as sent (RD already chosen by the caller); the signal is added here. */
  settings: ExchangeSettings;
  hedgeDelayMs: number;
  query: QueryFn;
  now(): number;
  /** Absent: the real timers. */
  timers?: Timers;
  /** The next server to try; undefined when there is none left. May take time (glue lookups). */
  next(): Promise<Candidate | undefined>;
  judge(exchange: Exchange): Verdict<T>;
  /** Asked before every query; false stops the hedging (a query limit was reached). */
  mayQuery(candidate: Candidate): boolean;
}

/** Every server asked, in the order asked, and the reply that was used (if any). */
export interface HedgeResult<T> {
  attempts: ServerAttempt[];
  accepted?: { exchange: Exchange; value: T };
  /** True when mayQuery said no before a usable reply arrived. */
  stopped: boolean;
}

/** The failure of a rejected query, by what the error says happened. */
function failureOf(error: unknown): { outcome: AttemptOutcome; error: string } {
  const message = escapeText(error instanceof Error ? error.message : String(error));
  if (isTimeout(error)) return { outcome: 'timeout', error: message || 'timed out' };
  if (isRefused(error)) return { outcome: 'connectionRefused', error: message || 'connection refused' };
  if (isMalformed(error)) return { outcome: 'badPacket', error: message };
  return { outcome: 'networkError', error: message };
}

/** The process's own timers, the default. */
const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

interface InFlight {
  attempt: ServerAttempt;
  controller: AbortController;
  startedAt: number;
  timer?: unknown;
  /** The delay passed and a successor was asked for (it may turn out there is none). */
  hedgeRequested: boolean;
}

/** Runs the hedged question to completion: a usable reply, or every candidate failed, or a stop. */
export function askHedged<T>(request: HedgeRequest<T>): Promise<HedgeResult<T>> {
  const timers = request.timers ?? realTimers;
  return new Promise((resolve, reject) => {
    const attempts: ServerAttempt[] = [];
    const inFlight = new Set<InFlight>();
    const tried = new Set<string>();
    let wanted = 0;
    let pumping = false;
    let exhausted = false;
    let stopped = false;
    let done = false;

    const cancelAll = (): void => {
      done = true;
      for (const flight of inFlight) {
        timers.clearTimeout(flight.timer);
        flight.attempt.rttMs = request.now() - flight.startedAt;
        flight.controller.abort();
      }
      inFlight.clear();
    };

    const finish = (accepted?: { exchange: Exchange; value: T }): void => {
      cancelAll();
      resolve({ attempts, accepted, stopped });
    };

    const settleIfIdle = (): void => {
      if (!done && !pumping && inFlight.size === 0) finish();
    };

    const launch = (candidate: Candidate): void => {
      const attempt: ServerAttempt = { ...candidate, outcome: 'abandoned', rttMs: 0, hedged: false };
      attempts.push(attempt);
      const flight: InFlight = {
        attempt,
        controller: new AbortController(),
        startedAt: request.now(),
        hedgeRequested: false,
      };
      inFlight.add(flight);
      flight.timer = timers.setTimeout(() => {
        if (done || !inFlight.has(flight)) return;
        flight.hedgeRequested = true;
        want();
      }, request.hedgeDelayMs);
      const failed = (outcome: AttemptOutcome, error: string): void => {
        attempt.outcome = outcome;
        attempt.error = error;
        // A slow server that was hedged already has its replacement running (or asked for).
        if (!flight.hedgeRequested) want();
        settleIfIdle();
      };
      const server = { address: candidate.address, port: candidate.port, name: candidate.name };
      request.query(server, request.question, { ...request.settings, signal: flight.controller.signal }).then(
        (exchange) => {
          if (done) return;
          inFlight.delete(flight);
          timers.clearTimeout(flight.timer);
          attempt.rttMs = exchange.rttMs;
          const verdict = request.judge(exchange);
          if (verdict.usable) {
            attempt.outcome = 'accepted';
            finish({ exchange, value: verdict.value });
          } else {
            if (verdict.answer) attempt.answer = verdict.answer;
            failed(verdict.outcome, verdict.error);
          }
        },
        (error: unknown) => {
          if (done) return;
          inFlight.delete(flight);
          timers.clearTimeout(flight.timer);
          attempt.rttMs = request.now() - flight.startedAt;
          const failure = failureOf(error);
          failed(failure.outcome, failure.error);
        },
      );
    };

    const pump = async (): Promise<void> => {
      pumping = true;
      try {
        while (wanted > 0 && !done && !exhausted) {
          wanted--;
          const candidate = await request.next();
          if (done) return;
          if (candidate === undefined) {
            exhausted = true;
          } else if (tried.has(endpointText(candidate))) {
            wanted++;
          } else if (!request.mayQuery(candidate)) {
            exhausted = true;
            stopped = true;
          } else {
            tried.add(endpointText(candidate));
            // Slow servers waiting for a successor now have one running beside them.
            for (const flight of inFlight) if (flight.hedgeRequested) flight.attempt.hedged = true;
            launch(candidate);
          }
        }
      } catch (error) {
        // A candidate source that throws is a bug; fail loudly instead of hanging.
        cancelAll();
        reject(error);
        return;
      } finally {
        pumping = false;
      }
      settleIfIdle();
    };

    const want = (): void => {
      wanted++;
      if (!pumping) void pump();
    };

    want();
  });
}
