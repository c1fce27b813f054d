// Loads the bundled CLI (compose2agent.cjs beside this file, built by scripts/bundle.js) for
// the launchers in this folder, as fast as Node allows. The bundle is in parts: compose2agent.cjs,
// what every command needs, and compose2agent-render.cjs, what only rendering needs, which the
// first part requires when it renders. Each part is one function expression; it is compiled as
// a vm.Script with a V8 code cache of its own and called with CommonJS's arguments, with a
// require that loads the other parts the same way. A part's cache is read when there is one for
// that part and this Node, and written when there was none or V8 refused it: after the command
// ran and a warm-up conversion, so that it holds the functions a conversion compiles (V8 caches
// those compiled when the cache is made). The caches live where Node keeps
// its own compile cache: $NODE_COMPILE_CACHE, else node-compile-cache in the temporary
// directory. A cache that cannot be read or written only costs the time it would have saved.
// (Node 22's module.enableCompileCache would do the same for a required module; this one way
// works on every Node the package supports.)
//
// Stack traces: frames in the bundle are shown at their place in the TypeScript sources
// (src/…, passes/…), through the parts' source maps, read only when a trace is formatted.

'use strict';

const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const nodeModule = require('node:module');
const { dirname, join, resolve } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, 'compose2agent.cjs');
/** How a part requires another (scripts/bundle.js names them so). */
const PART_REQUEST = /^\.\/compose2agent(-[a-z]+)?\.cjs$/;

/** The parts loaded in this process, by file: their module objects. */
const parts = new Map();

/** The bundle's exports: `main` (the command line) and `serveCheckJobs` (a check worker). */
function loadBundle() {
  mapStackTraces();
  return loadPart(BUNDLE);
}

/** A part's require: the bundle's own parts through loadPart, anything else through Node. */
function requireFromPart(request) {
  return PART_REQUEST.test(request) ? loadPart(join(__dirname, request)) : require(request);
}

/** The directory the code cache is kept in. */
function cacheDirectory() {
  // node:os only when it is needed: it is not among the modules Node has loaded already.
  return process.env.NODE_COMPILE_CACHE || join(require('node:os').tmpdir(), 'node-compile-cache');
}

function loadPart(file) {
  const loaded = parts.get(file);
  if (loaded !== undefined) return loaded.exports;
  // The parts are ASCII (scripts/bundle.js): read as Latin-1, which Node decodes fastest.
  const source = readFileSync(file, 'latin1');
  // V8 checks that a cache fits its version and flags, but of the source only the length: the
  // file name carries the digest the part ends with (written by the build), and the Node
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
  const script = new Script(source, { filename: file, cachedData });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) scheduleCodeCache(script, cacheFile);
  const partModule = { exports: {} };
  // Registered before it runs: the part it requires may require it back.
  parts.set(file, partModule);
  script.runInThisContext()(partModule.exports, requireFromPart, partModule, file, __dirname);
  return partModule.exports;
}

/** The parts whose code cache this process writes: their scripts and cache files. */
const unwrittenCaches = new Map();

/**
 * Writes a part's code cache before the process ends. V8 caches the functions compiled by
 * then; so that they are those a conversion runs, whatever command ran, the bundle's warm-up
 * conversion runs first (src/cli/warm-up.ts: it loads the other part, whose cache is then
 * written too). When the process ends by process.exit, without an empty event loop, the
 * caches are written as they are.
 */
function scheduleCodeCache(script, cacheFile) {
  if (unwrittenCaches.size === 0) {
    process.once('beforeExit', () => {
      const warmUp = parts.get(BUNDLE)?.exports.warmUp;
      // A warm-up that fails only leaves the caches smaller.
      Promise.resolve()
        .then(warmUp)
        .catch(() => {})
        .then(writeCodeCaches);
    });
    process.once('exit', writeCodeCaches);
  }
  unwrittenCaches.set(script, cacheFile);
}

function writeCodeCaches() {
  for (const [script, cacheFile] of unwrittenCaches) writeCodeCache(script, cacheFile);
  unwrittenCaches.clear();
}

/** Writes the code cache atomically (other runs may be reading or writing it too). */
function writeCodeCache(script, cacheFile) {
  const partial = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    try {
      rmSync(partial, { force: true });
    } catch {
      // The directory cannot be used at all (it is a file, say): nothing was written.
    }
  }
}

/**
 * Formats stack traces with the frames of the bundle's parts at their source positions. A
 * part's source map is read on the first trace that has a frame in that part.
 */
function mapStackTraces() {
  const sourceMaps = new Map();
  const sourceMapOf = (file) => {
    if (!sourceMaps.has(file)) {
      try {
        sourceMaps.set(file, new nodeModule.SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
      } catch {
        sourceMaps.set(file, null);
      }
    }
    return sourceMaps.get(file);
  };
  const toSource = (file, line, column) => {
    const entry = sourceMapOf(file)?.findEntry(line - 1, column - 1);
    if (!entry?.originalSource) return undefined;
    const source = resolve(__dirname, entry.originalSource.replace(/^file:\/\//, ''));
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  };
  Error.prepareStackTrace = (error, frames) => {
    const lines = frames.map((frame) => {
      const text = String(frame);
      const file = frame.getFileName();
      if (!parts.has(file)) return `    at ${text}`;
      const at = `${file}:${frame.getLineNumber()}:${frame.getColumnNumber()}`;
      const source = toSource(file, frame.getLineNumber(), frame.getColumnNumber());
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
