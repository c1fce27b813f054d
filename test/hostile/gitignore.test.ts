// Class "patterns that backtrack" in check's .gitignore matching: every pattern is matched as
// an RE2 program (linear in the path times the pattern), so no pattern is too costly to apply
// and none is left out. Before, `ignore`'s backtracking regular expressions ran for minutes on
// a pattern of many `**` segments against a deep path, and such patterns were then dropped,
// silently. Each walk runs in a child process under LIMITS.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitignoreMatcher, LONGEST_PATH_BYTES } from '../../src/tools/check/gitignore.js';
import { checkLimited, fifo, LIMITS, repo, runLimited, SIMPLE } from './support.js';

const DEPTH = 40;

describe(`check walks a hostile .gitignore within ${LIMITS.timeoutMs / 1000} s and ${LIMITS.heapMb} MB`, () => {
  it(`many \`**\` segments against a path ${DEPTH} directories deep, *a*a*…*b against long names, a 1 MB pattern: all applied`, () => {
    const lines = [
      'x/' + '**/'.repeat(8) + 'y',
      '*a'.repeat(12) + '*b',
      // Eight separate `**` segments: the pattern ignores the compose file at the bottom.
      'x/' + '**/q/'.repeat(8) + '**/hidden',
      '*a'.repeat(500_000) + '*b',
      '[' + 'a'.repeat(200_000),
    ];
    const dir = repo({ '.gitignore': lines.join('\n') + '\n' });
    const deep = join(dir, 'x', ...Array<string>(DEPTH).fill('q'));
    mkdirSync(join(deep, 'hidden'), { recursive: true });
    writeFileSync(join(deep, 'compose.yaml'), SIMPLE);
    writeFileSync(join(deep, 'hidden', 'compose.yaml'), SIMPLE);
    for (let i = 0; i < 50; i++) writeFileSync(join(deep, 'a'.repeat(200) + i), '');
    const r = runLimited(['check', '.', '--format', 'json'], dir);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(files).toEqual([`x/${'q/'.repeat(DEPTH)}compose.yaml`]);
  });
});

describe('patterns of any shape are applied', () => {
  it('separate ** segments, any number of them', () => {
    const rule = 'a/**/b/**/c/**/d/**/e/**/f';
    const matcher = GitignoreMatcher.of([rule]);
    expect(matcher.ignores('a/b/c/d/e/f')).toBe(true);
    expect(matcher.ignores('a/1/b/2/3/c/d/4/e/5/f')).toBe(true);
    expect(matcher.ignores('a/b/c/d/f')).toBe(false);
  });

  it('runs of ** mean what one does', () => {
    const matcher = GitignoreMatcher.of(['x/**/**/**/y']);
    expect(matcher.ignores('x/y')).toBe(true);
    expect(matcher.ignores('x/a/b/c/y')).toBe(true);
    expect(matcher.ignores('x/a/b/c/z')).toBe(false);
  });

  it(`a pattern needing more than ${LONGEST_PATH_BYTES} bytes matches no path, and one just under does`, () => {
    const long = 'a'.repeat(LONGEST_PATH_BYTES);
    expect(GitignoreMatcher.of([long]).ignores(long)).toBe(true);
    expect(GitignoreMatcher.of([`${long}*`]).ignores(long)).toBe(true);
    expect(GitignoreMatcher.of([`${long}?`]).ignores(`${long}b`)).toBe(false);
  });
});

describe('an ignore file check cannot read is said, not skipped', () => {
  it('a FIFO named .gitignore: no hang, and each file below it carries C2A259 located in it', () => {
    const dir = repo({ 'app/compose.yaml': SIMPLE, 'other/compose.yaml': SIMPLE });
    fifo(join(dir, 'app', '.gitignore'));
    const r = checkLimited(dir);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    const codes = (path: string) => r.files!.get(path)!.diagnostics.map((d) => [d.code, d.severity, d.file, d.line]);
    expect(codes('app/compose.yaml')).toContainEqual(['C2A259', 'warning', 'app/.gitignore', 1]);
    expect(codes('other/compose.yaml').map(([code]) => code)).not.toContain('C2A259');
    // --fail-on warning stops on it: the files checked may be ones git ignores.
    expect(runLimited(['check', '.', '--fail-on', 'warning', '-q'], dir).code).toBe(1);
  });

  it('a Latin-1 .gitignore still applies, as git applies it', () => {
    const dir = repo({ '.gitignore': Buffer.from('# généré\nbuild/\n', 'latin1'), 'build/compose.yaml': SIMPLE, 'app/compose.yaml': SIMPLE });
    const r = checkLimited(dir);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    expect([...r.files!.keys()]).toEqual(['app/compose.yaml']);
  });
});
