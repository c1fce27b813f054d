// The .gitignore matcher against git itself: generated patterns (anchors, `**` in every
// position, brackets with ranges, negation and named classes, escapes, trailing slashes and
// spaces, negated rules) over a generated tree of files and directories, in a root .gitignore
// and one a directory below, each path's verdict compared with `git check-ignore --no-index`.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitignoreMatcher, IgnoreStack, parseGitignore } from '../../src/tools/check/gitignore.js';
import { prng } from '../prng.js';
import { tempDir } from '../support/temp-dir.js';

const ROUNDS = 30;
const NAMES = ['a', 'b', 'ab', 'ba', 'abc', 'a.b', 'é', 'x y', '[a]', 'a*b', '!a', '#b', 'a ', 'a\\b', 'ø.log', 'B'];
const TOKENS = [
  'a', 'b', 'ab', '.', 'é', ' ', 'x y', '/', '/', '*', '*', '**', '**', '***', '?', '[ab]', '[!a]', '[a-c]', '[^b]',
  '[[:alpha:]]', '[[:punct:]]', '[]a]', '[z-a]', '[a-]', '[\\]]', '\\*', '\\a', '\\ ', '[', '[[:nope:]]', '[:a', '!', '#', '\\',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function pattern(random: () => number): string {
  let text = '';
  const length = 1 + Math.floor(random() * 6);
  for (let i = 0; i < length; i++) text += pick(random, TOKENS);
  if (random() < 0.15) text = '/' + text;
  if (random() < 0.15) text += '/';
  if (random() < 0.1) text += '  ';
  if (random() < 0.2) text = '!' + text;
  return text;
}

/** Random paths; every proper prefix of one is a directory, so no path is both. */
function tree(random: () => number): { files: string[]; dirs: string[] } {
  const dirs = new Set<string>(['a']);
  const files = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const depth = 1 + Math.floor(random() * 4);
    const segments = Array.from({ length: depth }, () => pick(random, NAMES));
    if (random() < 0.5) segments[0] = 'a';
    for (let d = 1; d < depth; d++) dirs.add(segments.slice(0, d).join('/'));
    files.add(segments.join('/'));
  }
  return { files: [...files].filter((f) => !dirs.has(f)), dirs: [...dirs] };
}

/** git's verdict for each path: ignored or not. */
function gitVerdicts(dir: string, paths: readonly string[]): Map<string, boolean> {
  const run = spawnSync('git', ['check-ignore', '--no-index', '--verbose', '--non-matching', '-z', '--stdin'], {
    cwd: dir,
    input: paths.join('\0') + '\0',
    // Only the repository's own files: no user or system excludes file.
    env: { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: dir, GIT_CONFIG_NOSYSTEM: '1' },
  });
  // Status 1 says no path is ignored; anything else is a failure of the comparison.
  if (run.status !== 0 && run.status !== 1) throw new Error(`git check-ignore failed: ${run.stderr.toString()}`);
  const fields = run.stdout.toString('utf8').split('\0');
  const verdicts = new Map<string, boolean>();
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const matched = fields[i + 2]!;
    verdicts.set(fields[i + 3]!, matched !== '' && !matched.startsWith('!'));
  }
  return verdicts;
}

describe('the .gitignore matcher agrees with git check-ignore', () => {
  it(`${ROUNDS} generated .gitignore pairs over generated trees`, () => {
    const random = prng(20261202);
    const disagreements: { root: string[]; sub: string[]; path: string; git: boolean | undefined; ours: boolean }[] = [];
    let compared = 0;
    let ignored = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const dir = tempDir('gitignore');
      execFileSync('git', ['init', '-q'], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' } });
      const { files, dirs } = tree(random);
      for (const d of dirs) mkdirSync(join(dir, d), { recursive: true });
      for (const f of files) writeFileSync(join(dir, f), '');
      const root = Array.from({ length: 6 }, () => pattern(random));
      const sub = Array.from({ length: 3 }, () => pattern(random));
      writeFileSync(join(dir, '.gitignore'), root.join('\n') + '\n');
      writeFileSync(join(dir, 'a', '.gitignore'), sub.join('\r\n') + '\r\n');
      const stack = IgnoreStack.empty()
        .with(parseGitignore(root.join('\n') + '\n', '/r'))
        .with(parseGitignore(sub.join('\r\n') + '\r\n', '/r/a'));
      const paths = [...files, ...dirs];
      const verdicts = gitVerdicts(dir, paths);
      for (const path of paths) {
        const ours = stack.ignores(`/r/${path}`, dirs.includes(path));
        const git = verdicts.get(path);
        compared++;
        if (git) ignored++;
        if (ours !== git) disagreements.push({ root, sub, path, git, ours });
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(ROUNDS * 40);
    // Both verdicts are well represented, so agreeing is not agreeing on `false`.
    expect(ignored / compared).toBeGreaterThan(0.2);
    expect(ignored / compared).toBeLessThan(0.8);
  });

  it('the quirks git has, each checked against it', () => {
    const dir = tempDir('gitignore');
    execFileSync('git', ['init', '-q'], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' } });
    const cases: [rule: string, path: string][] = [
      // A `**` right after the literal prefix of an anchored pattern spans directories.
      ['a**/b', 'a/x/y/b'],
      ['a**/b', 'ab/b'],
      ['x/**/**/**/y', 'x/1/2/3/y'],
      // Before an escaped slash, `**` spans directories but needs at least one.
      ['x/**\\/y', 'x/y'],
      ['x/**\\/y', 'x/1/y'],
      // `?` is one byte: a two-byte name does not match it.
      ['?', 'é'],
      ['??', 'é'],
      ['[[:alpha:]]', 'é'],
      ['[!a]', 'é'],
    ];
    const paths = [...new Set(cases.map(([, path]) => path))];
    for (const path of paths) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), '');
    }
    for (const [rule, path] of cases) {
      writeFileSync(join(dir, '.gitignore'), rule + '\n');
      const git = gitVerdicts(dir, [path]).get(path);
      expect({ rule, path, verdict: GitignoreMatcher.of([rule]).ignores(path) }).toEqual({ rule, path, verdict: git });
    }
  });
});

describe('a .gitignore that is not UTF-8 applies as git applies it: byte for byte', () => {
  it('Latin-1 patterns against Latin-1 names', () => {
    const dir = tempDir('gitignore-latin1');
    execFileSync('git', ['init', '-q'], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir } });
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    // A Latin-1 comment, then patterns naming Latin-1 bytes: é is the one byte 0xE9 here.
    const gitignore = latin1('# généré\ncafé.log\nr?sum?.txt\n[é]x\n');
    writeFileSync(join(dir, '.gitignore'), gitignore);
    // 'resume.txt' matches too: `?` is any one byte, ASCII or not.
    const names = ['café.log', 'résumé.txt', 'éx', 'cafe.log', 'resume.txt'];
    for (const name of names) writeFileSync(Buffer.from(join(dir, name) + '\0', 'latin1').subarray(0, -1), '');
    const run = spawnSync('git', ['check-ignore', '--no-index', '--non-matching', '--verbose', '-z', '--stdin'], {
      cwd: dir,
      input: Buffer.concat(names.map((name) => Buffer.concat([latin1(name), Buffer.from([0])]))),
      env: { PATH: process.env.PATH, HOME: dir, XDG_CONFIG_HOME: dir, GIT_CONFIG_NOSYSTEM: '1' },
    });
    expect([0, 1]).toContain(run.status);
    const fields = run.stdout.toString('latin1').split('\0');
    const git = new Map<string, boolean>();
    for (let i = 0; i + 3 < fields.length; i += 4) git.set(fields[i + 3]!, fields[i + 2]! !== '');
    const stack = IgnoreStack.empty().with(parseGitignore(gitignore, '/r'));
    const matcher = GitignoreMatcher.EMPTY.with(parseGitignore(gitignore, '').lines, '', 'bytes');
    const ours = new Map(names.map((name) => [name, matcher.ignores(latin1(name))]));
    expect(ours).toEqual(git);
    expect([...ours.values()]).toEqual([true, true, true, false, true]);
    // The same bytes decoded as UTF-8 name other files: a UTF-8 'café.log' is not ignored.
    expect(stack.ignores('/r/café.log', false)).toBe(false);
  });
});
