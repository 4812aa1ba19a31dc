'use strict';
// Build step (the end of `npm run bundle`): writes dist/tsdig.cache, V8's code cache for the bundle.
// It first runs one plain query through the bundle, against an answerer on loopback inside this
// process, so the functions a plain query compiles lazily are in the cache too, not only the top
// level. A cache that cannot be made is a warning, never a failed build: bin/tsdig runs without it.
const { createSocket } = require('node:dgram');
const { createHash } = require('node:crypto');
const { readFileSync, rmSync, writeFileSync } = require('node:fs');
const dnsPacket = require('dns-packet');
const { loadBundle, keyPrefix, bundlePath, cachePath } = require('./bundle.cjs');

/** How long the warm-up query may take before the cache is written with what has been compiled so far. */
const warmUpLimitMs = 3000;

/** Answers every query with one A record, an NS and its glue, and EDNS when asked: a typical authoritative reply. */
function startAnswerer() {
  const socket = createSocket('udp4');
  socket.on('message', (raw, peer) => {
    const query = dnsPacket.decode(raw);
    const question = query.questions[0];
    const edns = query.additionals.some((record) => record.type === 'OPT');
    const reply = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (query.flags & dnsPacket.RECURSION_DESIRED),
      questions: [question],
      answers: [{ name: question.name, type: 'A', ttl: 300, data: '192.0.2.1' }],
      authorities: [{ name: 'example.test', type: 'NS', ttl: 300, data: 'ns1.example.test' }],
      additionals: [
        { name: 'ns1.example.test', type: 'A', ttl: 300, data: '127.0.0.1' },
        ...(edns ? [{ name: '.', type: 'OPT', udpPayloadSize: 1232, flags: 0, options: [] }] : []),
      ],
    });
    socket.send(reply, peer.port, peer.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve(socket));
  });
}

/** One plain query through the bundle's main, with its output discarded. */
async function warmUp(main) {
  const answerer = await startAnswerer();
  const discard = { write: () => true };
  const argv = ['@127.0.0.1', '-p', String(answerer.address().port), 'www.example.test', 'A'];
  let timer;
  const limit = new Promise((resolve) => (timer = setTimeout(resolve, warmUpLimitMs, 'warm-up query timed out')));
  try {
    const code = await Promise.race([
      main(argv, { stdout: discard, stderr: discard, env: { TSDIG_LOOPBACK_ONLY: '1' }, isTTY: false }),
      limit,
    ]);
    return code === 0 ? undefined : `warm-up query ended with ${code}`;
  } finally {
    clearTimeout(timer);
    answerer.close();
  }
}

/** Marks the bundle's last line with its key, a SHA-256 of the bundle as esbuild wrote it; returns the key. */
function markBundle() {
  const written = readFileSync(bundlePath, 'utf8');
  const at = written.lastIndexOf(keyPrefix);
  const source = at < 0 ? written : written.slice(0, at);
  const key = createHash('sha256').update(source).digest('hex');
  writeFileSync(bundlePath, `${source}${keyPrefix}${key}\n`);
  return key;
}

/** Writes the cache; returns why it may cover less than a plain query needs, if it may. */
async function writeCodeCache() {
  // A cache for an older bundle must not outlive it, whatever happens below.
  rmSync(cachePath, { force: true });
  const key = markBundle();
  const { exports, script } = loadBundle({ useCache: false });
  const problem = await warmUp(exports.main).catch((error) => `warm-up query failed: ${error.message}`);
  writeFileSync(cachePath, Buffer.concat([Buffer.from(key, 'latin1'), script.createCachedData()]));
  return problem;
}

writeCodeCache().then(
  (problem) => {
    if (problem) process.stderr.write(`tsdig build: ${problem}; the code cache covers less of a plain query\n`);
    // A warm-up cut short may leave a socket open; the cache is written, so nothing is left to wait for.
    process.exit(0);
  },
  (error) => {
    process.stderr.write(
      `tsdig build: no code cache written (${error.message}); bin/tsdig loads the bundle without it\n`,
    );
    process.exit(0);
  },
);
