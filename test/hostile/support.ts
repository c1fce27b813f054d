// Shared by the hostile suite: private temporary repositories, FIFOs, and the CLI and the
// template engine run in a child process under the suite's limits.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { makeTemplateRoot, renderTpl } from '../../src/chart/template/index.js';
import { tempDir } from '../support/temp-dir.js';

/** A fresh directory holding `files` (paths relative to it). */
export function repo(files: Record<string, string | Buffer> = {}): string {
  const dir = tempDir('hostile');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A named pipe nobody writes to: opening it for reading the ordinary way blocks for ever. */
export function fifo(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  execFileSync('mkfifo', [path]);
  return path;
}

export const SIMPLE = 'services:\n  default:\n    image: alpine:3.20\n';

/** The limits a hostile input runs under in a child process: a hang or an abort fails the test. */
export const LIMITS = { timeoutMs: 10_000, heapMb: 512 };

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'compose2agent.js');

export interface LimitedRun {
  /** The exit status; null when the child was killed (timeout) or aborted by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Node run with a module script (read from `-e`) under LIMITS; `input` is its standard input. */
function limited(script: string, cwd: string, input: string, env: NodeJS.ProcessEnv = {}): LimitedRun {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${LIMITS.heapMb}`, '--input-type=module', '-e', script], {
    cwd,
    input,
    encoding: 'utf8',
    timeout: LIMITS.timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    // The CLI's code cache and temporary files go where the test run put them, never to a shared default.
    env: { ...env, PATH: process.env.PATH, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE, TMPDIR: process.env.TMPDIR },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The built CLI under LIMITS, with `env` as its whole environment (and PATH). Its arguments reach it through standard input, not Node's
 * command line: Node 20 reads an `--env-file` anywhere on its own command line, before the
 * CLI runs, so a FIFO given to the CLI's --env-file would hang Node itself.
 */
export function runLimited(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): LimitedRun {
  const script = [
    `import { readFileSync } from 'node:fs';`,
    `process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...JSON.parse(readFileSync(0, 'utf8'))];`,
    `await import(${JSON.stringify(pathToFileURL(BIN).href)});`,
  ].join('\n');
  return limited(script, cwd, JSON.stringify(args), env);
}

export interface RenderResult {
  output?: string;
  error?: { kind: string; message: string; line: number; col: number; limit?: number };
}

/**
 * Templates rendered one after the other by the built engine in one child under LIMITS, each
 * with a budget of its own; `results` holds renderTpl's result for each.
 */
export function renderManyLimited(templates: readonly string[]): LimitedRun & { results?: RenderResult[] } {
  const engine = pathToFileURL(join(ROOT, 'dist', 'src', 'chart', 'template', 'index.js')).href;
  const script = [
    `import { readFileSync } from 'node:fs';`,
    `import { makeTemplateRoot, renderTpl } from ${JSON.stringify(engine)};`,
    `const root = makeTemplateRoot({}, { name: 'r', namespace: 'default' });`,
    `const results = JSON.parse(readFileSync(0, 'utf8')).map((template) => renderTpl(template, root));`,
    `process.stdout.write(JSON.stringify(results));`,
  ].join('\n');
  const r = limited(script, ROOT, JSON.stringify(templates));
  return r.code === 0 ? { ...r, results: JSON.parse(r.stdout) } : r;
}

/** One template rendered by the built engine under LIMITS. */
export function renderLimited(template: string): LimitedRun & { result?: RenderResult } {
  const r = renderManyLimited([template]);
  return r.results ? { ...r, result: r.results[0] } : r;
}

/**
 * A `render values.yaml` that failed with exactly one `code`, located in the values file: the
 * entries after the one that passed a render's budget would only pass it further.
 */
export function expectOneRenderError(r: LimitedRun, code: string): void {
  expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
  expect(r.stderr).toMatch(new RegExp(`values\\.yaml:\\d+:\\d+: error ${code}`));
  expect(r.stderr.match(new RegExp(code, 'g'))).toHaveLength(1);
}

export interface CheckedFile {
  path: string;
  diagnostics: { code: string; severity: string; message: string; file: string; line: number; col: number }[];
}

/** `check --format json` of a directory under LIMITS: each file it found, by path, and the run. */
export function checkLimited(dir: string, extra: string[] = []): LimitedRun & { files?: Map<string, CheckedFile> } {
  const r = runLimited(['check', '.', '--format', 'json', '--verbose', ...extra], dir);
  if (r.code !== 0 && r.code !== 1) return r;
  const files = (JSON.parse(r.stdout) as { files: CheckedFile[] }).files;
  return { ...r, files: new Map(files.map((f) => [f.path, f])) };
}

/** One test per [template, output] pair: the template renders in-process to exactly that output. */
export function rendersAs(cases: readonly [template: string, output: string][]): void {
  const root = makeTemplateRoot({}, { name: 'r', namespace: 'default' });
  for (const [template, output] of cases) {
    it(template, () => expect(renderTpl(template, root)).toEqual({ output }));
  }
}
