#!/usr/bin/env node
// The release ref: a git commit whose tree is the package as installed, so that installing
// from git (`npm install -g github:…#release`, `npx`, a pre-commit hook, the GitHub Action)
// builds nothing and installs the runtime dependencies only.
//
// The main branch holds sources; the built code (dist/, the bundled CLI) is generated, large
// and different after every change, so it is not committed there. This script builds it and
// writes, on a ref of its own, a commit holding exactly what `npm pack` would put in the
// tarball, with a package.json that can be installed as it is:
//
//   - no lifecycle scripts: npm prepares a git dependency (installs its devDependencies and
//     runs `prepare`) when its package.json has `prepare`, `prepack`, `build`, `preinstall`,
//     `install` or `postinstall`; there is nothing left to prepare;
//   - no devDependencies: pre-commit's install (`npm install --dev …` in the clone) would
//     otherwise fetch every build and test tool;
//   - an npm-shrinkwrap.json: the runtime part of package-lock.json, the versions the tests ran
//     with. The Action installs from it (`npm ci`, which needs no registry metadata when npm's
//     cache holds the tarballs), and so do pre-commit's install in its clone and an install
//     from the registry; an install from git or from a tarball resolves package.json's ranges
//     afresh (npm reads a dependency's shrinkwrap only when the registry says it has one);
//
// and, beside the package, the pre-commit hook definitions and the Action, which are read
// from the ref itself (`rev:` of a pre-commit config, `uses: …@ref`).
//
// The commit's parent is the ref's previous release commit, so a branch moves forward. Its
// author and dates are the source commit's, and its message names the source commit in a
// `Source-Commit:` trailer: the same sources give the same commit. A tag that still points at
// a source commit (a release tagged on main) is moved to the release commit built from it.
// When the tree is the one the ref already holds, nothing is written.
//
//   node scripts/release-tree.js [--no-build] [--git-dir DIR] [--ref REF]
//
//   --no-build     use the build at hand (dist/ and bin/ from `npm run build`)
//   --git-dir DIR  the repository to write the commit and ref to (default: this one); it
//                  needs none of the sources' objects
//   --ref REF      the ref to write (default refs/heads/release)
//
// Prints the ref and the commit it holds.

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Read from the ref by pre-commit and by GitHub Actions; not part of the npm package. */
export const RELEASE_EXTRAS = ['.pre-commit-hooks.yaml', 'action.yml'];
/** Scripts that make npm prepare a git dependency (or run code) when it is installed. */
export const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'build'];
/** The trailer naming the commit a release tree was built from. */
export const SOURCE_TRAILER = 'Source-Commit';
const DEFAULT_REF = 'refs/heads/release';

/** package.json as released: installable as it is, with nothing to build. */
export function releaseManifest(manifest) {
  const { scripts, devDependencies, ...released } = manifest;
  return released;
}

/**
 * npm-shrinkwrap.json: package-lock.json without what only development needs (npm marks such
 * packages `dev`, or `devOptional` when an optional dependency of a development tool).
 */
export function runtimeShrinkwrap(lock) {
  const packages = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '') {
      const { devDependencies, ...rootEntry } = entry;
      packages[path] = rootEntry;
    } else if (!entry.dev && !entry.devOptional) {
      packages[path] = entry;
    }
  }
  return { ...lock, packages };
}

function npmCommand() {
  // The npm running this script (`npm run release-tree`) when there is one, else npm on PATH.
  const cli = process.env.npm_execpath;
  return cli && /\.[cm]?js$/.test(cli) ? [process.execPath, [cli]] : ['npm', []];
}

function npm(args, options = {}) {
  const [command, prefix] = npmCommand();
  return execFileSync(command, [...prefix, ...args], { cwd: root, encoding: 'utf8', ...options });
}

/** The files `npm pack` puts in the tarball, with their modes. */
function packedFiles() {
  const [pack] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], { stdio: ['ignore', 'pipe', 'inherit'] }));
  return pack.files.map((file) => file.path);
}

/** Lays the release tree out in `stage`; returns the version released. */
function layOut(stage) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const files = packedFiles();
  for (const required of ['bin/compose2agent.cjs', 'dist/src/index.js']) {
    if (!files.includes(required)) throw new Error(`${required} is not built: run npm run build (or leave out --no-build)`);
  }
  for (const file of [...files, ...RELEASE_EXTRAS]) {
    if (file === 'package.json') continue;
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(root, file), join(stage, file));
  }
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(releaseManifest(manifest), null, 2)}\n`);
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  writeFileSync(join(stage, 'npm-shrinkwrap.json'), `${JSON.stringify(runtimeShrinkwrap(lock), null, 2)}\n`);
  return manifest.version;
}

/** Runs git; `env` adds to (and overrides) the environment. Returns stdout, trimmed. */
function git(args, { env = {}, input, allowFailure = false } = {}) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', input, env: { ...process.env, ...env } });
  if (result.status !== 0) {
    if (allowFailure) return undefined;
    throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  }
  return result.stdout.trim();
}

/** The source commit, whether the working tree differs from it, and its identity and date. */
function sourceCommit() {
  const id = git(['rev-parse', 'HEAD']);
  const changed = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  const [an, ae, ad, cn, ce, cd] = git(['log', '-1', '--format=%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI', id]).split('\0');
  const identity = {
    GIT_AUTHOR_NAME: an,
    GIT_AUTHOR_EMAIL: ae,
    GIT_AUTHOR_DATE: ad,
    GIT_COMMITTER_NAME: cn,
    GIT_COMMITTER_EMAIL: ce,
    GIT_COMMITTER_DATE: cd,
  };
  return { id, changed, identity };
}

/** The value of the source trailer in a commit's message, if it is a release commit. */
function sourceOf(gitDir, commit) {
  const message = git(['--git-dir', gitDir, 'log', '-1', '--format=%B', commit]);
  return new RegExp(`^${SOURCE_TRAILER}: ([0-9a-f]+)$`, 'm').exec(message)?.[1];
}

/** Writes the files of `stage` as a tree into the repository at `gitDir`; returns its id. */
function writeTree(gitDir, stage, scratch) {
  // A private index and work tree: the repository's own index and checkout are not touched,
  // and no ignore file (ours, the user's global one) can leave a built file out (--force).
  const env = { GIT_DIR: gitDir, GIT_WORK_TREE: stage, GIT_INDEX_FILE: join(scratch, 'index') };
  const settings = ['-c', 'core.autocrlf=false', '-c', 'core.fileMode=true', '-c', 'core.safecrlf=false'];
  git([...settings, 'add', '--all', '--force', '.'], { env });
  return git([...settings, 'write-tree'], { env });
}

/**
 * Points `ref` of the repository at `gitDir` at a release commit of `tree`, built from
 * `source` (`{ id, changed, identity }`, as sourceCommit gives it). Returns the commit the
 * ref holds afterwards and whether it is new.
 * @returns {{ commit: string, written: boolean }}
 */
export function commitRelease({ gitDir, ref, tree, source, version }) {
  const previous = git(['--git-dir', gitDir, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { allowFailure: true }) || undefined;
  let parent;
  if (previous !== undefined) {
    if (sourceOf(gitDir, previous) !== undefined) {
      if (git(['--git-dir', gitDir, 'rev-parse', `${previous}^{tree}`]) === tree) return { commit: previous, written: false };
      parent = previous;
    } else if (!ref.startsWith('refs/tags/')) {
      throw new Error(`${ref} holds a commit that is not a release tree (no ${SOURCE_TRAILER} trailer): not overwritten`);
    }
  }
  const built = source.changed ? `${source.id} with changes not committed` : source.id;
  const message = `compose2agent ${version}, as installed: built from ${built}\n\n${SOURCE_TRAILER}: ${source.id}\n`;
  const commit = git(['--git-dir', gitDir, 'commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'], { env: source.identity, input: message });
  git(['--git-dir', gitDir, 'update-ref', ref, commit, previous ?? '']);
  return { commit, written: true };
}

/** Writes the release commit of the build at hand to `ref` of the repository at `gitDir`. */
export function writeReleaseCommit({ gitDir, ref = DEFAULT_REF }) {
  const scratch = mkdtempSync(join(tmpdir(), 'compose2agent-release-'));
  try {
    const stage = join(scratch, 'tree');
    const version = layOut(stage);
    const tree = writeTree(gitDir, stage, scratch);
    return commitRelease({ gitDir, ref, tree, source: sourceCommit(), version });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      'no-build': { type: 'boolean', default: false },
      'git-dir': { type: 'string' },
      ref: { type: 'string', default: DEFAULT_REF },
    },
  });
  try {
    if (!values['no-build']) npm(['run', 'build'], { stdio: 'inherit' });
    const gitDir = resolve(values['git-dir'] ?? git(['rev-parse', '--absolute-git-dir']));
    const ref = values.ref.startsWith('refs/') ? values.ref : `refs/heads/${values.ref}`;
    const { commit, written } = writeReleaseCommit({ gitDir, ref });
    process.stdout.write(`${ref} ${commit}${written ? '' : ' (unchanged)'}\n`);
  } catch (error) {
    process.stderr.write(`release-tree: ${error.message}\n`);
    process.exitCode = 1;
  }
}
