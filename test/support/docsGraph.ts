/**
 * `npm run docs:graph`: redraws docs/signed-trace.svg, the README's picture: +trace +validate of
 * www.ed.sec. A through the signed fixture zones (a root, sec. with NSEC3, ed.sec. with Ed25519), in
 * process, with the golden tests' fixed times so the file changes only when the drawing does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDot } from '../../src/render/graph/dot.js';
import { renderSvg } from '../../src/render/graph/svg.js';
import { traceGraph } from '../../src/render/graph/traceGraph.js';
import { GRAPH_CASES, runGraphCase } from '../render/graph/graphCases.js';
import { repoRoot } from './runCli.js';

const item = GRAPH_CASES.find((c) => c.stem === 'signed');
if (!item) throw new Error('the signed graph case is missing');
const { result, dnssec } = await runGraphCase(item, undefined);
const svg = await renderSvg(renderDot(traceGraph(result, dnssec)));
const file = join(repoRoot(), 'docs', 'signed-trace.svg');
mkdirSync(join(repoRoot(), 'docs'), { recursive: true });
writeFileSync(file, svg);
process.stdout.write(`wrote ${file}\n`);
