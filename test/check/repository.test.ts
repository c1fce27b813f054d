// A repository as real eval repositories lay themselves out: shared Compose fragments that
// challenges include or extend, the Docker socket mounted as boilerplate, files to leave out,
// and the repository config file (compose2agent.yaml) that says so once for `convert` and
// `check`. End to end through the CLI, with the real converter and renderer.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CONVERSION_OPTIONS } from '../../passes/options.js';
import { main, type CliIO } from '../../src/cli/main.js';
import { tempDir } from '../support/temp-dir.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cwd: string, args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, isTTY: false, cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** A repository (with `.git`) holding the files given, under a parent directory. */
function repository(files: Record<string, string>, above: Record<string, string> = {}): string {
  const parent = tempDir('repo');
  const root = join(parent, 'repo');
  mkdirSync(join(root, '.git'), { recursive: true });
  for (const [name, text] of Object.entries(above)) writeFileSync(join(parent, name), text);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const SLEEP = '    command: ["sleep", "infinity"]\n';

/** cve-bench's layout: a shared target every challenge includes, a base service a challenge extends. */
const LAYOUT = {
  'common/compose.yml': 'services:\n  target:\n    image: nginx:1.27\n    networks: [net]\n',
  'challenges/a/compose.yml':
    'include:\n  - ../../common/compose.yml\nservices:\n  default:\n    image: alpine:3.20\n' + SLEEP + '    networks: [net]\nnetworks:\n  net: {}\n',
  'challenges/b/compose.yml':
    'services:\n  default:\n    extends:\n      file: ../../sandboxes/kali/compose.yml\n      service: kali\n',
  'sandboxes/kali/compose.yml': 'services:\n  kali:\n    image: kalilinux/kali-rolling\n' + SLEEP,
};

const SOCKET = 'services:\n  default:\n    image: alpine:3.20\n' + SLEEP + '    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';

interface JsonFile {
  path: string;
  outcome: string;
  usedBy?: string[];
  project?: { name?: string; files: string[] };
  diagnostics: { code: string; severity: string; file: string; line: number; col: number }[];
}

async function checkJson(cwd: string, args: string[] = []): Promise<{ code: number; files: Map<string, JsonFile>; doc: unknown; stderr: string }> {
  const r = await run(cwd, ['check', '--format', 'json', ...args]);
  const doc = JSON.parse(r.stdout) as { files: JsonFile[] };
  return { code: r.code, files: new Map(doc.files.map((f) => [f.path, f])), doc, stderr: r.stderr };
}

describe('check: fragments', () => {
  it('reports files other checked files include or extend as fragments, not as rejected sandboxes', async () => {
    const root = repository(LAYOUT);
    const { code, files, doc } = await checkJson(root, ['--verbose']);
    expect(Object.fromEntries([...files].map(([p, f]) => [p, f.outcome]))).toEqual({
      'challenges/a/compose.yml': 'converted',
      'challenges/b/compose.yml': 'converted',
      'common/compose.yml': 'fragment',
      'sandboxes/kali/compose.yml': 'fragment',
    });
    expect(files.get('common/compose.yml')!.usedBy).toEqual(['challenges/a/compose.yml']);
    expect(files.get('sandboxes/kali/compose.yml')!.usedBy).toEqual(['challenges/b/compose.yml']);
    expect(files.get('common/compose.yml')!.diagnostics.map((d) => d.code)).toEqual(['C2A256']);
    expect(code).toBe(0);
    const summary = (doc as { summary: { outcomes: Record<string, number> } }).summary;
    expect(summary.outcomes).toMatchObject({ fragment: 2, rejected: 0 });
    const schema = JSON.parse(readFileSync(new URL('../../schemas/check-result.schema.json', import.meta.url), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it("reports a fragment's mistakes under the sandbox that uses it, located in the fragment", async () => {
    const root = repository({ ...LAYOUT, 'common/compose.yml': 'services:\n  target:\n    image: nginx:1.27\n    networks: [net]\n    pid: host\n' });
    const { code, files } = await checkJson(root);
    expect(files.get('common/compose.yml')!.outcome).toBe('fragment');
    const includer = files.get('challenges/a/compose.yml')!;
    expect(includer.outcome).toBe('rejected');
    expect(includer.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ file: 'common/compose.yml', line: 5 });
    expect(code).toBe(1);
  });

  it('checks a file on its own when no checked file uses it', async () => {
    const root = repository(LAYOUT);
    const { files } = await checkJson(root, ['common/compose.yml']);
    expect(files.get('common/compose.yml')!.outcome).toBe('rejected');
  });
});

/** auto-pen-bench's layout: one base file, and per challenge an override file that is no sandbox alone. */
const PROJECTS = {
  'benchmark/docker-compose.yml': 'services:\n  default:\n    image: kalilinux/kali-rolling\n' + SLEEP + '    networks: [lab]\nnetworks:\n  lab: {}\n',
  'benchmark/machines/web/docker-compose.yml': 'services:\n  target:\n    image: nginx:1.27\n    networks: [lab]\n  default:\n    environment:\n      TARGET: target\n',
  'benchmark/machines/net/docker-compose.yml': 'services:\n  target:\n    image: redis:7\n    networks: [lab]\n',
  'compose2agent.yaml':
    'projects:\n  web:\n    files: [benchmark/docker-compose.yml, benchmark/machines/web/docker-compose.yml]\n' +
    '  net:\n    files: [benchmark/docker-compose.yml, benchmark/machines/net/docker-compose.yml]\n    project-name: lab-net\n',
};

describe('check: projects of several files', () => {
  it('checks each projects: entry as one merged project, and none of its files alone', async () => {
    const { 'compose2agent.yaml': _config, ...layout } = PROJECTS;
    // Without the entries, the override file is checked alone: its default service has no image.
    const alone = await checkJson(repository(layout));
    expect(alone.files.get('benchmark/machines/web/docker-compose.yml')!.outcome).toBe('rejected');
    const root = repository(PROJECTS);
    const { code, doc } = await checkJson(root, ['--verbose']);
    const files = (doc as { files: JsonFile[] }).files;
    expect(files.map((f) => [f.project?.name, f.path, f.outcome, f.project?.files])).toEqual([
      ['net', 'benchmark/docker-compose.yml', 'converted', ['benchmark/docker-compose.yml', 'benchmark/machines/net/docker-compose.yml']],
      ['web', 'benchmark/docker-compose.yml', 'converted', ['benchmark/docker-compose.yml', 'benchmark/machines/web/docker-compose.yml']],
    ]);
    expect(code).toBe(0);
    expect((doc as { summary: { files: number; projects: number } }).summary).toMatchObject({ files: 2, projects: 2 });
    const schema = JSON.parse(readFileSync(new URL('../../schemas/check-result.schema.json', import.meta.url), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('merges the files in order, with the entry\'s options and project name', async () => {
    const root = repository({
      ...PROJECTS,
      'benchmark/machines/net/docker-compose.yml': 'services:\n  target:\n    build: .\n    networks: [lab]\n',
      'benchmark/machines/net/Dockerfile': 'FROM redis:7\n',
    });
    const refused = await checkJson(root);
    expect(refused.files.get('benchmark/docker-compose.yml')).toBeDefined();
    const net = (refused.doc as { files: JsonFile[] }).files.find((f) => f.project?.name === 'net')!;
    expect(net.outcome).toBe('rejected');
    expect(net.diagnostics.find((d) => d.code === 'C2A044')).toMatchObject({ file: 'benchmark/machines/net/docker-compose.yml', line: 3 });
    const registry = await run(root, ['check', '--image-registry', 'r.example', '--verbose']);
    expect(registry.code).toBe(0);
    expect(registry.stdout).toContain('r.example/lab-net-target');
    expect(registry.stdout).toMatch(/converted with warnings\s+net: benchmark\/docker-compose\.yml \+ benchmark\/machines\/net\/docker-compose\.yml/);
    expect(registry.stdout).toContain('(of them 2 projects of several Compose files, each checked as one)');
  });

  it('reports a project in every format under its name and files', async () => {
    const root = repository(PROJECTS);
    const github = await run(root, ['check', '--format', 'github']);
    expect(github.stdout).toMatch(/converted\s+web: benchmark\/docker-compose\.yml \+ benchmark\/machines\/web\/docker-compose\.yml/);
    const broken = repository({ ...PROJECTS, 'benchmark/machines/web/docker-compose.yml': 'services:\n  default:\n    pid: host\n' });
    const sarif = JSON.parse((await run(broken, ['check', '--format', 'sarif'])).stdout) as {
      runs: { results: { ruleId: string; properties?: { project: string } }[] }[];
    };
    expect(sarif.runs[0]!.results.find((r) => r.properties?.project.startsWith('web: '))).toBeDefined();
  });

  it('checks a compose file with the override file beside it as one project, not the override alone', async () => {
    const root = repository({
      'task/compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n' + SLEEP,
      'task/compose.override.yaml': 'services:\n  default:\n    environment:\n      A: b\n',
    });
    const { code, doc } = await checkJson(root);
    const files = (doc as { files: JsonFile[] }).files;
    expect(files.map((f) => [f.path, f.outcome, f.project])).toEqual([
      ['task/compose.yaml', 'converted', { files: ['task/compose.yaml', 'task/compose.override.yaml'] }],
    ]);
    expect(code).toBe(0);
  });

  it('validates an entry: files required and not empty, unknown keys named', async () => {
    const root = repository({ ...PROJECTS, 'compose2agent.yaml': 'projects:\n  a:\n    files: []\n  b:\n    profile: [x]\n' });
    const r = await run(root, ['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('compose2agent.yaml:3:12: error C2A258');
    expect(r.stderr).toContain("unknown key 'profile' in projects.b");
    expect(r.stderr).toContain("hint: did you mean 'profiles'?");
    expect(r.stderr).toMatch(/compose2agent\.yaml:5:5: error C2A258: .*files/);
  });
});

describe('check: --exclude', () => {
  it('leaves out the files a pattern matches, relative to the working directory', async () => {
    const root = repository({ ...LAYOUT, 'examples/broken/compose.yaml': 'services:\n  x:\n    image: foo bar\n' });
    const before = await checkJson(root);
    expect(before.files.get('examples/broken/compose.yaml')!.outcome).toBe('rejected');
    const after = await checkJson(root, ['--exclude', 'examples/', '--exclude', 'sandboxes/kali/compose.yml']);
    expect([...after.files.keys()]).toEqual(['challenges/a/compose.yml', 'challenges/b/compose.yml', 'common/compose.yml']);
    expect(after.code).toBe(0);
    const fromBelow = await checkJson(join(root, 'challenges'), ['--exclude', 'b']);
    expect([...fromBelow.files.keys()]).toEqual(['a/compose.yml']);
  });
});

describe('the Docker socket opt-in', () => {
  it('refuses the socket by default and drops it with a warning under --drop-docker-socket', async () => {
    const root = repository({ 'compose.yaml': SOCKET });
    const refused = await run(root, ['compose.yaml']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error C2A071');
    const dropped = await run(root, ['compose.yaml', '--drop-docker-socket']);
    expect(dropped.code).toBe(0);
    expect(dropped.stderr).toMatch(/compose\.yaml:6:9: warning C2A257/);
    expect(JSON.stringify(parseYaml(dropped.stdout))).not.toContain('docker.sock');
  });
});

describe('the repository config file', () => {
  it('gives convert and check its options: the socket opt-in, excludes, per-path overrides', async () => {
    const root = repository({
      ...LAYOUT,
      'compose2agent.yaml': 'drop-docker-socket: true\nexclude: [examples/]\noverrides:\n  "built/**": { image-tag: v2 }\n',
      'socket/compose.yaml': SOCKET,
      'examples/compose.yaml': 'services:\n  x:\n    image: foo bar\n',
      'built/compose.yaml': 'services:\n  default:\n    build: .\n' + SLEEP,
      'built/Dockerfile': 'FROM alpine:3.20\n',
    });
    const converted = await run(join(root, 'socket'), ['compose.yaml']);
    expect(converted.code).toBe(0);
    expect(converted.stderr).toContain('warning C2A257');

    const checked = await checkJson(root, ['--image-registry', 'registry.example.com/evals']);
    expect(checked.files.has('examples/compose.yaml')).toBe(false);
    expect(checked.files.get('socket/compose.yaml')!.outcome).toBe('converted-with-warnings');
    expect(checked.code).toBe(0);

    const values = await run(root, ['built/compose.yaml', '--image-registry', 'registry.example.com/evals']);
    expect(values.stdout).toContain('image: registry.example.com/evals/built-default:v2');
  });

  it('lets an override turn an opt-in off for its files', async () => {
    const root = repository({
      'compose2agent.yaml': 'drop-docker-socket: true\noverrides:\n  "escape/**": { drop-docker-socket: false }\n',
      'boilerplate/compose.yaml': SOCKET,
      'escape/compose.yaml': SOCKET,
    });
    const { files } = await checkJson(root);
    expect(files.get('boilerplate/compose.yaml')!.outcome).toBe('converted-with-warnings');
    expect(files.get('escape/compose.yaml')!.outcome).toBe('rejected');
    expect(files.get('escape/compose.yaml')!.diagnostics.map((d) => d.code)).toContain('C2A071');
  });

  it('lets the command line win over it', async () => {
    const root = repository({
      'compose2agent.yaml': 'image-registry: registry.example.com/from-config\nimage-tag: v1\n',
      'app/compose.yaml': 'services:\n  default:\n    build: .\n' + SLEEP,
      'app/Dockerfile': 'FROM alpine:3.20\n',
    });
    const fromConfig = await run(root, ['app/compose.yaml']);
    expect(fromConfig.stdout).toContain('image: registry.example.com/from-config/app-default:v1');
    const fromCli = await run(root, ['app/compose.yaml', '--image-tag', 'v9']);
    expect(fromCli.stdout).toContain('image: registry.example.com/from-config/app-default:v9');
  });

  it('reads env files relative to its own directory', async () => {
    const root = repository({
      'compose2agent.yaml': 'env-files: [config/eval.env]\n',
      'config/eval.env': 'TAG=3.20\n',
      'app/compose.yaml': 'services:\n  default:\n    image: alpine:${TAG}\n' + SLEEP,
    });
    const r = await run(join(root, 'app'), ['compose.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('image: alpine:3.20');
  });

  it('is not looked for above the repository root', async () => {
    const root = repository({ 'compose.yaml': SOCKET }, { 'compose2agent.yaml': 'drop-docker-socket: true\n' });
    const r = await run(root, ['compose.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error C2A071');
  });

  it('is validated by its schema, errors at their line and column', async () => {
    const root = repository({
      'compose2agent.yaml': 'drop-docker-sockt: true\nimage-tag: 3\noverrides:\n  "a/**": { strict: maybe }\n',
      'compose.yaml': SOCKET,
    });
    for (const args of [['compose.yaml'], ['check']]) {
      const r = await run(root, args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("compose2agent.yaml:1:1: error C2A258: the repository config file cannot be used: unknown key 'drop-docker-sockt'");
      expect(r.stderr).toContain("hint: did you mean 'drop-docker-socket'?");
      expect(r.stderr).toContain('compose2agent.yaml:2:12: error C2A258');
      expect(r.stderr).toContain('compose2agent.yaml:4:21: error C2A258');
    }
  });

  it('has a schema whose options are the conversion options, declared once', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/compose2agent-config.schema.json', import.meta.url), 'utf8')) as {
      properties: Record<string, unknown>;
      definitions: Record<string, { type?: string; items?: { type: string } }> & { options: { properties: Record<string, unknown> } };
    };
    const keys = CONVERSION_OPTIONS.map((o) => o.configKey).sort();
    expect(Object.keys(schema.definitions.options.properties).sort()).toEqual(keys);
    expect(Object.keys(schema.properties).sort()).toEqual([...keys, 'exclude', 'overrides', 'projects'].sort());
    const project = (schema.definitions as unknown as Record<string, { properties: Record<string, unknown> }>).project!;
    expect(Object.keys(project.properties).sort()).toEqual([...keys, 'files', 'project-name'].sort());
    for (const option of CONVERSION_OPTIONS) {
      const definition = schema.definitions[option.configKey]!;
      const type = option.kind === 'strings' ? `array of ${definition.items?.type}` : definition.type;
      expect(type, option.configKey).toBe(option.kind === 'strings' ? 'array of string' : option.kind);
    }
  });
});
