// lower:files — project files delivered into the sandbox, configs, secrets and env_file, run
// through the whole converter over an in-memory file tree.

import { describe, expect, test } from 'vitest';
import { convert, type ConvertOptions } from '../../passes/compile.js';
import type { AgentEnvValues, DownwardApiVolume, LoweringIR } from '../../passes/ir.js';
import { ANNOTATION_PREFIX, FILES_LIMIT, FILES_WARN, MAX_DIRECTORY_FILES } from '../../passes/lower/files.js';
import { naturalLess } from '../../src/yaml/helm-to-yaml.js';
import { treeHost, type TreeFile } from './host.js';

const COMPOSE = '/repo/evals/task/compose.yaml';

function run(compose: string, files: Record<string, string | TreeFile> = {}, env: Record<string, string> = {}, options: ConvertOptions = {}) {
  const host = treeHost({ '/repo/.git/HEAD': 'ref: refs/heads/main\n', [COMPOSE]: compose, ...files }, env);
  const result = convert(compose, { filename: COMPOSE, host, ...options });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
  return { result, values: result.values, errors, warnings, codes: result.diagnostics.map((d) => d.code) };
}

function service(values: AgentEnvValues | undefined, name = 'default') {
  const s = values?.services[name];
  if (!s) throw new Error(`no service ${name}`);
  return s;
}

/** The files a service's mount delivers: path in the volume → content. */
function delivered(values: AgentEnvValues | undefined, mountPath: string, name = 'default'): Record<string, string> {
  const s = service(values, name);
  const mount = s.volumeMounts?.find((m) => m.mountPath === mountPath);
  if (!mount) throw new Error(`no mount at ${mountPath}`);
  const volume = s.volumes?.find((v) => typeof v !== 'string' && v.name === mount.name) as DownwardApiVolume;
  const out: Record<string, string> = {};
  for (const item of volume.downwardAPI.items) {
    const key = /\['(.*)'\]$/.exec(item.fieldRef.fieldPath)![1]!;
    out[item.path] = values!.annotations![key]!;
  }
  return out;
}

const withVolume = (line: string) => `services:\n  default:\n    image: alpine\n    volumes:\n      - ${line}\n`;

describe('bind mounts of project files', () => {
  test('a file is delivered read-only through an annotation and a downwardAPI volume, mounted with subPath', () => {
    const { values, errors, warnings } = run(withVolume('./flag.txt:/flag.txt:ro'), { '/repo/evals/task/flag.txt': 'flag{x}\n' });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    const s = service(values);
    expect(s.volumeMounts).toEqual([{ name: 'files-1', mountPath: '/flag.txt', subPath: 'flag.txt', readOnly: true }]);
    expect(delivered(values, '/flag.txt')).toEqual({ 'flag.txt': 'flag{x}\n' });
    expect(Object.keys(values!.annotations!)[0]).toMatch(new RegExp(`^${ANNOTATION_PREFIX.replace('.', '\\.')}[a-p]{24}$`));
  });

  // Hex keys such as 79e6…, 7f5d… and 8e4b… form a cycle under go-yaml v2's key comparison,
  // and Helm's output then changes from run to run; sixty files of hex keys hold such cycles.
  test('annotation keys are ones go-yaml v2 orders totally, so Helm prints the annotations the same every run', () => {
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`/repo/evals/task/conf/f${i}.txt`, `file ${i}\n`]));
    const { values, errors } = run(withVolume('./conf:/etc/app:ro'), files);
    expect(errors).toEqual([]);
    const keys = Object.keys(values!.annotations!);
    expect(keys).toHaveLength(60);
    const inversions = keys.flatMap((a) => keys.filter((b) => a !== b && naturalLess(a, b) === naturalLess(b, a)).map((b) => `${a} / ${b}`));
    const sorted = [...keys].sort((a, b) => (naturalLess(a, b) ? -1 : 1));
    const cycles = sorted.flatMap((a, i) => sorted.slice(i + 1).filter((b) => !naturalLess(a, b)).map((b) => `${a} / ${b}`));
    expect([...inversions, ...cycles]).toEqual([]);
  });

  test('a directory is delivered whole, nested files included, at the mount path', () => {
    const { values, errors } = run(withVolume('./conf:/etc/app:ro'), {
      '/repo/evals/task/conf/a.ini': 'a=1\n',
      '/repo/evals/task/conf/sub/b.ini': 'b=2\n',
    });
    expect(errors).toEqual([]);
    expect(service(values).volumeMounts).toEqual([{ name: 'files-1', mountPath: '/etc/app', readOnly: true }]);
    expect(delivered(values, '/etc/app')).toEqual({ 'a.ini': 'a=1\n', 'sub/b.ini': 'b=2\n' });
  });

  test('an executable file keeps its executable bit; other files get the default mode', () => {
    const { values } = run(withVolume('./run.sh:/run.sh:ro'), { '/repo/evals/task/run.sh': { text: '#!/bin/sh\n', executable: true } });
    const volume = service(values).volumes![0] as DownwardApiVolume;
    expect(volume.downwardAPI.items[0]!.mode).toBe(0o755);
  });

  test('equal files are stored once', () => {
    const compose = `services:\n  default:\n    image: alpine\n    volumes: ["./a.txt:/a.txt:ro", "./b.txt:/b.txt:ro"]\n  other:\n    image: alpine\n    volumes: ["./a.txt:/x.txt:ro"]\n`;
    const { values } = run(compose, { '/repo/evals/task/a.txt': 'same\n', '/repo/evals/task/b.txt': 'same\n' });
    expect(Object.keys(values!.annotations!)).toHaveLength(1);
  });

  test('a writable mount is delivered read-only, with a warning', () => {
    const { values, warnings } = run(withVolume('./conf:/etc/app'), { '/repo/evals/task/conf/a.ini': 'a=1\n' });
    expect(values).toBeDefined();
    expect(warnings.map((w) => w.code)).toEqual(['C2A079']);
    expect(warnings[0]!.message).toContain('read-only');
  });

  test('an empty directory becomes an emptyDir (writable unless :ro), with a warning that it is not shared', () => {
    const { values, warnings } = run(withVolume('./data:/var/lib/data'), { '/repo/evals/task/data/.keep/x': 'x' }, {}, {});
    // A directory whose only entry is a directory of one file is not empty: control case.
    expect(values).toBeDefined();
    expect(warnings.map((w) => w.code)).toEqual(['C2A079']);
    const host = treeHost({ '/repo/.git/HEAD': 'x', [COMPOSE]: '' });
    const empty = { ...host, readEntry: (p: string) => (p === '/repo/evals/task/data' ? { kind: 'directory' as const, entries: [], realPath: p } : host.readEntry!(p)) };
    const r = convert(withVolume('./data:/var/lib/data'), { filename: COMPOSE, host: empty });
    expect(r.values?.services.default!.volumes).toEqual([{ name: 'files-1', emptyDir: {} }]);
    expect(r.values?.services.default!.volumeMounts).toEqual([{ name: 'files-1', mountPath: '/var/lib/data' }]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['C2A095', 'C2A079']);
    expect(r.diagnostics[1]!.message).toContain('not shared');
  });

  test('a missing source of the short syntax is created empty, as Compose creates it: an emptyDir with an info', () => {
    const { values, errors, result } = run(withVolume('./logs:/var/log/app'));
    expect(errors).toEqual([]);
    const info = result.diagnostics.find((d) => d.code === 'C2A216');
    expect(info).toMatchObject({ severity: 'info', line: 5, col: 9 });
    const s = service(values);
    const mount = s.volumeMounts?.find((m) => m.mountPath === '/var/log/app');
    expect(mount?.readOnly).toBeUndefined();
    expect(s.volumes?.find((v) => typeof v !== 'string' && v.name === mount?.name)).toEqual({ name: mount?.name, emptyDir: {} });
    const readOnly = run(withVolume('./logs:/var/log/app:ro'));
    expect(service(readOnly.values).volumeMounts?.find((m) => m.mountPath === '/var/log/app')?.readOnly).toBe(true);
  });

  test('a missing source of the long syntax is an error naming it, unless bind.create_host_path says to create it', () => {
    const long = (extra: string) => `services:\n  default:\n    image: alpine\n    volumes:\n      - type: bind\n        source: ./nope\n        target: /nope\n${extra}`;
    const { errors } = run(long(''));
    expect(errors.map((e) => [e.code, e.line])).toEqual([['C2A078', 5]]);
    expect(errors[0]!.message).toContain('/repo/evals/task/nope does not exist');
    expect(errors[0]!.hint).toContain('create_host_path');
    const created = run(long('        bind:\n          create_host_path: true\n'));
    expect(created.errors).toEqual([]);
    expect(created.codes).toContain('C2A216');
  });

  test('files of the repository outside the compose file\'s directory may be read', () => {
    const { values, errors } = run(withVolume('../../common/entry.sh:/entry.sh:ro'), { '/repo/common/entry.sh': '#!/bin/sh\n' });
    expect(errors).toEqual([]);
    expect(delivered(values, '/entry.sh')).toEqual({ 'entry.sh': '#!/bin/sh\n' });
  });

  test('host paths outside the project, the home directory and .. escapes are refused (C2A070)', () => {
    for (const line of ['/etc/passwd:/p:ro', '~/.aws:/aws:ro', '../../../outside.txt:/o:ro']) {
      const { errors } = run(withVolume(line), { '/outside.txt': 'x', '/etc/passwd': 'root:x:0:0' });
      expect(errors.map((e) => e.code), line).toEqual(['C2A070']);
    }
  });

  test('an absolute path to the project on the author\'s machine is refused with the relative path to write', () => {
    const [fromTaskDir] = run(withVolume('/home/me/code/repo/evals/task/topology/pc1:/tmp/config')).errors;
    expect(fromTaskDir!.hint).toBe("it looks like the project's own ./topology/pc1 on the machine the file was written on: write `./topology/pc1:/tmp/config`");
    const [checkoutNamedOtherwise] = run(withVolume('/srv/checkout/evals/task/data.txt:/data.txt')).errors;
    expect(checkoutNamedOtherwise!.hint).toContain('`./data.txt:/data.txt`');
    const [unrelated] = run(withVolume('/etc/passwd:/p:ro')).errors;
    expect(unrelated!.hint).toMatch(/^COPY the files into the image/);
  });

  test('without a repository the project is the compose file\'s directory', () => {
    const host = treeHost({ '/repo/common/x.txt': 'x', '/repo/task/compose.yaml': '' });
    const r = convert(withVolume('../common/x.txt:/x:ro'), { filename: '/repo/task/compose.yaml', host });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['C2A095', 'C2A070']);
    expect(r.diagnostics[1]!.message).toContain("outside the compose file's directory");
    const allowed = convert(withVolume('../common/x.txt:/x:ro'), { filename: '/repo/task/compose.yaml', host, filesRoot: '/repo' });
    expect(allowed.values).toBeDefined();
  });

  test('without a repository, the directory check or convert runs in is the project when the compose file is under it', () => {
    const host = treeHost({ '/work/common/x.txt': 'x', '/work/task/compose.yaml': '', '/elsewhere/y.txt': 'y' });
    const allowed = convert(withVolume('../common/x.txt:/x:ro'), { filename: '/work/task/compose.yaml', host, filesRootFallback: '/work' });
    expect(allowed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(delivered(allowed.values, '/x')).toEqual({ x: 'x' });
    // What leaves that directory is still refused.
    const outside = convert(withVolume('../../elsewhere/y.txt:/y:ro'), { filename: '/work/task/compose.yaml', host, filesRootFallback: '/work' });
    expect(outside.diagnostics.map((d) => d.code)).toContain('C2A070');
    // A fallback the compose file is not under is no root of it.
    const unrelated = convert(withVolume('../common/x.txt:/x:ro'), { filename: '/work/task/compose.yaml', host, filesRootFallback: '/elsewhere' });
    expect(unrelated.diagnostics.map((d) => d.code)).toContain('C2A070');
    // A repository wins over the fallback.
    const repo = treeHost({ '/work/task/.git/HEAD': 'x', '/work/common/x.txt': 'x', '/work/task/compose.yaml': '' });
    const inRepo = convert(withVolume('../common/x.txt:/x:ro'), { filename: '/work/task/compose.yaml', host: repo, filesRootFallback: '/work' });
    expect(inRepo.diagnostics.map((d) => d.code)).toContain('C2A070');
  });

  test('the Docker socket, /proc, /sys, /dev and / are refused with their reasons', () => {
    expect(run(withVolume('/var/run/docker.sock:/var/run/docker.sock')).errors.map((e) => e.code)).toEqual(['C2A071']);
    for (const source of ['/proc', '/sys/fs/cgroup', '/dev', '/']) {
      const { errors } = run(withVolume(`${source}:/host:ro`));
      expect(errors.map((e) => e.code), source).toEqual(['C2A078']);
    }
  });

  test('.git is never read: it can hold credentials', () => {
    const files = { '/repo/.git/config': '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n', '/repo/evals/task/app/a.txt': 'a' };
    expect(run(withVolume('../../.git/config:/c:ro'), files).errors[0]!.message).toContain('.git');
    const inside = run(withVolume('./app:/app:ro'), { ...files, '/repo/evals/task/app/.git/config': 'x' });
    expect(inside.errors.map((e) => e.code)).toEqual(['C2A078']);
    expect(inside.errors[0]!.message).toContain('.git');
  });

  test('a symbolic link that leads outside the project is refused, also inside a mounted directory', () => {
    const files = { '/home/user/.ssh/id_rsa': 'PRIVATE KEY', '/repo/evals/task/key': { link: '/home/user/.ssh/id_rsa' }, '/repo/evals/task/dir/ok.txt': 'ok', '/repo/evals/task/dir/key': { link: '/home/user/.ssh/id_rsa' } };
    expect(run(withVolume('./key:/key:ro'), files).errors.map((e) => e.code)).toEqual(['C2A070']);
    const dir = run(withVolume('./dir:/dir:ro'), files);
    expect(dir.errors.map((e) => e.code)).toEqual(['C2A078']);
    expect(dir.errors[0]!.message).toContain('symbolic link');
  });

  test('binary files and files with control characters are refused', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
    expect(run(withVolume('./a.png:/a.png:ro'), { '/repo/evals/task/a.png': { bytes: png } }).errors[0]!.message).toContain('not UTF-8 text');
    const ansi = run(withVolume('./banner:/banner:ro'), { '/repo/evals/task/banner': '\x1b[31mred\x1b[0m\n' });
    expect(ansi.errors[0]!.message).toContain('U+001B');
    expect(run(withVolume('./crlf.txt:/c:ro'), { '/repo/evals/task/crlf.txt': 'a\r\n\tb\r\n' }).errors).toEqual([]);
  });

  test('the files of a sandbox may total FILES_LIMIT bytes; past FILES_WARN a warning says the release may not hold them', () => {
    const big = 'x'.repeat(FILES_WARN) + '\n';
    const warned = run(withVolume('./big.txt:/big.txt:ro'), { '/repo/evals/task/big.txt': big });
    expect(warned.values).toBeDefined();
    expect(warned.warnings.map((w) => w.code)).toEqual(['C2A079']);
    const huge = 'y'.repeat(FILES_LIMIT) + '\n';
    const refused = run(withVolume('./huge.txt:/huge.txt:ro'), { '/repo/evals/task/huge.txt': huge });
    expect(refused.errors.map((e) => e.code)).toEqual(['C2A078']);
    const halves = `services:\n  default:\n    image: alpine\n    volumes: ["./a.txt:/a:ro", "./b.txt:/b:ro"]\n`;
    const half = 'z'.repeat(FILES_LIMIT / 2);
    const sum = run(halves, { '/repo/evals/task/a.txt': half + 'a', '/repo/evals/task/b.txt': half + 'b' });
    expect(sum.errors.map((e) => [e.code, e.line])).toEqual([['C2A078', 4]]);
    expect(sum.errors[0]!.message).toContain('annotations');
  });

  test(`a directory of more than ${MAX_DIRECTORY_FILES} files is refused`, () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= MAX_DIRECTORY_FILES; i++) files[`/repo/evals/task/many/f${i}.txt`] = `${i}`;
    expect(run(withVolume('./many:/many:ro'), files).errors[0]!.message).toContain(`more than ${MAX_DIRECTORY_FILES} files`);
  });

  test('without --image-registry, the refusal of files that do not fit names the option that bakes them', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]);
    const huge = 'y'.repeat(FILES_LIMIT) + '\n';
    for (const [line, file] of [
      ['./a.png:/a.png:ro', { '/repo/evals/task/a.png': { bytes: png } }],
      ['./huge.txt:/huge.txt:ro', { '/repo/evals/task/huge.txt': huge }],
    ] as const) {
      const { errors } = run(withVolume(line), file);
      expect(errors.map((e) => e.code), line).toEqual(['C2A078']);
      expect(errors[0]!.hint, line).toContain('--image-registry');
    }
  });

  test('two mounts at one path are refused (Kubernetes refuses the pod)', () => {
    const compose = `services:\n  default:\n    image: alpine\n    tmpfs: [/etc/app]\n    volumes: ["./a.txt:/etc/app:ro"]\n`;
    expect(run(compose, { '/repo/evals/task/a.txt': 'a' }).errors.map((e) => e.code)).toEqual(['C2A078']);
  });
});

describe('configs and secrets', () => {
  const compose = (grants: string, top: string) => `services:\n  default:\n    image: alpine\n${grants}\n${top}`;

  test('defaults: configs at /<name>, secrets at /run/secrets/<name>, mode 0444', () => {
    const { values, errors } = run(
      compose('    configs: [app]\n    secrets: [db]', 'configs:\n  app:\n    content: "x=1"\nsecrets:\n  db:\n    file: ./db.txt\n'),
      { '/repo/evals/task/db.txt': 'pw\n' },
    );
    expect(errors).toEqual([]);
    expect(delivered(values, '/app')).toEqual({ app: 'x=1' });
    expect(delivered(values, '/run/secrets/db')).toEqual({ db: 'pw\n' });
    const modes = service(values).volumes!.map((v) => (v as DownwardApiVolume).downwardAPI.items[0]!.mode);
    expect(modes).toEqual([0o444, 0o444]);
  });

  test('long syntax: relative secret targets are under /run/secrets; the mode is octal, as a string or as written', () => {
    const { values } = run(
      compose('    secrets:\n      - source: t\n        target: token\n        mode: "0400"\n      - source: t\n        target: /etc/t\n        mode: 0640', 'secrets:\n  t:\n    environment: TOKEN\n'),
      {},
      { TOKEN: 'abc' },
    );
    expect(delivered(values, '/run/secrets/token')).toEqual({ token: 'abc' });
    const modes = service(values).volumes!.map((v) => (v as DownwardApiVolume).downwardAPI.items[0]!.mode);
    expect(modes).toEqual([0o400, 0o640]);
  });

  test('an unset variable, an undeclared config and an external secret are errors', () => {
    const unset = run(compose('    secrets: [t]', 'secrets:\n  t:\n    environment: TOKEN\n'));
    expect(unset.errors[0]!.message).toContain('TOKEN is not set');
    const undeclared = run(compose('    configs: [nope]', ''));
    expect(undeclared.errors[0]!.message).toContain("not declared under the top-level 'configs'");
    const external = run(compose('    secrets: [t]', 'secrets:\n  t:\n    external: true\n'));
    expect(external.errors[0]!.message).toContain('external');
  });

  test('a uid or gid other than root is warned about', () => {
    const r = run(compose('    configs:\n      - source: c\n        uid: "0"\n        gid: "1000"', 'configs:\n  c:\n    content: x\n'));
    expect(r.warnings.map((w) => w.path)).toEqual(['services.default.configs[0].gid']);
  });
});

describe('env_file', () => {
  const compose = (envFile: string, environment = '') =>
    `services:\n  default:\n    image: alpine\n    env_file: ${envFile}\n${environment ? `    environment:\n${environment}\n` : ''}`;
  const env = (values: AgentEnvValues | undefined) => service(values).env?.map((e) => `${e.name}=${e.value}`);

  test('files are read in order, later ones winning, and `environment` wins over them', () => {
    const { values } = run(compose('[a.env, b.env]', '      B: from-environment'), {
      '/repo/evals/task/a.env': 'A=1\nB=2\nC=3\n',
      '/repo/evals/task/b.env': 'C=30\n',
    });
    expect(env(values)).toEqual(['A=1', 'C=30', 'B=from-environment']);
  });

  test('values are interpolated: the conversion environment first, then the service environment, then earlier variables', () => {
    const { values } = run(compose('a.env', '      SVC: s'), { '/repo/evals/task/a.env': 'X=${HOST_VAR}\nV=${SVC}\nZ=${X}-z\n' }, { HOST_VAR: 'h' });
    expect(env(values)).toEqual(['X=h', 'V=s', 'Z=h-z', 'SVC=s']);
  });

  test("format raw takes values literally; a bare name is refused (C2A356), set on the converting machine or not", () => {
    const raw = run(compose('[{path: a.env, format: raw}]'), { '/repo/evals/task/a.env': '# c\nQ="x" ${Y}\nHOME_DIR\nUNSET\n' }, { HOME_DIR: '/h' });
    expect(raw.errors.map((e) => [e.code, e.line])).toEqual([['C2A356', 3], ['C2A356', 4]]);
    const literal = run(compose('[{path: a.env, format: raw}]'), { '/repo/evals/task/a.env': '# c\nQ="x" ${Y}\n' });
    expect(env(literal.values)).toEqual(['Q="x" ${Y}']);
  });

  test('a missing required file is an error at its entry; an optional one is skipped', () => {
    const missing = run(compose('[a.env, {path: b.env, required: false}]'));
    expect(missing.errors.map((e) => [e.code, e.path])).toEqual([['C2A013', 'services.default.env_file[0]']]);
    expect(run(compose('[{path: b.env, required: false}]')).errors).toEqual([]);
  });

  test('a syntax error is reported inside the env file', () => {
    const { errors } = run(compose('a.env'), { '/repo/evals/task/a.env': 'OK=1\nBAD="unterminated\n' });
    expect(errors.map((e) => [e.code, e.file, e.line])).toEqual([['C2A014', '/repo/evals/task/a.env', 2]]);
  });

  test('an unknown format and an env file outside the project are errors', () => {
    expect(run(compose('[{path: a.env, format: yaml}]'), { '/repo/evals/task/a.env': 'A=1' }).errors.map((e) => e.code)).toEqual(['C2A049']);
    expect(run(compose('/etc/environment'), { '/etc/environment': 'A=1' }).errors.map((e) => e.code)).toEqual(['C2A078']);
  });
});

describe('--allow-privileged', () => {
  const compose = 'services:\n  default:\n    image: docker:dind\n    privileged: true\n';
  test('without it, privileged needs the per-service opt-in', () => {
    expect(run(compose).errors.map((e) => e.code)).toEqual(['C2A063']);
  });
  test('with it, the service runs privileged, with a warning', () => {
    const r = run(compose, {}, {}, { allowPrivileged: true });
    expect(service(r.values).securityContext).toEqual({ privileged: true });
    expect(r.warnings.map((w) => w.code)).toEqual(['C2A064']);
  });
});

describe('files carried by pods that do not mount them', () => {
  const D = '/repo/evals/task/';
  const exposed = (compose: string, files: Record<string, string>) =>
    run(compose, Object.fromEntries(Object.entries(files).map(([k, v]) => [D + k, v]))).warnings.filter((w) => w.code === 'C2A323');

  test("a file mounted only by another service is warned about at its line, the agent's service named first", () => {
    const warnings = exposed(
      'services:\n  default:\n    image: a\n  victim:\n    image: b\n    volumes: [./flag.txt:/flag.txt:ro]\n  worker:\n    image: c\n',
      { 'flag.txt': 'flag{x}\n' },
    );
    expect(warnings.map((w) => [w.line, w.path])).toEqual([[6, 'services.victim.volumes[0]']]);
    expect(warnings[0]!.message).toContain("./flag.txt is mounted by 'victim' only");
    expect(warnings[0]!.message).toContain("including the pods of 'default' (the agent's service) and 'worker'");
    expect(warnings[0]!.message).toContain('only the missing API token');
    expect(warnings[0]!.hint).toContain("COPY the file into the image of 'victim'");
  });

  test('several services on either side are listed with commas, the last after "and"', () => {
    const warnings = exposed(
      'services:\n  default:\n    image: a\n  one:\n    image: b\n    volumes: [./flag.txt:/flag.txt:ro]\n  two:\n    image: b\n    volumes: [./flag.txt:/flag.txt:ro]\n  three:\n    image: b\n    volumes: [./flag.txt:/flag.txt:ro]\n  worker:\n    image: c\n  helper:\n    image: c\n',
      { 'flag.txt': 'flag{x}\n' },
    );
    expect(warnings.map((w) => w.line)).toEqual([6, 9, 12]);
    expect(warnings[0]!.message).toContain("./flag.txt is mounted by 'one', 'two' and 'three' only");
    expect(warnings[0]!.message).toContain("including the pods of 'default' (the agent's service), 'worker' and 'helper':");
  });

  test('a file every pod mounts is quiet, whichever line mounts it', () => {
    const compose = (extra: string) =>
      `services:\n  default:\n    image: a\n    volumes: [./motd:/etc/motd:ro]\n  web:\n    image: b\n    configs: [motd]\n${extra}configs:\n  motd: {file: ./motd}\n`;
    expect(exposed(compose(''), { motd: 'hi\n' })).toEqual([]);
    // A third service without it: both lines are warned about, naming it.
    const warnings = exposed(compose('  other:\n    image: c\n'), { motd: 'hi\n' });
    expect(warnings.map((w) => w.line)).toEqual([4, 7]);
    expect(warnings.every((w) => w.message.includes("including the pods of 'other':"))).toBe(true);
  });

  test('the same content under two names is one annotation: mounted by both services, it is quiet', () => {
    const compose = 'services:\n  default:\n    image: a\n    volumes: [./a.txt:/a:ro]\n  web:\n    image: b\n    volumes: [./b.txt:/b:ro]\n';
    expect(exposed(compose, { 'a.txt': 'same\n', 'b.txt': 'same\n' })).toEqual([]);
  });

  test('a directory is warned about once, at its mount', () => {
    const warnings = exposed('services:\n  default:\n    image: a\n  web:\n    image: b\n    volumes: [./site:/srv:ro]\n', { 'site/a.html': 'a', 'site/b.html': 'b' });
    expect(warnings.map((w) => w.line)).toEqual([6]);
  });

  test('with an API token in the pods, the warning says their processes can read it', () => {
    const warnings = exposed(
      'x-inspect_k8s_sandbox:\n  automount_service_account_token: true\nservices:\n  default:\n    image: a\n  web:\n    image: b\n    secrets: [key]\nsecrets:\n  key: {file: ./key}\n',
      { key: 'k\n' },
    );
    expect(warnings.map((w) => w.line)).toEqual([8]);
    expect(warnings[0]!.message).toContain("secret 'key' is mounted by 'web' only");
    expect(warnings[0]!.message).toContain('automountServiceAccountToken');
  });
});

describe('files that do not fit annotations, baked into a derived image (--image-registry)', () => {
  const REGISTRY = { imageRegistry: 'registry.example.com/evals' };
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
  const huge = 'y'.repeat(FILES_LIMIT) + '\n';
  const lowered = (r: ReturnType<typeof run>) => r.result.after['lower:image'] as LoweringIR;

  test('a file past the budget: the service runs the derived image, FROM its own, and the file is not annotated', () => {
    const r = run(withVolume('./db.sql:/docker-entrypoint-initdb.d/db.sql:ro'), { '/repo/evals/task/db.sql': huge }, {}, REGISTRY);
    expect(r.errors).toEqual([]);
    const s = service(r.values);
    expect(s.image).toMatch(/^registry\.example\.com\/evals\/task-default-files:[0-9a-f]{16}$/);
    expect(s.volumes ?? []).toEqual([]);
    expect(r.values!.annotations ?? {}).toEqual({});
    const derived = lowered(r).services[0]!.k8s.derivedImage!;
    expect(derived.base).toBe('alpine');
    expect(derived.context).toBe('../..');
    expect(derived.dockerfile).toContain('FROM alpine\n');
    expect(derived.dockerfile).toContain('COPY --chmod=0644 ["evals/task/db.sql", "/docker-entrypoint-initdb.d/db.sql"]\n');
    const info = r.result.diagnostics.find((d) => d.code === 'C2A217')!;
    expect([info.severity, info.line]).toEqual(['info', 5]);
    expect(info.message).toContain('read-only bind mount');
  });

  test('a directory with a binary file is baked whole, each file with the mode the bind presents; text that fits keeps the annotation route', () => {
    const compose = `services:\n  default:\n    image: nginx:1.27\n    volumes:\n      - ./site:/srv\n      - ./site.conf:/etc/site.conf:ro\n`;
    const r = run(compose, {
      '/repo/evals/task/site/logo.png': { bytes: png },
      '/repo/evals/task/site/bin/run': { text: '#!/bin/sh\n', executable: true },
      '/repo/evals/task/site.conf': 'listen 80;\n',
    }, {}, REGISTRY);
    expect(r.errors).toEqual([]);
    expect(delivered(r.values, '/etc/site.conf')).toEqual({ 'site.conf': 'listen 80;\n' });
    const { dockerfile } = lowered(r).services[0]!.k8s.derivedImage!;
    expect(dockerfile).toContain('COPY --chmod=0755 ["evals/task/site/bin/run", "/srv/bin/run"]\n');
    expect(dockerfile).toContain('COPY --chmod=0644 ["evals/task/site/logo.png", "/srv/logo.png"]\n');
    // A writable bind mount: no warning that it became read-only (the image's files can be written).
    expect(r.warnings.filter((w) => w.code === 'C2A079')).toEqual([]);
    expect(r.result.diagnostics.find((d) => d.code === 'C2A217')!.message).toContain('stay in its container');
  });

  test('the tag follows the files and the base image: equal inputs give equal names, a changed byte a new one', () => {
    const name = (bytes: Uint8Array, image = 'alpine') =>
      service(run(withVolume('./a.png:/a.png:ro').replace('image: alpine', `image: ${image}`), { '/repo/evals/task/a.png': { bytes } }, {}, REGISTRY).values).image;
    const changed = png.slice();
    changed[8] = 1;
    expect(name(png)).toBe(name(png));
    expect(name(changed)).not.toBe(name(png));
    expect(name(png, 'alpine:3.20')).not.toBe(name(png));
  });

  test('a service built from source gets a derived image FROM the name its build is pushed under', () => {
    const compose = `name: shop\nservices:\n  default:\n    build: ./app\n    volumes: ["./a.png:/a.png:ro"]\n`;
    const r = run(compose, { '/repo/evals/task/a.png': { bytes: png }, '/repo/evals/task/app/Dockerfile': 'FROM alpine\n' }, {}, REGISTRY);
    expect(r.errors).toEqual([]);
    expect(lowered(r).services[0]!.k8s.derivedImage!.dockerfile).toContain('FROM registry.example.com/evals/shop-default\n');
    expect(service(r.values).image).toMatch(/^registry\.example\.com\/evals\/shop-default-files:/);
  });

  test('paths with pattern characters are escaped in COPY, so the file itself is copied', () => {
    const r = run(withVolume('./[Easy] x/a*.png:/a.png:ro'), { '/repo/evals/task/[Easy] x/a*.png': { bytes: png } }, {}, REGISTRY);
    expect(r.errors).toEqual([]);
    expect(lowered(r).services[0]!.k8s.derivedImage!.dockerfile).toContain(String.raw`COPY --chmod=0644 ["evals/task/\\[Easy] x/a\\*.png", "/a.png"]`);
  });

  test('under --strict nothing is baked: the reference converter delivers no files', () => {
    const r = run(withVolume('./a.png:/a.png:ro'), { '/repo/evals/task/a.png': { bytes: png } }, {}, { ...REGISTRY, strict: true });
    expect(r.codes).not.toContain('C2A217');
  });
});
