// End-to-end tests of the command line: arguments, exit codes, output files, formats.
// Most run main() in-process; one spawns the real launcher to cover bin/.

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main, type CliIO } from '../src/cli/main.js';
import { tempDir } from './support/temp-dir.js';

const REPO = resolve(import.meta.dirname, '..');

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env, isTTY: false, cwd };
  return main(args, io).then((code) => ({ code, stdout, stderr }));
}

function workdir(files: Record<string, string>): string {
  const dir = tempDir('cli');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const SIMPLE = 'services:\n  default:\n    image: alpine:3.20\n';

describe('cli', () => {
  it('converts with the default command and prints values', async () => {
    const dir = workdir({ 'compose.yaml': SIMPLE });
    const r = await runCli(['compose.yaml'], dir);
    expect(r.code).toBe(0);
    expect(parseYaml(r.stdout)).toEqual({ services: { default: { image: 'alpine:3.20', command: [], dnsRecord: true } } });
  });

  it('images lists a derived image of files that do not fit annotations, and --write-dockerfiles writes its Dockerfile', async () => {
    const dir = workdir({ 'compose.yaml': 'name: shop\nservices:\n  default:\n    image: nginx:1.27\n    volumes: ["./logo.png:/srv/logo.png:ro"]\n' });
    writeFileSync(join(dir, 'logo.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]));
    const refused = await runCli(['compose.yaml'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pass --image-registry');
    const converted = await runCli(['compose.yaml', '--image-registry', 'registry.example.com/evals'], dir);
    expect(converted.code).toBe(0);
    const image = (parseYaml(converted.stdout) as { services: { default: { image: string } } }).services.default.image;
    expect(image).toMatch(/^registry\.example\.com\/evals\/shop-default-files:[0-9a-f]{16}$/);
    const plan = await runCli(['images', 'compose.yaml', '--image-registry', 'registry.example.com/evals', '--json', '--write-dockerfiles', 'out'], dir);
    expect(plan.code).toBe(0);
    const { derived } = JSON.parse(plan.stdout) as { derived: { service: string; name: string; base: string; context: string; dockerfilePath: string }[] };
    expect(derived).toMatchObject([{ service: 'default', name: image, base: 'nginx:1.27', context: '.', dockerfilePath: 'out/shop-default-files.Dockerfile' }]);
    const dockerfile = readFileSync(join(dir, 'out', 'shop-default-files.Dockerfile'), 'utf8');
    expect(dockerfile).toContain('FROM nginx:1.27\n');
    expect(dockerfile).toContain('COPY --chmod=0644 ["logo.png", "/srv/logo.png"]\n');
    const text = await runCli(['images', 'compose.yaml', '--image-registry', 'registry.example.com/evals'], dir);
    expect(text.stdout).toContain(`default: ${image} (derived: FROM nginx:1.27, with the files of its bind mounts)`);
  });

  it('accepts the explicit convert command and --emit values', async () => {
    const dir = workdir({ 'compose.yaml': SIMPLE });
    const r = await runCli(['convert', 'compose.yaml', '--emit', 'values'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('image: alpine:3.20');
  });

  it('reads stdin for -', async () => {
    // main() reads fd 0 for '-': exercise it through the launcher with input piped in.
    const out = execFileSync(process.execPath, [join(REPO, 'bin', 'compose2agent.js'), '-'], { input: SIMPLE, encoding: 'utf8' });
    expect(out).toContain('image: alpine:3.20');
  });

  it('renders manifests with the release and namespace given', async () => {
    const dir = workdir({ 'compose.yaml': SIMPLE });
    const r = await runCli(['compose.yaml', '--emit', 'manifests', '--release', 'demo', '--namespace', 'evals'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Source: agent-env/templates/services.yaml');
    expect(r.stdout).toContain('name: agent-env-demo-default');
    expect(r.stdout).toContain('agent-env-demo-default.evals.svc.cluster.local');
  });

  it('writes -o atomically, leaving no temporary file', async () => {
    const dir = workdir({ 'compose.yaml': SIMPLE });
    const r = await runCli(['compose.yaml', '-o', 'values.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toContain('image: alpine:3.20');
    expect(readdirSync(dir).sort()).toEqual(['compose.yaml', 'values.yaml']);
  });

  it('exits 1 with located diagnostics when the input is rejected, and writes no output', async () => {
    const dir = workdir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    network_mode: host\n' });
    const r = await runCli(['compose.yaml', '-o', 'values.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^compose\.yaml:4:\d+: error C2A\d{3}: /m);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(readdirSync(dir)).toEqual(['compose.yaml']);
  });

  it('reports several mistakes of one file at once, each with a caret and a hint', async () => {
    const dir = workdir({
      'compose.yaml': [
        'services:',
        '  default:',
        '    image: alpine:3.20',
        '    mem_limit: 2 gigs',
        '  db:',
        '    image: postgres:16',
        '    user: postgres',
        '    healthcheck:',
        '      test: ["CMD", "pg_isready"]',
        '      interval: 5 seconds',
        '',
      ].join('\n'),
    });
    const r = await runCli(['compose.yaml'], dir);
    expect(r.code).toBe(1);
    const heads = r.stderr.split('\n').filter((l) => /^compose\.yaml:\d+:\d+: error /.test(l));
    expect(heads.map((l) => l.split(':')[1])).toEqual(['4', '7', '10']);
    const blocks = r.stderr.split('\n\n').filter((b) => /^compose\.yaml:\d+:\d+: error /.test(b));
    for (const block of blocks) {
      expect(block).toMatch(/\n\s+\| +\^+/);
      expect(block).toMatch(/\n {2}hint: \S/);
    }
  });

  it('prints diagnostics as JSON and as GitHub annotations', async () => {
    const dir = workdir({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    network_mode: host\n' });
    const json = await runCli(['compose.yaml', '--format', 'json'], dir);
    const doc = JSON.parse(json.stderr) as { version: number; diagnostics: { code: string; line: number }[] };
    expect(doc.version).toBe(1);
    expect(doc.diagnostics.find((d) => d.line === 4)).toBeDefined();
    const gh = await runCli(['compose.yaml', '--format', 'github'], dir);
    expect(gh.stderr).toMatch(/^::error file=compose\.yaml,line=4,col=\d+,/m);
  });

  it('prints the IR after a pass', async () => {
    const dir = workdir({ 'compose.yaml': SIMPLE });
    const r = await runCli(['compose.yaml', '--print-after', 'parse'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ services: { default: { image: 'alpine:3.20' } } });
  });

  it('exits 2 on usage errors and unreadable files, 0 on --help and --version', async () => {
    const dir = workdir({});
    expect((await runCli(['--emit', 'bogus', 'x.yaml'], dir)).code).toBe(2);
    expect((await runCli(['convert'], dir)).code).toBe(2);
    const missing = await runCli(['missing.yaml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read missing.yaml');
    expect((await runCli(['--help'], dir)).code).toBe(0);
    const version = await runCli(['--version'], dir);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('runs through the launcher with the documented exit codes', () => {
    const dir = workdir({ 'bad.yaml': 'services: [1, 2]\n' });
    const r = spawnSync(process.execPath, [join(REPO, 'bin', 'compose2agent.js'), 'bad.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^bad\.yaml:1:\d+: error C2A/m);
  });
});

describe('command-line rough edges', () => {
  it('-o into a directory that does not exist is a usage error: exit 2, no stack trace', async () => {
    const dir = workdir({ 'compose.yaml': SIMPLE });
    const r = await runCli(['compose.yaml', '-o', 'missing/values.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('compose2agent: cannot write missing/values.yaml: its directory does not exist\n');
    expect(r.stderr).not.toMatch(/internal error|    at /);
    expect(r.stdout).toBe('');
  });

  it('-o - writes to standard output', async () => {
    const dir = workdir({ 'compose.yaml': SIMPLE });
    const r = await runCli(['compose.yaml', '-o', '-'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('services:\n  default:\n');
    expect(readdirSync(dir)).toEqual(['compose.yaml']);
  });

  it('a mistyped command gets "did you mean"; a file of that name is still converted', async () => {
    const dir = workdir({ 'compose.yaml': SIMPLE });
    const r = await runCli(['rendr', 'compose.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("compose2agent: unknown command 'rendr'; did you mean 'render'?\n");
    const named = workdir({ chek: SIMPLE });
    expect((await runCli(['chek'], named)).code).toBe(0);
  });
});
