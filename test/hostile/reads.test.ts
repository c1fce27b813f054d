// Class "unbounded reads": include, extends, .env, env_file and bind-mounted files are read
// only when they are regular files, at most 4 MB, and never block on a FIFO. Each input
// runs in a child process under the hostile suite's limits: a read that blocks would block a
// test thread for ever, so the child's timeout turns a hang into a failure instead of a stuck suite.
// Names that are not UTF-8 (a Latin-1 `caf\xe9`), which Node's string listing turns into U+FFFD,
// a path that opens nothing: reported where they would have been read, never dropped silently.

import { mkdirSync, symlinkSync, writeFileSync, type PathLike } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fifo, repo, runLimited } from './support.js';

describe('referenced files that are not regular files', () => {
  it('an included FIFO is an error at the include, not a hang (convert and check)', () => {
    const dir = repo({ 'compose.yaml': 'include:\n  - pipe.yaml\nservices:\n  default:\n    image: alpine:3.20\n' });
    fifo(join(dir, 'pipe.yaml'));
    const r = runLimited(['compose.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('C2A200');
    expect(r.stderr).toContain('the included file pipe.yaml cannot be read: it is a FIFO (named pipe), not a regular file');
    const checked = runLimited(['check', '.'], dir);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('C2A200');
  });

  it('an include of /dev/zero and an extends of /dev/urandom are refused without reading them', () => {
    const dir = repo({
      'compose.yaml': 'include:\n  - /dev/zero\nservices:\n  default:\n    image: alpine:3.20\n',
      'ext/compose.yaml': 'services:\n  default:\n    extends:\n      file: /dev/urandom\n      service: x\n',
    });
    const included = runLimited(['compose.yaml'], dir);
    expect(included.code).toBe(1);
    expect(included.stderr).toContain('/dev/zero cannot be read: it is a device');
    const extended = runLimited(['ext/compose.yaml'], dir);
    expect(extended.code).toBe(1);
    expect(extended.stderr).toContain('/dev/urandom cannot be read: it is a device');
  });

  it('a FIFO .env, --env-file and env_file (even optional) are errors, not hangs', () => {
    const dotenv = repo({ 'compose.yaml': 'services:\n  default:\n    image: alpine:${TAG:-3.20}\n' });
    fifo(join(dotenv, '.env'));
    const a = runLimited(['compose.yaml'], dotenv);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('env file cannot be read: .env: it is a FIFO');


    const service = repo({
      'compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n    env_file:\n      - path: svc.env\n        required: false\n',
    });
    fifo(join(service, 'svc.env'));
    const c = runLimited(['compose.yaml'], service);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('svc.env: it is a FIFO');
  });

  it('a FIFO --env-file is an error, not a hang', () => {
    const dir = repo({ 'compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n' });
    fifo(join(dir, 'vars.env'));
    const r = runLimited(['compose.yaml', '--env-file', 'vars.env'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('env file cannot be read: vars.env: it is a FIFO');
  });

  it('a compose file named on the command line that is a FIFO is a usage error', () => {
    const dir = repo();
    fifo(join(dir, 'compose.yaml'));
    const r = runLimited(['compose.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read compose.yaml: it is a FIFO');
  });

  it('an env_file over 4 MB is refused; an included file over 4 MB is refused by size, read no further', () => {
    const dir = repo({
      'compose.yaml': 'include:\n  - big.yaml\nservices:\n  default:\n    image: alpine:3.20\n    env_file: big.env\n',
      'big.yaml': '#'.repeat(5 * 1024 * 1024),
      'big.env': `A=${'x'.repeat(5 * 1024 * 1024)}\n`,
    });
    const r = runLimited(['compose.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('C2A003');
    // The frame of the 4 MB line shows a window of it, not the line.
    expect(r.stderr.length).toBeLessThan(10_000);
    const env = runLimited(['compose.yaml'], repo({ 'compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n    env_file: big.env\n', 'big.env': `A=${'x'.repeat(5 * 1024 * 1024)}\n` }));
    expect(env.code).toBe(1);
    expect(env.stderr).toMatch(/big\.env: it is larger than \d+ bytes/);
  });

  it('invalid UTF-8 in an included file is an error, not U+FFFD', () => {
    const dir = repo({
      'compose.yaml': 'include:\n  - bad.yaml\nservices:\n  default:\n    image: alpine:3.20\n',
      'bad.yaml': Buffer.from([...Buffer.from('services:\n  x:\n    image: "a'), 0xff, 0xfe, ...Buffer.from('"\n')]),
    });
    const r = runLimited(['compose.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.yaml cannot be read: it is not UTF-8 text');
  });
});

describe('bind-mounted directories', () => {
  it('FIFOs, dangling and looping links are each named, and a link back up does not loop the walk', () => {
    const dir = repo({
      'compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n    volumes:\n      - ./data:/data\n',
      'data/ok.txt': 'fine\n',
    });
    fifo(join(dir, 'data', 'pipe'));
    symlinkSync('nowhere', join(dir, 'data', 'dangling'));
    symlinkSync('self', join(dir, 'data', 'self'));
    symlinkSync('.', join(dir, 'data', 'up'));
    mkdirSync(join(dir, 'data', 'sub'));
    symlinkSync('..', join(dir, 'data', 'sub', 'back'));
    writeFileSync(join(dir, '.git'), '');
    const r = runLimited(['compose.yaml'], dir);
    expect(r.code).toBe(0);
    const left = r.stderr.split('\n').filter((l) => l.includes('C2A350'));
    expect(left.join('\n')).toContain('dangling is a dangling symbolic link');
    expect(left.join('\n')).toContain('pipe is a FIFO (named pipe)');
    expect(left.join('\n')).toContain('self is a symbolic link that loops');
    expect(left.join('\n')).toContain('up is a symbolic link that loops back');
    expect(left.join('\n')).toContain('sub/back is a symbolic link that loops back');
    expect(left).toHaveLength(5);
    expect(r.stdout).toContain('fine');
  });
});

/** A path under `dir` spelled in Latin-1 bytes: `café` is the one byte 0xE9 for é, not UTF-8. */
function latin1(dir: string, relative: string): PathLike {
  return Buffer.concat([Buffer.from(`${dir}/`, 'utf8'), Buffer.from(relative, 'latin1')]);
}

interface NotReached {
  code: string;
  severity: string;
  message: string;
  file: string;
}

describe('names that are not UTF-8', () => {
  const compose = 'services:\n  default:\n    image: alpine:3.20\n';

  it('check reports each directory and sandbox file it could not reach (C2A261, at its directory), nested too, and does not just pass', () => {
    const dir = repo({ 'ok/compose.yaml': compose, 'ok/.gitignore': Buffer.from('ignor\xe9/\n', 'latin1') });
    mkdirSync(latin1(dir, 'café'));
    writeFileSync(latin1(dir, 'café/compose.yaml'), compose);
    mkdirSync(latin1(dir, 'ok/sous-répertoire/deep'), { recursive: true });
    writeFileSync(latin1(dir, 'ok/sous-répertoire/deep/compose.yaml'), compose);
    writeFileSync(latin1(dir, 'ok/thé.compose.yaml'), compose);
    // Not a sandbox file by its name, and a directory .gitignore ignores by its bytes: discovery would not look at either.
    writeFileSync(latin1(dir, 'ok/données.txt'), 'data\n');
    mkdirSync(latin1(dir, 'ok/ignoré'));
    writeFileSync(latin1(dir, 'ok/ignoré/compose.yaml'), compose);

    const json = runLimited(['check', '.', '--format', 'json'], dir);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout) as { files: { path: string }[]; summary: { warnings: number; notReached?: NotReached[] } };
    expect(document.files.map((f) => f.path)).toEqual(['ok/compose.yaml']);
    expect(document.summary.warnings).toBe(3);
    expect((document.summary.notReached ?? []).map((d) => [d.code, d.severity, d.file, d.message.split(':')[0]])).toEqual([
      ['C2A261', 'warning', '.', 'caf\\xe9 is a directory that was not searched for compose and values files'],
      ['C2A261', 'warning', 'ok', 'ok/sous-r\\xe9pertoire is a directory that was not searched for compose and values files'],
      ['C2A261', 'warning', 'ok', 'ok/th\\xe9.compose.yaml is named like a compose or values file and was not checked'],
    ]);

    const text = runLimited(['check', '.'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('not reached\n    .:1:1: warning C2A261: caf\\xe9 is a directory');
    expect(text.stdout).toContain('check passed: 1 file; 3 entries not reached (C2A261)');
    expect(text.stdout).not.toContain('\ufffd');

    const strict = runLimited(['check', '.', '--fail-on', 'warning'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('check failed: 3 warnings (--fail-on warning); 3 entries not reached (C2A261)');
  });

  it('a repository whose only compose file is in such a directory does not pass as "0 files" without a word', () => {
    const dir = repo();
    mkdirSync(latin1(dir, 'café'));
    writeFileSync(latin1(dir, 'café/compose.yaml'), compose);
    const r = runLimited(['check', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('C2A261: caf\\xe9 is a directory that was not searched');
    expect(r.stdout).toContain('check passed: 0 files; 1 entry not reached (C2A261)');
  });

  it('--exclude and a config file\'s exclude leave such entries out as they leave files out, matched on their bytes', () => {
    const dir = repo({ 'ok/compose.yaml': compose, 'ok/compose2agent.yaml': 'exclude:\n  - "th?.compose.yaml"\n' });
    mkdirSync(latin1(dir, 'café'));
    writeFileSync(latin1(dir, 'ok/thé.compose.yaml'), compose);
    writeFileSync(latin1(dir, 'ok/caf\xe9-compose.yaml'), compose);
    const r = runLimited(['check', '.', '--exclude', 'caf?/', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const notReached = (JSON.parse(r.stdout) as { summary: { notReached?: NotReached[] } }).summary.notReached ?? [];
    expect(notReached.map((d) => d.message.split(' ')[0])).toEqual(['ok/caf\\xe9-compose.yaml']);
  });

  it('a bound directory: each file or directory so named is left out with C2A350 at the volume, the others are delivered', () => {
    const dir = repo({
      'compose.yaml': 'services:\n  default:\n    image: alpine:3.20\n    volumes:\n      - ./data:/data\n',
      'data/ok.txt': 'fine\n',
      'data/sub/ok.txt': 'fine too\n',
    });
    writeFileSync(latin1(dir, 'data/café.txt'), 'left out\n');
    mkdirSync(latin1(dir, 'data/sub/thé'));
    writeFileSync(latin1(dir, 'data/sub/thé/in.txt'), 'left out\n');
    writeFileSync(join(dir, '.git'), '');
    const r = runLimited(['compose.yaml'], dir);
    expect(r.code).toBe(0);
    const left = r.stderr.split('\n').filter((l) => l.includes('C2A350'));
    expect(left).toEqual([
      'compose.yaml:5:9: warning C2A350: the bind mount of ./data: caf\\xe9.txt is an entry named in bytes that are not UTF-8 (shown as \\xNN), which cannot be delivered into the sandbox, and is left out (under Docker the service sees it)',
      'compose.yaml:5:9: warning C2A350: the bind mount of ./data: sub/th\\xe9 is a directory (with everything in it) named in bytes that are not UTF-8 (shown as \\xNN), which cannot be delivered into the sandbox, and is left out (under Docker the service sees it)',
    ]);
    expect(r.stderr).toContain('hint: rename it with a UTF-8 name');
    expect(r.stdout).toContain('fine too');
    expect(r.stdout).not.toContain('left out');
  });
});
