/** Prepares the zone files the servers load: copies from the repo, leaf records appended, the chain signed. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentZone, signingOrder, zones, type ZoneSpec } from './layout.js';
import { runChecked, type ProgramPaths } from './tools.js';

/** test/interop/zones/ in the source tree (this module runs from dist/test/interop/). */
export const zoneSourceDir = fileURLToPath(new URL('../../../test/interop/zones/', import.meta.url));

/** Where each zone's ready-to-load file is, and the DS set Unbound trusts for the root. */
export interface PreparedZones {
  /** origin -> absolute path of the file the server loads */
  readonly files: ReadonlyMap<string, string>;
  /** The root's DS record(s), the trust anchor for the signed chain. */
  readonly rootTrustAnchor: string;
}

/** The one record whose data changes after signing, so that validators (Unbound, tsdig +validate) find it bogus. */
export const bogusRecord = {
  zone: 'signed.example.',
  name: 'broken.signed.example.',
  type: 'TXT',
  signed: '"intact"',
  served: '"tampered"',
} as const;

// Swaps the signed TXT data for other data of the same form: the RRSIG stays, and no longer verifies.
async function breakSignature(signedPath: string): Promise<void> {
  const text = await readFile(signedPath, 'utf8');
  if (!text.includes(bogusRecord.signed)) throw new Error(`interop: ${bogusRecord.signed} not found in ${signedPath}`);
  await writeFile(signedPath, text.replace(bogusRecord.signed, bogusRecord.served));
}

// Strip the trailing dot for file names; the root becomes "root".
function fileStem(origin: string): string {
  return origin === '.' ? 'root' : origin.slice(0, -1);
}

async function zoneText(spec: ZoneSpec): Promise<string> {
  const header = await readFile(join(zoneSourceDir, spec.file), 'utf8');
  if (!spec.leafRecords) return header;
  const records = await readFile(join(zoneSourceDir, 'leaf-records.inc'), 'utf8');
  return `${header}\n${records}`;
}

// A KSK and a ZSK for the zone, written into keyDir.
async function generateKeys(programs: ProgramPaths, keyDir: string, origin: string): Promise<void> {
  const common = ['-q', '-K', keyDir, '-a', 'ECDSAP256SHA256', '-n', 'ZONE'];
  await runChecked(programs['dnssec-keygen'], [...common, '-f', 'KSK', origin]);
  await runChecked(programs['dnssec-keygen'], [...common, origin]);
}

/**
 * Writes every zone file into `workDir/zones`, signs the signed chain (children first, each child's
 * DS appended to its parent before the parent is signed) and returns the files to load.
 */
export async function prepareZones(programs: ProgramPaths, workDir: string): Promise<PreparedZones> {
  const zoneDir = join(workDir, 'zones');
  const keyDir = join(workDir, 'keys');
  await mkdir(zoneDir, { recursive: true });
  await mkdir(keyDir, { recursive: true });

  const texts = new Map<string, string>();
  for (const spec of zones) texts.set(spec.origin, await zoneText(spec));

  const files = new Map<string, string>();
  let rootTrustAnchor = '';
  for (const spec of signingOrder()) {
    const unsignedPath = join(zoneDir, `${fileStem(spec.origin)}.zone`);
    const signedPath = `${unsignedPath}.signed`;
    await writeFile(unsignedPath, texts.get(spec.origin) ?? '');
    await generateKeys(programs, keyDir, spec.origin);
    // -S (smart signing) adds the zone's DNSKEYs from keyDir and signs with them.
    await runChecked(programs['dnssec-signzone'], [
      '-S',
      '-q',
      '-K',
      keyDir,
      '-d',
      keyDir,
      '-o',
      spec.origin,
      '-f',
      signedPath,
      unsignedPath,
    ]);
    if (spec.origin === bogusRecord.zone) await breakSignature(signedPath);
    files.set(spec.origin, signedPath);
    const dsSet = await readFile(join(keyDir, `dsset-${spec.origin}`), 'utf8');
    if (spec.origin === '.') {
      rootTrustAnchor = dsSet;
    } else {
      const parent = parentZone(spec.origin);
      texts.set(parent, `${texts.get(parent) ?? ''}\n; DS of the signed child ${spec.origin}\n${dsSet}`);
    }
  }
  for (const spec of zones) {
    if (files.has(spec.origin)) continue;
    const path = join(zoneDir, `${fileStem(spec.origin)}.zone`);
    await writeFile(path, texts.get(spec.origin) ?? '');
    files.set(spec.origin, path);
  }
  if (rootTrustAnchor === '') throw new Error('interop: the root zone was not signed');
  return { files, rootTrustAnchor };
}
