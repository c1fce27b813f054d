// The command line's shared behaviour across commands: -q and --verbose, colour, a directory
// for a compose file, `-o -`, `images --format json`, a Compose file given to render, the job
// summary GitHub reads, and nothing but diagnostics on stderr.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../src/cli/main.js';
import { tempDir } from './support/temp-dir.js';

const REPO = resolve(import.meta.dirname, '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, tty = false): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, isTTY: tty, stdoutIsTTY: tty, cwd };
  return main(args, io).then((code) => ({ code, stdout, stderr }));
}

function workdir(files: Record<string, string>): string {
  const dir = tempDir('options');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

// The default service runs its image's program: an info (C2A095). A build-only service: a plan.
const WITH_INFO = 'services:\n  default:\n    image: alpine:3.20\n';
const WITH_WARNING = 'services:\n  default:\n    image: alpine:3.20${TAG}\n    command: ["sleep", "infinity"]\n';
const BUILT = 'services:\n  default:\n    build: ./app\n    command: ["sleep", "infinity"]\n';
const ANSI = /\x1b\[/;

describe('-q and --verbose', () => {
  it('convert, render, images and explain leave out info diagnostics under -q, in every format', async () => {
    // In a directory of its own: a compose file in the working directory has no project name for images.
    const dir = workdir({
      'task/compose.yaml': WITH_INFO,
      'built/compose.yaml': BUILT,
      // An override file merged unasked: an info (C2A213) images reports too.
      'built/compose.override.yaml': 'services:\n  default:\n    environment: {A: b}\n',
    });
    const file = 'task/compose.yaml';
    for (const format of ['text', 'json', 'github']) {
      expect((await runCli([file, '--format', format], dir)).stderr).toContain('C2A095');
      expect((await runCli([file, '--format', format, '-q'], dir)).stderr).not.toContain('C2A095');
    }
    const values = (await runCli([file], dir)).stdout;
    writeFileSync(join(dir, 'values.yaml'), values);
    for (const format of ['text', 'json']) {
      expect((await runCli(['images', 'built', '--format', format], dir)).stderr).toContain('C2A213');
      expect((await runCli(['images', 'built', '--format', format, '-q'], dir)).stderr).not.toContain('C2A213');
    }
    expect((await runCli(['explain', file], dir)).stderr).toContain('C2A095');
    expect((await runCli(['explain', file, '-q'], dir)).stderr).not.toContain('C2A095');
    const render = await runCli(['render', 'values.yaml', '-q'], dir);
    expect(render.code).toBe(0);
    expect(render.stderr).toBe('');
  });

  it('check: json, github and sarif print info diagnostics only with --verbose; -q keeps only files with problems', async () => {
    const dir = workdir({ 'a/compose.yaml': WITH_INFO, 'b/compose.yaml': WITH_WARNING });
    const codes = (doc: { files: { diagnostics: { code: string }[] }[] }) => doc.files.flatMap((f) => f.diagnostics.map((d) => d.code));
    const json = JSON.parse((await runCli(['check', '--format', 'json'], dir)).stdout);
    expect(codes(json)).toEqual(['C2A012']);
    expect(json.summary.infos).toBe(1);
    expect(codes(JSON.parse((await runCli(['check', '--format', 'json', '--verbose'], dir)).stdout))).toEqual(['C2A095', 'C2A012']);
    const quiet = JSON.parse((await runCli(['check', '--format', 'json', '-q'], dir)).stdout);
    expect(quiet.files.map((f: { path: string }) => f.path)).toEqual(['b/compose.yaml']);

    const github = (await runCli(['check', '--format', 'github'], dir)).stdout;
    expect(github).not.toMatch(/^::notice .*C2A095/m);
    expect(github).toMatch(/^::warning .*C2A012/m);
    expect((await runCli(['check', '--format', 'github', '--verbose'], dir)).stdout).toMatch(/^::notice file=a\/compose.yaml,.*C2A095/m);
    expect((await runCli(['check', '--format', 'github', '-q'], dir)).stdout).not.toMatch(/^converted {16}a\/compose.yaml$/m);
    expect(github).toMatch(/^converted {16}a\/compose.yaml$/m);

    const levels = (out: string) => JSON.parse(out).runs[0].results.map((r: { level: string }) => r.level);
    expect(levels((await runCli(['check', '--format', 'sarif'], dir)).stdout)).toEqual(['warning']);
    expect(levels((await runCli(['check', '--format', 'sarif', '-q'], dir)).stdout)).toEqual(['warning']);
    expect(levels((await runCli(['check', '--format', 'sarif', '--verbose'], dir)).stdout)).toEqual(['note', 'warning']);

    expect((await runCli(['check'], dir)).stdout).toMatch(/: info C2A095/);
    expect((await runCli(['check', '-q'], dir)).stdout).not.toMatch(/: info C2A095/);
    expect((await runCli(['check', '-q', '--verbose'], dir)).code).toBe(2);
  });
});

describe('the job summary', () => {
  it('check --format github appends Markdown to $GITHUB_STEP_SUMMARY, keeping what earlier steps wrote', async () => {
    const dir = workdir({ 'a/compose.yaml': WITH_INFO, 'b/compose.yaml': BUILT });
    const summaryFile = join(dir, 'step-summary.md');
    writeFileSync(summaryFile, 'earlier step\n');
    const run = await runCli(['check', '--format', 'github', 'a', 'b'], dir, { GITHUB_STEP_SUMMARY: summaryFile });
    expect(run.code).toBe(1);
    const written = readFileSync(summaryFile, 'utf8');
    expect(written.startsWith('earlier step\n### compose2agent check\n')).toBe(true);
    expect(written).toContain('**Next step**: 1 of 1 rejected file: services built from source; set --image-registry PREFIX');
    expect(written).toContain('| a/compose.yaml | converted | 0 | 0 |');
    expect(written).toContain('| b/compose.yaml | rejected | 1 | 0 |');
    // Other formats leave it alone.
    await runCli(['check', '--format', 'json', 'a'], dir, { GITHUB_STEP_SUMMARY: summaryFile });
    expect(readFileSync(summaryFile, 'utf8')).toBe(written);
  });
});

describe('colour', () => {
  const dir = workdir({ 'compose.yaml': WITH_WARNING, 'other/compose.yaml': WITH_WARNING });
  const coloured = async (env: NodeJS.ProcessEnv, tty: boolean, flags: string[] = []) => {
    const convert = await runCli(['compose.yaml', ...flags], dir, env, tty);
    const check = await runCli(['check', 'other', ...flags], dir, env, tty);
    const explain = await runCli(['explain', 'compose.yaml', ...flags], dir, env, tty);
    return [ANSI.test(convert.stderr), ANSI.test(check.stdout), ANSI.test(explain.stdout)];
  };

  it('follows the terminal by default, and NO_COLOR (non-empty) or TERM=dumb turn it off', async () => {
    expect(await coloured({}, true)).toEqual([true, true, true]);
    expect(await coloured({}, false)).toEqual([false, false, false]);
    expect(await coloured({ NO_COLOR: '1' }, true)).toEqual([false, false, false]);
    expect(await coloured({ NO_COLOR: '' }, true)).toEqual([true, true, true]);
    expect(await coloured({ TERM: 'dumb' }, true)).toEqual([false, false, false]);
  });

  it('FORCE_COLOR turns it on without a terminal (1, 2, 3, true, empty) or off (0, false), over NO_COLOR', async () => {
    for (const value of ['1', '2', '3', 'true', '']) expect(await coloured({ FORCE_COLOR: value, NO_COLOR: '1' }, false)).toEqual([true, true, true]);
    for (const value of ['0', 'false']) expect(await coloured({ FORCE_COLOR: value }, true)).toEqual([false, false, false]);
  });

  it('--color and --no-color win over the environment', async () => {
    expect(await coloured({ NO_COLOR: '1' }, false, ['--color'])).toEqual([true, true, true]);
    expect(await coloured({ FORCE_COLOR: '1' }, true, ['--no-color'])).toEqual([false, false, false]);
  });
});

describe('a directory names its compose file', () => {
  it('convert, images and explain find the compose file as docker compose does, with its override file', async () => {
    const dir = workdir({
      'task/docker-compose.yml': 'services:\n  default:\n    image: alpine:3.20\n    command: ["sleep", "infinity"]\n',
      'task/compose.yaml': WITH_INFO,
      'task/compose.override.yaml': 'services:\n  default:\n    image: alpine:3.21\n',
    });
    const converted = await runCli(['task'], dir);
    expect(converted.code).toBe(0);
    expect(converted.stdout).toContain('image: alpine:3.21');
    expect(converted.stderr).toContain('task/compose.yaml');
    expect(converted.stdout).toBe((await runCli(['task/compose.yaml'], dir)).stdout);
    const images = await runCli(['images', 'task', '--format', 'json'], dir);
    expect(images.code).toBe(0);
    expect(JSON.parse(images.stdout).images).toEqual([]);
    const explained = await runCli(['explain', 'task'], dir);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('task/compose.yaml (compose)');
  });

  it('a directory without a compose file is a usage error naming the names looked for', async () => {
    const dir = workdir({ 'empty/README.md': 'nothing here\n' });
    for (const args of [['empty'], ['images', 'empty'], ['explain', 'empty']]) {
      const run = await runCli(args, dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('compose2agent: no Compose file in empty: looked for compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml\n');
    }
  });
});

describe('-o - and images --format json', () => {
  it('render -o - writes to standard output and creates no file', async () => {
    const dir = workdir({ 'compose.yaml': WITH_INFO });
    writeFileSync(join(dir, 'values.yaml'), (await runCli(['compose.yaml'], dir)).stdout);
    const run = await runCli(['render', 'values.yaml', '-o', '-'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# Source: agent-env/templates/');
    expect(readdirSync(dir).sort()).toEqual(['compose.yaml', 'values.yaml']);
  });

  it('images --format json prints the plan as JSON; --json is its hidden, deprecated spelling', async () => {
    const dir = workdir({ 'task/compose.yaml': BUILT });
    const run = await runCli(['images', 'task', '--format', 'json', '--image-registry', 'ghcr.io/org'], dir);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as { project: string; images: { service: string; image: string }[] };
    expect(plan.project).toBe('task');
    expect(plan.images.map((i) => [i.service, i.image])).toEqual([['default', 'ghcr.io/org/task-default']]);
    expect((await runCli(['images', 'task', '--json', '--image-registry', 'ghcr.io/org'], dir)).stdout).toBe(run.stdout);
    expect((await runCli(['images', '--help'], dir)).stdout).not.toContain('--json');
    expect((await runCli(['images', 'task', '--image-registry', 'ghcr.io/org'], dir)).stdout).toBe('default: ghcr.io/org/task-default\n  context:    ./app\n  dockerfile: Dockerfile\n');
  });
});

describe('render of a Compose file', () => {
  it('is one error saying what the file is and what to run instead (C2A290)', async () => {
    const dir = workdir({
      'compose.yaml':
        'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    depends_on: [db]\n    environment:\n      A: b\n  db:\n    image: postgres\n',
    });
    const run = await runCli(['render', 'compose.yaml'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.match(/ error C2A\d+/g)).toEqual([' error C2A290']);
    expect(run.stderr).toContain(
      'compose.yaml:5:5: error C2A290: compose.yaml is a Docker Compose file, not agent-env values: it uses Compose keys agent-env values do not have (depends_on, environment)',
    );
    expect(run.stderr).toContain('hint: convert it instead: compose2agent convert compose.yaml');
  });

  it('leaves values files with mistakes to the values checks', async () => {
    const dir = workdir({ 'values.yaml': 'services:\n  default:\n    image: alpine\n    imagee: x\n' });
    const run = await runCli(['render', 'values.yaml'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('C2A290');
    expect(run.stderr).toContain("unknown key 'imagee'");
  });
});

describe('stderr', () => {
  it('holds nothing but the diagnostics, also for values YAML would read as a directive', () => {
    const dir = workdir({
      'compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n    command: ["sleep", "infinity"]\n    environment:\n      A: "%foo bar"\n      B: "%YAML 1.2"\n',
    });
    for (const emit of ['values', 'manifests']) {
      const r = spawnSync(process.execPath, [join(REPO, 'bin', 'compose2agent.js'), 'compose.yaml', '--emit', emit, '--format', 'json'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('%foo bar');
      expect(JSON.parse(r.stderr)).toEqual({ version: 1, diagnostics: [] });
    }
  });
});
