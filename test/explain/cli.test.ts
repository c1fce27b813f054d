// `compose2agent explain` end to end, in-process: file kinds, formats, colour, exit codes.

import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main, type CliIO } from '../../src/cli/main.js';
import { FIXTURES, validateExplanation } from './helpers.js';
import { tempDir } from '../support/temp-dir.js';

function workdir(fixtures: Record<string, string>): string {
  const dir = tempDir('explain');
  for (const [name, fixture] of Object.entries(fixtures)) copyFileSync(join(FIXTURES, fixture), join(dir, name));
  return dir;
}

async function run(args: string[], cwd: string, tty: { stdout?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: tty.env ?? {},
    isTTY: false,
    stdoutIsTTY: tty.stdout ?? false,
    cwd,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('compose2agent explain', () => {
  test('text: every section, aligned, without colour off a terminal', async () => {
    const dir = workdir({ 'compose.yaml': 'four-services.compose.yaml' });
    const r = await run(['explain', 'compose.yaml', '--release', 'evals', '--namespace', 'sandbox'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\x1b[');
    for (const heading of ['PODS (4)', 'DNS NAMES', 'REACHABILITY', 'EGRESS / INTERNET', 'WARNINGS (1)']) expect(r.stdout).toContain(heading);
    // Nothing is widened; the one difference from Docker is the conversion's warning, under its service.
    expect(r.stdout).toContain('\n    db:\n      !  C2A325 compose.yaml:15: volume \'db_data\' is mounted at');
    expect(r.stdout).toContain('compose.yaml (compose), release evals, namespace sandbox');
    const reach = r.stdout.split('REACHABILITY')[1]!.split('\n\n')[0]!;
    expect(reach).toContain('  db       ← web (all ports)\n');
    expect(reach).toContain('  web      ← db, default, tool (all ports)');
    expect(r.stdout).toContain('  db, agent-env-evals-db            → db\n');
    expect(r.stdout).toContain('no internet access');
  });

  test('colour on a terminal, none with NO_COLOR', async () => {
    const dir = workdir({ 'compose.yaml': 'world.compose.yaml' });
    const coloured = await run(['explain', 'compose.yaml'], dir, { stdout: true });
    expect(coloured.stdout).toContain('\x1b[31m');
    expect(coloured.stdout).toContain('UNRESTRICTED INTERNET');
    const plain = await run(['explain', 'compose.yaml'], dir, { stdout: true, env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\x1b[');
    expect(plain.stdout).toContain('UNRESTRICTED INTERNET');
  });

  test('json validates against the schema; values files merge over the converted compose file', async () => {
    const dir = workdir({ 'compose.yaml': 'domains.compose.yaml', 'ports.values.yaml': 'domains.values.yaml' });
    const r = await run(['explain', 'compose.yaml', 'ports.values.yaml', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { version: number; egress: { access: { domains: { pattern: string; ports: { port: number }[] }[] } }[] };
    expect(validateExplanation(json)).toBe(true);
    expect(json.version).toBe(1);
    expect(json.egress[0]!.access.domains.map((d) => [d.pattern, d.ports.map((p) => p.port)])).toEqual([
      ['*.github.com', [22, 80, 443, 8443]],
      ['pypi.org', [80, 443, 8443]],
    ]);
  });

  test('a values file is recognised by its name, or read as one with --values', async () => {
    const dir = workdir({ 'helm-values.yaml': 'ports.values.yaml', 'sandbox.yaml': 'ports.values.yaml' });
    const byName = await run(['explain', 'helm-values.yaml', '--format', 'json'], dir);
    expect(byName.code).toBe(0);
    expect((JSON.parse(byName.stdout) as { pods: unknown[] }).pods).toHaveLength(3);
    const forced = await run(['explain', '--values', 'sandbox.yaml', '--format', 'json'], dir);
    expect(forced.stdout).toBe(byName.stdout);
    // Read as a Compose file, the values file's keys are unknown: rejected with diagnostics.
    const asCompose = await run(['explain', 'sandbox.yaml'], dir);
    expect(asCompose.code).toBe(1);
    expect(asCompose.stdout).toBe('');
    expect(asCompose.stderr).toContain('C2A0');
  });

  test('diagnostics of the conversion go to stderr; the explanation still prints', async () => {
    const dir = workdir({ 'compose.yaml': 'privileged.compose.yaml' });
    const r = await run(['explain', 'compose.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('C2A064');
    expect(r.stdout).toContain('security: PRIVILEGED, caps +NET_ADMIN');
    expect(r.stdout).toMatch(/!! default[^\n]*PRIVILEGED/);
  });

  test('pictures: --format mermaid and --format dot print the graph of the sandbox', async () => {
    const dir = workdir({ 'compose.yaml': 'four-services.compose.yaml' });
    const mermaidRun = await run(['explain', 'compose.yaml', '--format', 'mermaid'], dir);
    expect(mermaidRun.code).toBe(0);
    expect(mermaidRun.stdout).toMatch(/^flowchart LR\n  subgraph n0\["network back"\]\n/);
    const dotRun = await run(['explain', 'compose.yaml', '--format', 'dot'], dir);
    expect(dotRun.code).toBe(0);
    expect(dotRun.stdout).toMatch(/^digraph sandbox \{\n[\s\S]*subgraph "cluster_n0" \{\n    label="network back";\n/);
  });

  test('usage errors: a missing file, an unknown format', async () => {
    const dir = tempDir('explain');
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  default:\n    image: alpine:3.20\n');
    expect((await run(['explain', 'missing.yaml'], dir)).code).toBe(2);
    expect((await run(['explain', 'compose.yaml', '--format', 'yaml'], dir)).code).toBe(2);
    const help = await run(['explain', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--values');
  });
});
