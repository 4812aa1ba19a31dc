// Serves a hierarchy for the traces-at-scale benchmark on loopback, one port for every server: a root
// (127.78.0.1), two TLDs (alpha. on 127.78.0.2, beta. on 127.78.0.3) and ZONES zones below them
// (z0.alpha., z1.beta., z2.alpha. ...) served together by one authoritative server (127.78.0.10),
// each with NAMES_PER_ZONE names hN.zM.TLD. A 192.0.2.(N % 250 + 1). Writes to the directory argv[2]:
// `scale` ("PORT ROOT LEAF"), `scale-names.txt` (every name and A, zone by zone interleaved so that
// consecutive lines are in different zones) and `scale-expected.txt` (the answer of each, in order).
// argv[3]: the number of zones (default 100); argv[4]: names per zone (default 100); argv[5]: the
// port (0 or absent: a free one). Runs until SIGTERM/SIGINT.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeServer, zone } from '../dist/test/support/fakeServer.js';

const [dir, zonesArg = '100', perZoneArg = '100', portArg = '0'] = process.argv.slice(2);
const zones = Number(zonesArg);
const perZone = Number(perZoneArg);
const ADDR = { root: '127.78.0.1', alpha: '127.78.0.2', beta: '127.78.0.3', leaf: '127.78.0.10' };

const tldOf = (z) => (z % 2 === 0 ? 'alpha' : 'beta');
const rootZone = zone('.', [
  '@ NS a.root.',
  `a.root. A ${ADDR.root}`,
  'alpha. NS ns.alpha.',
  `ns.alpha. A ${ADDR.alpha}`,
  'beta. NS ns.beta.',
  `ns.beta. A ${ADDR.beta}`,
]);
const tldZone = (tld) => {
  const lines = ['@ NS ns', `ns A ${ADDR[tld]}`];
  for (let z = 0; z < zones; z++) {
    if (tldOf(z) !== tld) continue;
    lines.push(`z${z} NS ns.z${z}`, `ns.z${z} A ${ADDR.leaf}`);
  }
  return zone(`${tld}.`, lines);
};
const leafZones = [];
for (let z = 0; z < zones; z++) {
  const lines = ['@ NS ns', `ns A ${ADDR.leaf}`];
  for (let n = 0; n < perZone; n++) lines.push(`h${n} A 192.0.2.${(n % 250) + 1}`);
  leafZones.push(zone(`z${z}.${tldOf(z)}.`, lines));
}

const specs = [
  { address: ADDR.root, zones: [rootZone] },
  { address: ADDR.alpha, zones: [tldZone('alpha')] },
  { address: ADDR.beta, zones: [tldZone('beta')] },
  { address: ADDR.leaf, zones: leafZones },
];
let port = Number(portArg);
const servers = [];
for (const spec of specs) {
  const server = await startFakeServer({ ...spec, port, transports: ['udp'] });
  port = server.port;
  servers.push(server);
}

const names = [];
const answers = [];
for (let n = 0; n < perZone; n++) {
  for (let z = 0; z < zones; z++) {
    names.push(`h${n}.z${z}.${tldOf(z)}. A`);
    answers.push(`192.0.2.${(n % 250) + 1}`);
  }
}
writeFileSync(join(dir, 'scale-names.txt'), `${names.join('\n')}\n`);
writeFileSync(join(dir, 'scale-expected.txt'), `${answers.join('\n')}\n`);

const stop = async () => {
  await Promise.all(servers.map((server) => server.close()));
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
writeFileSync(join(dir, 'scale'), `${port} ${ADDR.root} ${ADDR.leaf}\n`);
