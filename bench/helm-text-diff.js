#!/usr/bin/env node
// Measure (not a test): how far the TEXT of our manifests is from what `helm template`
// prints, line for line. For every conformance case whose cmd is `render` or `manifests`
// (and that expects output), the built CLI's stdout is compared with the case's
// expected.yaml; for every values file under bench/helm-text/, with the output of the
// reference oracle (real helm) when it is installed. Prints the differing lines of each
// input (removed + added) and a total. Needs a build (`npm run build`).
//
//   node bench/helm-text-diff.js [-v] [CASES_DIR]
//
// -v prints the differing lines themselves. CASES_DIR defaults to
// ../shared/conformance/cases beside the repository root. A values file under
// bench/helm-text/ may name its release and namespace in a first-line comment:
// `# release: NAME namespace: NS`.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffLines } from 'diff';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('-v');
const positional = args.filter((a) => a !== '-v');
const casesDir = resolve(root, positional[0] ?? '../shared/conformance/cases');
const oracle = resolve(root, '../shared/oracle/ref-manifests');
const extraDir = join(root, 'bench', 'helm-text');
const cli = join(root, 'bin', 'compose2agent.js');

function readOptional(path, fallback) {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : fallback;
}

function run(command, argv) {
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? result.error?.message ?? '' };
}

/** Lines that differ between two texts: removed plus added, as a line diff counts them. */
function differingLines(expected, actual) {
  let count = 0;
  const shown = [];
  for (const part of diffLines(expected, actual)) {
    if (!part.added && !part.removed) continue;
    const lines = part.value.replace(/\n$/, '').split('\n');
    count += lines.length;
    if (verbose) for (const line of lines) shown.push(`${part.added ? '+' : '-'}${line}`);
  }
  return { count, shown };
}

const rows = [];

function compare(label, expected, produced) {
  if (!produced.ok) {
    rows.push({ label, count: expected.split('\n').length, note: `our CLI failed: ${produced.stderr.trim().split('\n')[0]}` });
    return;
  }
  const { count, shown } = differingLines(expected, produced.stdout);
  rows.push({ label, count, shown });
}

if (existsSync(casesDir)) {
  for (const name of readdirSync(casesDir).sort()) {
    const dir = join(casesDir, name);
    const cmd = readOptional(join(dir, 'cmd'), '');
    if ((cmd !== 'render' && cmd !== 'manifests') || !existsSync(join(dir, 'expected.yaml'))) continue;
    const release = readOptional(join(dir, 'release'), 'my-release');
    const namespace = readOptional(join(dir, 'namespace'), 'default');
    const input = join(dir, 'input.yaml');
    const argv =
      cmd === 'render'
        ? [cli, 'render', input, '--release', release, '--namespace', namespace]
        : [cli, 'convert', input, '--emit', 'manifests', '--release', release, '--namespace', namespace];
    compare(`case ${name}`, readFileSync(join(dir, 'expected.yaml'), 'utf8'), run(process.execPath, argv));
  }
} else {
  console.log(`no conformance cases at ${positional[0] ?? '../shared/conformance/cases'}: skipped`);
}

const oracleWorks = existsSync(oracle) && run(oracle, ['--help']).ok;
if (!oracleWorks) console.log('no reference oracle (../shared/oracle/ref-manifests): bench/helm-text/ skipped');
else if (existsSync(extraDir)) {
  for (const file of readdirSync(extraDir).filter((f) => f.endsWith('.yaml')).sort()) {
    const path = join(extraDir, file);
    const header = /^# release: (\S+) namespace: (\S+)/.exec(readFileSync(path, 'utf8'));
    const release = header?.[1] ?? 'my-release';
    const namespace = header?.[2] ?? 'default';
    const helm = run(oracle, [path, '--release', release, '--namespace', namespace]);
    const ours = run(process.execPath, [cli, 'render', path, '--release', release, '--namespace', namespace]);
    if (!helm.ok) {
      rows.push({ label: `values ${file}`, count: ours.ok ? 1 : 0, note: `helm rejects it${ours.ok ? ', we do not' : ' (so do we)'}` });
      continue;
    }
    compare(`values ${file}`, helm.stdout, ours);
  }
}

let total = 0;
for (const row of rows) {
  total += row.count;
  console.log(`${String(row.count).padStart(6)}  ${row.label}${row.note ? `  (${row.note})` : ''}`);
  if (verbose && row.shown?.length) console.log(row.shown.map((l) => `        ${l}`).join('\n'));
}
console.log(`${String(total).padStart(6)}  total differing lines over ${rows.length} inputs`);
