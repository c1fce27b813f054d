// The package as a newcomer installs it: from the release ref that scripts/release-tree.js
// writes (here into a temporary bare repository standing in for GitHub), each way the README
// names — `npm install -g git+…#release`, `npx`, a pre-commit hook, the GitHub Action, and
// the tarball `npm pack` makes of that ref. None of them may build anything or need a
// development dependency, and each runs the CLI as the sources do.
//
// Installs use npm's cache (`npm ci` filled it with every dependency's tarball) and prefer it;
// npm still asks the registry for the metadata of a dependency when the cache has none (`npm
// ci` does not keep it, and npm resolves a git or tarball install's dependencies afresh). Every
// request that did reach the registry is named in a test annotation, and an install that fails
// because the registry cannot be reached says so: it is skipped only when, in addition, npm
// has no cache at all.
//
// These tests run the built package: `npm test` builds before running the suite.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test, type TestContext } from 'vitest';
import { parse } from 'yaml';
import { commitRelease, INSTALL_SCRIPTS, RELEASE_EXTRAS } from '../scripts/release-tree.js';
import { tempDir } from './support/temp-dir.js';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE_BIN = join(ROOT, 'bin', 'compose2agent.js');
const EXAMPLE = 'examples/ctf-web/compose.yaml';
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const DEV_DEPENDENCIES = Object.keys(MANIFEST.devDependencies);
const GOOD = 'services:\n  default:\n    image: python:3.12-slim\n    command: sleep infinity\n';
const BAD = 'services:\n  default:\n    imagee: python:3.12-slim\n';
const BUILT = 'services:\n  default:\n    build: ./app\n    command: sleep infinity\n';
/** An install slower than this fails the test; the figures are printed by the suite's reporter. */
const INSTALL_TIMEOUT = 300_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end without blocking the test worker (installs run side by side). */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
    if (child.stdin) {
      // A child may exit before it reads its input (a step that stops early): the pipe then
      // breaks, and its exit status, not the EPIPE, is what the test looks at.
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
  });
}

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

// --- npm as a user runs it --------------------------------------------------------------------

/** npm's own cache directory (the one `npm ci` filled). */
const USER_CACHE = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();

/**
 * The environment of every npm command: the user's, without the settings `npm test` passes to
 * the scripts it runs, and with npm's cache reached through a directory of the test's own, so
 * that npm's logs and npx's installs land there rather than in the user's cache.
 */
function npmEnvironment(cache: string): NodeJS.ProcessEnv {
  // npm passes its settings to the scripts it runs as npm_* variables; npm reads them again from
  // its configuration files (a user's NPM_CONFIG_* variables stay).
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
  return {
    ...env,
    npm_config_cache: cache,
    npm_config_prefer_offline: 'true',
    npm_config_loglevel: 'http',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** npm's cache as seen through `dir`: the user's package store, the rest private. */
function linkUserCache(dir: string): void {
  const store = join(USER_CACHE, '_cacache');
  if (existsSync(store)) symlinkSync(store, join(dir, '_cacache'), 'dir');
}

/** The registry requests npm logged (`--loglevel http`) that its cache did not answer. */
function registryRequests(stderr: string): string[] {
  return [...stderr.matchAll(/^npm http fetch \S+ \d+ (\S+) \d+ms(?: \(([^)]*)\))?$/gm)]
    .filter(([, , cache]) => cache !== 'cache hit' && cache !== 'cache stale')
    .map(([, url]) => url!);
}

/** Why an npm command failed when the reason is that the registry cannot be reached. */
function unreachableRegistry(stderr: string): string | undefined {
  return /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|ENOTCACHED)\b.*$/m.exec(stderr)?.[0];
}

/**
 * Runs an npm command that installs; fails the test with npm's message when it fails, saying
 * when the cause is an unreachable registry, and skips it only when there is no network and
 * no npm cache either. Registry requests the cache did not answer are annotated.
 */
async function npmInstall(ctx: TestContext, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  const result = await run(command, args, options);
  const fetched = registryRequests(result.stderr);
  if (fetched.length > 0) {
    // In the log (console output is shown for passing tests too) and for reporters that show
    // annotations (GitHub's).
    const notice = `\`${command} ${args.join(' ')}\` needed the registry for ${fetched.length} request(s) npm's cache did not answer: ${fetched.join(', ')}`;
    console.warn(notice);
    await ctx.annotate(notice, 'notice');
  }
  if (result.status === 0) return result;
  return installFailed(ctx, `\`${command} ${args.join(' ')}\` (status ${result.status})`, result.stderr);
}

/**
 * Fails the test for an install that failed, saying so when the registry could not be
 * reached; skips it instead when, in addition, npm has no cache at all.
 */
function installFailed(ctx: TestContext, what: string, output: string): never {
  const unreachable = unreachableRegistry(output);
  if (unreachable !== undefined && !existsSync(join(USER_CACHE, '_cacache'))) {
    ctx.skip(`no network and no npm cache: ${what} cannot get the runtime dependencies (${unreachable})`);
  }
  const cause = unreachable === undefined ? '' : ` — npm's cache lacks what it needs and the registry cannot be reached (${unreachable})`;
  throw new Error(`${what} failed${cause}:\n${output}`);
}

/** The CLI's own output, without the lines npm (npx) logs around it. */
function withoutNpmLog(r: Run): Run {
  return { ...r, stderr: r.stderr.replace(/^npm (http|warn|notice|info|verbose|timing) .*\n/gm, '') };
}

// --- what the installs are compared with ------------------------------------------------------

/** The sources' CLI (the build at hand) on the bundled example, from the repository root. */
function fromSources(): Promise<Run> {
  return run(process.execPath, [SOURCE_BIN, EXAMPLE], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
}

/** Installed packages below a node_modules directory, scoped ones as `@scope/name`. */
function installedPackages(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  return readdirSync(nodeModules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((inner) => `${name}/${inner}`) : [name]));
}

/** An installed compose2agent holds what runs and nothing to build it with. */
function expectInstalledPackage(dir: string, dependencies: string): void {
  for (const file of ['bin/compose2agent.js', 'bin/compose2agent.cjs', 'dist/src/index.js', 'schemas/check-result.schema.json', 'LICENSE']) {
    expect(existsSync(join(dir, file)), file).toBe(true);
  }
  for (const source of ['src', 'passes', 'scripts', 'test']) expect(existsSync(join(dir, source)), `${source}/ shipped`).toBe(false);
  const installed = installedPackages(dependencies);
  for (const dev of DEV_DEPENDENCIES) expect(installed, `devDependency ${dev} installed`).not.toContain(dev);
  for (const runtime of Object.keys(MANIFEST.dependencies)) expect(installed, `dependency ${runtime}`).toContain(runtime);
}

// --- pre-commit's way, as its node language does it ---------------------------------------------

interface Hook {
  id: string;
  entry: string;
  language: string;
  files?: string;
  exclude?: string;
  pass_filenames?: boolean;
}

/** A git repository holding the given files, all committed (a user's repository). */
function userRepository(dir: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(['init', '-q'], dir);
  git(['add', '-A'], dir);
  git(['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'files'], dir);
  return dir;
}

/**
 * Runs a hook as pre-commit does (`pre-commit run --all-files`): in the repository's root, its
 * environment patched in, the entry split into words, then the hook's `args` from the user's
 * configuration, then (unless pass_filenames is false) the files matching `files` and not
 * `exclude`.
 */
function runHook(hook: Hook, args: string[], env: NodeJS.ProcessEnv, repository: string): Promise<Run> {
  const files = git(['ls-files'], repository)
    .split('\n')
    .filter((f) => f && new RegExp(hook.files ?? '').test(f) && !new RegExp(hook.exclude ?? '^$').test(f));
  const [command, ...words] = hook.entry.split(/\s+/);
  return run(command!, [...words, ...args, ...(hook.pass_filenames === false ? [] : files)], { cwd: repository, env });
}

// --- the GitHub Action, step by step -------------------------------------------------------------

interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: ActionStep[] };
}

/** `${{ a.b.c }}` in a string, looked up in `context`; anything else in an expression fails. */
function evaluate(text: string, context: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => {
    let value: unknown = context;
    const parts = path.split('.');
    for (const [i, part] of parts.entries()) {
      if (value === undefined || value === null || typeof value !== 'object') throw new Error(`\${{ ${path} }}: no ${parts.slice(0, i).join('.')}`);
      value = (value as Record<string, unknown>)[part];
    }
    // An output a step did not write (a skipped `uses:` step's) is empty, as on GitHub.
    return value === undefined ? '' : String(value);
  });
}

/** key=value lines of a $GITHUB_OUTPUT file. */
function outputsOf(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

interface ActionRun {
  /** The status of the step that ended the run (the last, or the first that failed). */
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** What the steps asked the runner to change for the caller's later steps. */
  callerPath: string;
  callerEnv: string;
}

/**
 * Runs a composite action's `run:` steps as a runner does (`bash --noprofile --norc -eo
 * pipefail`, each step's env and working directory, $GITHUB_OUTPUT per step). `uses:` steps
 * (the cache) are left out: their outputs are `cache`, a cache miss unless it says otherwise.
 */
async function runAction(actionPath: string, inputs: Record<string, string>, workspace: string, runner: NodeJS.ProcessEnv, cache: Record<string, string> = {}): Promise<ActionRun> {
  const action = parse(readFileSync(join(actionPath, 'action.yml'), 'utf8')) as Action;
  expect(action.runs.using).toBe('composite');
  const context = {
    inputs: Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? input.default ?? ''])),
    steps: {} as Record<string, { outputs: Record<string, string> }>,
    github: { action_path: actionPath, workspace },
  };
  const files = tempDir('action-files');
  const runnerFiles = { GITHUB_STEP_SUMMARY: join(files, 'summary'), GITHUB_PATH: join(files, 'path'), GITHUB_ENV: join(files, 'env') };
  for (const file of Object.values(runnerFiles)) writeFileSync(file, '');
  let last: Run = { status: 0, stdout: '', stderr: '' };
  let stdout = '';
  let stderr = '';
  for (const [index, step] of action.runs.steps.entries()) {
    if (step.uses !== undefined) {
      if (step.id !== undefined) context.steps[step.id] = { outputs: cache };
      continue;
    }
    expect(step.shell, `step ${step.name}`).toBe('bash');
    // Inputs reach a script through its environment, never pasted into its text.
    expect(step.run, `step ${step.name}`).not.toMatch(/\$\{\{/);
    const output = join(files, `output-${index}`);
    const env = {
      ...runner,
      ...runnerFiles,
      GITHUB_OUTPUT: output,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_WORKSPACE: workspace,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, evaluate(value, context)])),
    };
    const cwd = step['working-directory'] === undefined ? workspace : evaluate(step['working-directory'], context);
    last = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd, env });
    stdout += last.stdout;
    stderr += last.stderr;
    if (step.id !== undefined) context.steps[step.id] = { outputs: outputsOf(output) };
    if (last.status !== 0) break;
  }
  const check = context.steps.check?.outputs ?? {};
  return {
    status: last.status,
    stdout,
    stderr,
    outputs: check,
    summary: readFileSync(runnerFiles.GITHUB_STEP_SUMMARY, 'utf8'),
    callerPath: readFileSync(runnerFiles.GITHUB_PATH, 'utf8'),
    callerEnv: readFileSync(runnerFiles.GITHUB_ENV, 'utf8'),
  };
}

/** A runner's tool cache holding this Node.js as the one release of its line. */
function toolCacheWithThisNode(dir: string): { toolCache: string; major: string } {
  const version = process.versions.node;
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const bin = join(dir, 'node', version, arch, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(process.execPath, join(bin, 'node'));
  return { toolCache: dir, major: version.split('.')[0]! };
}

// --- the release ref --------------------------------------------------------------------------

let work: string;
let origin: string;
/** The release ref as npm names a git dependency. */
let releaseSpec: string;
let npmCache: string;

/** Files (paths relative to `dir`) below it. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split('\\').join('/'));
}

/** A checkout of the release ref. */
function checkout(into: string): string {
  git(['clone', '-q', '--depth', '1', '--branch', 'release', `file://${origin}`, into], work);
  return into;
}

beforeAll(async () => {
  expect(existsSync(join(ROOT, 'bin', 'compose2agent.cjs')), 'the CLI is built (npm run build)').toBe(true);
  work = tempDir('install');
  npmCache = join(work, 'npm-cache');
  mkdirSync(npmCache);
  linkUserCache(npmCache);
  // The hosting repository: its default branch holds the sources (one stand-in commit here),
  // the release ref what installs.
  origin = join(work, 'origin.git');
  git(['init', '-q', '--bare', origin], work);
  const env = { ...process.env, GIT_DIR: origin, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' };
  const readme = execFileSync('git', ['hash-object', '-w', '--stdin'], { env, input: '# compose2agent sources\n', encoding: 'utf8' }).trim();
  const tree = execFileSync('git', ['mktree'], { env, input: `100644 blob ${readme}\tREADME.md\n`, encoding: 'utf8' }).trim();
  git(['update-ref', 'refs/heads/main', git(['commit-tree', tree, '-m', 'sources'], work, env)], work, env);
  git(['symbolic-ref', 'HEAD', 'refs/heads/main'], work, env);
  const written = await run(process.execPath, [join(ROOT, 'scripts', 'release-tree.js'), '--no-build', '--git-dir', origin], { cwd: ROOT });
  expect(written.stderr).toBe('');
  expect(written.status).toBe(0);
  expect(written.stdout).toMatch(/^refs\/heads\/release [0-9a-f]{40}\n$/);
  releaseSpec = `git+file://${origin}#release`;
}, INSTALL_TIMEOUT);

describe('npm as the tests run it', () => {
  test("registry requests npm's cache answered are told apart from those it did not", () => {
    // As npm logs them with --loglevel http.
    const log = `npm http fetch GET 200 https://registry.npmjs.org/ajv 79ms (cache stale)
npm http fetch GET 200 https://registry.npmjs.org/yaml 3ms (cache hit)
npm http fetch GET 200 https://registry.npmjs.org/diff 150ms (cache miss)
npm http fetch GET 304 https://registry.npmjs.org/ignore 90ms (cache revalidated)
npm http fetch GET 200 https://registry.npmjs.org/re2js/-/re2js-2.10.0.tgz 210ms
npm warn something else
`;
    expect(registryRequests(log)).toEqual([
      'https://registry.npmjs.org/diff',
      'https://registry.npmjs.org/ignore',
      'https://registry.npmjs.org/re2js/-/re2js-2.10.0.tgz',
    ]);
    expect(unreachableRegistry('npm error code ENOTCACHED\nnpm error request to https://registry.npmjs.org/ajv failed')).toBe('ENOTCACHED');
    expect(unreachableRegistry('npm error code E404\nnpm error 404 Not Found')).toBeUndefined();
  });
});

describe('the release ref', () => {
  test('holds the package as installed: what runs, the hooks and the Action, no sources, nothing to build', () => {
    const tree = git(['ls-tree', '-r', '--name-only', 'release'], origin).split('\n');
    const expected = [
      'package.json',
      'npm-shrinkwrap.json',
      'README.md',
      'LICENSE',
      ...RELEASE_EXTRAS,
      // The launchers (CommonJS, as bin/package.json says) and the bundle's two parts with their maps.
      ...['package.json', 'compose2agent.js', 'load.js', 'worker.js', 'compose2agent.cjs', 'compose2agent.cjs.map', 'compose2agent-render.cjs', 'compose2agent-render.cjs.map'].map((f) => `bin/${f}`),
      ...filesBelow(join(ROOT, 'dist')).map((f) => `dist/${f}`),
      ...readdirSync(join(ROOT, 'schemas'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `schemas/${f}`),
    ];
    expect(tree.sort()).toEqual(expected.sort());
    expect(git(['ls-tree', 'release', 'bin/compose2agent.js'], origin)).toMatch(/^100755 /);

    const manifest = JSON.parse(git(['show', 'release:package.json'], origin)) as Record<string, unknown> & { scripts?: object; files: string[] };
    for (const script of INSTALL_SCRIPTS) expect(manifest.scripts ?? {}, `script ${script}`).not.toHaveProperty(script);
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest.dependencies).toEqual(MANIFEST.dependencies);

    const shrinkwrap = JSON.parse(git(['show', 'release:npm-shrinkwrap.json'], origin)) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; dependencies?: object; devDependencies?: object }> };
    expect(shrinkwrap.packages['']!.dependencies).toEqual(MANIFEST.dependencies);
    expect(shrinkwrap.packages['']).not.toHaveProperty('devDependencies');
    for (const [path, entry] of Object.entries(shrinkwrap.packages)) expect(entry.dev || entry.devOptional, path).toBeFalsy();
    for (const dev of DEV_DEPENDENCIES) expect(shrinkwrap.packages, dev).not.toHaveProperty(`node_modules/${dev}`);

    const message = git(['log', '-1', '--format=%B', 'release'], origin);
    expect(message).toContain(`Source-Commit: ${git(['rev-parse', 'HEAD'], ROOT)}`);
  });

  test('moves forward once per tree: the same tree again leaves the ref; a tag on a source commit is moved to its release commit; other commits stay', () => {
    const repository = tempDir('release-refs');
    const env = { ...process.env, GIT_DIR: repository, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    git(['init', '-q', '--bare', repository], work);
    const treeOf = (text: string) => {
      const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { env, input: text, encoding: 'utf8' }).trim();
      return execFileSync('git', ['mktree'], { env, input: `100644 blob ${blob}\tpackage.json\n`, encoding: 'utf8' }).trim();
    };
    const source = { id: 'a'.repeat(40), changed: false, identity: { GIT_AUTHOR_NAME: 's', GIT_AUTHOR_EMAIL: 's@example.com', GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z', GIT_COMMITTER_NAME: 's', GIT_COMMITTER_EMAIL: 's@example.com', GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z' } };
    const release = (ref: string, tree: string) => commitRelease({ gitDir: repository, ref, tree, source, version: '1.0.0' });

    const first = release('refs/heads/release', treeOf('1'));
    expect(first.written).toBe(true);
    expect(git(['log', '-1', '--format=parents: %P%n%an %ae %aI%n%cn %ce %cI%n%B', first.commit], work, env)).toBe(
      [
        'parents: ',
        's s@example.com 2026-01-02T03:04:05+00:00',
        's s@example.com 2026-01-02T03:04:05+00:00',
        `compose2agent 1.0.0, as installed: built from ${source.id}`,
        '',
        `Source-Commit: ${source.id}`,
      ].join('\n'),
    );
    // The same sources give the same commit.
    git(['update-ref', '-d', 'refs/heads/release'], work, env);
    expect(release('refs/heads/release', treeOf('1'))).toEqual(first);
    expect(release('refs/heads/release', treeOf('1'))).toEqual({ commit: first.commit, written: false });
    const second = release('refs/heads/release', treeOf('2'));
    expect(git(['rev-parse', `${second.commit}^`], work, env)).toBe(first.commit);

    const tagged = git(['commit-tree', treeOf('sources'), '-m', 'sources'], work, env);
    git(['update-ref', 'refs/tags/v1.0.0', tagged], work, env);
    const moved = release('refs/tags/v1.0.0', treeOf('2'));
    expect(git(['rev-parse', 'refs/tags/v1.0.0'], work, env)).toBe(moved.commit);
    expect(release('refs/tags/v1.0.0', treeOf('2'))).toEqual({ commit: moved.commit, written: false });

    git(['update-ref', 'refs/heads/other', tagged], work, env);
    expect(() => release('refs/heads/other', treeOf('3'))).toThrow(/not a release tree/);
    expect(git(['rev-parse', 'refs/heads/other'], work, env)).toBe(tagged);
  });
});

describe.concurrent('installed from the release ref', () => {
  test('npm install -g git+…#release: an empty prefix gets the CLI, which runs as the sources do', async (ctx) => {
    const prefix = join(tempDir('global'), 'prefix');
    await npmInstall(ctx, 'npm', ['install', '-g', releaseSpec], { cwd: work, env: { ...npmEnvironment(npmCache), npm_config_prefix: prefix } });
    const installed = join(prefix, 'lib', 'node_modules', MANIFEST.name);
    expectInstalledPackage(installed, join(installed, 'node_modules'));
    const cli = await run(join(prefix, 'bin', 'compose2agent'), [EXAMPLE], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    expect(cli).toEqual(await fromSources());
    expect(cli.status).toBe(0);
  }, INSTALL_TIMEOUT);

  test('npx git+…#release runs the CLI without installing it, as the sources do', async (ctx) => {
    const env = { ...npmEnvironment(npmCache), NO_COLOR: '1' };
    const npx = await npmInstall(ctx, 'npx', ['--yes', releaseSpec, EXAMPLE], { cwd: ROOT, env });
    expect(withoutNpmLog(npx)).toEqual(await fromSources());
    const [installed] = readdirSync(join(npmCache, '_npx'));
    const dependencies = join(npmCache, '_npx', installed!, 'node_modules');
    expectInstalledPackage(join(dependencies, MANIFEST.name), dependencies);
  }, INSTALL_TIMEOUT);

  // pre-commit installs the tarball `npm pack` makes of the ref: this test is also the tarball's.
  test('pre-commit: the hooks install as pre-commit installs a node hook and pass or stop commits; the tarball it packs serves the library too', async (ctx) => {
    // pre-commit's store: the repository at `rev`, fetched shallow into a fresh directory.
    const clone = join(tempDir('pre-commit'), 'repo');
    mkdirSync(clone);
    git(['init', '-q', '.'], clone);
    git(['remote', 'add', 'origin', origin], clone);
    git(['-c', 'protocol.version=2', 'fetch', '-q', 'origin', 'release', '--depth=1'], clone);
    git(['checkout', '-q', 'FETCH_HEAD'], clone);
    // Its node environment (the system's Node.js, as pre-commit chooses when node and npm are
    // installed): npm's global prefix and PATH point into it, npm's user config is unset.
    const envDir = join(clone, 'node_env-system');
    const env: NodeJS.ProcessEnv = {
      ...npmEnvironment(npmCache),
      NODE_VIRTUAL_ENV: envDir,
      NPM_CONFIG_PREFIX: envDir,
      npm_config_prefix: envDir,
      NODE_PATH: join(envDir, 'lib', 'node_modules'),
      PATH: `${join(envDir, 'bin')}:${process.env.PATH}`,
    };
    delete env.NPM_CONFIG_USERCONFIG;
    delete env.npm_config_userconfig;
    // Install as if from git: install in the clone, pack it, install the tarball globally.
    await npmInstall(ctx, 'npm', ['install', '--dev', '--prod', '--ignore-prepublish', '--no-progress', '--no-save'], { cwd: clone, env });
    const packed = await run('npm', ['pack'], { cwd: clone, env });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = join(clone, packed.stdout.trim().split('\n').at(-1)!);
    const tarballFiles = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(tarballFiles).toContain('package/npm-shrinkwrap.json');
    expect(tarballFiles).not.toContain('package/.pre-commit-hooks.yaml');
    await npmInstall(ctx, 'npm', ['install', '-g', tarball], { cwd: clone, env });
    rmSync(join(clone, 'node_modules'), { recursive: true, force: true });
    rmSync(tarball);
    const installed = join(envDir, 'lib', 'node_modules', MANIFEST.name);
    expectInstalledPackage(installed, join(installed, 'node_modules'));

    const hooks = parse(readFileSync(join(clone, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    expect(hooks.map((h) => h.id)).toEqual(['compose2agent-check', 'compose2agent-check-all']);
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      const good = userRepository(tempDir(`good-${hook.id}`), { 'evals/a/compose.yaml': GOOD, 'README.md': '# evals\n' });
      expect(await runHook(hook, [], env, good)).toMatchObject({ status: 0, stderr: '' });
      const bad = userRepository(tempDir(`bad-${hook.id}`), { 'evals/a/compose.yaml': GOOD, 'evals/b/docker-compose.yml': BAD });
      const stopped = await runHook(hook, [], env, bad);
      expect(stopped.status).toBe(1);
      expect(stopped.stdout + stopped.stderr).toContain('evals/b/docker-compose.yml:3:5');
    }
    // A hook's `args` from the user's configuration reach the command.
    const built = userRepository(tempDir('built'), { 'evals/a/compose.yaml': BUILT });
    expect((await runHook(hooks[0]!, [], env, built)).status).toBe(1);
    expect(await runHook(hooks[0]!, ['--image-registry', 'registry.example/evals'], env, built)).toMatchObject({ status: 0, stderr: '' });

    // The installed tarball as a project's dependency: its exports (the library, the schemas,
    // package.json), resolved through the project's node_modules.
    const app = tempDir('library');
    mkdirSync(join(app, 'node_modules'));
    symlinkSync(installed, join(app, 'node_modules', MANIFEST.name), 'dir');
    const script = [
      "import { convert } from 'compose2agent';",
      "import { createRequire } from 'node:module';",
      'const require = createRequire(import.meta.url);',
      "const schema = require('compose2agent/schemas/check-result.schema.json');",
      "const pkg = require('compose2agent/package.json');",
      "const r = convert('services:\\n  default:\\n    image: alpine\\n', { filename: 'compose.yaml' });",
      'console.log(JSON.stringify([typeof schema.$schema, pkg.name, Object.keys(r.values.services)]));',
    ].join('\n');
    writeFileSync(join(app, 'use.mjs'), script);
    const library = await run(process.execPath, ['use.mjs'], { cwd: app });
    expect(library.status, library.stderr).toBe(0);
    expect(JSON.parse(library.stdout)).toEqual(['string', 'compose2agent', ['default']]);
  }, INSTALL_TIMEOUT);

  test('the Action, checked out at the release ref: runtime dependencies only, no build, the Node of the runner, annotations', async (ctx) => {
    const actionPath = checkout(join(tempDir('action'), 'compose2agent'));
    const { toolCache, major } = toolCacheWithThisNode(tempDir('tool-cache'));
    const runner = {
      ...npmEnvironment(npmCache),
      RUNNER_OS: process.platform === 'darwin' ? 'macOS' : 'Linux',
      RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64',
      RUNNER_TEMP: tempDir('runner-temp'),
      RUNNER_TOOL_CACHE: toolCache,
    };
    const workspace = userRepository(tempDir('workspace'), { 'evals/a/compose.yaml': GOOD, 'evals/b/docker-compose.yml': BAD });
    const failed = await runAction(actionPath, { 'node-version': major, paths: 'evals' }, workspace, runner);
    if (failed.outputs['exit-code'] === undefined) {
      installFailed(ctx, `the Action's steps before its check (status ${failed.status})`, `${failed.stdout}\n${failed.stderr}`);
    }
    expect(failed.stdout).toContain(`compose2agent runs with Node.js ${process.version}`);
    expect(failed.outputs).toEqual({ 'exit-code': '1' });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/^::error file=evals\/b\/docker-compose\.yml,line=3,col=5/m);
    expect(failed.summary).toContain('evals/b/docker-compose.yml');
    // The caller's later steps keep their PATH and environment.
    expect(failed.callerPath).toBe('');
    expect(failed.callerEnv).toBe('');
    expectInstalledPackage(actionPath, join(actionPath, 'node_modules'));

    // Again, its dependencies restored by the cache step this time: nothing is installed.
    rmSync(join(workspace, 'evals', 'b'), { recursive: true });
    const lock = join(actionPath, 'node_modules', '.package-lock.json');
    const installedAt = statSync(lock).mtimeMs;
    const passed = await runAction(actionPath, { 'node-version': major, paths: 'evals' }, workspace, runner, { 'cache-hit': 'true' });
    expect(statSync(lock).mtimeMs).toBe(installedAt);
    expect(passed.outputs).toEqual({ 'exit-code': '0' });
    expect(passed.status).toBe(0);
  }, INSTALL_TIMEOUT);

  test('the Action used from a source branch stops with an error that names the release tag, building nothing', async () => {
    const { toolCache, major } = toolCacheWithThisNode(tempDir('tool-cache'));
    const runner = { ...process.env, RUNNER_OS: 'Linux', RUNNER_ARCH: process.arch === 'arm64' ? 'ARM64' : 'X64', RUNNER_TEMP: tempDir('runner-temp'), RUNNER_TOOL_CACHE: toolCache };
    const fromSources = await runAction(ROOT, { 'node-version': major }, tempDir('workspace'), runner);
    expect(fromSources.status).toBe(2);
    expect(fromSources.stdout).toContain("::error::compose2agent's action runs from a release tag");
    expect(fromSources.outputs).toEqual({});
  });
});
