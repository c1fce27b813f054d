// Ignore files discovery cannot read are said, not skipped: discovery lists them with why, and
// check's results of the files below them carry C2A259, located in the ignore file. A Latin-1
// .gitignore is no such file: it is read as bytes and applies.

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeDiscoveryHost } from '../../src/cli/commands/check.js';
import { discover } from '../../src/tools/check/discover.js';
import { withIgnoreFileWarnings } from '../../src/tools/check/ignore-files.js';
import type { FileResult } from '../../src/tools/check/types.js';
import { READ_LIMIT } from '../../src/tools/io.js';
import { tempDir } from '../support/temp-dir.js';

const SIMPLE = 'services:\n  default:\n    image: alpine:3.20\n';

function tree(files: Record<string, string | Buffer>): string {
  const dir = tempDir('ignore-files');
  mkdirSync(join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const found = (dir: string) => discover([dir], dir, nodeDiscoveryHost);

describe('discovery reads ignore files as bytes', () => {
  it('a Latin-1 .gitignore applies: its comment is no obstacle and its patterns match', () => {
    const dir = tree({ '.gitignore': Buffer.from('# généré automatiquement\nbuild/\n', 'latin1'), 'build/compose.yaml': SIMPLE, 'app/compose.yaml': SIMPLE });
    const result = found(dir);
    expect(result.jobs.map((j) => j.display)).toEqual(['app/compose.yaml']);
    expect(result.unreadableIgnoreFiles).toEqual([]);
  });

  it('a UTF-8 byte order mark before the first pattern is skipped, as git skips it', () => {
    const dir = tree({ '.gitignore': Buffer.from('\uFEFFbuild/\n', 'utf8'), 'build/compose.yaml': SIMPLE, 'app/compose.yaml': SIMPLE });
    expect(found(dir).jobs.map((j) => j.display)).toEqual(['app/compose.yaml']);
  });
});

describe('an ignore file that cannot be read is listed with why', () => {
  it('a FIFO, without waiting for a writer', () => {
    const dir = tree({ 'app/compose.yaml': SIMPLE });
    execFileSync('mkfifo', [join(dir, 'app', '.gitignore')]);
    const result = found(dir);
    expect(result.jobs.map((j) => j.display)).toEqual(['app/compose.yaml']);
    expect(result.unreadableIgnoreFiles).toEqual([{ path: join(dir, 'app', '.gitignore'), base: join(dir, 'app'), problem: 'fifo' }]);
  });

  it('a directory named .gitignore', () => {
    const dir = tree({ '.gitignore/keep': '', 'compose.yaml': SIMPLE });
    expect(found(dir).unreadableIgnoreFiles).toEqual([{ path: join(dir, '.gitignore'), base: dir, problem: 'directory' }]);
  });

  it(`one over the read cap (${READ_LIMIT} bytes)`, () => {
    const dir = tree({ '.gitignore': 'x\n'.repeat(READ_LIMIT / 2 + 1), 'compose.yaml': SIMPLE });
    expect(found(dir).unreadableIgnoreFiles).toEqual([{ path: join(dir, '.gitignore'), base: dir, problem: 'too-large' }]);
  });

  it('info/exclude of the repository, for a directory checked below the root', () => {
    const dir = tree({ '.git/info/exclude/keep': '', 'sub/compose.yaml': SIMPLE });
    const result = discover([join(dir, 'sub')], dir, nodeDiscoveryHost);
    expect(result.unreadableIgnoreFiles).toEqual([{ path: join(dir, '.git', 'info', 'exclude'), base: dir, problem: 'directory' }]);
  });

  it.skipIf(process.getuid?.() === 0)('one the user may not read', () => {
    const dir = tree({ '.gitignore': 'build/\n', 'compose.yaml': SIMPLE });
    chmodSync(join(dir, '.gitignore'), 0);
    expect(found(dir).unreadableIgnoreFiles).toEqual([{ path: join(dir, '.gitignore'), base: dir, problem: 'permission-denied' }]);
  });
});

describe('withIgnoreFileWarnings', () => {
  const converted = (path: string): FileResult => ({ path, kind: 'compose', outcome: 'converted', diagnostics: [] });
  const rejected: FileResult = {
    path: 'b/compose.yaml',
    kind: 'compose',
    outcome: 'rejected',
    diagnostics: [{ code: 'C2A001', severity: 'error', message: 'x', file: 'b/compose.yaml', line: 1, col: 1, endLine: 1, endCol: 1 } as FileResult['diagnostics'][number]],
  };

  it('warns in the results below the ignore file, located in it, and leaves the others alone', () => {
    const results = withIgnoreFileWarnings([converted('a/compose.yaml'), rejected, converted('c/compose.yaml')], [
      { path: '/w/a/.gitignore', base: '/w/a', problem: 'fifo' },
      { path: '/w/.gitignore', base: '/w', problem: 'too-large' },
    ], '/w/c', 4096);
    // With cwd /w/c every result lies below /w (the file over the cap) and none below /w/a (the FIFO).
    expect(results.map((r) => [r.outcome, r.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.message, d.hint])])).toEqual([
      ['converted-with-warnings', [['C2A259', 'warning', '../.gitignore', 1, '../.gitignore could not be read, so its rules were not applied and the files they would ignore are checked: it is larger than 4096 bytes, the most compose2agent reads of a file', 'shorten ../.gitignore, or exclude the files it should ignore with --exclude']]],
      ['rejected', [['C2A259', 'warning', '../.gitignore', 1, expect.any(String), expect.any(String)], ['C2A001', 'error', 'b/compose.yaml', 1, 'x', undefined]]],
      ['converted-with-warnings', [['C2A259', 'warning', '../.gitignore', 1, expect.any(String), expect.any(String)]]],
    ]);
  });

  it('names a FIFO as such', () => {
    const [result] = withIgnoreFileWarnings([converted('a/compose.yaml')], [{ path: '/w/a/.gitignore', base: '/w/a', problem: 'fifo' }], '/w', 4096);
    expect(result!.diagnostics.map((d) => [d.file, d.message, d.hint])).toEqual([
      ['a/.gitignore', 'a/.gitignore could not be read, so its rules were not applied and the files they would ignore are checked: it is a FIFO (named pipe)', 'make a/.gitignore a regular file, or remove it'],
    ]);
  });

  it('leaves results alone when every ignore file was read', () => {
    const results = [converted('a/compose.yaml')];
    expect(withIgnoreFileWarnings(results, [], '/w', 4096)).toEqual(results);
  });
});
