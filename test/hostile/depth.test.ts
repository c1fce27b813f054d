// Class "recursion depth": nesting that would overflow the stack ends in a located
// diagnostic — variable defaults in a compose file and in a .env, {{if}} and parentheses in
// templates. Without the limits each of these inputs throws RangeError (exit 2). Every input
// runs in a child process under LIMITS: the compose files in one `check` of a directory, the
// templates in one render child.

import { describe, expect, it } from 'vitest';
import { MAX_TEMPLATE_NESTING } from '../../src/chart/template/parser.js';
import { MAX_NESTING } from '../../passes/front/interpolation.js';
import { NESTING_LIMIT } from '../../src/yaml/budget.js';
import { checkLimited, LIMITS, renderManyLimited, repo, runLimited } from './support.js';

const DEEP = 3000;
const nestedDefault = (depth: number) => '${A:-'.repeat(depth) + 'x' + '}'.repeat(depth);

describe(`nested variable defaults end within ${LIMITS.timeoutMs / 1000} s and ${LIMITS.heapMb} MB`, () => {
  it(`${DEEP} levels in a compose file and in a .env: located errors; a few levels expand`, () => {
    const dir = repo({
      'file/compose.yaml': `services:\n  default:\n    image: "${nestedDefault(DEEP)}"\n`,
      'dotenv/compose.yaml': 'services:\n  default:\n    image: alpine:${TAG}\n',
      'dotenv/.env': `X=1\nTAG=${nestedDefault(DEEP)}\n`,
      'few/compose.yaml': `services:\n  default:\n    image: "${nestedDefault(5)}"\n`,
    });
    const r = checkLimited(dir);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    const errors = (path: string) => r.files!.get(path)!.diagnostics.filter((d) => d.severity === 'error');
    expect(errors('file/compose.yaml').map((d) => [d.code, d.line])).toEqual([['C2A353', 3]]);
    const dotenv = errors('dotenv/compose.yaml');
    expect(dotenv.map((d) => [d.file, d.line])).toEqual([['dotenv/.env', 2]]);
    expect(dotenv[0]!.message).toContain(`more than ${MAX_NESTING} levels`);
    expect(errors('few/compose.yaml')).toEqual([]);
  });
});

describe(`nested templates end within ${LIMITS.timeoutMs / 1000} s and ${LIMITS.heapMb} MB`, () => {
  const nested: [string, string][] = [
    ['{{if}}', '{{ if 1 }}'.repeat(2000) + 'x' + '{{ end }}'.repeat(2000)],
    ['{{with}}', '{{ with 1 }}'.repeat(2000) + '{{ end }}'.repeat(2000)],
    ['{{else if}} chains', '{{ if 0 }}' + '{{ else if 0 }}'.repeat(3000) + '{{ end }}'],
    ['parentheses', '{{ ' + '('.repeat(2000) + '1' + ')'.repeat(2000) + ' }}'],
  ];
  const recursion = '{{ define "a" }}' + '{{ if 1 }}'.repeat(150) + '{{ include "a" . }}' + '{{ end }}'.repeat(150) + '{{ end }}{{ include "a" . }}';
  const ordinary = '{{ if 1 }}{{ with 2 }}{{ (add (add 1 2) 3) }}{{ end }}{{ end }}';

  it(`2000 nested {{if}}, {{with}}, {{else if}} and parentheses: located parse errors; recursion through include stops; ordinary nesting renders`, () => {
    const r = renderManyLimited([...nested.map(([, template]) => template), recursion, ordinary]);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    const results = r.results!;
    nested.forEach(([name], i) => {
      expect({ name, error: results[i]!.error }).toMatchObject({ name, error: { kind: 'parse', line: 1 } });
      expect(results[i]!.error!.message).toContain(`more than ${MAX_TEMPLATE_NESTING}`);
    });
    expect(results[nested.length]).toMatchObject({ error: { kind: 'exec' } });
    expect(results[nested.length + 1]).toEqual({ output: '6' });
  });
});

describe(`deeply nested YAML ends within ${LIMITS.timeoutMs / 1000} s and ${LIMITS.heapMb} MB`, () => {
  const flow = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const indented = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n') + ' 1';

  it(`compose files nesting 50 000 flow lists or 1 500 indented mappings: C2A360 where the nesting passes ${NESTING_LIMIT}, not a stack overflow`, () => {
    const dir = repo({
      'flow/compose.yaml': `services:\n  default:\n    image: alpine:3.20\n    command: ${flow(50_000)}\n`,
      'block/compose.yaml': `services:\n  default:\n    image: alpine:3.20\nx-deep:\n${indented(1500)}\n`,
      'fine/compose.yaml': `services:\n  default:\n    image: alpine:3.20\nx-deep: ${flow(100)}\n`,
    });
    const r = checkLimited(dir);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    const errors = (path: string) => r.files!.get(path)!.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line]);
    // Located where the depth (the mappings above included) passes the limit: a bracket of
    // line 4, a key some 250 lines into the indented ones.
    expect(errors('flow/compose.yaml')).toEqual([['C2A360', 4]]);
    const [[code, line]] = errors('block/compose.yaml') as [[string, number]];
    expect({ code, near: Math.abs(line - NESTING_LIMIT) < 10 }).toEqual({ code: 'C2A360', near: true });
    expect(errors('fine/compose.yaml')).toEqual([]);
  });

  it('a values file under render (it aborted the process at 50 000 levels) and fromYaml in a template', () => {
    const r = runLimited(['render', 'values.yaml'], repo({ 'values.yaml': `a: 1\nx: ${flow(50_000)}\n` }));
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 1, signal: null });
    expect(r.stderr).toContain('values.yaml:2:');
    expect(r.stderr).toContain(`error C2A360: the document nests lists and mappings more than ${NESTING_LIMIT} levels deep`);
    const rendered = renderManyLimited([`{{ fromYamlArray "${flow(5000)}" }}`]);
    expect(rendered.results![0]!.error?.message).toContain(`nests collections more than ${NESTING_LIMIT} levels deep`);
  });
});
