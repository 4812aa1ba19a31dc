/** The comparisons the views and the judgment are tested on: one fault each, as collected data. */
import type { CompareData } from '../../src/compare/types.js';
import { a, answered, data, type PacketRecord, silent, soa, target } from './fixtures.js';

const ns1 = target('192.0.2.1', 'ns1.example.test.');
const ns2 = target('192.0.2.2', 'ns2.example.test.');
const ns3 = target('192.0.2.3', 'ns3.example.test.');
const ns3v6 = target('2001:db8::3', 'ns3.example.test.');
const edns = { udpSize: 1232 };
const auth = (answers: PacketRecord[], nsid?: string) => ({
  aa: true,
  answers,
  edns: nsid === undefined ? edns : { ...edns, nsid },
});
const www = { name: 'www.example.test.', type: 1, class: 1 };
/** A 190-octet name server name (189 characters and the root label). */
export const LONG_NAME = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(53)}.example.test.`;

/** Each scenario by name: the data, the verdict and the headline expected. */
export const SCENARIOS: Record<string, { data: CompareData; verdict: string; headline: string }> = {
  agree: {
    data: data([
      answered(ns1, auth([soa(2024010101)], 'ns1')),
      answered(ns2, auth([soa(2024010101)], 'ns2')),
      answered(ns3v6, auth([soa(2024010101)])),
    ]),
    verdict: 'agree',
    headline: 'all 3 servers agree',
  },
  ttl: {
    data: data(
      [
        answered(ns1, auth([a('www.example.test', '192.0.2.80', 300)])),
        answered(ns2, auth([a('www.example.test', '192.0.2.80', 3600)])),
      ],
      www,
    ),
    verdict: 'agree',
    headline: 'both servers agree, but for TTLs',
  },
  serial: {
    data: data([
      answered(ns1, auth([soa(2024010102)])),
      answered(ns2, auth([soa(2024010102)])),
      answered(ns3, auth([soa(2024010101)])),
    ]),
    verdict: 'disagree',
    headline: '1 of 3 servers disagrees: serial skew',
  },
  serialwrap: {
    // 5 follows 4294967295 (RFC 1982): the server with 5 is the newer one, not the one behind.
    data: data([answered(ns1, auth([soa(4294967295)])), answered(ns2, auth([soa(5)])), answered(ns3, auth([soa(5)]))]),
    verdict: 'disagree',
    headline: '1 of 3 servers disagrees: serial skew',
  },
  differ: {
    data: data(
      [
        answered(ns1, auth([a('www.example.test', '192.0.2.80'), a('www.example.test', '192.0.2.81')])),
        // The same set in another order, in upper case: the same answer.
        answered(ns2, auth([a('WWW.EXAMPLE.TEST', '192.0.2.81'), a('www.example.test', '192.0.2.80')])),
        answered(ns3, auth([a('www.example.test', '192.0.2.99')])),
      ],
      www,
    ),
    verdict: 'disagree',
    headline: '1 of 3 servers disagrees: 2 different answers',
  },
  faults: {
    data: data(
      [
        answered(ns1, auth([a('www.example.test', '192.0.2.80')])),
        silent(ns2),
        answered(ns3, { rcode: 'REFUSED' }),
        answered(target('192.0.2.4', 'ns4.example.test.'), {
          authorities: [{ name: 'example.test', type: 'NS', ttl: 3600, class: 'IN', data: 'ns1.example.test' }],
        }),
      ],
      www,
    ),
    verdict: 'disagree',
    headline: '3 of 4 servers disagree: 1 timed out, 1 refused, 1 lame',
  },
  nxdomain: {
    data: data(
      [
        answered(ns1, { aa: true, rcode: 'NXDOMAIN', authorities: [soa(2024010102, 300)] }),
        answered(ns2, { aa: true, answers: [a('www.example.test', '192.0.2.80')], authorities: [] }),
      ],
      www,
    ),
    verdict: 'disagree',
    headline: '1 of 2 servers disagrees: 2 different answers',
  },
  resolver: {
    data: data(
      [
        answered(target('192.0.2.1', undefined, 'listed'), auth([a('www.example.test', '192.0.2.80', 3600)])),
        answered(target('192.0.2.53', undefined, 'listed'), {
          ra: true,
          answers: [a('www.example.test', '192.0.2.66', 1200)],
          edns: { ...edns, ede: { code: 3, text: 'stale' } },
        }),
        answered(target('192.0.2.54', undefined, 'listed'), {
          ra: true,
          answers: [a('www.example.test', '192.0.2.80', 3000)],
        }),
      ],
      www,
    ),
    verdict: 'disagree',
    headline: '1 of 3 servers disagrees: 2 different answers',
  },
  none: {
    data: data([silent(ns1), answered(ns2, { rcode: 'SERVFAIL' })]),
    verdict: 'none',
    headline: 'none of 2 servers answered: 1 timed out, 1 SERVFAIL',
  },
  hostile: {
    // An NSID with control characters and quotes, and a record owner with an escape: nothing raw on the terminal.
    data: data([
      answered(ns1, auth([soa(1)], 'evil\x1b[31m"quoted"\n')),
      answered(ns2, auth([soa(1, 3600, 'example.test')], 'ok')),
    ]),
    verdict: 'agree',
    headline: 'both servers agree',
  },
  longname: {
    // A 190-octet server name: its line runs long, the others stay aligned at their own width.
    data: data([
      answered(ns1, auth([soa(2024010101)])),
      answered(target('192.0.2.9', LONG_NAME), auth([soa(2024010101)])),
      answered(ns3v6, auth([soa(2024010101)])),
    ]),
    verdict: 'agree',
    headline: 'all 3 servers agree',
  },
};
