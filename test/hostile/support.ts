// Shared by the hostile suite: private temporary repositories, FIFOs, and the CLI run in-process.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { main, type CliIO } from '../../src/cli/main.js';
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

export async function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, isTTY: false, cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
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

function limited(args: string[], cwd: string, input?: string): LimitedRun {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${LIMITS.heapMb}`, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    timeout: LIMITS.timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    // The CLI's code cache and temporary files go where the test run put them, never to a shared default.
    env: { PATH: process.env.PATH, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE, TMPDIR: process.env.TMPDIR },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** The built CLI under LIMITS. */
export function runLimited(args: string[], cwd: string): LimitedRun {
  return limited([BIN, ...args], cwd);
}

/** One template rendered by the built engine under LIMITS; stdout holds renderTpl's result as JSON. */
export function renderLimited(template: string): LimitedRun & { result?: { output?: string; error?: { kind: string; message: string; line: number } } } {
  const engine = pathToFileURL(join(ROOT, 'dist', 'src', 'chart', 'template', 'index.js')).href;
  const script = [
    `import { readFileSync } from 'node:fs';`,
    `import { makeTemplateRoot, renderTpl } from ${JSON.stringify(engine)};`,
    `const result = renderTpl(readFileSync(0, 'utf8'), makeTemplateRoot({}, { name: 'r', namespace: 'default' }));`,
    `process.stdout.write(JSON.stringify(result));`,
  ].join('\n');
  const r = limited(['--input-type=module', '-e', script], ROOT, template);
  return r.code === 0 ? { ...r, result: JSON.parse(r.stdout) } : r;
}

/** One test per [template, output] pair: the template renders in-process to exactly that output. */
export function rendersAs(cases: readonly [template: string, output: string][]): void {
  const root = makeTemplateRoot({}, { name: 'r', namespace: 'default' });
  for (const [template, output] of cases) {
    it(template, () => expect(renderTpl(template, root)).toEqual({ output }));
  }
}
