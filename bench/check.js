#!/usr/bin/env node
// Benchmark (not a test): wall time of `compose2agent check` over the shared compose corpus,
// with the worker pool (the default) and in a single thread (--jobs 1), so the figure shows
// whether the pool pays on this machine. Needs a build (`npm run build`).
//
//   node bench/check.js [--runs N] [CORPUS_DIR]
//
// CORPUS_DIR defaults to ../shared/corpus beside the repository root; without it the
// benchmark is skipped with a message.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let runs = 3;
const runsAt = args.indexOf('--runs');
if (runsAt >= 0) {
  runs = Number(args[runsAt + 1]);
  args.splice(runsAt, 2);
}
const corpus = resolve(root, args[0] ?? '../shared/corpus');
const cli = join(root, 'bin', 'compose2agent.js');

if (!existsSync(corpus)) {
  console.log(`bench/check: skipped, no corpus at ${args[0] ?? '../shared/corpus'}`);
  process.exit(0);
}
if (!existsSync(join(root, 'dist', 'src', 'cli.js'))) {
  console.log('bench/check: skipped, the CLI is not built (run npm run build)');
  process.exit(0);
}

function once(extra) {
  const start = performance.now();
  const run = spawnSync(process.execPath, [cli, 'check', corpus, '--format', 'json', ...extra], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const wall = (performance.now() - start) / 1000;
  let summary;
  try {
    summary = JSON.parse(run.stdout).summary;
  } catch {
    console.error(run.stderr);
    throw new Error(`check exited ${run.status} without a JSON report`);
  }
  return { wall, summary, status: run.status };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(`bench/check: ${runs} run(s) each, ${availableParallelism()} core(s), corpus ${args[0] ?? '../shared/corpus'}`);
// With --image-registry, services built from source get image names, so most files convert
// and are rendered: the realistic load of an eval repository's CI.
const REGISTRY = ['--image-registry', 'registry.example.com/evals'];
for (const [label, extra] of [
  ['worker pool (default)', []],
  ['single thread (--jobs 1)', ['--jobs', '1']],
  ['pool, --image-registry', REGISTRY],
  ['1 thread, --image-registry', ['--jobs', '1', ...REGISTRY]],
]) {
  const results = Array.from({ length: runs }, () => once(extra));
  const { summary, status } = results[0];
  const wall = median(results.map((r) => r.wall));
  const o = summary.outcomes;
  console.log(
    `${label.padEnd(26)} ${wall.toFixed(2)} s wall (median; best ${Math.min(...results.map((r) => r.wall)).toFixed(2)}; ` +
      `runs ${results.map((r) => r.wall.toFixed(2)).join(', ')}), ` +
      `${(summary.files / wall).toFixed(0)} files/s, ${summary.files} files: ${o.converted} converted, ` +
      `${o['converted-with-warnings']} with warnings, ${o.rejected} rejected, ${o.fault} faults (exit ${status})`,
  );
}
