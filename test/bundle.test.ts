// The bundled CLI (bin/compose2agent.cjs, scripts/bundle.js) as the launchers run it
// (bin/load.js): what a fresh build of the sources gives, byte for byte; the same output as
// the modules it bundles; the V8 code caches of its parts written (after a warm-up conversion),
// used and, when one is not V8's, replaced;
// internal errors traced to the TypeScript sources; and kubernetes-models not loaded for the
// kinds the build precompiled.
//
// These tests run the built CLI: `npm test` builds before running the suite.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';
import { tempDir } from './support/temp-dir.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'compose2agent.js');
const BUNDLE = join(ROOT, 'bin', 'compose2agent.cjs');
const EXAMPLE = join(ROOT, 'examples', 'ctf-web', 'compose.yaml');

let work: string;
beforeAll(() => {
  expect(existsSync(BUNDLE), 'the CLI is bundled (npm run build)').toBe(true);
  work = tempDir('bundle');
});

function runBin(args: string[], cacheDir: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_COMPILE_CACHE: cacheDir, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs an ES module that loads the bundle as the launchers do (bin/load.js). */
function runWithBundle(lines: string[], cacheName: string) {
  const script = [`import { loadBundle } from ${JSON.stringify(pathToFileURL(join(ROOT, 'bin', 'load.js')).href)};`, 'const { main } = loadBundle();', ...lines];
  return spawnSync(process.execPath, ['--input-type=module', '-e', script.join('\n')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_COMPILE_CACHE: join(work, cacheName) },
  });
}

async function runInProcess(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { NO_COLOR: '1' }, isTTY: false, cwd: ROOT };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

test('the bundle is what a build of the sources gives now, the same at every build', async () => {
  const { bundle } = (await import(pathToFileURL(join(ROOT, 'scripts', 'bundle.js')).href)) as { bundle: (dir: string) => Promise<string[]> };
  const fresh = join(work, 'fresh');
  const again = join(work, 'again');
  const written = await bundle(fresh);
  await bundle(again);
  for (const file of written) {
    const name = file.slice(fresh.length + 1);
    expect(readFileSync(join(again, name)).equals(readFileSync(file)), `${name} differs between two builds`).toBe(true);
    expect(readFileSync(join(ROOT, 'bin', name)).equals(readFileSync(file)), `bin/${name} is stale: run npm run build`).toBe(true);
  }
}, 120_000);

describe('the bundled CLI', () => {
  test.each([
    ['values', [EXAMPLE]],
    ['manifests', [EXAMPLE, '--emit', 'manifests', '--release', 'demo']],
    ['keys', ['keys', '--format', 'json']],
  ])('prints what the modules print (%s)', async (_, args) => {
    const bundled = runBin(args, join(work, 'cache-same'));
    expect(bundled).toEqual(await runInProcess(args));
  });

  test('writes a code cache for each part, runs from them, and replaces one V8 refuses', () => {
    const cacheDir = join(work, 'cache-cycle');
    const first = runBin([EXAMPLE, '--emit', 'manifests'], cacheDir);
    const caches = readdirSync(cacheDir).sort();
    // The part every command needs, and the renderer's.
    expect(caches).toHaveLength(2);
    for (const name of caches) expect(name).toMatch(new RegExp(`^compose2agent-[0-9a-f]{32}-${process.version.replace(/\./g, '\\.')}-`));
    const written = caches.map((name) => readFileSync(join(cacheDir, name)));
    for (const cache of written) expect(cache.length).toBeGreaterThan(0);

    // A run from the caches leaves them as they are.
    expect(runBin([EXAMPLE, '--emit', 'manifests'], cacheDir)).toEqual(first);
    caches.forEach((name, i) => expect(readFileSync(join(cacheDir, name)).equals(written[i]!)).toBe(true));

    // A cache that is not V8's is refused and written anew; the output does not change.
    const refused = join(cacheDir, caches[0]!);
    writeFileSync(refused, 'not a code cache');
    expect(runBin([EXAMPLE, '--emit', 'manifests'], cacheDir)).toEqual(first);
    expect(readFileSync(refused, 'latin1')).not.toBe('not a code cache');
    expect(readdirSync(cacheDir).sort()).toEqual(caches);
  });

  test('writes its caches after a conversion, whatever command ran first', () => {
    // --version converts nothing and renders nothing; the warm-up conversion run before the
    // caches are written loads the renderer, so its part gets a cache too.
    const cacheDir = join(work, 'cache-warm');
    const version = runBin(['--version'], cacheDir);
    expect(version.status).toBe(0);
    expect(version.stderr).toBe('');
    expect(readdirSync(cacheDir)).toHaveLength(2);
    // The run afterwards uses them: it writes none.
    const before = readdirSync(cacheDir).sort().map((name) => readFileSync(join(cacheDir, name)));
    expect(runBin([EXAMPLE, '--emit', 'manifests'], cacheDir).status).toBe(0);
    readdirSync(cacheDir).sort().forEach((name, i) => expect(readFileSync(join(cacheDir, name)).equals(before[i]!)).toBe(true));
  });

  test('runs without a cache where none can be written', () => {
    const blocked = join(work, 'not-a-directory');
    writeFileSync(blocked, '');
    const r = runBin([EXAMPLE], blocked);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('services:\n');
  });

  test('traces an internal error to the line of the TypeScript source that raised it', () => {
    // The CLI's output fails: a fault outside the input, reported as an internal error.
    const mainSource = readFileSync(join(ROOT, 'src', 'cli', 'main.ts'), 'utf8').split('\n');
    const line = mainSource.findIndex((l) => l.includes('io.stdout(text);')) + 1;
    expect(line).toBeGreaterThan(0);
    const r = runWithBundle(
      [
        "const fail = () => { throw new Error('the output is gone'); };",
        `const code = await main([${JSON.stringify(EXAMPLE)}], { stdout: fail, stderr: (t) => process.stderr.write(t), env: {}, isTTY: false, cwd: process.cwd() });`,
        'process.exitCode = code;',
      ],
      'cache-trace',
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('internal error');
    expect(r.stderr).toContain('the output is gone');
    expect(r.stderr).toContain(`${join(ROOT, 'src', 'cli', 'main.ts')}:${line}:`);
    expect(r.stderr).not.toContain('compose2agent.cjs:');
  });

  test('loads kubernetes-models only for a kind the build did not precompile', () => {
    const values = join(work, 'extra.yaml');
    const loaded = (extra: string[]) => {
      const r = runWithBundle(
        [
          `const code = await main([${JSON.stringify(EXAMPLE)}, '--emit', 'manifests', ...${JSON.stringify(extra)}], { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false, cwd: process.cwd() });`,
          // The bundle requires through Node's CommonJS loader: its cache lists what was loaded.
          "const cache = (await import('node:module')).createRequire(import.meta.url).cache;",
          "process.stdout.write(JSON.stringify({ code, models: Object.keys(cache).some((f) => f.includes('kubernetes-models')) }));",
        ],
        'cache-models',
      );
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { code: number; models: boolean };
    };
    expect(loaded([])).toEqual({ code: 0, models: false });
    writeFileSync(
      values,
      'additionalResources:\n  - apiVersion: policy/v1\n    kind: PodDisruptionBudget\n    metadata: {name: pdb}\n    spec: {maxUnavailable: 1}\n',
    );
    expect(loaded(['--values', values])).toEqual({ code: 0, models: true });
  });
});
