// Loads the bundled CLI (compose2agent.cjs beside this file, built by scripts/bundle.js) for
// the launchers in this folder, as fast as Node allows. The bundle is one function expression;
// it is compiled as a vm.Script with a V8 code cache and called with CommonJS's arguments. The
// cache is read when there is one for this bundle and this Node, and written (after the
// command ran, so that it holds the functions the command compiled) when there was none or V8
// refused it. It lives where Node keeps its own compile cache: $NODE_COMPILE_CACHE, else
// node-compile-cache in the temporary directory. A cache that cannot be read or written only
// costs the time it would have saved. (Node 22's module.enableCompileCache would do the same
// for a required module; this one way works on every Node the package supports.)
//
// Stack traces: frames in the bundle are shown at their place in the TypeScript sources
// (src/…, passes/…), through the bundle's source map, read only when a trace is formatted.

'use strict';

const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const nodeModule = require('node:module');
const { dirname, join, resolve } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, 'compose2agent.cjs');

/** The bundle's exports: `main` (the command line) and `serveCheckJobs` (a check worker). */
function loadBundle() {
  mapStackTraces();
  // The bundle is ASCII (scripts/bundle.js): read as Latin-1, which Node decodes fastest.
  return runWithCodeCache(readFileSync(BUNDLE, 'latin1'));
}

/** The directory the code cache is kept in. */
function cacheDirectory() {
  // node:os only when it is needed: it is not among the modules Node has loaded already.
  return process.env.NODE_COMPILE_CACHE || join(require('node:os').tmpdir(), 'node-compile-cache');
}

function runWithCodeCache(source) {
  // V8 checks that a cache fits its version and flags, but of the source only the length: the
  // file name carries the digest the bundle ends with (written by the build), and the Node
  // version and platform.
  const digest = /\/\/# digest=([0-9a-f]+)\n?$/.exec(source.slice(-80))?.[1];
  const cacheFile =
    digest === undefined ? undefined : join(cacheDirectory(), `compose2agent-${digest}-${process.version}-${process.platform}-${process.arch}.v8cache`);
  let cachedData;
  try {
    if (cacheFile !== undefined) cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(source, { filename: BUNDLE, cachedData });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) process.once('exit', () => writeCodeCache(script, cacheFile));
  const bundleModule = { exports: {} };
  // This file's require resolves as one beside the bundle would: they share the folder.
  script.runInThisContext()(bundleModule.exports, require, bundleModule, BUNDLE, __dirname);
  return bundleModule.exports;
}

/** Writes the code cache atomically (other runs may be reading or writing it too). */
function writeCodeCache(script, cacheFile) {
  const partial = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    rmSync(partial, { force: true });
  }
}

/**
 * Formats stack traces with the frames of the bundle at their source positions. The source
 * map is read on the first trace that has such a frame.
 */
function mapStackTraces() {
  let sourceMap;
  const toSource = (line, column) => {
    if (sourceMap === undefined) {
      try {
        sourceMap = new nodeModule.SourceMap(JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8')));
      } catch {
        sourceMap = null;
      }
    }
    const entry = sourceMap?.findEntry(line - 1, column - 1);
    if (!entry?.originalSource) return undefined;
    const file = resolve(dirname(BUNDLE), entry.originalSource.replace(/^file:\/\//, ''));
    return `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  };
  Error.prepareStackTrace = (error, frames) => {
    const lines = frames.map((frame) => {
      const text = String(frame);
      if (frame.getFileName() !== BUNDLE) return `    at ${text}`;
      const at = `${BUNDLE}:${frame.getLineNumber()}:${frame.getColumnNumber()}`;
      const source = toSource(frame.getLineNumber(), frame.getColumnNumber());
      return `    at ${source === undefined ? text : text.replace(at, source)}`;
    });
    return [formatError(error), ...lines].join('\n');
  };
}

/** The first line of a trace, as V8 writes it. */
function formatError(error) {
  try {
    return String(error);
  } catch {
    return '<error>';
  }
}

module.exports = { loadBundle };
