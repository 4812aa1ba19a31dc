'use strict';
// Loads the bundled CLI (dist/tsdig.cjs) with V8's code cache for it (dist/tsdig.cache, written by
// `npm run bundle` after a warm-up query), so a plain query starts from compiled bytecode instead of
// parsing and compiling the bundle first. Without a usable cache it compiles the bundle as usual.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const vm = require('node:vm');

const distDir = join(__dirname, '..', 'dist');
/** The bundle written by esbuild. */
const bundlePath = join(distDir, 'tsdig.cjs');
/** The code cache: the bundle's key (below), then V8's cached data for it. */
const cachePath = join(distDir, 'tsdig.cache');
/**
 * CommonJS's module wrapper, as node:module's wrap() writes it (not loaded for it: that module costs a
 * plain query a millisecond). The bundle gets this file's require: bin/ and dist/ are siblings, so it
 * finds the same packages and built-in modules.
 */
const wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
/** How the build marks the bundle's last line with its key: a SHA-256 of the rest, in hex. */
const keyPrefix = '\n//# tsdig-cache-key=';
const keyLength = 64;

/**
 * The key that ties a cache to the build that wrote the bundle: the build writes it into the bundle and
 * the cache, so matching them costs a string search instead of hashing the bundle with node:crypto,
 * which a plain query needs for nothing else. A rebuilt bundle (esbuild alone writes no key) has no
 * cache. The key is not checked against the bundle's text: dist/ is a build artifact, and an edit in
 * place that kept the last line and the length (V8 checks only the length) would run the old code.
 */
function bundleKey(source) {
  const at = source.lastIndexOf(keyPrefix);
  if (at < 0) return undefined;
  const key = source.slice(at + keyPrefix.length, at + keyPrefix.length + keyLength);
  return /^[0-9a-f]{64}$/.test(key) ? key : undefined;
}

/** V8's cached data for this source, or undefined when the cache is missing or made for another bundle. */
function readCachedData(source) {
  const key = bundleKey(source);
  if (key === undefined) return undefined;
  let file;
  try {
    file = readFileSync(cachePath);
  } catch {
    return undefined;
  }
  if (file.length <= keyLength || file.toString('latin1', 0, keyLength) !== key) return undefined;
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
  const script = new vm.Script(`${wrapper[0]}${source}${wrapper[1]}`, {
    filename: bundlePath,
    cachedData: useCache ? readCachedData(source) : undefined,
  });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, require, module, bundlePath, distDir);
  return { exports: module.exports, script, source };
}

module.exports = { loadBundle, bundleKey, keyPrefix, bundlePath, cachePath };
