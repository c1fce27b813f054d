#!/usr/bin/env node
// Measurement (not a test): the shared corpus's repositories checked as repositories, the way
// their maintainers would run `compose2agent check` at the root of a checkout. For each
// repository of SOURCES.tsv whose tree is laid out, `check` runs twice (as it is, and with
// --drop-docker-socket) with an image registry set, since a repository converting services
// built from source always names one; it prints per repository the compose files, the
// fragments (reported as fragments, not counted), the sandbox projects, how many convert, and
// the share, then every file still rejected with its error codes. Needs a build
// (`npm run build`).
//
//   node bench/repositories.js [--sources SOURCES.tsv] [--configs CONFIGS_DIR] TREES_DIR
//
// With --configs, a repository whose `<owner>__<repo>/compose2agent.yaml` is in CONFIGS_DIR
// is measured twice more with that file at the root of its tree (written there for the run,
// then removed): the figures its maintainers would get with the config file they would
// write (projects of several files, excludes). The plain figures are measured without it.
//
// TREES_DIR holds one directory per repository, named as the corpus names its files
// (`<owner>__<repo>`), with the repository's tree at the commit SOURCES.tsv lists, e.g.
// `git --git-dir <clone>/.git archive <commit> | tar -x -C TREES_DIR/<owner>__<repo>`.
// SOURCES.tsv defaults to ../shared/corpus/SOURCES.tsv beside the repository root.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'compose2agent.js');
const args = process.argv.slice(2);
/** The value of `--name VALUE`, removed from args; undefined when not given. */
function option(name) {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value === undefined ? undefined : resolve(value);
}
const sources = option('--sources') ?? resolve(root, '../shared/corpus/SOURCES.tsv');
const configs = option('--configs');
if (args.length !== 1 || !existsSync(sources)) {
  console.log('usage: node bench/repositories.js [--sources SOURCES.tsv] [--configs CONFIGS_DIR] TREES_DIR');
  process.exit(2);
}
const trees = resolve(args[0]);

/**
 * Variables a repository's own tooling sets before it runs Compose. cve-bench's `run`
 * (commit 4ed2d80, lines 12 and 77-85) exports the directories its compose files include
 * from, as absolute paths, and the image tag (the package version, 2.1.0).
 */
function toolingEnv(repo, tree) {
  if (repo !== 'uiuc-kang-lab/cve-bench') return {};
  return {
    CVEBENCH_METADATA_DIR: join(tree, 'src/critical/metadata'),
    CVEBENCH_CHALLENGE_DIR: join(tree, 'src/critical/challenges'),
    CVEBENCH_DOCKER_DIR: join(tree, 'src/common/docker'),
    CVEBENCH_SANDBOXES_DIR: join(tree, 'src/common/sandboxes'),
    CVEBENCH_TAG: '2.1.0',
  };
}

function check(repo, tree, extra) {
  const run = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json', '-j', '1', '--image-registry', 'registry.example.com/evals', ...extra], {
    cwd: tree,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...toolingEnv(repo, tree) },
  });
  if (run.status === 2 || !run.stdout) throw new Error(`check failed in ${tree}: ${run.stderr}`);
  const files = JSON.parse(run.stdout).files.filter((f) => f.kind === 'compose');
  const fragments = files.filter((f) => f.outcome === 'fragment').length;
  const converted = files.filter((f) => f.outcome.startsWith('converted')).length;
  const rejected = files.filter((f) => f.outcome === 'rejected' || f.outcome === 'fault');
  return { files: files.length, fragments, projects: files.length - fragments, converted, rejected };
}

const repos = [...new Set(readFileSync(sources, 'utf8').trim().split('\n').slice(1).map((row) => row.split('\t')[0]))];
const percent = (n, d) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);

/** One measurement over every laid-out repository: the table rows, the totals and what is still rejected. */
function measure(configFor) {
  const rows = [];
  const remaining = [];
  const total = { files: 0, fragments: 0, projects: 0, plain: 0, socket: 0 };
  for (const repo of repos) {
    const tree = join(trees, repo.replace('/', '__'));
    if (!existsSync(tree)) {
      rows.push(`| ${repo} | (no tree) | | | | | | |`);
      continue;
    }
    // The working directory of `check` is the real path: the tooling's paths must match it.
    const real = realpathSync(tree);
    const config = configFor(repo);
    const placed = join(real, 'compose2agent.yaml');
    if (config !== undefined) {
      if (existsSync(placed)) throw new Error(`${placed} exists: the tree already has a config file`);
      copyFileSync(config, placed);
    }
    let plain;
    let socket;
    try {
      plain = check(repo, real, []);
      socket = check(repo, real, ['--drop-docker-socket']);
    } finally {
      if (config !== undefined) rmSync(placed);
    }
    const name = config === undefined ? repo : `${repo} (compose2agent.yaml)`;
    rows.push(`| ${name} | ${plain.files} | ${plain.fragments} | ${plain.projects} | ${plain.converted} | ${percent(plain.converted, plain.projects)} | ${socket.converted} | ${percent(socket.converted, socket.projects)} |`);
    total.files += plain.files;
    total.fragments += plain.fragments;
    total.projects += plain.projects;
    total.plain += plain.converted;
    total.socket += socket.converted;
    for (const f of socket.rejected) {
      const codes = [...new Set(f.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].join(', ');
      remaining.push(`${repo}: ${f.project?.name ? `${f.project.name}: ${f.project.files.join(' + ')}` : f.path} — ${f.outcome === 'fault' ? 'internal fault' : codes}`);
    }
  }
  return { rows, remaining, total };
}

function print(title, { rows, remaining, total }) {
  console.log(`\n${title}\n`);
  console.log('| repository | compose files | fragments | sandbox projects | converted | share | with --drop-docker-socket | share |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(`| all | ${total.files} | ${total.fragments} | ${total.projects} | ${total.plain} | ${percent(total.plain, total.projects)} | ${total.socket} | ${percent(total.socket, total.projects)} |`);
  console.log(`\nrejected with --drop-docker-socket (${remaining.length}):`);
  for (const line of remaining) console.log(`  ${line}`);
}

print('As the repositories are:', measure(() => undefined));
if (configs !== undefined) {
  const configOf = (repo) => {
    const file = join(configs, repo.replace('/', '__'), 'compose2agent.yaml');
    return existsSync(file) ? file : undefined;
  };
  print(`With the config files of ${configs} (repositories without one as they are):`, measure(configOf));
}
