// The engine's contract with its callers: structured errors with a kind and a position in the
// template text, no exceptions for bad input, and the root context of agent-env.

import { describe, expect, it } from 'vitest';
import { makeTemplateRoot, renderTpl, toYaml, type TemplateError } from '../../src/chart/template/index.js';
import { resolveHelmScalar } from '../../src/yaml/helm-scalar.js';

const root = makeTemplateRoot({ global: {}, port: 8080 }, { name: 'demo', namespace: 'sandbox' });

function errorOf(text: string): TemplateError {
  const result = renderTpl(text, root);
  if (!('error' in result)) throw new Error(`expected an error, got ${JSON.stringify(result.output)}`);
  return result.error;
}

describe('errors', () => {
  it('a syntax error is a parse error at the offending token', () => {
    const text = 'kind: ConfigMap\nname: {{ nope . }}';
    const error = errorOf(text);
    expect(error.kind).toBe('parse');
    expect(error.message).toBe('function "nope" not defined');
    expect(text.slice(error.offset, error.offset + 4)).toBe('nope');
    expect([error.line, error.col]).toEqual([2, 10]);
  });

  it('a failing function is an exec error at its command', () => {
    const text = 'a: 1\nb: {{ required "b is required" .Values.missing }}';
    const error = errorOf(text);
    expect(error.kind).toBe('exec');
    expect(error.message).toContain('b is required');
    expect([error.line, error.col]).toEqual([2, 7]);
  });

  it('a Helm function the engine does not implement is named, not blamed on the template', () => {
    const error = errorOf('ip: {{ getHostByName "example.com" }}');
    expect(error.kind).toBe('unsupported');
    expect(error.function).toBe('getHostByName');
    expect(error.message).toContain('no network');
  });

  it('an unsupported function in a branch that does not run is no error', () => {
    expect(renderTpl('{{ if false }}{{ getHostByName "example.com" }}{{ end }}ok', root)).toEqual({ output: 'ok' });
  });

  it('runaway recursion ends in an error, not a crash, with a bounded message', () => {
    const error = errorOf('{{ define "x" }}{{ include "x" . }}{{ end }}{{ include "x" . }}');
    expect(error.kind).toBe('exec');
    expect(error.message).toContain('exceeded maximum template depth');
    const nested = errorOf('{{ define "x" }}{{ tpl "{{ include \\"x\\" . }}" . }}{{ end }}{{ include "x" . }}');
    expect(nested.message.length).toBeLessThan(2100);
  });
});

describe('root context', () => {
  it('exposes release, chart and values as the chart sees them', () => {
    const text = '{{ .Release.Name }}/{{ .Release.Namespace }}/{{ .Chart.Name }}-{{ .Chart.Version }}/{{ .Values.port }}/{{ typeOf .Values.port }}';
    expect(renderTpl(text, root)).toEqual({ output: 'demo/sandbox/agent-env-0.14.0/8080/float64' });
  });

  it('a define in the text applies to that call only', () => {
    const own = '{{ define "agentEnv.fullname" }}mine{{ end }}{{ include "agentEnv.fullname" . }}';
    expect(renderTpl(own, root)).toEqual({ output: 'mine' });
    expect(renderTpl('{{ include "agentEnv.fullname" . }}', root)).toEqual({ output: 'agent-env-demo' });
  });

  it('does not change the values it is given', () => {
    const values = { global: {}, list: [1], map: { a: 1 } };
    const before = JSON.stringify(values);
    renderTpl('{{ $_ := set .Values.map "b" 2 }}{{ $_ := append .Values.list 2 }}{{ .Values.map }}', makeTemplateRoot(values, { name: 'r', namespace: 'n' }));
    expect(JSON.stringify(values)).toBe(before);
  });
});

describe('toYaml', () => {
  // Expected text printed by Helm for the same data given as values.
  it('prints plain JS data as Helm prints values (numbers are float64)', () => {
    expect(toYaml({ b: [1, 'yes', null], a: { n: 1000000, f: 0.000001 } })).toBe('a:\n  f: 1e-06\n  "n": 1000000\nb:\n- 1\n- "yes"\n- null');
  });
});

describe('integers from values files and from template text', () => {
  // Helm reads values files through sigs.k8s.io/yaml (YAML → JSON → float64), so a large integer
  // there is the nearest double, while an integer written in template text is Go's int, exact to
  // 64 bits. The expected texts are what helm v4.1.4 rendered for these values and templates.
  const values = { big: resolveHelmScalar('9007199254740993'), max: resolveHelmScalar('9223372036854775807') };
  const withValues = makeTemplateRoot(values, { name: 'demo', namespace: 'sandbox' });
  const cases: [string, string][] = [
    ['{{ .Values.big }}', '9.007199254740992e+15'],
    ['{{ .Values.big | typeOf }}', 'float64'],
    ['{{ .Values.max | typeOf }} {{ .Values.max }}', 'float64 9.223372036854776e+18'],
    ['{{ .Values.big | int64 }}', '9007199254740992'],
    ['{{ 9223372036854775807 }} {{ 9223372036854775807 | typeOf }}', '9223372036854775807 int'],
    ['{{ add 9223372036854775807 1 }}', '-9223372036854775808'],
  ];
  for (const [template, want] of cases) {
    it(template, () => expect(renderTpl(template, withValues)).toEqual({ output: want }));
  }
});
