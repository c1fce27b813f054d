// Class "output that exhausts memory": one render's templates produce at most OUTPUT_BUDGET
// characters, counted as text is produced and checked before functions build long strings;
// past it, a located error (C2A355, or the template error of a tpl call). printf follows Go's
// fmt: a width or precision past fmt's limit is not a number (NOVERB, BADWIDTH, BADPREC),
// not a hundred megabytes of padding. Each input runs in a child process under LIMITS:
// without the budget these abort the process (heap out of memory) or take minutes.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTemplateRoot, OUTPUT_BUDGET, RenderBudget, renderTpl } from '../../src/chart/template/index.js';
import { expectOneRenderError, LIMITS, renderLimited, repo, runLimited, rendersAs } from './support.js';

const root = makeTemplateRoot({}, { name: 'r', namespace: 'default' });

describe('one output budget per render', () => {
  it('100 additionalResources entries of 4 000 000 characters each: C2A355 at the entry that passes it, exit 1', () => {
    const entries = Array.from({ length: 100 }, (_, i) => `  - |\n    kind: ConfigMap\n    apiVersion: v1\n    metadata: {name: c${i}}\n    data: {x: "{{ repeat 4000000 "x" }}"}\n`);
    const dir = repo({ 'values.yaml': `additionalResources:\n${entries.join('')}` });
    const r = runLimited(['render', 'values.yaml'], dir);
    // 64 Mi characters hold 16 entries of 4 000 000 characters; the 17th passes them.
    expectOneRenderError(r, 'C2A355');
    expect(r.stderr).toContain('at its line 4, column 15');
  });

  const overflowing: [string, string][] = [
    ['repeat 1e9', '{{ repeat 1000000000 "x" }}'],
    ['repeat of a long string, kept in a variable', '{{ $s := repeat 1000000 "x" }}{{ $t := repeat 1000 $s }}'],
    ['a loop printing 4 MB a thousand times', '{{ range until 1000 }}{{ repeat 4000000 "x" }}{{ end }}'],
    ['nested includes doubling a string', '{{ define "d" }}{{ . }}{{ . }}{{ end }}{{ $s := "x" }}{{ range until 40 }}{{ $s = include "d" $s }}{{ end }}'],
    ['indent of many lines', '{{ indent 1000000 (repeat 100000 "\\n") }}'],
    ['replace that multiplies', '{{ replace "" (repeat 100000 "y") (repeat 100000 "x") }}'],
    ['regexReplaceAll that multiplies', '{{ regexReplaceAll "" (repeat 100000 "x") (repeat 100000 "y") }}'],
    ['printf of many widths', `{{ printf "${'%9999999d'.repeat(20)}" ${'1 '.repeat(20)} }}`],
    ['tpl inside the render', '{{ tpl "{{ repeat 100000000 \\"x\\" }}" . }}'],
  ];
  for (const [name, template] of overflowing) {
    it(`${name}: a budget error at the call, within ${LIMITS.timeoutMs / 1000} s and ${LIMITS.heapMb} MB`, () => {
      const r = renderLimited(template);
      expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
      expect(r.result?.error).toMatchObject({ kind: 'budget', line: 1 });
      expect(r.result?.error?.message).toContain(`the render's output passes its budget of ${OUTPUT_BUDGET} characters`);
    });
  }

  it('the budget spans the renders that share it', () => {
    const budget = new RenderBudget({ output: 1000 });
    expect(renderTpl('{{ repeat 600 "x" | len }}{{ repeat 600 "x" }}', root, budget)).toMatchObject({ output: expect.stringMatching(/^600x+$/) });
    expect(renderTpl('{{ repeat 600 "x" }}', root, budget)).toMatchObject({ error: { kind: 'budget', line: 1, col: 4, limit: 1000 } });
  });

  it('text under the budget renders', () => {
    expect(renderTpl('{{ repeat 3 "ab" }}|{{ indent 2 "a\\nb" }}|{{ replace "a" "bb" "aa" }}', root)).toEqual({ output: 'ababab|  a\n  b|bbbb' });
  });
});

describe("printf's widths and precisions are Go's", () => {
  rendersAs([
    ['{{ printf "%.100000000f" 1.0 }}', '%!(NOVERB)%!(EXTRA float64=1)'],
    ['{{ printf "%999999999d" 1 }}', '%!(NOVERB)%!(EXTRA int=1)'],
    ['{{ printf "%99999999d|" 1 }}', '%!(NOVERB)%!(EXTRA int=1)'],
    ['{{ printf "%*d" 999999999 1 }}', '%!(BADWIDTH)1'],
    ['{{ printf "%.*f" 10000000 1.0 }}', '%!(BADPREC)1.000000'],
    ['{{ printf "%.*f" -1 1.0 }}', '%!(BADPREC)1.000000'],
    ['{{ printf "%5d|%-4d|%.2f" 1 2 3.14159 }}', '    1|2   |3.14'],
  ]);

  it('the largest widths fmt takes (its number grows past 1e6 only by its last digit) still print, under the budget', () => {
    const r = renderLimited('{{ printf "%9999999d" 1 | len }}|{{ printf "%10000000d" 1 | len }}|{{ printf "%*d" 1000000 1 | len }}');
    expect(r.result).toEqual({ output: '9999999|10000000|1000000' });
  });
});
