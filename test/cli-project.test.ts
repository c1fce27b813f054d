// Which Compose files `convert` and `images` read, as `docker compose` chooses them: -f,
// the named file with its automatic override file, COMPOSE_FILE, or the project's compose
// file found from the working directory up.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main, type CliIO } from '../src/cli/main.js';
import { tempDir } from './support/temp-dir.js';

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, isTTY: false, cwd };
  return main(args, io).then((code) => ({ code, stdout, stderr, values: code === 0 ? parseYaml(stdout) : undefined }));
}

function workdir(files: Record<string, string>): string {
  const dir = tempDir('project');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const BASE = 'services:\n  default:\n    image: alpine:3.20\n    command: [sleep, infinity]\n';
const OVERRIDE = 'services:\n  default:\n    environment:\n      FROM: override\n';
const env = (values: { services: Record<string, { env?: unknown }> } | undefined) => values?.services.default?.env;

describe('project files on the command line', () => {
  it('merges the override file beside a named compose file, and says so', async () => {
    const dir = workdir({ 'compose.yaml': BASE, 'compose.override.yaml': OVERRIDE });
    const r = await runCli(['compose.yaml'], dir);
    expect(r.code).toBe(0);
    expect(env(r.values)).toEqual([{ name: 'FROM', value: 'override' }]);
    expect(r.stderr).toContain('C2A213');
  });

  it('-f names the files exactly: no automatic override, several merged in order', async () => {
    const dir = workdir({ 'compose.yaml': BASE, 'compose.override.yaml': OVERRIDE, 'ci.yml': 'services:\n  default:\n    environment:\n      FROM: ci\n' });
    const alone = await runCli(['-f', 'compose.yaml'], dir);
    expect(env(alone.values)).toBeUndefined();
    const merged = await runCli(['convert', '-f', 'compose.yaml', '-f', 'ci.yml'], dir);
    expect(env(merged.values)).toEqual([{ name: 'FROM', value: 'ci' }]);
  });

  it('refuses a file named both as the argument and with -f (once the flag of values files)', async () => {
    const dir = workdir({ 'compose.yaml': BASE, 'values.yaml': 'services: {}\n' });
    const r = await runCli(['compose.yaml', '-f', 'values.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--values');
  });

  it('reads COMPOSE_FILE when no file is named, split on COMPOSE_PATH_SEPARATOR', async () => {
    const dir = workdir({ 'base.yml': `name: demo\n${BASE}`, 'extra.yml': OVERRIDE, 'build.yml': 'services:\n  default:\n    build: .\n' });
    const colon = await runCli([], dir, { COMPOSE_FILE: 'base.yml:extra.yml' });
    expect(env(colon.values)).toEqual([{ name: 'FROM', value: 'override' }]);
    const semicolon = await runCli(['images', '--json'], dir, { COMPOSE_FILE: 'base.yml;build.yml', COMPOSE_PATH_SEPARATOR: ';' });
    expect(semicolon.code).toBe(0);
    expect(JSON.parse(semicolon.stdout).images.map((i: { service: string }) => i.service)).toEqual(['default']);
  });

  it("finds the project's compose file from the working directory up, with its override file", async () => {
    const dir = workdir({ 'docker-compose.yml': BASE, 'docker-compose.override.yml': OVERRIDE, 'sub/notes.txt': '' });
    const r = await runCli([], join(dir, 'sub'));
    expect(r.code).toBe(0);
    expect(env(r.values)).toEqual([{ name: 'FROM', value: 'override' }]);
  });

  it('names a project after the directory of its file, from within that directory, alike in images and convert', async () => {
    // No `name:`, run where the file is: Compose names the project after the working directory.
    const dir = workdir({ 'task/file.yml': 'services:\n  default:\n    build: .\n    command: [sleep, infinity]\n' });
    const cwd = join(dir, 'task');
    const images = await runCli(['images', 'file.yml', '--image-registry', 'r.example', '--format', 'json'], cwd);
    expect(images.stderr).not.toContain('C2A212');
    expect(images.code).toBe(0);
    const plan = JSON.parse(images.stdout) as { project: string; images: { image: string }[] };
    expect(plan.project).toBe('task');
    const converted = await runCli(['file.yml', '--image-registry', 'r.example'], cwd);
    expect(converted.code).toBe(0);
    expect(converted.values.services.default.image).toBe(plan.images[0]!.image);
    expect(plan.images[0]!.image).toBe('r.example/task-default');
  });

  it('refuses, in images and convert alike, a project whose directory name leaves no project name', async () => {
    const dir = workdir({ '___/compose.yaml': 'services:\n  default:\n    build: .\n' });
    const cwd = join(dir, '___');
    for (const args of [['images', 'compose.yaml', '--image-registry', 'r.example'], ['compose.yaml', '--image-registry', 'r.example']]) {
      const r = await runCli(args, cwd);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain('C2A212');
    }
  });

  it('an override file named with -f that does not exist is a usage error', async () => {
    const dir = workdir({ 'compose.yaml': BASE });
    const r = await runCli(['-f', 'compose.yaml', '-f', 'nope.yml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read nope.yml');
  });
});
