#!/usr/bin/env node
// Records what real Helm renders for every snippet of snippets.mjs, into results.json, which
// helm-functions.test.ts replays against this engine without Helm. Not run by `npm test`.
//
//   HELM=/path/to/helm node test/template/helm-functions/generate.mjs [--reuse]
//
// With --reuse, snippets results.json already holds, recorded by the same Helm version, keep
// their recorded result and only the others are rendered (a full recording takes many renders).
//
// Each snippet goes through Helm's `tpl` (as additionalResources entries do), in a chart of its
// own template files; its output is base64-encoded so any text survives Helm's YAML parsing of
// the manifests; output that is not UTF-8 (Go strings are bytes) is kept as that base64
// (outputBase64) rather than decoded. Helm stops at the first failing template, so a failing snippet is recorded,
// taken out, and the chart rendered again; snippets go in batches so those renders stay small.
// Rendering runs with TZ=UTC, as the replay does.

import { isUtf8 } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snippets } from './snippets.mjs';

const helm = process.env.HELM;
if (!helm) {
  console.error('set HELM to the helm binary to record against');
  process.exit(2);
}

const chart = mkdtempSync(join(tmpdir(), 'helm-functions-'));
mkdirSync(join(chart, 'templates'));
writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: snippets\nversion: 0.1.0\n');

function render(indexes) {
  rmSync(join(chart, 'templates'), { recursive: true });
  mkdirSync(join(chart, 'templates'));
  const values = { snippets: {} };
  for (const i of indexes) {
    values.snippets[`s${i}`] = snippets[i].template;
    writeFileSync(join(chart, 'templates', `s${i}.yaml`), `s${i}: {{ tpl .Values.snippets.s${i} $ | b64enc | quote }}\n`);
  }
  writeFileSync(join(chart, 'values.yaml'), JSON.stringify(values));
  const r = spawnSync(helm, ['template', 'my-release', chart, '--namespace', 'default'], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr };
}

/** The part of Helm's message that concerns the snippet's own template ("gotpl"). */
function snippetError(stderr) {
  // The first mention is the snippet's own; later ones belong to templates it ran (tpl, include).
  const at = stderr.indexOf('template: gotpl:');
  if (at < 0) return { message: stderr.trim() };
  // Messages may end in a space ("improper constraint: "): only the line breaks around go.
  const rest = stderr.slice(at + 'template: gotpl:'.length).replace(/^\s+/, '').replace(/\n+$/, '');
  const m = /^(\d+)(?::(\d+))?: ([\s\S]*)$/.exec(rest);
  return m ? { line: Number(m[1]), ...(m[2] !== undefined ? { col: Number(m[2]) } : {}), message: m[3] } : { message: rest };
}

const out = fileURLToPath(new URL('./results.json', import.meta.url));
const helmVersion = spawnSync(helm, ['version', '--short'], { encoding: 'utf8' }).stdout.trim();
const results = new Array(snippets.length);
if (process.argv.includes('--reuse') && existsSync(out)) {
  const recorded = JSON.parse(readFileSync(out, 'utf8'));
  if (recorded.helm === helmVersion) {
    const byTemplate = new Map(recorded.results.map((r) => [r.template, r]));
    snippets.forEach((s, i) => {
      const r = byTemplate.get(s.template);
      if (r && r.fn === s.fn) results[i] = r;
    });
  }
}
/** Record a batch of snippets: render, and while Helm fails, record the failing one and render the rest again. */
function record(batch) {
  let pending = batch;
  while (pending.length > 0) {
    const r = render(pending);
    if (r.ok) {
      for (const m of r.stdout.matchAll(/^s(\d+): "([^"]*)"$/gm)) {
        const i = Number(m[1]);
        const bytes = Buffer.from(m[2], 'base64');
        results[i] = isUtf8(bytes) ? { ...snippets[i], output: bytes.toString('utf8') } : { ...snippets[i], outputBase64: m[2] };
      }
      return;
    }
    const failed = /templates\/s(\d+)\.yaml/.exec(r.stderr);
    if (!failed) throw new Error(`helm failed outside a snippet: ${r.stderr}`);
    const i = Number(failed[1]);
    // Helm's message ends with the outer template's own wrapping; keep the snippet's part.
    const error = snippetError(r.stderr.replace(/\n+Use --debug flag to render out invalid YAML\n*$/, '').replace(/\n$/, ''));
    results[i] = { ...snippets[i], error };
    pending = pending.filter((x) => x !== i);
  }
}
// Small batches keep the re-renders after each failing snippet short.
const BATCH = 40;
const all = snippets.map((_, i) => i).filter((i) => !results[i]);
for (let at = 0; at < all.length; at += BATCH) record(all.slice(at, at + BATCH));
rmSync(chart, { recursive: true });
for (const [i, r] of results.entries()) if (!r) throw new Error(`no result for snippet ${i}: ${snippets[i].template}`);
writeFileSync(out, JSON.stringify({ helm: helmVersion, results }, null, 1) + '\n');
console.log(`${results.length} snippets, ${results.filter((r) => r.error).length} failing under Helm`);
