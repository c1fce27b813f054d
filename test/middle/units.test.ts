import { describe, expect, test } from 'vitest';
import { parseByteSize, parseDuration, parseDurationStrict, splitShellWords, splitWhitespace } from '../../passes/support/units.js';

describe('splitShellWords', () => {
  test.each([
    ['python3 -m http.server 8000', ['python3', '-m', 'http.server', '8000']],
    [`sh -c "echo hi"`, ['sh', '-c', 'echo hi']],
    [`sh -c 'echo "a b" && exit 1'`, ['sh', '-c', 'echo "a b" && exit 1']],
    [`redis-server --save "" --appendonly no`, ['redis-server', '--save', '', '--appendonly', 'no']],
    [`a\\ b c`, ['a b', 'c']],
    [`"a\\"b" 'c\\d'`, ['a"b', 'c\\d']],
    [`"x\\$y"`, ['x\\$y']],
    [`pre"fix"'ed'`, ['prefixed']],
    ['  spaced \t out\n', ['spaced', 'out']],
    ['', []],
  ])('%j', (line, words) => {
    expect(splitShellWords(line)).toEqual({ ok: true, value: words });
  });

  test.each([
    [`sh -c "echo`, { problem: 'double-quote-unclosed', column: 7 }],
    [`echo 'x`, { problem: 'single-quote-unclosed', column: 6 }],
    ['trailing\\', { problem: 'lone-backslash' }],
  ])('%j is refused, with the variant that says why', (line, problem) => {
    expect(splitShellWords(line)).toEqual({ ok: false, problem });
  });

  test('the reference split keeps quotes', () => {
    expect(splitWhitespace(`sh -c "echo hi"`)).toEqual(['sh', '-c', '"echo', 'hi"']);
  });
});

describe('parseDuration', () => {
  test.each([
    ['30s', 30],
    ['1m30s', 90],
    ['1h2m3s', 3723],
    ['1.5h', 5400],
    ['500ms', 0.5],
    ['0', 0],
    ['2m1h', 3720],
  ])('%s = %ss', (text, seconds) => {
    const r = parseDuration(text);
    expect(r.ok && r.value).toBeCloseTo(seconds, 9);
  });
  test.each([['1d'], ['10'], ['-5s'], ['s'], ['1x'], ['']])('%j is refused', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });
  test('strict accepts only whole h, m and s in order', () => {
    expect(parseDurationStrict('1h2m3s')).toEqual({ ok: true, value: 3723 });
    expect(parseDurationStrict('500ms').ok).toBe(false);
    expect(parseDurationStrict('2m1h').ok).toBe(false);
  });
});

describe('parseByteSize', () => {
  test.each([
    ['512B', '512'],
    ['64KB', '64Ki'],
    ['2m', '2Mi'],
    ['3GB', '3Gi'],
    ['0.5G', '0.5Gi'],
    ['2GiB', '2Gi'],
    ['1 gb', '1Gi'],
    ['1t', '1Ti'],
    ['1048576', '1048576'],
  ])('%s → %s', (text, quantity) => {
    expect(parseByteSize(text, false)).toEqual({ ok: true, value: quantity });
  });
  test('integers are bytes', () => {
    expect(parseByteSize(20971520, false)).toEqual({ ok: true, value: '20971520' });
  });
  test.each([['1x'], ['g'], ['-1g'], ['1.2.3g']])('%j is refused', (text) => {
    expect(parseByteSize(text, false).ok).toBe(false);
  });
  test('strict follows the reference: a unit is required, no GiB, no integers', () => {
    expect(parseByteSize('1.5gb', true)).toEqual({ ok: true, value: '1.5Gi' });
    expect(parseByteSize('2GiB', true).ok).toBe(false);
    expect(parseByteSize('1024', true).ok).toBe(false);
    expect(parseByteSize(1024, true).ok).toBe(false);
  });
});
