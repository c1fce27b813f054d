#!/usr/bin/env node
// Build step: the CLI as two bundled files. `compose2agent` starts many times a day (pre-commit
// hooks, CI steps, editors), and loading ~170 modules one by one costs more than the conversion
// itself; bundled, minified files (run from V8 code caches by bin/load.js) start close to a
// bare `node`.
//
// Input: src/cli/entry.ts (the TypeScript sources, compiled as tsc would compile them for
// tsconfig.json) and the runtime dependencies it imports. Output, beside the launchers in bin/:
//   compose2agent.cjs         what every command needs: a function expression over a CommonJS
//                             body, which bin/load.js compiles and calls with CommonJS's arguments
//   compose2agent-render.cjs  what only rendering needs, in the same form, required by the
//                             first part (through bin/load.js) when a command renders
//   *.cjs.map                 their source maps, read only to turn an internal error's stack
//                             trace into src/… lines (positions only: the sources are not copied in)
// Other modules reached by a dynamic import() stay lazy inside the first part: they are
// evaluated when the command that uses them runs. kubernetes-models stays outside: it is loaded
// only for a kind of additionalResources that the build did not precompile
// (src/chart/render/validate.ts).
//
//   node scripts/bundle.js [OUT_DIR]     (default: bin/)

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_NAME = 'compose2agent.cjs';
/** How the bundle's other parts are named (compose2agent-core.cjs, compose2agent-render.cjs). */
const CHUNK_PREFIX = 'compose2agent-';
/** What the bundle's function is called with (bin/load.js passes them in this order). */
const WRAPPER_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];
/** The comment that ends the bundle and gives its digest (read by bin/load.js). */
export const DIGEST_PREFIX = '//# digest=';

/**
 * Node built-ins that a conversion does not need, loaded when first used. The bundle's
 * external imports are required at its top, and these (with what they load in turn: streams,
 * sockets, the crypto bindings) cost a run that never calls them about a tenth of its CPU.
 */
const DEFERRED_BUILTINS = ['child_process', 'crypto', 'net', 'os', 'worker_threads'];
const DEFERRED_PREFIX = '\0deferred-builtin:';

/**
 * Each deferred built-in becomes a module of its own whose exports are functions that require
 * the built-in on their first call, and pass the call (or `new`) on. Only functions can be
 * deferred so: a static import of any other export of these built-ins fails the build, as a
 * missing export, rather than loading early without notice.
 */
function deferBuiltins() {
  const nodeRequire = createRequire(import.meta.url);
  const deferred = new Set(DEFERRED_BUILTINS.flatMap((name) => [name, `node:${name}`]));
  return {
    name: 'defer-builtins',
    resolveId(source, _importer, { kind }) {
      // A dynamic import is deferred already, and may ask for any export.
      return deferred.has(source) && kind !== 'dynamic-import' ? { id: `${DEFERRED_PREFIX}${source.replace(/^node:/, '')}`, moduleSideEffects: false } : null;
    },
    load(id) {
      if (!id.startsWith(DEFERRED_PREFIX)) return null;
      const name = id.slice(DEFERRED_PREFIX.length);
      const builtin = nodeRequire(`node:${name}`);
      const functions = Object.keys(builtin).filter((key) => typeof builtin[key] === 'function' && /^[A-Za-z_$][\w$]*$/.test(key));
      const lines = [
        // The name is a variable so that the bundler leaves this require to Node.
        `const name = ${JSON.stringify(`node:${name}`)};`,
        'let loaded;',
        'const builtin = () => (loaded ??= require(name));',
        ...functions.map(
          (key) =>
            `export function ${key}(...args) { return new.target ? Reflect.construct(builtin().${key}, args) : builtin().${key}(...args); }`,
        ),
        // A default import (import crypto from 'crypto') reads members when it uses them.
        'export default new Proxy({}, { get: (_, key) => builtin()[key], has: (_, key) => key in builtin() });',
      ];
      return { code: lines.join('\n'), moduleSideEffects: false };
    },
  };
}

/**
 * The modules of a build that only rendering needs: those the build, split at every dynamic
 * import, puts in the chunk of src/chart/render/index.ts (the chart's renderer, the Kubernetes
 * and CiliumNetworkPolicy validators, the template engine and its functions).
 */
async function renderOnlyModules() {
  // Silent: this build's warnings (a dynamic import of a module also imported statically) are
  // the next build's too.
  const result = await build({ ...INPUT, logLevel: 'silent', write: false, output: { format: 'cjs', codeSplitting: true, minify: false } });
  const renderer = join(root, 'src', 'chart', 'render', 'index.ts');
  const chunk = result.output.find((output) => output.type === 'chunk' && output.facadeModuleId === renderer);
  if (!chunk) throw new Error('the build has no chunk of its own for the renderer');
  return new Set(chunk.moduleIds);
}

const INPUT = {
  input: join(root, 'src', 'cli', 'entry.ts'),
  cwd: root,
  platform: 'node',
  tsconfig: join(root, 'tsconfig.json'),
  external: [/^kubernetes-models(\/|$)/],
  plugins: [deferBuiltins()],
  logLevel: 'warn',
  onLog(level, log, defaultHandler) {
    // A module imported both statically and dynamically stays where the static import puts it,
    // which is what the two parts want (the core holds what every command may use).
    if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT') return;
    defaultHandler(level, log);
  },
};

/** Builds the bundle into `outDir`; returns the paths written. */
export async function bundle(outDir) {
  const renderOnly = await renderOnlyModules();
  const result = await build({
    ...INPUT,
    // The entry may export more than src/cli/entry.ts does: what the render part uses of it.
    preserveEntrySignatures: 'allow-extension',
    write: false,
    output: {
      // Named as installed, whatever outDir is: the maps' sources are relative to bin/.
      dir: join(root, 'bin'),
      entryFileNames: BUNDLE_NAME,
      chunkFileNames: `${CHUNK_PREFIX}[name].cjs`,
      format: 'cjs',
      // ASCII only (other characters escaped), so the launcher reads it as Latin-1, the
      // fastest way Node turns a file into a string.
      charset: 'ascii',
      // Each file is one function expression that the launcher compiles as a script and calls
      // with CommonJS's arguments: no wrapping (and copying) of a megabyte at every start.
      postBanner: `(function (${WRAPPER_PARAMETERS.join(', ')}) {`,
      postFooter: '})',
      minify: true,
      // Stack traces of internal errors name the functions, not their minified stand-ins.
      keepNames: true,
      sourcemap: 'hidden',
      // Two parts, each read and compiled (from its own code cache) only when it is needed:
      // what every command needs, and what only rendering needs (half the code, most of it the
      // Kubernetes validators), which `--emit values` never reads.
      codeSplitting: {
        groups: [
          { name: 'render', test: (id) => renderOnly.has(id), priority: 2, includeDependenciesRecursively: false },
          { name: 'core', test: () => true, priority: 1 },
        ],
      },
      // A dynamic import() becomes a require: the launcher's vm.Script has no loader for
      // import(), and requires the parts itself (bin/load.js).
      dynamicImportInCjs: false,
      comments: false,
    },
  });
  mkdirSync(outDir, { recursive: true });
  // Parts of an earlier build, which this one may not write again.
  for (const name of readdirSync(outDir)) if (name.startsWith(CHUNK_PREFIX) && /\.cjs(\.map)?$/.test(name)) rmSync(join(outDir, name));
  const written = [];
  for (const chunk of result.output) {
    // The source maps are written from the chunks, below.
    if (chunk.type === 'asset' && chunk.fileName.endsWith('.map')) continue;
    if (chunk.type !== 'chunk') throw new Error(`the bundle was expected as code only, got ${chunk.fileName}`);
    const file = join(outDir, chunk.fileName);
    // The last line names the code's digest: the launcher keys its code cache on it without
    // hashing the file on every start (V8 checks only the length of a cache's source).
    const digest = createHash('sha256').update(chunk.code).digest('hex').slice(0, 32);
    writeFileSync(file, `${chunk.code}\n${DIGEST_PREFIX}${digest}\n`);
    // Positions only (stack traces need no source text); sources relative to the map's folder,
    // as the map format wants, so the map is the same on every machine.
    // The entry, which only passes the core's exports on, has no positions to map.
    written.push(file);
    if (!chunk.map) continue;
    const { sourcesContent, ...map } = chunk.map;
    writeFileSync(`${file}.map`, JSON.stringify({ ...map, file: chunk.fileName }));
    written.push(`${file}.map`);
  }
  return written.sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundle(resolve(process.argv[2] ?? join(root, 'bin')));
}
