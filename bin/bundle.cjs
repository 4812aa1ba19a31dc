'use strict';
// Loads the bundled CLI (dist/tsdig.cjs) with V8's code cache for it (dist/tsdig.cache, written by
// `npm run bundle` after a warm-up query), so a plain query starts from compiled bytecode instead of
// parsing and compiling the bundle first. Without a usable cache it compiles the bundle as usual.
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const Module = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');

const distDir = join(__dirname, '..', 'dist');
/** The bundle written by esbuild. */
const bundlePath = join(distDir, 'tsdig.cjs');
/** The code cache: a SHA-256 of the bundle's source, then V8's cached data for it. */
const cachePath = join(distDir, 'tsdig.cache');
const keyLength = 32;

/** The key that ties a cache to one exact bundle (V8 itself checks only the source's length). */
function cacheKey(source) {
  return createHash('sha256').update(source).digest();
}

/** V8's cached data for this source, or undefined when the cache is missing or made for another bundle. */
function readCachedData(source) {
  let file;
  try {
    file = readFileSync(cachePath);
  } catch {
    return undefined;
  }
  if (file.length <= keyLength || !file.subarray(0, keyLength).equals(cacheKey(source))) return undefined;
  return file.subarray(keyLength);
}

/**
 * Runs the bundle as CommonJS and returns its exports and the compiled script (for createCachedData).
 * `useCache: false` compiles from source only, as the cache writer must. The bundle holds no import():
 * esbuild turns them into require() (--supported:dynamic-import=false), because V8 loses a script's
 * dynamic-import callback when its code comes from a cache.
 */
function loadBundle({ useCache = true } = {}) {
  let source;
  try {
    source = readFileSync(bundlePath, 'utf8');
  } catch {
    // Let require report a missing bundle in its own words.
    return { exports: require(bundlePath), script: undefined, source: undefined };
  }
  // A rejected cache (another Node, other V8 flags) costs little more than compiling without one.
  const script = new vm.Script(Module.wrap(source), {
    filename: bundlePath,
    cachedData: useCache ? readCachedData(source) : undefined,
  });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, Module.createRequire(bundlePath), module, bundlePath, distDir);
  return { exports: module.exports, script, source };
}

module.exports = { loadBundle, cacheKey, bundlePath, cachePath };
