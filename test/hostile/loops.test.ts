// Class "template loops without end": one render takes at most WORK_BUDGET steps (an action,
// a loop iteration, a function call, the items and characters a function reads or returns).
// Without it `range until 60000000` with an empty body ran for minutes, nested ranges
// multiplied, and `until` allocated its whole list before anything looked at it. Each input
// runs in a child process under LIMITS.

import { describe, expect, it } from 'vitest';
import { makeTemplateRoot, RenderBudget, renderTpl, WORK_BUDGET } from '../../src/chart/template/index.js';
import { expectOneRenderError, LIMITS, renderLimited, repo, runLimited } from './support.js';

describe(`template loops end within ${LIMITS.timeoutMs / 1000} s and ${LIMITS.heapMb} MB`, () => {
  it('an additionalResources entry looping 60 000 000 times: C2A359 at the entry\'s line, exit 1', () => {
    const entry = '  - |\n    kind: ConfigMap\n    apiVersion: v1\n    metadata: {name: c}\n    data: {x: "{{ range until 60000000 }}{{ end }}"}\n';
    const dir = repo({ 'values.yaml': `additionalResources:\n${entry}${entry.replace('name: c', 'name: d')}` });
    const r = runLimited(['render', 'values.yaml'], dir);
    expectOneRenderError(r, 'C2A359');
    expect(r.stderr).toMatch(/values\.yaml:2:\d+: error C2A359/);
    expect(r.stderr).toContain(`more than ${WORK_BUDGET} steps`);
    expect(r.stderr).toContain('at its line 4, column');
    expect(r.stderr).toContain('hint: a sandbox object takes a few thousand steps');
  });

  const runaway: [string, string][] = [
    ['a range of 60 000 000 with an empty body', '{{ range until 60000000 }}{{ end }}'],
    ['untilStep and seq of billions', '{{ $a := untilStep 0 2000000000 1 }}{{ seq 1 2000000000 }}'],
    ['two nested ranges of 10 000', '{{ range until 10000 }}{{ range until 10000 }}{{ end }}{{ end }}'],
    ['three nested ranges of 1 000 with a call inside', '{{ range until 1000 }}{{ range until 1000 }}{{ range until 1000 }}{{ $x := add 1 2 }}{{ end }}{{ end }}{{ end }}'],
    ['a range over a list built once', '{{ $l := until 2000000 }}{{ range $l }}{{ end }}'],
    ['a cheap function of a large list, called in a loop', '{{ $l := until 1000000 }}{{ range until 1000 }}{{ $x := has 5 $l }}{{ end }}'],
    ['toJson of a large list in a loop', '{{ $l := until 1000000 }}{{ range until 100 }}{{ $x := toJson $l }}{{ end }}'],
    ['repeat of a long string in a loop, printed nowhere', '{{ range until 100000 }}{{ $s := repeat 60000000 "x" }}{{ end }}'],
    ['a recursive include that loops', '{{ define "f" }}{{ range until 1000 }}{{ end }}{{ if lt (len .) 100 }}{{ include "f" (append . 1) }}{{ end }}{{ end }}{{ range until 1000 }}{{ include "f" list }}{{ end }}'],
    ['tpl inside a loop', '{{ range until 100000 }}{{ tpl "{{ range until 1000 }}{{ end }}" . }}{{ end }}'],
  ];
  for (const [name, template] of runaway) {
    it(`${name}: a work budget error at line 1`, () => {
      const r = renderLimited(template);
      expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
      expect(r.result?.error).toMatchObject({ kind: 'work', line: 1, limit: WORK_BUDGET });
      expect(r.result?.error?.message).toContain(`the render passes its work budget of ${WORK_BUDGET} steps`);
    });
  }
});

describe('the work budget', () => {
  const root = makeTemplateRoot({}, { name: 'r', namespace: 'default' });

  it('refuses a list before it is built: the error is at until, with nothing iterated', () => {
    expect(renderTpl('{{ range until 60000000 }}x{{ end }}', root)).toMatchObject({ error: { kind: 'work', line: 1, col: 10 } });
  });

  it('spans the renders that share it, and counts what functions read and return', () => {
    const budget = new RenderBudget({ work: 1000 });
    expect(renderTpl('{{ range until 100 }}{{ end }}', root, budget)).toEqual({ output: '' });
    expect(renderTpl('{{ range until 400 }}{{ end }}', root, budget)).toMatchObject({ error: { kind: 'work' } });
    const reading = new RenderBudget({ work: 1000 });
    // 200 000 characters are 782 steps when repeat returns them, and 782 more when len reads them.
    expect(renderTpl('{{ $s := repeat 200000 "x" }}{{ len $s }}', root, reading)).toMatchObject({ error: { kind: 'work', col: 33 } });
  });

  it('ordinary loops render', () => {
    expect(renderTpl('{{ range $i := until 3 }}{{ range until 2 }}{{ $i }}{{ end }}{{ end }}|{{ seq 3 }}', root)).toEqual({ output: '001122|1 2 3' });
  });
});
