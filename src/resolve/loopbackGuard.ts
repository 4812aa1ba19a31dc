/** TSDIG_LOOPBACK_ONLY: a guard that keeps every packet on this machine (for test suites, demos and benchmarks). */
import { ExchangeError } from '../errors.js';
import { isIPv4, isIPv6 } from '../wire/address.js';
import { endpointText } from './exchange.js';
import type { QueryFn } from './types.js';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped 127/8 addresses. */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/%.*$/, '').toLowerCase();
  if (isIPv4(bare)) return bare.startsWith('127.');
  if (!isIPv6(bare)) return false;
  if (/^::ffff:127\.\d+\.\d+\.\d+$/.test(bare)) return true;
  return /^(0{0,4}:){2,7}0{0,3}1$/.test(bare) || bare === '::1';
}

/** Wraps a QueryFn so that a query to any address outside loopback fails at once, unsent, with a communications error. */
export function loopbackOnly(query: QueryFn): QueryFn {
  // A batch asks the same few servers thousands of times: each address is judged once.
  const verdicts = new Map<string, boolean>();
  const allowed = (address: string): boolean => {
    let verdict = verdicts.get(address);
    if (verdict === undefined) {
      verdict = isLoopbackAddress(address);
      verdicts.set(address, verdict);
    }
    return verdict;
  };
  // Not async: an allowed query's own promise is handed back as it is, without a promise and a hop of its own.
  return (server, question, settings, onEvent) => {
    if (allowed(server.address)) return query(server, question, settings, onEvent);
    const why = 'not sent: TSDIG_LOOPBACK_ONLY allows loopback addresses only';
    onEvent?.({ kind: 'commError', text: `communications error to ${endpointText(server)}: ${why}`, server });
    return Promise.reject(new ExchangeError('unreachable', why));
  };
}
