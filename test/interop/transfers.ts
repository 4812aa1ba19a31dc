/**
 * The zone transfer part of the interop hierarchy: BIND serves ixfr.lab. (dynamic, so every update
 * is kept in its journal and IXFR has differences to send) and tsig.lab. (transfers only with the
 * suite's TSIG key). The leaf zones of all three servers allow AXFR from loopback.
 */
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { runProgram } from './tools.js';

/** The TSIG key BIND requires for tsig.lab. (a test key, used nowhere else). */
export const TSIG_KEY = {
  name: 'xfr-key',
  algorithm: 'hmac-sha256',
  secret: 'dHNkaWcgaW50ZXJvcCB0c2lnIGtleSwgbm90IHNlY3JldA==',
} as const;

/** The zone that grows by updates: serial 1 as loaded, 3 after growIxfrZone. */
export const IXFR_ZONE = 'ixfr.lab.';
/** The zone whose transfer needs TSIG_KEY. */
export const TSIG_ZONE = 'tsig.lab.';

function zoneText(origin: string): string {
  return [
    '$TTL 3600',
    `@ IN SOA ns1.${origin} hostmaster.${origin} 1 7200 3600 1209600 300`,
    `@ IN NS ns1.${origin}`,
    'ns1 IN A 127.0.0.1',
    'www IN A 192.0.2.1',
    'mail IN MX 10 mx.example.',
    'txt IN TXT "transfer me"',
    '',
  ].join('\n');
}

/** named.conf blocks for the two zones and the key; zone files are written by writeTransferZones. */
export function namedTransferBlocks(dir: string): string[] {
  return [
    `key "${TSIG_KEY.name}" {\n    algorithm ${TSIG_KEY.algorithm};\n    secret "${TSIG_KEY.secret}";\n};`,
    `zone "${IXFR_ZONE}" {\n    type primary;\n    file "${join(dir, `${IXFR_ZONE}zone`)}";\n    allow-update { 127.0.0.0/8; };\n    max-ixfr-ratio unlimited;\n};`,
    `zone "${TSIG_ZONE}" {\n    type primary;\n    file "${join(dir, `${TSIG_ZONE}zone`)}";\n    allow-transfer { key ${TSIG_KEY.name}; };\n};`,
  ];
}

/** Writes the two zone files into BIND's directory. */
export async function writeTransferZones(dir: string): Promise<void> {
  await writeFile(join(dir, `${IXFR_ZONE}zone`), zoneText(IXFR_ZONE));
  await writeFile(join(dir, `${TSIG_ZONE}zone`), zoneText(TSIG_ZONE));
}

/**
 * Two dynamic updates of ixfr.lab. (serial 1 -> 2 -> 3): the first changes www's address, the
 * second adds an AAAA record, so IXFR=1 gets two difference blocks.
 */
export async function growIxfrZone(nsupdate: string, dir: string, address: string, port: number): Promise<void> {
  const updates = [
    [`update delete www.${IXFR_ZONE} A 192.0.2.1`, `update add www.${IXFR_ZONE} 3600 A 192.0.2.2`],
    [`update add new.${IXFR_ZONE} 3600 AAAA 2001:db8::1`],
  ];
  for (const [index, lines] of updates.entries()) {
    const script = join(dir, `update-${index + 1}.txt`);
    await writeFile(script, [`server ${address} ${port}`, `zone ${IXFR_ZONE}`, ...lines, 'send', ''].join('\n'));
    const out = await runProgram(nsupdate, [script], { timeoutMs: 10_000 });
    if (out.code !== 0) throw new Error(`interop: nsupdate failed (${out.code}): ${out.stderr}`);
  }
}

/** The -y argument for TSIG_KEY, and the tsig-keygen style file text for -k. */
export const tsigKeyArgument = `${TSIG_KEY.algorithm}:${TSIG_KEY.name}:${TSIG_KEY.secret}`;
export const tsigKeyFile = `key "${TSIG_KEY.name}" {\n\talgorithm ${TSIG_KEY.algorithm};\n\tsecret "${TSIG_KEY.secret}";\n};\n`;

/** One transfer compared byte for byte: on which server, with which arguments. */
export interface TransferRow {
  readonly target: 'named' | 'nsd' | 'knot';
  readonly args: readonly string[];
}

/** The transfer rows: AXFR from each implementation (and in the display variants), IXFR from BIND. */
export const transferRows: readonly TransferRow[] = [
  { target: 'named', args: ['named.lab', 'AXFR'] },
  { target: 'nsd', args: ['nsd.lab', 'AXFR'] },
  { target: 'knot', args: ['knot.lab', 'AXFR'] },
  { target: 'knot', args: ['knot.lab', 'AXFR', '+multiline'] },
  { target: 'nsd', args: ['nsd.lab', 'AXFR', '+onesoa'] },
  { target: 'named', args: ['named.lab', 'AXFR', '+short'] },
  { target: 'knot', args: ['knot.lab', 'AXFR', '+noall', '+answer'] },
  { target: 'named', args: ['+comments', 'ixfr.lab', 'AXFR', '+nostats'] },
  { target: 'named', args: ['nsd.lab', 'AXFR'] },
  { target: 'knot', args: ['named.lab', 'AXFR'] },
  { target: 'named', args: ['ixfr.lab', 'IXFR=1'] },
  { target: 'named', args: ['ixfr.lab', 'IXFR=2', '+onesoa'] },
  { target: 'named', args: ['ixfr.lab', 'IXFR=3'] },
  { target: 'named', args: ['ixfr.lab', 'IXFR=0'] },
  { target: 'named', args: ['ixfr.lab', 'IXFR=1', '+notcp'] },
  { target: 'named', args: ['ixfr.lab', 'IXFR=1', '+qr'] },
  { target: 'named', args: ['tsig.lab', 'AXFR'] },
  { target: 'named', args: ['tsig.lab', 'AXFR', '-y', tsigKeyArgument] },
  { target: 'named', args: ['+comments', 'tsig.lab', 'AXFR', '-y', tsigKeyArgument] },
  { target: 'named', args: ['ixfr.lab', 'IXFR=1', '-y', tsigKeyArgument] },
  {
    target: 'named',
    args: ['tsig.lab', 'AXFR', '-y', `${TSIG_KEY.algorithm}:${TSIG_KEY.name}:c2lnbmVkIHdpdGggdGhlIHdyb25nIHNlY3JldA==`],
  },
  { target: 'named', args: ['tsig.lab', 'AXFR', '-y', `hmac-sha512:${TSIG_KEY.name}:${TSIG_KEY.secret}`] },
  { target: 'named', args: ['tsig.lab', 'SOA', '+norecurse', '-y', tsigKeyArgument] },
];

/**
 * What may differ between two runs: the program name and version in the command line, the query
 * time, the date, and with +comments the message ID and the COOKIE. tsdig states the aa verdict
 * in a line of its own with +comments, which dig does not print.
 */
export function normaliseTransfer(text: string): string {
  return (
    text
      .replace(/^; <<>> (DiG|tsdig) \S+ <<>>/m, '; <<>> PROGRAM <<>>')
      .replace(/^;; Query time: \d+ msec$/gm, ';; Query time: N msec')
      .replace(/^;; WHEN: .*$/gm, ';; WHEN: DATE')
      .replace(/, id: \d+$/gm, ', id: ID')
      .replace(/^; COOKIE: [0-9a-f]+/gm, '; COOKIE: HEX')
      .replace(/^;; (NON-)?AUTHORITATIVE ANSWER: .*\n/gm, '')
      // A TSIG record's time, MAC and original ID change with every query.
      .replace(/^(\S+\t+0\tANY\tTSIG\t\S+) \d+ (\d+) (\d+) (?:\S+ )?\d+ /gm, '$1 TIME $2 $3 MAC ID ')
  );
}
