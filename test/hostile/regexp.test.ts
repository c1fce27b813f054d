// Class "regular expressions that backtrack": templates run Go's regexp, RE2's language matched
// in linear time. On a backtracking engine `(a+)+$` against a long run of a's that does not
// end the text takes exponential time: each input runs in a child process under LIMITS, so a
// hang is a failed test. RE2 refuses back-references and look-around; so do the functions.

import { describe, expect, it } from 'vitest';
import { makeTemplateRoot, renderTpl } from '../../src/chart/template/index.js';
import { LIMITS, renderLimited, renderManyLimited, rendersAs } from './support.js';

const LONG = 100_000;
const root = makeTemplateRoot({}, { name: 'r', namespace: 'default' });

describe(`catastrophic patterns answer within ${LIMITS.timeoutMs / 1000} s`, () => {
  const text = `(printf "%sb" (repeat ${LONG} "a"))`;
  const cases: [string, string, string][] = [
    ['regexMatch', `{{ regexMatch "(a+)+$" ${text} }}`, 'false'],
    ['mustRegexMatch', `{{ mustRegexMatch "^(a|a)*$" ${text} }}`, 'false'],
    ['regexFind', `{{ regexFind "(a*)*c" ${text} | quote }}`, '""'],
    ['regexFindAll', `{{ regexFindAll "(a|aa)+c" ${text} -1 | len }}`, '0'],
    ["regexReplaceAll", `{{ regexReplaceAll "(a+)+$" ${text} "x" | len }}`, String(LONG + 1)],
    ['regexSplit', `{{ regexSplit "(a+)+c" ${text} -1 | len }}`, '1'],
  ];
  for (const [fn, template, output] of cases) {
    it(`${fn} on ${LONG} characters`, () => {
      const r = renderLimited(template);
      expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
      expect(r.result).toEqual({ output });
    });
  }
});

describe("what RE2 refuses is refused, in Go's words", () => {
  it('a back-reference does not match (regexMatch drops the error) and mustRegexMatch says why', () => {
    expect(renderTpl('{{ regexMatch "(a)\\\\1" "aa" }}', root)).toEqual({ output: 'false' });
    const r = renderTpl('{{ mustRegexMatch "(a)\\\\1" "aa" }}', root);
    expect('error' in r && r.error.message).toContain('error parsing regexp: invalid escape sequence: `\\1`');
  });

  it('look-behind and look-ahead are not RE2', () => {
    const behind = renderTpl('{{ regexReplaceAll "(?<=a)b" "ab" "x" }}', root);
    expect('error' in behind && behind.error.message).toContain('regexp: Compile(`(?<=a)b`): error parsing regexp: invalid named capture: `(?<=a)b`');
    const ahead = renderTpl('{{ mustRegexMatch "a(?=b)" "ab" }}', root);
    expect('error' in ahead && ahead.error.message).toContain('error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
  });

  it('a pattern nested past RE2\'s limit is refused, not a stack overflow', () => {
    const pattern = '('.repeat(5000) + 'a' + ')'.repeat(5000);
    const r = renderManyLimited([`{{ mustRegexMatch "${pattern}" "a" }}`, `{{ regexMatch "${pattern}" "a" }}`]);
    expect(r.code).toBe(0);
    // The message quotes the pattern twice; it is clipped to both its ends.
    expect(r.results![0]!.error).toMatchObject({ kind: 'exec', line: 1, message: expect.stringMatching(/^executing "gotpl" at <mustRegexMatch "\(+ … \)+`$/) });
    // regexMatch drops the compile error, as Go's does.
    expect(r.results![1]).toEqual({ output: 'false' });
  });
});

describe("Go's rules for successive matches", () => {
  rendersAs([
    ['{{ regexFindAll "a*" "baaac" -1 | toJson }}', '["","aaa",""]'],
    ['{{ regexReplaceAll "a*" "baaac" "X" }}', 'XbXcX'],
    ['{{ regexSplit "x*" "axbxxc" -1 | toJson }}', '["a","b","c"]'],
    ['{{ regexReplaceAll "x*" "α😀" "-" }}', '-α-😀-'],
    ['{{ regexFind "a|ab" "ab" }}', 'a'],
    ['{{ regexReplaceAll "(?P<w>a)|(?P<w>b)" "ab" "[${w}]" }}', '[a][b]'],
    ['{{ regexReplaceAll "(a)" "a" "$01|${1}|$1x|$$" }}', '|a||$'],
  ]);
});
