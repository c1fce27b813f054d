// Class "overwriting and losing files": -o and check --write replace only regular files (or
// create new ones), follow links only to regular files, keep the mode, and never report a
// write that lost bytes as a success.

import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeDiscoveryHost } from '../../src/cli/commands/check.js';
import { discover } from '../../src/tools/check/discover.js';
import { runChecks } from '../../src/tools/check/run.js';
import { summarise } from '../../src/tools/check/summary.js';
import type { CheckOptions } from '../../src/tools/check/types.js';
import { applyWrites } from '../../src/tools/check/write.js';
import { removeStaleTemporaries, writeFileAtomic, writeTarget, WriteRefused, type WriteSystem } from '../../src/tools/io.js';
import { fifo, repo, runLimited, SIMPLE } from './support.js';

const CHECK_OPTIONS: CheckOptions = { conversion: {}, release: 'release-name', namespace: 'default', diff: true, write: false };
const STALE_VALUES = 'services:\n  default:\n    image: alpine:3.19\n';

function temporaries(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.tmp'));
}

describe('-o writes only regular files or new paths', () => {
  it('refuses a FIFO with a usage error, leaving it a FIFO', () => {
    const dir = repo({ 'compose.yaml': SIMPLE });
    fifo(join(dir, 'out.yaml'));
    const r = runLimited(['compose.yaml', '-o', 'out.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write out.yaml: it is a FIFO (named pipe); only regular files are replaced');
    expect(lstatSync(join(dir, 'out.yaml')).isFIFO()).toBe(true);
  });

  it('refuses a device (through a link to /dev/null too)', () => {
    const dir = repo({ 'compose.yaml': SIMPLE });
    symlinkSync('/dev/null', join(dir, 'null.yaml'));
    // The device itself is only asked about, never written to: a build without the fix would
    // replace the machine's /dev/null (as root) if this test wrote to it.
    expect(() => writeTarget('/dev/null')).toThrow(WriteRefused);
    expect(() => writeTarget('/dev/null')).toThrow('it is a device; only regular files are replaced');
    const linked = runLimited(['compose.yaml', '-o', 'null.yaml'], dir);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('it is a symbolic link to a device');
    expect(lstatSync(join(dir, 'null.yaml')).isSymbolicLink()).toBe(true);
  });

  it('refuses a directory and a missing directory with usage errors, not internal errors', () => {
    const dir = repo({ 'compose.yaml': SIMPLE });
    mkdirSync(join(dir, 'out'));
    const onto = runLimited(['compose.yaml', '-o', 'out'], dir);
    expect(onto.code).toBe(2);
    expect(onto.stderr).toContain('cannot write out: it is a directory');
    const into = runLimited(['compose.yaml', '-o', 'missing/out.yaml'], dir);
    expect(into.code).toBe(2);
    expect(into.stderr).toContain('does not exist');
    expect(into.stderr + onto.stderr).not.toContain('internal error');
  });

  it('a link to standard output when it is a pipe (/dev/stdout, /proc/self/fd/1) is a usage error naming -, not an internal error', () => {
    const dir = repo({ 'compose.yaml': SIMPLE });
    // The child's standard output is a pipe: the link resolves to /proc/<pid>/fd/pipe:[…], which stat cannot open.
    symlinkSync('/proc/self/fd/1', join(dir, 'out.yaml'));
    const r = runLimited(['compose.yaml', '-o', 'out.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write out.yaml: it is a symbolic link to something that cannot be examined');
    expect(r.stderr).toContain('write to standard output with -');
    expect(r.stderr).not.toContain('internal error');
    expect(lstatSync(join(dir, 'out.yaml')).isSymbolicLink()).toBe(true);
  });

  it('follows a link to a regular file, updating the target and keeping the link and the mode', () => {
    const dir = repo({ 'compose.yaml': SIMPLE, 'real.yaml': 'old\n' });
    chmodSync(join(dir, 'real.yaml'), 0o600);
    symlinkSync('real.yaml', join(dir, 'link.yaml'));
    const r = runLimited(['compose.yaml', '-o', 'link.yaml'], dir);
    expect(r.code).toBe(0);
    expect(readlinkSync(join(dir, 'link.yaml'))).toBe('real.yaml');
    expect(readFileSync(join(dir, 'real.yaml'), 'utf8')).toContain('image: alpine:3.20');
    expect(statSync(join(dir, 'real.yaml')).mode & 0o777).toBe(0o600);
    expect(temporaries(dir)).toEqual([]);
  });

  it('keeps the mode of a regular file it replaces; `-` is stdout', () => {
    const dir = repo({ 'compose.yaml': SIMPLE, 'out.yaml': 'old\n' });
    chmodSync(join(dir, 'out.yaml'), 0o640);
    expect((runLimited(['compose.yaml', '-o', 'out.yaml'], dir)).code).toBe(0);
    expect(statSync(join(dir, 'out.yaml')).mode & 0o777).toBe(0o640);
    const stdout = runLimited(['compose.yaml', '-o', '-'], dir);
    expect(stdout.stdout).toContain('image: alpine:3.20');
    expect(existsSync(join(dir, '-'))).toBe(false);
  });
});

describe('a write lands whole or fails loudly', () => {
  const system = (writeSync: WriteSystem['writeSync'], extra: Partial<WriteSystem> = {}): WriteSystem => ({
    writeSync,
    fsyncSync: () => {},
    renameSync,
    ...extra,
  });

  it('a disk that fills after 8192 bytes fails the write and leaves the target and no temporary file', () => {
    const dir = repo({ 'values.yaml': 'committed\n' });
    let room = 8192;
    const full = system((_fd, _buffer, _offset, length) => {
      const n = Math.min(length, room, 4096);
      room -= n;
      return n;
    });
    expect(() => writeFileAtomic(join(dir, 'values.yaml'), 'x'.repeat(9340), { system: full })).toThrow(/only 8192 of 9340 bytes/);
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe('committed\n');
    expect(temporaries(dir)).toEqual([]);
  });

  it('ENOSPC, a failing fsync and a failing rename each leave no temporary file', () => {
    const dir = repo({ 'values.yaml': 'committed\n' });
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const failures: WriteSystem[] = [
      system(() => {
        throw enospc;
      }),
      system((_fd, _b, _o, length) => length, { fsyncSync: () => { throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }); } }),
      system((_fd, _b, _o, length) => length, { renameSync: () => { throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' }); } }),
    ];
    for (const failing of failures) {
      expect(() => writeFileAtomic(join(dir, 'values.yaml'), 'new\n', { system: failing })).toThrow();
      expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe('committed\n');
      expect(temporaries(dir)).toEqual([]);
    }
  });

  it('fsyncs before it renames', () => {
    const dir = repo({ 'values.yaml': 'committed\n' });
    const calls: string[] = [];
    writeFileAtomic(join(dir, 'values.yaml'), 'new\n', {
      system: system(
        (fd, b, o, l) => {
          calls.push('write');
          return writeSync(fd, b, o, l);
        },
        {
          fsyncSync: () => calls.push('fsync'),
          renameSync: (from, to) => {
            calls.push('rename');
            renameSync(from, to);
          },
        },
      ),
    });
    expect(calls).toEqual(['write', 'fsync', 'rename']);
    expect(readFileSync(join(dir, 'values.yaml'), 'utf8')).toBe('new\n');
  });

  it('removes stale temporary files of its own naming whose process is gone, and only those', () => {
    const dir = repo({ 'values.yaml': 'committed\n' });
    // A process id no process has: above the largest pid Linux hands out.
    writeFileSync(join(dir, '.values.yaml.c2a-4194305-abc123.tmp'), 'half');
    writeFileSync(join(dir, `.values.yaml.c2a-${process.pid}-inflight.tmp`), 'ours, still running');
    writeFileSync(join(dir, '.values.yaml.other.tmp'), 'not ours');
    removeStaleTemporaries(join(dir, 'values.yaml'));
    expect(temporaries(dir).sort()).toEqual([`.values.yaml.c2a-${process.pid}-inflight.tmp`, '.values.yaml.other.tmp']);
  });

  it('check --write on a full disk reports an error and exits 1, never "regenerated"', async () => {
    const dir = repo({ 's/compose.yaml': SIMPLE, 's/helm-values.yaml': STALE_VALUES });
    const full = system(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const checked = await runChecks(discover([join(dir, 's')], dir, nodeDiscoveryHost).jobs, { options: { ...CHECK_OPTIONS, write: true }, cwd: dir, env: {} });
    const [result] = applyWrites(checked, (display, text) => writeFileAtomic(join(dir, display), text, { system: full }));
    const codes = result!.diagnostics.map((d) => d.code);
    expect(codes).toContain('C2A251');
    expect(codes).toContain('C2A255');
    expect(codes).not.toContain('C2A252');
    expect(summarise([result!], { failOn: 'error' }, true).exitCode).toBe(1);
    expect(readFileSync(join(dir, 's', 'helm-values.yaml'), 'utf8')).toBe(STALE_VALUES);
    expect(temporaries(join(dir, 's'))).toEqual([]);
  });
});

describe('check --write', () => {
  it('updates a symlinked values file through the link inside the repository, keeping link and mode', () => {
    const dir = repo({ 's/compose.yaml': SIMPLE, 's/real-values.yaml': STALE_VALUES });
    chmodSync(join(dir, 's', 'real-values.yaml'), 0o600);
    symlinkSync('real-values.yaml', join(dir, 's', 'helm-values.yaml'));
    const r = runLimited(['check', '--write', '.'], dir);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 's', 'helm-values.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 's', 'real-values.yaml'), 'utf8')).toContain('alpine:3.20');
    expect(statSync(join(dir, 's', 'real-values.yaml')).mode & 0o777).toBe(0o600);
  });

  it('does not write through a link to a file outside the checked path', () => {
    const outside = repo({ 'victim.yaml': STALE_VALUES });
    const dir = repo({ 's/compose.yaml': SIMPLE });
    symlinkSync(join(outside, 'victim.yaml'), join(dir, 's', 'helm-values.yaml'));
    // Discovery does not follow the link out of the root, so it is never compared...
    const r = runLimited(['check', '--write', 's'], dir);
    expect(r.stdout).not.toContain('has been regenerated');
    expect(readFileSync(join(outside, 'victim.yaml'), 'utf8')).toBe(STALE_VALUES);
    // ...and the writer refuses it on its own too.
    expect(() => writeFileAtomic(join(dir, 's', 'helm-values.yaml'), 'x', { within: join(dir, 's') })).toThrow(WriteRefused);
    expect(readFileSync(join(outside, 'victim.yaml'), 'utf8')).toBe(STALE_VALUES);
  });
});

