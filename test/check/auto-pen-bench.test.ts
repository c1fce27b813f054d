// auto-pen-bench as its maintainers would gate it: the repository's Compose files at their
// paths (from the shared corpus, when present beside this repository) with the
// compose2agent.yaml of fixtures/repository-configs/, which names one project per category as the
// repository's Makefile composes them (`docker-compose -f benchmark/machines/docker-compose.yml
// -f benchmark/machines/<category>/<type>/docker-compose.yml`). `check` then passes, each
// category converted as the merged project `convert -f … -f …` converts, and no category
// file is judged alone.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../../src/cli/main.js';

const CORPUS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
const REPO = 'lucagioacchini/auto-pen-bench';
const CONFIG = join(import.meta.dirname, 'fixtures', 'repository-configs', 'lucagioacchini__auto-pen-bench', 'compose2agent.yaml');
const present = existsSync(join(CORPUS, 'SOURCES.tsv'));

async function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, isTTY: false, cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** The repository's compose files at their paths in a new checkout-like directory (with `.git`). */
function layOut(withConfig: boolean): string {
  const root = join(mkdtempSync(join(tmpdir(), 'c2a-auto-pen-bench-')), 'auto-pen-bench');
  mkdirSync(join(root, '.git'), { recursive: true });
  const rows = readFileSync(join(CORPUS, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1);
  for (const row of rows) {
    const [repo, , path, name] = row.split('\t') as [string, string, string, string];
    if (repo !== REPO) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), readFileSync(join(CORPUS, name)));
  }
  if (withConfig) copyFileSync(CONFIG, join(root, 'compose2agent.yaml'));
  return root;
}

interface JsonFile {
  path: string;
  outcome: string;
  project?: { name?: string; files: string[] };
  diagnostics: { severity: string; code: string; file: string }[];
}

describe.skipIf(!present)('auto-pen-bench with its compose2agent.yaml', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(dirname(root), { recursive: true, force: true });
  });

  it('passes check: one converted project per category, no category file checked alone', async () => {
    const root = layOut(true);
    roots.push(root);
    const r = await run(root, ['check', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    expect(files.map((f) => f.project?.name)).toEqual(['access-control', 'cryptography', 'cve', 'network-security', 'web-security']);
    for (const f of files) {
      expect(f.outcome).toMatch(/^converted/);
      expect(f.path).toBe('benchmark/machines/docker-compose.yml');
      expect(f.project!.files).toHaveLength(2);
      expect(f.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });

  it('converts each project as convert -f BASE -f CATEGORY converts it', async () => {
    const root = layOut(true);
    roots.push(root);
    const json = JSON.parse((await run(root, ['check', '--format', 'json', '--verbose'])).stdout) as { files: JsonFile[] };
    for (const f of json.files) {
      const converted = await run(root, ['convert', ...f.project!.files.flatMap((file) => ['-f', file])]);
      expect(converted.code, converted.stderr).toBe(0);
      // The same diagnostics, file by file and code by code, as the project's check result.
      const codes = (text: string) => [...text.matchAll(/^(\S+):\d+:\d+: (?:error|warning|info) (C2A\d{3})/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
      expect(codes(converted.stderr)).toEqual(f.diagnostics.map((d) => `${d.file} ${d.code}`).sort());
    }
  });

  it('without the config file, judges each category file alone', async () => {
    const root = layOut(false);
    roots.push(root);
    const r = await run(root, ['check', '--format', 'json', '--image-registry', 'registry.example.com/auto-pen-bench']);
    const files = (JSON.parse(r.stdout) as { files: JsonFile[] }).files;
    expect(files).toHaveLength(6);
    expect(files.every((f) => f.project === undefined)).toBe(true);
  });
});
